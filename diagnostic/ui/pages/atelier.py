"""Workshop, for participants: join, answer, see the group; drawn by diagnostic.ui.workshop."""

from diagnostic.ui.workshop import participant_page

participant_page.render()
