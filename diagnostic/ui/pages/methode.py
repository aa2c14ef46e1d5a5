"""Method: how the results are computed; drawn by diagnostic.ui.views."""

from diagnostic.ui.views import methode

methode.render()
