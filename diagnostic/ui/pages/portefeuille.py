"""Portfolio: the territories of a région at a glance; drawn by diagnostic.ui.portfolio."""

from diagnostic.ui.portfolio import page

page.render()
