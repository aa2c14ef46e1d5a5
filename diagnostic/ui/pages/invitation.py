"""An invitation to a territory's space (``…/invitation?code=…``); drawn by
diagnostic.ui.space."""

from diagnostic.ui.space import invitation

invitation.render()
