"""Values nobody knows on the pages that compare cases (#14): the Praxisfinder's facets and cards,
the matcher's "Zu klären", the criteria pages and matrix, and the overview's counts. The browser
side is in tests/test_finder_unknown_browser.py."""

from __future__ import annotations

import copy

import pytest

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.model import UNKNOWN, Stated
from praxis_kb.render import criteria, finder, matcher, overview
from praxis_kb.render.context import Context
from praxis_kb.render.fragments import Page
from praxis_kb.validate import content

CASE = "runder-tisch-kleinstadt"


def html(page: Page) -> str:
    """A generated page's text with its HTML fragments."""
    return page.text + "".join(page.fragments)


@pytest.fixture(scope="module")
def changed(project: Project) -> model.Model:
    """The project's cases, one of them with its status, participation step, a stage, political
    backing and staff time unknown."""
    catalogue, problems = content.check(project)
    assert not problems.errors
    catalogue = copy.deepcopy(catalogue)
    data = catalogue.cases[CASE].source.data
    data["status"] = {"wert": "unbekannt", "anmerkung": "zuletzt 2019 dokumentiert"}
    data["partizipation"]["stufe"] = "unbekannt"
    data["kriterien"]["transparenz"]["stufe"] = {"wert": "unbekannt", "anmerkung": "nicht beurteilbar"}
    pre = data["transfer"]["voraussetzungen"]
    pre["politische_rueckendeckung"]["bedarf"] = {"wert": "unbekannt", "anmerkung": "in keiner Quelle erwähnt"}
    pre["personal"]["stunden_pro_monat"] = "unbekannt"
    return model.build(catalogue, ("de", "ar"))


def test_an_unknown_value_is_its_own_facet_option(changed: model.Model) -> None:
    assert finder.stated_id(Stated("laeuft")) == "laeuft" and finder.stated_id(Stated(None)) == UNKNOWN
    ctx = Context(changed, "de")
    card = finder.card(ctx, changed.cases[CASE]["de"])
    assert card["values"]["status"] == [UNKNOWN] and card["values"]["partizipation"] == [UNKNOWN]
    assert card["status"] == "Status nicht bekannt"
    page = html(finder.page(ctx))
    assert f'data-case="{CASE}"' in page and 'data-status="unbekannt"' in page and 'data-partizipation="unbekannt"' in page
    assert 'name="status" value="unbekannt" data-label="Status: nicht bekannt"> nicht bekannt' in page
    assert 'name="partizipation" value="unbekannt" data-label="Partizipation: nicht bekannt"> nicht bekannt' in page
    assert '<span class="pk-unknown">Status nicht bekannt</span>' in page and "None" not in page
    for facet in ("evidenz", "herkunft"):
        assert f'name="{facet}"' in page


def test_facets_of_offers_evidence_and_provenance(changed: model.Model) -> None:
    ctx = Context(changed, "ar")
    for case in changed.cases_in("ar"):
        values = finder.card(ctx, case)["values"]
        assert values["angebot"] == sorted({o.kind for o in case.offers})
        assert values["evidenz"] == sorted({r.evidence for r in case.results})
        assert values["herkunft"] == [case.provenance.value]
    page = html(finder.page(ctx))
    assert 'data-label="الحالة: غير معروف"> غير معروف' in page


def test_the_matcher_lists_what_is_unknown_apart_from_what_is_missing(changed: model.Model) -> None:
    ctx = Context(changed, "de")
    case = changed.cases[CASE]["de"]
    assert "rueckendeckung:1" not in [n["key"] for n in matcher.needs(ctx, case)]
    unclear = {u["label"]: u["reason"] for u in matcher.unclear(ctx, case)}
    assert unclear["Politische Rückendeckung"] == "in keiner Quelle erwähnt"
    assert unclear["Personalaufwand"] == case.transfer.prerequisites.staff_note  # no reason given: the explanation says why
    assert "Sachkosten" not in unclear and "Aufbauzeit" not in unclear
    page = html(matcher.page(ctx))
    assert ctx.t.matcher_unclear_note in page and 'data-unclear="2"' in page
    assert 'Politische Rückendeckung: <span class="pk-unknown">nicht bekannt</span>' in page and "in keiner Quelle erwähnt" in page


def test_a_criterion_lists_an_unknown_stage_last_with_its_reason(changed: model.Model) -> None:
    ctx = Context(changed, "de")
    generated = criteria.criterion_page(ctx, changed.criteria["transparenz"])
    rows = [line for line in (html(generated)).splitlines() if line.startswith('<tr><th scope="row"><a href="../../praxis/')]
    unknown = ['<span class="pk-unknown">nicht bekannt</span>' in row for row in rows]
    assert unknown == sorted(unknown), "an unknown stage comes after every known one"
    ours = next(row for row in rows if f"/{CASE}/" in row)
    assert '<td><span class="pk-unknown">nicht bekannt</span>' in ours and "nicht beurteilbar" in ours and "Stufe 1" not in ours
    text = html(criteria.index_page(ctx))
    assert 'pk-stage-cell--unknown"><span aria-hidden="true">?</span><span class="pk-visually-hidden">Stufe nicht bekannt</span>' in text
    assert "pk-matrix-unknown-key" in text


def test_the_overview_counts_known_stages_and_names_the_unknown(changed: model.Model) -> None:
    ctx = Context(changed, "de")
    cases = changed.cases_in("de")
    stages = [a.stage for c in cases for a in c.assessments if a.criterion == "transparenz"]
    known = [s.value for s in stages if s.value is not None]
    row = overview._criterion_row(ctx, "transparenz", "Transparenz", cases)
    assert row["value"] == len(known) and row["unknown"] == len(stages) - len(known) >= 1
    assert row["shown"].endswith(f", {row['unknown']} nicht bekannt") and "nicht bekannt" not in row["bar"]
    assert ctx.number(round(sum(known) / len(known), 1)) in row["shown"]
    generated = overview.page(ctx)
    assert ctx.t.coverage_unknown_note in html(generated)
