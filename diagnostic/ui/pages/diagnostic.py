"""The wizard: profile, one step per motivation, summary; drawn by diagnostic.ui.views."""

from diagnostic.ui.views import diagnostic

diagnostic.render()
