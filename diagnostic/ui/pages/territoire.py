"""A territory's space: its diagnostics over time and its workshops; drawn by
diagnostic.ui.space."""

from diagnostic.ui.space import territory

territory.render()
