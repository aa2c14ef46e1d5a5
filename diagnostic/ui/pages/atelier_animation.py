"""Run a workshop: create it, then its live dashboard; drawn by diagnostic.ui.views."""

from diagnostic.ui.views import atelier_animation

atelier_animation.render()
