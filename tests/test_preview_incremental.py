"""The quick preview (make serve-de): after an edit only what it touches is checked and rendered
again, and the result is the same as a full build's. Counts work done, never time."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from praxis_kb import render
from praxis_kb.load.project import Project
from praxis_kb.render import opendata, pieces
from praxis_kb.site import adapter
from praxis_kb.site.generate import Result, generate, pages_for
from praxis_kb.site.incremental import Preview
from praxis_kb.validate import content

CASE = "runder-tisch-kleinstadt"
LANGUAGES = ("de", "en")


@pytest.fixture
def previewing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAXIS_ENTWURF", "1")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("PRAXIS_SITE_URL", raising=False)
    monkeypatch.delenv("PRAXIS_NUR_DEUTSCH", raising=False)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pages_of(result: Result) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {page.path: (page.text, page.fragments) for page in result.pages}


def full(project: Project, tmp_path: Path) -> Result:
    """A build's pages, without a preview's memory."""
    return pages_for(project, LANGUAGES)


def case_pages(case_id: str) -> set[str]:
    return {f"praxis/{case_id}.{lang}.md" for lang in LANGUAGES}


def test_an_edited_narrative_renders_only_its_cases_pages_again(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    preview = Preview()
    first = generate(sandbox, None, LANGUAGES, preview=preview)
    cases = sorted(first.model.cases) if first.model else []
    assert len(cases) > 3 and preview.changed is None  # the first build builds everything
    assert preview.check.checked == len(list(sandbox.cases_dir.glob("*.md")))

    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\n---\n", "\n---\n\nEin neuer erster Satz aus der Vorschau.\n")
    again = generate(sandbox, None, LANGUAGES, preview=preview)

    translations = len(list(sandbox.cases_dir.glob(f"{CASE}.*.md"))) - 1  # checked against the changed original
    assert preview.check.checked == 1 + translations
    assert preview.check.reused == len(list(sandbox.cases_dir.glob("*.md"))) - 1 - translations
    assert preview.remodelled == {CASE}
    assert sorted(preview.rendered) == [(lang, CASE) for lang in LANGUAGES]
    assert not preview.listings_rendered  # no listing shows a narrative: the Praxisfinder and the others are kept
    changed = again.changed or set()
    # MkDocs builds the German page again (the English one has its own narrative, it is the same) …
    assert f"praxis/{CASE}.de.md" in changed and f"praxis/{CASE}.en.md" not in changed
    assert not any(case_pages(other) & changed for other in cases if other != CASE)  # … no other case's
    assert pages_of(again) == pages_of(full(sandbox, tmp_path))  # and the pages are a full build's


def test_an_edited_title_also_renders_the_pages_listing_the_case(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    preview = Preview()
    generate(sandbox, None, LANGUAGES, preview=preview)
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\ntitel: ", "\ntitel: Neu – ")
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    changed = again.changed or set()
    assert "praxis/index.de.md" in changed  # the Praxisfinder lists it
    assert sorted(preview.rendered) == [(lang, CASE) for lang in LANGUAGES] and preview.listings_rendered
    assert pages_of(again) == pages_of(full(sandbox, tmp_path))


def add_copies(project: Project, count: int) -> None:
    """*count* more cases, copies of CASE in every language it is written in, each with its own id and title."""
    for number in range(count):
        for source in sorted(project.cases_dir.glob(f"{CASE}.*.md")):
            text = source.read_text(encoding="utf-8").replace(f"id: {CASE}\n", f"id: {CASE}-{number:02d}\n", 1)
            text = text.replace("\ntitel: ", f"\ntitel: Kopie {number:02d}: ", 1)
            (project.cases_dir / source.name.replace(CASE, f"{CASE}-{number:02d}", 1)).write_text(text, encoding="utf-8")


def test_an_edited_title_renders_only_that_cases_pieces_of_the_listings_again(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    """Enough cases for the Praxisfinder's files of cards and its plain list: the listings are
    joined from pieces kept per case, and only the edited case's pieces are rendered again."""
    add_copies(sandbox, 30)
    preview = Preview()
    generate(sandbox, None, LANGUAGES, preview=preview)
    assert {key[0] for key in preview.pieces_made} == {"finder-item", "finder-card", "matcher-card", "criterion-rows"}
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\ntitel: ", "\ntitel: Neu – ")
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    assert preview.listings_rendered and sorted(preview.rendered) == [(lang, CASE) for lang in LANGUAGES]
    assert preview.pieces_made and {key[-1] for key in preview.pieces_made} == {CASE}  # no other case's card or row
    assert {key[0] for key in preview.pieces_made} == {"finder-item", "finder-card", "matcher-card", "criterion-rows"}
    changed = again.changed or set()
    assert {"praxis/index.de.md", "passt-das/index.de.md", f"praxis/{CASE}.de.md"} <= changed
    assert not any(path.startswith(f"praxis/{CASE}-") for path in changed)  # no other case's page
    assert pages_of(again) == pages_of(full(sandbox, tmp_path / "neu"))
    # the title back as it was, a case removed: still a full build's pages
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\ntitel: Neu – ", "\ntitel: ")
    for path in sandbox.cases_dir.glob(f"{CASE}-07.*.md"):
        path.unlink()
    back = generate(sandbox, None, LANGUAGES, preview=preview)
    assert not any(key[-1] == f"{CASE}-07" for key in preview.pieces)
    assert pages_of(back) == pages_of(full(sandbox, tmp_path / "zurueck"))


