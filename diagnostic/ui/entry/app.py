"""The script ``diagnostic-ess serve`` hands to Streamlit (alone in its folder, which
Streamlit puts first on ``sys.path``)."""

from diagnostic.ui.main import run

run()
