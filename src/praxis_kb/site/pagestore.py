"""Generated pages on disk: their sources in docs/ for MkDocs, their HTML fragments beside.

Generated pages are real files in git-ignored folders of docs/ (ARCHITECTURE.md: pages added in
``on_files`` break static-i18n); only files whose text changed are written, so that
``mkdocs serve`` does not rebuild forever, and files of removed cases are deleted.

A page's HTML fragments (render/fragments.py: the escaped HTML that bypasses Markdown) go into a
folder outside docs/ (MkDocs would copy them into the site), one JSON file per page, and are read
back when MkDocs writes that page. So the HTML of a page is in memory only while it is rendered and
while MkDocs writes it: held together, the pages of 10,000 cases in five languages take gigabytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from praxis_kb.render import LEGAL_PAGES, Page

# The folders of docs/ that the build writes (git-ignored), besides the legal pages at its top.
GENERATED_DIRS = ("praxis", "kriterien", "standorttypen", "passt-das", "ueberblick", "offene-daten", "suche", "uebersetzungen", "checkliste")

# Beside docs/ (in a project: below its root), git-ignored; `make clean` removes build/.
FRAGMENTS_DIR = Path("build") / "fragments"


@dataclass(frozen=True)
class Stored:
    """What the build keeps of a page it stored: where it is, and whether it changed."""

    path: str  # below docs/
    written: bool  # its source changed (or is new) and was written
    has_fragments: bool


@dataclass(frozen=True)
class PageStore:
    """The generated pages of one project: sources in *docs_dir*, fragments in *fragments_dir*."""

    docs_dir: Path
    fragments_dir: Path

    @classmethod
    def beside(cls, docs_dir: Path) -> PageStore:
        """The store whose fragments lie beside *docs_dir* (two docs folders never share them)."""
        return cls(docs_dir, docs_dir.parent / FRAGMENTS_DIR)

    def put(self, page: Page) -> Stored:
        """Store one page: its source only when its text changed, its fragments always (MkDocs
        does not watch them; which pages a preview builds again it is told, see site/adapter.py)."""
        target = self.docs_dir / page.path
        written = not (target.exists() and target.read_text(encoding="utf-8") == page.text)
        if written:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.text, encoding="utf-8")
        fragments = self._fragments_file(page.path)
        if page.fragments:
            fragments.parent.mkdir(parents=True, exist_ok=True)
            fragments.write_text(json.dumps(page.fragments, ensure_ascii=False), encoding="utf-8")
        else:
            fragments.unlink(missing_ok=True)
        return Stored(page.path, written, bool(page.fragments))

    def fragments(self, path: str) -> tuple[str, ...]:
        """The HTML fragments of the page whose source is *path* (below docs/)."""
        return tuple(json.loads(self._fragments_file(path).read_text(encoding="utf-8")))

    def remove_stale(self, wanted: set[str]) -> int:
        """Delete generated files no page needs any more (a removed case), and emptied folders."""
        docs = self.docs_dir
        stale = [path for name in LEGAL_PAGES for path in sorted(docs.glob(f"{name}.*.md"))]
        folders = [docs / folder for folder in GENERATED_DIRS if (docs / folder).is_dir()]
        removed = 0
        for path in stale + [path for base in folders for path in sorted(base.rglob("*"), reverse=True)]:
            if path.is_file() and path.relative_to(docs).as_posix() not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        if self.fragments_dir.is_dir():
            for path in sorted(self.fragments_dir.rglob("*"), reverse=True):
                if path.is_file() and path.relative_to(self.fragments_dir).as_posix().removesuffix(".json") not in wanted:
                    path.unlink()
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        return removed

    def _fragments_file(self, path: str) -> Path:
        return self.fragments_dir / f"{path}.json"
