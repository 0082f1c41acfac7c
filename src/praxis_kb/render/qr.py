"""QR codes of page addresses, for print."""

from __future__ import annotations

import re

import zxingcpp
from markupsafe import escape

_ZINT_SVG = re.compile(r'<svg width="(\d+)" height="(\d+)".*?<path d="([A-Za-z0-9 .-]+)"', re.S)


def qr_svg(text: str, label: str) -> str:
    """An inline SVG QR code (error correction M, the best-scanning mask, a quiet zone of four
    modules) drawn by zxing-cpp, which encodes in C++ (segno took about 6 ms per code in Python);
    ``label`` names the image for screen readers."""
    drawn = zxingcpp.write_barcode_to_svg(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M"))
    found = _ZINT_SVG.search(drawn)
    if found is None:  # a changed writer: fail loudly in the tests, never print a broken code
        raise RuntimeError(f"unexpected QR code SVG from zxing-cpp: {drawn[:200]!r}")
    width, height, path = found.groups()
    return (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" shape-rendering="crispEdges">'
        f'<rect width="{width}" height="{height}" fill="#fff"/><path fill="#000" d="{path}"/></svg>'
    )
