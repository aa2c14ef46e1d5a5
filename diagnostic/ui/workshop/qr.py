"""The join link as a QR code, drawn on this machine (no outside service sees the link)."""

from __future__ import annotations

import base64
import html
import io
from functools import lru_cache

import segno

QR_SCALE = 12  # pixels per module: sharp when projected
QR_BORDER = 4  # the quiet zone scanners need, in modules
QR_ERROR = "m"  # recovers about 15 % of the code: enough for a projector's glare
QR_STYLE = (
    "display: block; width: 100%; max-width: min(34rem, 62vh); margin: 0 auto;"
    " image-rendering: pixelated;"
)


def qr_code(url: str) -> segno.QRCode:
    """The QR code that encodes ``url``."""
    return segno.make_qr(url, error=QR_ERROR, boost_error=False)


@lru_cache(maxsize=64)
def qr_png(url: str) -> bytes:
    """The QR code of ``url`` as a black-on-white PNG image."""
    buffer = io.BytesIO()
    qr_code(url).save(buffer, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return buffer.getvalue()


def qr_html(url: str, alt: str, style: str = "") -> str:
    """An ``<img>`` of the QR code, as wide as its column allows but never taller than the screen.

    The PNG travels inside the page (a ``data:`` address): nothing is fetched from elsewhere.
    """
    encoded = base64.b64encode(qr_png(url)).decode("ascii")
    return (
        f'<img class="workshop-qr" src="data:image/png;base64,{encoded}" alt="{html.escape(alt)}"'
        f' style="{QR_STYLE} {style}">'
    )
