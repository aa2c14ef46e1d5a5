"""The workshop's pages and their parts: joining and answering, creating and running one.

``participant_page`` and ``adviser_page`` are drawn by the thin scripts ``pages/atelier.py``
and ``pages/atelier_animation.py``; the other modules are their parts.
"""
