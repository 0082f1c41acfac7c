"""The search index: one Pagefind bundle per language, built in the background."""

from __future__ import annotations

import json
from pathlib import Path

from praxis_kb.site import search


def page(folder: Path, lang: str, title: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head>'
        f"<body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>",
        encoding="utf-8",
    )


def small_site(site: Path) -> None:
    page(site, "de", "Start", "Willkommen")
    page(site / "praxis" / "a", "de", "Runder Tisch", "Geschäftsordnung und Moderation")
    page(site / "en", "en", "Home", "Welcome")
    page(site / "en" / "praxis" / "a", "en", "Round table", "Rules of procedure and chair")
    (site / "404.html").write_text('<html lang="de"><body><main data-pagefind-body>Nicht gefunden</main></body></html>', encoding="utf-8")


def test_the_source_language_glob_leaves_out_language_folders_and_the_error_page(tmp_path: Path) -> None:
    small_site(tmp_path)
    glob = search.source_glob(tmp_path, ("de", "en"))
    assert glob == "{index.html,praxis/**/*.html}"


def test_every_language_gets_a_bundle_of_its_own(tmp_path: Path) -> None:
    small_site(tmp_path)
    indexer = search.Indexer(tmp_path, ("de", "en"))
    indexer.start("de")
    indexer.start("en")
    assert indexer.finish() == ""
    german = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    english = json.loads((tmp_path / "en" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(german["languages"]) == ["de"] and german["languages"]["de"]["page_count"] == 2
    assert list(english["languages"]) == ["en"] and english["languages"]["en"]["page_count"] == 2


def test_a_failing_run_is_reported_in_words(tmp_path: Path) -> None:
    indexer = search.Indexer(tmp_path / "fehlt", ("de",))
    indexer.start("de")
    problem = indexer.finish()
    assert problem.startswith("Der Suchindex konnte nicht erstellt werden (Pagefind): de: Pagefind ließ sich nicht starten")
    assert "make setup" in problem


def test_a_cancelled_index_leaves_no_process_behind(tmp_path: Path) -> None:
    small_site(tmp_path)
    indexer = search.Indexer(tmp_path, ("de", "en"))
    indexer.start("de")
    processes = list(indexer.running.values())
    indexer.cancel()
    assert not indexer.running
    assert all(process.poll() is not None for process in processes)


def test_a_preview_does_not_wait_for_the_index_and_the_next_build_stops_it(tmp_path: Path) -> None:
    small_site(tmp_path)
    indexer = search.Indexer(tmp_path, ("de", "en"))
    indexer.start("de")
    processes = list(indexer.running.values())
    search.leave_running(indexer)
    search.stop_left_running()
    assert all(process.poll() is not None for process in processes)
    search.stop_left_running()  # nothing left: nothing happens