def test_a_deferred_title_edit_builds_the_cases_page_first_and_the_listings_in_the_next_rebuild(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    preview = Preview(defer_listings=True)
    first = generate(sandbox, None, LANGUAGES, preview=preview)
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\ntitel: ", "\ntitel: Neu – ")
    quick = generate(sandbox, None, LANGUAGES, preview=preview)
    assert preview.listings_pending and not preview.listings_rendered
    assert quick.changed == {f"praxis/{CASE}.de.md"}  # MkDocs builds the edited case's page alone …
    assert pages_of(quick)["praxis/index.de.md"] == pages_of(first)["praxis/index.de.md"]  # … the listings follow
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\n---\n", "\n---\n\nNoch ein Satz.\n")  # another edit before that
    generate(sandbox, None, LANGUAGES, preview=preview)
    assert preview.listings_pending and not preview.listings_rendered
    follow = generate(sandbox, None, LANGUAGES, preview=preview)  # the rebuild the preview starts itself: nothing edited
    assert not preview.listings_pending and preview.listings_rendered and not preview.rendered
    assert {"praxis/index.de.md", "passt-das/index.de.md"} <= (follow.changed or set())
    assert pages_of(follow) == pages_of(full(sandbox, tmp_path))
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    assert not preview.listings_pending and again.changed == set()


def test_pages_joined_from_kept_pieces_are_those_rendered_at_once(sandbox: Project, previewing: None) -> None:
    """Every page of every language, rendered with a preview's pieces (made, then kept) and without."""
    add_copies(sandbox, 25)
    result = generate(sandbox, None)
    assert result.model is not None and len(result.model.languages) == 5
    plain = render.render_all(result.model)
    preview = Preview()
    with pieces.kept_by(preview.piece):
        made = render.render_all(result.model)
    count = len(preview.pieces_made)
    with pieces.kept_by(preview.piece):
        kept = render.render_all(result.model)
    assert count > 0 and len(preview.pieces_made) == count  # the second time every piece was kept
    assert made == plain and kept == plain


def test_an_added_and_a_removed_case_give_a_full_builds_pages(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    preview = Preview()
    generate(sandbox, None, LANGUAGES, preview=preview)
    source = sandbox.cases_dir / f"{CASE}.de.md"
    added = sandbox.cases_dir / f"{CASE}-zwei.de.md"
    added.write_text(source.read_text(encoding="utf-8").replace(f"id: {CASE}\n", f"id: {CASE}-zwei\n", 1), encoding="utf-8")
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    assert preview.remodelled == {f"{CASE}-zwei"} and preview.listings_rendered
    assert pages_of(again) == pages_of(full(sandbox, tmp_path / "mit"))
    added.unlink()
    removed = generate(sandbox, None, LANGUAGES, preview=preview)
    assert preview.removed == {f"praxis/{CASE}-zwei.{lang}.md" for lang in LANGUAGES}
    assert pages_of(removed) == pages_of(full(sandbox, tmp_path / "ohne"))


def test_nothing_changed_nothing_is_done_again(sandbox: Project, previewing: None) -> None:
    preview = Preview()
    generate(sandbox, None, LANGUAGES, preview=preview)
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    assert preview.check.checked == 0 and not preview.remodelled and not preview.rendered
    assert again.changed == set() and again.written == 0


def test_an_edited_vocabulary_renders_every_case_again(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    preview = Preview()
    first = generate(sandbox, None, LANGUAGES, preview=preview)
    cases = len(first.model.cases) if first.model else 0
    replace_in(sandbox.vocabularies_dir / "standorttypen.yml", "de: Kleinstadt", "de: Kleinstadt im Test")
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    assert preview.check.checked == len(list(sandbox.cases_dir.glob("*.md")))  # every case checked again
    assert len(preview.remodelled) == cases and len(preview.rendered) == cases * len(LANGUAGES)
    assert again.changed is None  # MkDocs builds every page again
    assert any("Kleinstadt im Test" in "".join(page.fragments).replace("\u00ad", "") for page in again.pages if page.path == f"praxis/{CASE}.de.md")
    assert pages_of(again) == pages_of(full(sandbox, tmp_path))


def test_an_edited_criterion_renders_every_case_again(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    preview = Preview()
    generate(sandbox, None, LANGUAGES, preview=preview)
    criterion = sorted(sandbox.criteria_dir.glob("*.yml"))[0]
    replace_in(criterion, "  de: ", "  de: Geändert: ")
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    assert again.changed is None and preview.check.checked == len(list(sandbox.cases_dir.glob("*.md")))
    assert pages_of(again) == pages_of(full(sandbox, tmp_path))


def test_a_broken_case_is_checked_again_once_fixed(sandbox: Project, previewing: None) -> None:
    preview = Preview()
    generate(sandbox, None, LANGUAGES, preview=preview)
    path = sandbox.cases_dir / f"{CASE}.de.md"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("standorttyp: kleinstadt", "standorttyp: dorf", 1), encoding="utf-8")
    broken = generate(sandbox, None, LANGUAGES, preview=preview)
    assert CASE in broken.broken and any(p.file == f"praxis/{CASE}.de.md" for p in broken.problems.errors)
    path.write_text(good, encoding="utf-8")
    fixed = generate(sandbox, None, LANGUAGES, preview=preview)
    assert not fixed.broken and not fixed.problems.errors


def test_the_check_cache_reports_the_same_problems_as_a_run_without_it(sandbox: Project) -> None:
    cache = content.CheckCache()
    content.check(sandbox, cache=cache)
    _, cached = content.check(sandbox, cache=cache)
    _, plain = content.check(sandbox)
    assert cache.checked == 0 and cache.reused > 0
    assert cached.sorted() == plain.sorted()


def test_open_data_reused_in_a_preview_equals_a_full_builds(sandbox: Project, previewing: None, tmp_path: Path) -> None:
    preview = Preview()
    day = dt.date(2026, 1, 1)
    first = generate(sandbox, None, LANGUAGES, preview=preview)
    assert first.model is not None
    opendata.cases_json(first.model, day, reuse=preview.reuse), opendata.cases_csv(first.model, reuse=preview.reuse)
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\ntitel: ", "\ntitel: Neu – ")
    again = generate(sandbox, None, LANGUAGES, preview=preview)
    made: list[str] = []

    def counting(kind: str, case_id: str, make: object) -> str:
        return preview.reuse(kind, case_id, lambda: made.append(case_id) or make())  # type: ignore[operator]

    reference = full(sandbox, tmp_path).model
    assert again.model is not None and reference is not None
    assert opendata.cases_json(again.model, day, reuse=counting) == opendata.cases_json(reference, day)
    assert opendata.cases_csv(again.model, reuse=counting) == opendata.cases_csv(reference)
    assert made == [CASE, CASE]  # its JSON and its CSV row, no other case's


class FakeFile:
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri

    def is_modified(self) -> bool:
        return False  # MkDocs' own test: the output is newer than the file


class FakeFiles:
    def __init__(self, *names: str) -> None:
        self.files = [FakeFile(name) for name in names]

    def documentation_pages(self) -> list[FakeFile]:
        return self.files


class FakeBuild:
    def __init__(self, generated: set[str], changed: set[str] | None) -> None:
        self.answer = (generated, changed)

    def rebuild_only(self) -> tuple[set[str], set[str] | None]:
        return self.answer


def test_a_dirty_rebuild_builds_the_changed_generated_pages_and_leaves_hand_written_pages_to_mkdocs() -> None:
    files = FakeFiles("praxis/a.de.md", "praxis/b.de.md", "ueber.de.md")
    adapter.rebuild_only(files, FakeBuild({"praxis/a.de.md", "praxis/b.de.md"}, {"praxis/a.de.md"}))  # type: ignore[arg-type]
    assert [file.is_modified() for file in files.files] == [True, False, False]
    files = FakeFiles("praxis/a.de.md", "ueber.de.md")
    adapter.rebuild_only(files, FakeBuild({"praxis/a.de.md"}, None))  # type: ignore[arg-type]
    assert all(file.is_modified() for file in files.files)  # everything, after a changed vocabulary or template


def html_files(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}


def test_a_dirty_mkdocs_rebuild_writes_only_the_edited_cases_pages_and_equals_a_full_build(
    sandbox: Project, previewing: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`make serve-de` in process: two dirty MkDocs builds as mkdocs serve makes them, then a clean one."""
    monkeypatch.setenv("PRAXIS_NUR_DEUTSCH", "1")
    monkeypatch.chdir(sandbox.root)
    site = tmp_path / "vorschau"

    def serve_build(target: Path, *, dirty: bool) -> None:
        config = load_config(str(sandbox.root / "mkdocs.yml"), site_dir=str(target))
        config.site_url = "http://127.0.0.1:8000/"  # mkdocs serve's own address: a preview
        config.plugins.on_startup(command="serve", dirty=dirty)
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)

    from praxis_kb.site import search

    serve_build(site, dirty=True)
    search.stop_left_running()
    before = {path: os.stat(site / path).st_mtime_ns for path in html_files(site)}
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\n---\n", "\n---\n\nEin neuer erster Satz aus der Vorschau.\n")
    serve_build(site, dirty=True)
    search.stop_left_running()
    rewritten = {path for path, stamp in before.items() if os.stat(site / path).st_mtime_ns != stamp}
    assert f"praxis/{CASE}/index.html" in rewritten
    others = {path for path in rewritten if path.startswith("praxis/") and path != f"praxis/{CASE}/index.html" and path != "praxis/index.html"}
    assert not others, others  # no other case's page was built again
    assert "Ein neuer erster Satz aus der Vorschau." in html_files(site)[f"praxis/{CASE}/index.html"].replace("\u00ad", "")

    # a title: first the case's page alone; the rebuild starts the next one (mkdocs serve watches
    # the folder it writes to), which builds the pages listing it, no other case's page
    follow_up = sandbox.root / "build" / "preview" / "listings"
    follow_up.unlink(missing_ok=True)
    before = {path: os.stat(site / path).st_mtime_ns for path in html_files(site)}
    replace_in(sandbox.cases_dir / f"{CASE}.de.md", "\ntitel: ", "\ntitel: Neu aus der Vorschau – ")
    serve_build(site, dirty=True)
    search.stop_left_running()
    rewritten = {path for path, stamp in before.items() if os.stat(site / path).st_mtime_ns != stamp}
    assert f"praxis/{CASE}/index.html" in rewritten and "passt-das/index.html" not in rewritten
    assert "Neu aus der Vorschau" in html_files(site)[f"praxis/{CASE}/index.html"].replace("\u00ad", "")
    assert follow_up.is_file()
    serve_build(site, dirty=True)
    search.stop_left_running()
    rewritten = {path for path, stamp in before.items() if os.stat(site / path).st_mtime_ns != stamp}
    assert {f"praxis/{CASE}/index.html", "praxis/index.html", "passt-das/index.html"} <= rewritten
    assert not {path for path in rewritten if path.startswith("praxis/") and path not in (f"praxis/{CASE}/index.html", "praxis/index.html")}
    assert "Neu aus der Vorschau" in html_files(site)["passt-das/index.html"].replace("\u00ad", "")

    clean = tmp_path / "voll"
    serve_build(clean, dirty=False)
    search.stop_left_running()
    assert html_files(site) == html_files(clean)

    # a removed case: its page goes from the preview too
    gone = next(path for path in sorted(sandbox.cases_dir.glob("*.de.md")) if not path.name.startswith(CASE))
    for path in sandbox.cases_dir.glob(gone.name.replace(".de.md", ".*.md")):
        path.unlink()
    serve_build(site, dirty=True)
    search.stop_left_running()
    assert not (site / "praxis" / gone.name.removesuffix(".de.md") / "index.html").exists()
    serve_build(tmp_path / "ohne", dirty=False)
    search.stop_left_running()
    assert html_files(site) == html_files(tmp_path / "ohne")


def test_a_file_of_cards_unchanged_since_the_last_rebuild_is_not_passed_again() -> None:
    from praxis_kb.render import Page, finder

    calls: list[str] = []

    def passes(html: str, lang: str) -> str:
        calls.append(html)
        return html.upper()

    chunk = Page(finder.chunk_path("de", 0), '{"html":"<li>a</li>"}\n')
    other = Page(finder.chunk_path("de", 1), '{"html":"<li>b</li>"}\n')
    kept: dict[str, tuple[str, Page]] = {}
    first = [finder.finish_chunk(page, passes, kept) for page in (chunk, other, Page("praxis/index.de.md", "x"))]
    again = [finder.finish_chunk(page, passes, kept) for page in (chunk, Page(other.path, '{"html":"<li>c</li>"}\n'))]
    assert calls == ["<li>a</li>", "<li>b</li>", "<li>c</li>"]  # the unchanged file was kept
    assert again[0] == first[0] == finder.finish_chunk(chunk, passes)
    assert again[1].text == '{"html":"<LI>C</LI>"}\n'
