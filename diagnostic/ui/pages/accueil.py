"""Welcome page; drawn by diagnostic.ui.views."""

from diagnostic.ui.views import accueil

accueil.render()
