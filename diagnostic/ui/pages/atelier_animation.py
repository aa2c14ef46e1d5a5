"""Run a workshop: create it, then its live dashboard; drawn by diagnostic.ui.workshop."""

from diagnostic.ui.workshop import adviser_page

adviser_page.render()
