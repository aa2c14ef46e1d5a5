"""Whether this request comes from the machine the app runs on (the person at the machine).

Without sign-in, pages that show more than one diagnostic are shown only to the person at
the machine. Streamlit gives no address for a loopback connection; a request that passed
through a proxy (``X-Forwarded-For`` or ``Forwarded``) is never taken as local, since the
proxy itself connects from the loopback address.
"""

from __future__ import annotations

import streamlit as st

PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-Ip")


def is_local_request() -> bool:
    """True when the browser runs on this machine and reached the app directly."""
    headers = st.context.headers
    if any(headers.get(name) for name in PROXY_HEADERS):
        return False
    return st.context.ip_address is None
