"""QR codes on printed pages: the inline SVG decodes to the page's address (the print tests also
scan them from real PDFs with zbarimg)."""

from __future__ import annotations

import re

import pytest
import zxingcpp

from praxis_kb.render import qr_svg

MODULE = re.compile(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+Z")


def rasterise(svg: str, scale: int = 4) -> tuple[memoryview, int]:
    """Draws the code's rectangles into a greyscale bitmap, as a printer would."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))  # type: ignore[union-attr]
    path = re.search(r'<path fill="#000" d="([^"]+)"', svg).group(1)  # type: ignore[union-attr]
    assert MODULE.sub("", path) == "", "the path holds only rectangles"
    pixels = bytearray([255]) * (size * size)
    for x, y, width, height in (map(int, found) for found in MODULE.findall(path)):
        for row in range(y, y + height):
            pixels[row * size + x : row * size + x + width] = bytes(width)
    big = bytearray()
    for row in range(size * scale):
        line = pixels[(row // scale) * size : (row // scale + 1) * size]
        big += bytes(value for value in line for _ in range(scale))
    return memoryview(bytes(big)).cast("B", (size * scale, size * scale)), size


@pytest.mark.parametrize(
    "url",
    [
        "https://praxis.example.org/praxis/aufgabenlandkarte-koordination/",
        "https://praxis.example.org/uk/praxis/sprachcafe-im-gemeindehaus/",
        "https://example.org/a/",
        "https://praxis.example.org/en/praxis/" + "sehr-langer-name-" * 8 + "/",
    ],
)
def test_the_code_decodes_to_the_address_with_medium_error_correction(url: str) -> None:
    image, size = rasterise(qr_svg(url, "QR-Code"))
    found = zxingcpp.read_barcode(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found is not None and found.text == url
    assert found.ec_level == "M"
    assert size >= 21 + 8, "version 1 or larger, with a quiet zone of four modules on each side"


def test_the_code_is_an_image_with_a_name_and_scales_with_css() -> None:
    svg = qr_svg("https://example.org/", 'QR-Code & "Adresse"')
    assert svg.startswith('<svg viewBox="0 0 ') and 'role="img" aria-label="QR-Code &amp; &#34;Adresse&#34;"' in svg
    assert "width=" not in svg.split(">", 1)[0], "no fixed size: the print style sheet sets it"
    assert "<?xml" not in svg and "<desc" not in svg and "DOCTYPE" not in svg
