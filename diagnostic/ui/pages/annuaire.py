"""Regional directory: the région's rows of « Qui appeler »; drawn by diagnostic.ui.directory."""

from diagnostic.ui.directory import page

page.render()
