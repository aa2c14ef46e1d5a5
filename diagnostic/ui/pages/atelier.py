"""Workshop, for participants: join, answer, see the group; drawn by diagnostic.ui.views."""

from diagnostic.ui.views import atelier

atelier.render()
