"""Printing: checklists and case sheets as clean A4 documents, QR codes that lead back online."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdf
import pytest
from browser_support import SITE_URL

from praxis_kb.load.project import Project

pytestmark = pytest.mark.browser

A4 = (595, 842)  # points, as Chromium writes them (±1)
NAV_WORDS = ["Passt das zu uns?", "Überblick", "Mitmachen", "Stand der Übersetzungen", "Suche"]


def print_pdf(page: Any, path: str, target: Path) -> pypdf.PdfReader:
    page.goto(path, wait_until="load")  # styles and images are in: nothing fetched later is printed
    page.evaluate("document.fonts.ready.then(() => null)")
    page.emulate_media(media="print")
    page.pdf(path=str(target), format="A4", print_background=True, prefer_css_page_size=True)
    return pypdf.PdfReader(str(target))


def assert_a4(reader: pypdf.PdfReader) -> None:
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, (width, height)


def text_of(pdf: Path) -> str:
    """The text of a printed page as a reader copies it (poppler's pdftotext: pypdf turns the soft
    hyphens in long German words into spaces); the soft hyphens, invisible on paper, left out."""
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.replace("\u00ad", "")


def test_the_checklist_prints_as_a4_with_every_criterion(page: Any, tmp_path: Path, project: Project) -> None:
    reader = print_pdf(page, "/checkliste/", tmp_path / "checkliste.pdf")
    assert_a4(reader)
    criteria = sorted(project.criteria_dir.glob("*.yml"))
    assert len(criteria) <= len(reader.pages) <= 2 * len(criteria) + 2
    text = text_of(tmp_path / "checkliste.pdf")
    for word in NAV_WORDS:
        assert word not in text, word
    import yaml

    for path in criteria:
        name = yaml.safe_load(path.read_text(encoding="utf-8"))["name"]["de"]
        assert name in " ".join(text.split()), name
    for field in ("Standort:", "Datum:", "Teilnehmende:"):
        assert field in text


def qr_codes(pdf: Path, tmp_path: Path, url: str) -> list[str]:
    """The codes on the sheets that carry *url* in words: a code always has its address beside it,
    and rasterising only those sheets spares a second or two per page."""
    assert shutil.which("pdftoppm") and shutil.which("zbarimg"), "apt-get install poppler-utils zbar-tools"
    sheets = [n for n, sheet in enumerate(pypdf.PdfReader(str(pdf)).pages, 1) if url in "".join((sheet.extract_text() or "").split())]
    assert sheets, f"no sheet names {url}"
    found: list[str] = []
    for number in sheets:
        subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", str(number), "-l", str(number), str(pdf), str(tmp_path / f"sheet{number}")], check=True)
    for image in sorted(tmp_path.glob("sheet*.png")):
        done = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=False)
        found += [line for line in done.stdout.splitlines() if line]
    return found


def filled(pdf: Path, tmp_path: Path) -> list[float]:
    """How far down each sheet of *pdf* the print reaches (0 = blank, 1 = to the bottom edge)."""
    subprocess.run(["pdftoppm", "-gray", "-r", "20", str(pdf), str(tmp_path / "fill")], check=True)
    depths = []
    for image in sorted(tmp_path.glob("fill*.pgm")):
        _magic, width, height, _maxval, pixels = image.read_bytes().split(maxsplit=4)
        w, h = int(width), int(height)
        inked = [y for y in range(h) if min(pixels[y * w : (y + 1) * w]) < 200]
        depths.append((inked[-1] + 1) / h if inked else 0.0)
    return depths


@pytest.mark.parametrize("path", ["/praxis/runder-tisch-kleinstadt/", "/praxis/mieterlotsen-laendlich/", "/ar/praxis/runder-tisch-kleinstadt/"])
def test_a_case_page_prints_as_a_clean_case_sheet(page: Any, tmp_path: Path, path: str) -> None:
    target = tmp_path / "fall.pdf"
    reader = print_pdf(page, path, target)
    assert_a4(reader)
    assert 2 <= len(reader.pages) <= 14
    text = text_of(target)
    for word in NAV_WORDS + ["Als Fallblatt drucken", "Transfer-Check:", "Teilnehmende:"]:
        assert word not in text, word  # neither navigation nor the transfer check
    url = f"{SITE_URL}{path.lstrip('/')}"
    assert url in "".join(text.split())  # the address is written beside the code
    assert qr_codes(target, tmp_path, url) == [url]
    # No half-empty sheets: the network map and long tables go on across a page break rather
    # than move whole to the next sheet (they left 60 to 80 % of a sheet blank).
    depths = filled(target, tmp_path)
    assert all(depth > 0.6 for depth in depths[:-1]), [round(d, 2) for d in depths]


def test_the_transfer_check_prints_alone_with_its_qr_code(page: Any, tmp_path: Path) -> None:
    target = tmp_path / "transfer.pdf"
    reader = print_pdf(page, "/en/praxis/fallkonferenz-mittelstadt/#transfer-check", target)
    assert_a4(reader)
    assert 1 <= len(reader.pages) <= 3
    text = " ".join(text_of(target).split())
    assert "Transfer check:" in text
    for field in ("Site:", "Date:", "Participants:"):
        assert field in text, field
    assert "In plain language" not in text and "Print as case sheet" not in text  # not the case sheet
    url = f"{SITE_URL}en/praxis/fallkonferenz-mittelstadt/#transfer-check"
    assert url in "".join(text.split())
    assert qr_codes(target, tmp_path, url) == [url]  # the transfer check itself, ready to print again


@pytest.mark.parametrize("path", ["/checkliste/", "/checkliste/kleinstadt/", "/ar/checkliste/", "/uk/checkliste/laendliche-region/"])
def test_a_checklist_prints_with_the_qr_code_and_address_of_its_page(page: Any, tmp_path: Path, path: str) -> None:
    target = tmp_path / "checkliste.pdf"
    assert_a4(print_pdf(page, path, target))
    url = f"{SITE_URL}{path.lstrip('/')}"
    assert url in "".join(text_of(target).split())  # the address, written out
    assert qr_codes(target, tmp_path, url) == [url]
    page.emulate_media(media="screen")
    assert page.locator(".pk-qr").count() == 1 and not page.locator(".pk-qr").is_visible()  # on paper only


def test_the_print_buttons_choose_case_sheet_or_transfer_check(page: Any) -> None:
    page.goto("/praxis/runder-tisch-kleinstadt/", wait_until="networkidle")
    page.evaluate("window.print = () => { window.__printed = document.documentElement.getAttribute('data-pk-print') || 'fallblatt'; }")
    page.get_by_role("link", name="Transfer-Check", exact=True).click()
    assert page.evaluate("location.hash") == "#transfer-check"
    assert page.locator("#transfer-check").is_visible()
    page.get_by_role("button", name="Transfer-Check drucken").click()
    assert page.evaluate("window.__printed") == "transfer-check"
    page.get_by_role("button", name="Als Fallblatt drucken").click()
    assert page.evaluate("window.__printed") == "fallblatt"


@pytest.mark.parametrize("lang", ["ar", "fa"])
def test_right_to_left_checklists_print_right_to_left(page: Any, tmp_path: Path, lang: str) -> None:
    reader = print_pdf(page, f"/{lang}/checkliste/", tmp_path / f"{lang}.pdf")
    assert_a4(reader)
    assert page.evaluate("getComputedStyle(document.querySelector('.pk-checklist')).direction") == "rtl"
    heading = page.locator(".pk-checklist h1").bounding_box()
    box = page.locator(".pk-checklist").bounding_box()
    assert heading and box
    assert heading["x"] + heading["width"] > box["x"] + box["width"] - 5  # starts at the right edge
    label = page.locator(".pk-stage-ticks label").first.bounding_box()
    tick = page.locator(".pk-stage-ticks input").first.bounding_box()
    assert label and tick and tick["x"] > label["x"]  # the tick box stands right of its text


def test_the_build_offers_pdf_checklists_in_every_language(built_site: Path, project: Project) -> None:
    for lang in project.languages:
        pdf = built_site / "pdf" / f"checkliste.{lang}.pdf"
        assert pdf.exists(), pdf
        assert_a4(pypdf.PdfReader(str(pdf)))
    html = (built_site / "checkliste" / "index.html").read_text(encoding="utf-8")
    assert 'href="../pdf/checkliste.de.pdf"' in html
