"""Every diagnostic and workshop of this installation; drawn by diagnostic.ui.space."""

from diagnostic.ui.space import mine

mine.render()
