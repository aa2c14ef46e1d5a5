"""The room benchmarks' servers: the test suite's own (a real ``streamlit run`` on 127.0.0.1,
tests/browser/browser_support.py), running the app or the bare page with the same widgets."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from browser_support import CHROMIUM_ARGS, Server, chromium_path  # noqa: E402

APP = ROOT / "app.py"
BARE = ROOT / "benchmarks" / "bare_room.py"

__all__ = ["APP", "BARE", "CHROMIUM_ARGS", "ROOT", "Server", "chromium_path"]
