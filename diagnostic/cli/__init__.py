"""The ``diagnostic-ess`` command line, a thin edge over the same API as the app.

``main`` (the commands), ``files`` and ``outputs`` (reading answers, writing outputs),
``db`` (backup, restore, checks), ``territory`` (the territory search) and ``usage``
(click's words in the command line's language).
"""

from .main import cli, main

__all__ = ["cli", "main"]
