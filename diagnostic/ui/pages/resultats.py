"""Results: what to do first, who to call, why; drawn by diagnostic.ui.views."""

from diagnostic.ui.views import resultats

resultats.render()
