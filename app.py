"""Diagnostic ESS territorial, the web app; start it with ``diagnostic-ess serve``."""

from diagnostic.ui.main import run

run()
