"""The network over time (#14): the periods of a case's network, the map of now and of earlier
periods, every role of an actor, directions, and what the tables say about each tie and actor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from praxis_kb import model
from praxis_kb.load.project import Project
from praxis_kb.model import Actor, Case, DatePoint, Period, Precision, Stated, Tie
from praxis_kb.render import case as case_page
from praxis_kb.render import network, svg
from praxis_kb.render.context import Context
from praxis_kb.validate import content

TODAY = dt.date(2026, 11, 25)
CASE = "mieterlotsen-laendlich"  # an authority in two roles: Ausländerbehörde and FSA


def period(since: str | DatePoint | None = None, until: str | DatePoint | None = None, note: str = "") -> Period:
    def point(value: str | DatePoint | None) -> DatePoint | None:
        return DatePoint(value) if isinstance(value, str) else value

    return Period(point(since), point(until), note)


# ------------------------------------------------------------------------------------ periods


def test_without_any_date_the_network_has_no_periods() -> None:
    assert network.spans([Period(), Period(), period(DatePoint("", note="nicht bekannt"))]) == []


def test_periods_begin_with_each_start_and_after_each_end() -> None:
    found = network.spans([Period(), period("2016", "2019"), period("2020-03")])
    assert [(s.start, s.end) for s in found] == [
        ("", "2015-12-31"),
        ("2016-01-01", "2019-12-31"),
        ("2020-01-01", "2020-02-29"),
        ("2020-03-01", ""),
    ]


def test_a_span_and_a_season_count_from_their_earliest_day_and_end_on_their_latest() -> None:
    span = DatePoint("2018", until="2019")
    spring = DatePoint("2016", season="fruehjahr")
    days = network.change_days([period(spring, span)])
    assert list(days) == ["2016-01-01", "2020-01-01"]


def test_an_end_in_a_month_ends_on_its_last_day() -> None:
    assert network.change_days([period(until="2019-06"), period(until="2021-02")]) == {"2019-07-01": Precision.EXACT, "2021-03-01": Precision.EXACT}


def test_neighbouring_periods_with_the_same_network_are_one() -> None:
    # a tie ends when another begins; nothing else changes on the day the first actor is dated
    found = network.spans([period("2016"), period("2016", "2018"), period("2016")])
    assert [(s.start, s.end) for s in found] == [("2016-01-01", "2018-12-31"), ("2019-01-01", "")]


def test_a_first_period_in_which_nothing_held_is_left_out() -> None:
    found = network.spans([period("2016"), period("2017")])
    assert [s.start for s in found] == ["2016-01-01", "2017-01-01"]


def test_the_least_sure_date_on_a_day_marks_its_boundary() -> None:
    found = network.spans([period(DatePoint("2016", Precision.APPROXIMATE)), period("2016", "2017"), Period()])
    assert found[1].start_precision is Precision.APPROXIMATE
    assert found[0].end_precision is Precision.APPROXIMATE


def test_an_undated_since_or_until_does_not_make_a_period() -> None:
    unknown = DatePoint("", note="Die Quellen nennen kein Datum.")
    assert network.change_days([period(unknown, unknown)]) == {}
    assert period(unknown, unknown).holds_on("2020-01-01")


def test_periods_start_when_the_practice_did() -> None:
    found = network.spans([Period(), period("2016", "2019"), period("2021")])
    kept = network.from_opening(found, DatePoint("2018", Precision.DISPUTED))
    assert [(s.start, s.end) for s in kept] == [("2018-01-01", "2019-12-31"), ("2020-01-01", "2020-12-31"), ("2021-01-01", "")]
    assert kept[0].start_precision is Precision.DISPUTED
    assert network.from_opening(found, DatePoint("")) == found  # unknown start: nothing cut


def test_a_period_contains_its_days() -> None:
    span = network.Span("2016-01-01", "2019-12-31")
    assert span.contains("2016-01-01") and span.contains("2019-12-31")
    assert not span.contains("2020-01-01") and not span.contains("2015-12-31")
    assert network.Span("", "2015-12-31").contains("1990-05-01")
    assert network.Span("2020-01-01", "").contains("2099-01-01")


def test_both_ends_of_a_period_are_said_as_precisely_as_the_finer_one(built: model.Model) -> None:
    ctx = Context(built, "de", today=TODAY)
    assert network.span_label(ctx, network.Span("2016-07-01", "2016-12-31")) == "Juli 2016 – Dezember 2016"
    assert network.span_label(ctx, network.Span("2017-01-01", "2018-12-31")) == "2017 – 2018"
    assert network.span_label(ctx, network.Span("2021-01-01", "2021-12-31", Precision.APPROXIMATE)) == "ca. 2021"
    assert network.span_label(ctx, network.Span("2023-01-01", "")) == "seit 2023"


@pytest.mark.parametrize(
    ("day", "end", "expected"),
    [
        ("2016-01-01", False, "2016"),
        ("2019-12-31", True, "2019"),
        ("2019-07-01", False, "2019-07"),
        ("2020-02-29", True, "2020-02"),
        ("2019-06-16", False, "2019-06-16"),
    ],
)
def test_a_boundary_is_said_as_coarsely_as_it_allows(day: str, end: bool, expected: str) -> None:
    assert network.coarse_point(day, end=end, precision=Precision.EXACT).value == expected


# ------------------------------------------------------------------------------------ pictures


def ties_of(picture: str) -> list[str]:
    return re.findall(r"<line [^>]*>", picture.split('class="pk-ties"')[1].split("</g>")[0])


def test_a_directed_tie_has_an_arrowhead_at_its_target_and_a_mutual_one_none() -> None:
    nodes = [svg.Node(1, "verwaltung"), svg.Node(2, "sozialarbeit")]
    mutual = str(svg.network_map(nodes, [svg.Edge(0, 1, "monatlich")], "t", "d", "x"))
    directed = str(svg.network_map(nodes, [svg.Edge(0, 1, "monatlich", directed=True)], "t", "d", "x"))
    assert "<polygon" not in mutual.split('class="pk-actors"')[0]
    ties = directed.split('class="pk-actors"')[0]
    assert ties.count("<polygon") == 1
    tip = re.search(r'<polygon points="([\d.]+),([\d.]+) ', ties)
    assert tip
    # the target is the second node (on the ring's right-hand side, below the first): the tip
    # points at it and stays outside it
    x, y = float(tip[1]), float(tip[2])
    target = (160.0, 287.0)
    distance = ((x - target[0]) ** 2 + (y - target[1]) ** 2) ** 0.5
    assert 19 < distance < 25


def test_an_ended_tie_is_grey_and_dotted_not_left_out() -> None:
    nodes = [svg.Node(1, "verwaltung"), svg.Node(2, "sozialarbeit", present=False)]
    picture = str(svg.network_map(nodes, [svg.Edge(0, 1, "monatlich", ended=True)], "t", "d", "x"))
    (line,) = ties_of(picture)
    assert f'stroke="{svg.ENDED_COLOUR}"' in line
    assert 'stroke-dasharray="0.1 ' in line  # dots
    assert "stroke-dasharray" in picture.split('class="pk-actors"')[1]  # the node that left: a dashed outline


def test_an_occasional_tie_keeps_its_dashes_and_the_ones_that_hold_are_drawn_last() -> None:
    nodes = [svg.Node(i, "verwaltung") for i in range(1, 4)]
    edges = [svg.Edge(0, 1, "anlassbezogen", dashed=True), svg.Edge(1, 2, "monatlich", ended=True)]
    first, second = ties_of(str(svg.network_map(nodes, edges, "t", "d", "x")))
    assert svg.ENDED_COLOUR in first and 'stroke-dasharray="5 4"' in second


def test_kinds_of_ties_are_drawn_apart() -> None:
    nodes = [svg.Node(1, "verwaltung"), svg.Node(2, "sozialarbeit")]

    def drawn(style: str) -> str:
        return str(svg.network_map(nodes, [svg.Edge(0, 1, "monatlich", directed=True, style=style)], "t", "d", "x")).split('class="pk-actors"')[0]

    assert drawn("double").count("<line") == 2 and 'stroke="#fff"' in drawn("double")  # two rails
    assert drawn("diamond").count("<polygon") == 2  # the owner's diamond and the arrowhead
    assert 'stroke-dasharray="13 6.5 0.1 6.5"' in drawn("dashdot")  # a dash and a dot, gaps wider than the round caps
    assert len({drawn(style) for style in ("", "double", "diamond", "dashdot")}) == 4


def test_several_ties_between_two_actors_lie_side_by_side() -> None:
    nodes = [svg.Node(1, "verwaltung"), svg.Node(2, "sozialarbeit")]
    one, other = ties_of(str(svg.network_map(nodes, [svg.Edge(0, 1, "monatlich"), svg.Edge(1, 0, "jaehrlich")], "t", "d", "x")))
    assert one.split("stroke-width")[0] != other.split("stroke-width")[0]


def test_every_role_of_an_actor_is_on_its_node() -> None:
    plain = str(svg.network_map([svg.Node(1, "verwaltung")], [], "t", "d", "x"))
    badges = (svg.Badge("sozialarbeit"), svg.Badge("koordination", present=False))
    marked = str(svg.network_map([svg.Node(1, "verwaltung", badges)], [], "t", "d", "x"))
    assert svg.GROUP_STYLE["sozialarbeit"][0] not in plain
    assert svg.GROUP_STYLE["sozialarbeit"][0] in marked
    assert f'<g stroke="{svg.GROUP_STYLE["koordination"][0]}"' in marked  # a role not held then: hollow


def test_a_map_without_anything_new_is_drawn_as_before() -> None:
    nodes = [svg.Node(1, "verwaltung"), svg.Node(2, "sozialarbeit"), svg.Node(3, "bildung")]
    picture = str(svg.network_map(nodes, [svg.Edge(0, 1, "monatlich"), svg.Edge(1, 2, "anlassbezogen", dashed=True)], "t", "d", "x"))
    assert ties_of(picture) == [
        '<line x1="160.0" y1="33.0" x2="270.0" y2="223.5" stroke-width="3.5"/>',
        '<line x1="270.0" y1="223.5" x2="50.0" y2="223.5" stroke-width="1.5" stroke-dasharray="5 4"/>',
    ]


# ------------------------------------------------------------------------------------ the section


@pytest.fixture(scope="module")
def built(project: Project) -> model.Model:
    catalogue, problems = content.check(project)
    assert not problems.errors
    return model.build(catalogue, project.languages)


def directed_kinds(built: model.Model, *kinds: str) -> model.Model:
    """The model with *kinds* of ties directed, whatever the vocabulary says today."""
    vocabulary = built.vocab("beziehungsarten")
    entries = {key: dataclasses.replace(entry, directed=key in kinds) for key, entry in vocabulary.entries.items()}
    return dataclasses.replace(built, vocabularies={**built.vocabularies, "beziehungsarten": dataclasses.replace(vocabulary, entries=entries)})


def changed(built: model.Model) -> Case:
    """The case with an operator change: a provider carried the FSA until 2020, the authority has
    carried it since 2021 (its second role); an energy advice centre joined in 2022."""
    case = built.cases[CASE]["de"]
    actors = dict(case.actors)
    authority = actors["landratsamt"]
    actors["landratsamt"] = dataclasses.replace(authority, type_periods={"fsa": period("2021", note="Vorher trug ein freier Träger die FSA.")})
    actors["energieberatung"] = dataclasses.replace(actors["energieberatung"], period=period("2022"))
    actors["traeger"] = Actor(
        "traeger",
        "Freier Träger der FSA",
        ["fsa"],
        "Trug die FSA bis 2020.",
        period("2018", "2020"),
        precision=Precision.DISPUTED,
        note="Die Quellen nennen 2018 und 2019.",
    )
    ties = [
        *case.ties,
        Tie("wohnungsunternehmen", "traeger", "finanzierung", Stated(None, note="Niemand konnte es sagen."), "", period("2019", "2020")),
        Tie(
            "traeger",
            "lotsen",
            "gemeinsames-angebot",
            Stated("monatlich", Precision.APPROXIMATE, "Nach Erinnerung der Lots*innen."),
            "",
            period("2019", "2020"),
        ),
    ]
    return dataclasses.replace(case, actors=actors, ties=ties)


def section(built: model.Model, case: Case, lang: str = "de") -> dict[str, object]:
    return case_page.network(Context(directed_kinds(built, "finanzierung"), lang, today=TODAY), case)


def test_a_case_without_dates_has_one_map_and_no_period_column(built: model.Model) -> None:
    shown = section(built, built.cases[CASE]["de"])
    assert shown["earlier"] == [] and not shown["now"] and not shown["dated"]
    assert 'stroke-dasharray="0.1' not in str(shown["svg"])


def test_the_map_shows_now_and_each_earlier_period_once(built: model.Model) -> None:
    shown = section(built, changed(built))
    assert shown["now"] == "Die Karte zeigt das Netzwerk heute (seit 2022)."
    earlier = shown["earlier"]
    assert isinstance(earlier, list)
    assert [e["label"] for e in earlier] == ["2018", "2019 – 2020", "2021"]  # the practice began in 2018
    assert shown["earlier_summary"] == "Frühere Zeiträume: 2018, 2019 – 2020 und 2021"
    ids = re.findall(r'<svg class="pk-network-map"[^>]*aria-labelledby="([^ ]+)-title', "".join(str(e["svg"]) for e in earlier))
    assert ids == [f"netz-{CASE}-1", f"netz-{CASE}-2", f"netz-{CASE}-3"]
    then = earlier[1]
    assert [str(item) for item in then["gone"]][0] == "8 <bdi>Freier Träger der FSA</bdi> <bdi>(2018 – 2020)</bdi>"
    assert any("in der Rolle „<bdi>Flüchtlingssozialarbeit (FSA)</bdi>“ <bdi>(seit 2021)</bdi>" in str(item) for item in then["new"])


def test_ended_ties_and_actors_stay_on_the_map_of_now(built: model.Model) -> None:
    shown = section(built, changed(built))
    picture = str(shown["svg"])
    assert picture.count(f'stroke="{svg.ENDED_COLOUR}"') >= 2  # both ties of the former provider
    actors = shown["actors"]
    assert isinstance(actors, list)
    former = actors[-1]
    assert former["name"] == "Freier Träger der FSA" and not former["present"] and former["when"].inline == "2018 – 2020"
    assert re.match(r'<span>Freier Träger der FSA <span class="pk-uncertain[^"]*">strittig</span></span> <span class="pk-note">', former["name_cell"])
    assert "Die Quellen nennen 2018 und 2019." in former["name_cell"]


def test_both_roles_of_the_authority_are_shown_with_their_periods(built: model.Model) -> None:
    shown = section(built, changed(built))
    actors = shown["actors"]
    assert isinstance(actors, list)
    authority = actors[1]
    assert authority["types"] == ["Ausländerbehörde", "Flüchtlingssozialarbeit (FSA), seit 2021"]
    assert "Vorher trug ein freier Träger die FSA." in authority["type_notes"]
    assert str(authority["icons"]).count("<svg") == 2
    assert {"verwaltung", "sozialarbeit"} <= set(shown["groups"])


def test_the_ties_table_keeps_direction_period_and_unknown_frequency(built: model.Model) -> None:
    shown = section(built, changed(built))
    ties = shown["ties"]
    assert isinstance(ties, list)
    funding, joint = ties[-2], ties[-1]
    assert str(funding["between"]) == "<bdi>Kommunales Wohnungsunternehmen</bdi> → <bdi>Freier Träger der FSA</bdi>"
    assert str(joint["between"]) == "<bdi>Freier Träger der FSA</bdi> ↔ <bdi>Mieter*innen-Lots*innen</bdi>"
    assert "nicht bekannt" in funding["frequency"].inline and "Niemand konnte es sagen." in funding["frequency"].notes
    assert re.fullmatch(r'Monatlich <span class="pk-uncertain[^"]*">ungefähr</span>', joint["frequency"].inline)
    assert "Nach Erinnerung der Lots*innen." in joint["frequency"].notes
    assert funding["when"].inline == "2019 – 2020" and not funding["present"]


def test_in_arabic_the_arrow_points_the_way_the_line_reads(built: model.Model) -> None:
    case = changed(built)
    shown = section(built, dataclasses.replace(case, lang="ar"), "ar")
    ties = shown["ties"]
    assert isinstance(ties, list)
    assert "←" in str(ties[-2]["between"]) and "→" not in str(ties[-2]["between"])


def test_other_actors_are_drawn_in_a_neutral_group_not_as_civil_society(built: model.Model) -> None:
    shown = section(built, built.cases[CASE]["de"])
    actors = shown["actors"]
    assert isinstance(actors, list)
    advice = next(a for a in actors if a["name"].startswith("Energieberatung"))  # typen: [sonstige]
    assert advice["group"] == "sonstige"
    fill, kind = svg.GROUP_STYLE["sonstige"]
    assert fill not in {style[0] for group, style in svg.GROUP_STYLE.items() if group != "sonstige"}
    assert f'fill="{fill}"' in str(shown["svg"])


def test_the_key_explains_only_what_the_maps_show(built: model.Model) -> None:
    plain = section(built, built.cases["runder-tisch-kleinstadt"]["de"])
    assert plain["line_key"] == []
    keys = section(built, changed(built))["line_key"]
    assert isinstance(keys, list)
    texts = [k.text for k in keys]
    assert any(t.startswith("Pfeil") for t in texts)
    assert any(t.startswith("Grau gepunktet") for t in texts)
    assert any(t.startswith("Kleines Zeichen") for t in texts)
    assert any(t.startswith("Dünne Linie") for t in texts)  # a tie whose frequency nobody knows


def test_the_network_section_of_a_page(built: model.Model) -> None:
    case = changed(built)
    ctx = Context(directed_kinds(built, "finanzierung"), "de", today=TODAY)
    page = case_page.page(ctx, case)
    html = "".join(page.fragments).replace("\u00ad", "")
    assert '<details class="pk-network-earlier" data-pagefind-ignore="all">' in html  # repeats the ties above: not searched
    assert "<summary>Frühere Zeiträume: 2018, 2019 – 2020 und 2021</summary>" in html
    assert html.count('<svg class="pk-network-map"') == 4
    assert '<th scope="col">Zeitraum</th>' in html
    assert "nicht bekannt" in html and "Niemand konnte es sagen." in html
    assert '<tr class="pk-network-absent">' in html


def test_names_set_apart_are_escaped_and_keep_their_language() -> None:
    from markupsafe import Markup, escape

    from praxis_kb.model import SourceText

    shown = network.isolated("{source} → {target} & <", source="A & B", target=SourceText("Jobcenter"))
    assert isinstance(shown, Markup)
    assert shown == '<bdi>A &amp; B</bdi> → <bdi><span lang="de" dir="ltr">Jobcenter</span></bdi> &amp; &lt;'
    # A template with more than names in its fields is filled as Markup.format fills it.
    for template in ("{{x}} {name!s}", "{name:>30}", "{name} {name.upper}"):
        try:
            expected = escape(template).format(name=Markup("<bdi>{}</bdi>").format("<b>"))
        except (ValueError, AttributeError) as error:
            with pytest.raises(type(error)):
                network.isolated(template, name="<b>")
        else:
            assert network.isolated(template, name="<b>") == expected
