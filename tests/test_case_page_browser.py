"""A case page on a phone (#16): the network map's legend, as a reader sees it on screen and on paper."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

CASE = "runder-tisch-kleinstadt"

# For each entry of the map's legends: where its icon is and where the first line of its label is.
LEGEND_BOXES = """() => Array.from(document.querySelectorAll('.pk-actor-key li, .pk-group-key li')).map(li => {
  const icon = li.querySelector('svg.pk-icon').getBoundingClientRect();
  const text = Array.from(li.childNodes).find(n => n.nodeType === 3 && n.data.trim());
  const range = document.createRange();
  range.selectNodeContents(text);
  const line = range.getClientRects()[0];
  return {label: text.data.trim(), icon: [icon.left, icon.right, icon.top, icon.bottom], line: [line.left, line.right, line.top, line.bottom]};
})"""


@pytest.mark.parametrize("lang", ["de", "ar"])
@pytest.mark.parametrize("media", ["screen", "print"])
def test_legend_icons_stand_in_the_line_of_their_label(page: Any, lang: str, media: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/{'' if lang == 'de' else lang + '/'}praxis/{CASE}/")
    page.emulate_media(media=media)
    entries = page.evaluate(LEGEND_BOXES)
    assert len(entries) >= 8
    for entry in entries:
        (i_left, i_right, i_top, i_bottom), (t_left, t_right, t_top, t_bottom) = entry["icon"], entry["line"]
        middle = (i_top + i_bottom) / 2
        assert t_top <= middle <= t_bottom, entry  # beside the first line of its label, not above it
        if lang == "ar":
            assert i_left >= t_right - 1, entry  # right of its label: where an Arabic line starts
        else:
            assert i_right <= t_left + 1, entry
