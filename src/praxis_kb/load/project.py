"""Where a project's content lives and which languages its site has.

The languages are configured once, in mkdocs.yml (the i18n plugin's ``languages``); the package
reads them from there so that adding a language stays one config entry plus translation files.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

SOURCE_LANGUAGE = "de"
# The site's own texts and their review status, shipped with the package.
UI_DIR = Path(__file__).resolve().parent.parent / "ui"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring ``!!python/name:`` and ``!ENV`` tags (not needed here)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)
_ConfigLoader.add_multi_constructor("!", _ignore_tag)


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def cases_dir(self) -> Path:
        return self.root / "praxis"

    @property
    def criteria_dir(self) -> Path:
        return self.root / "kriterien"

    @property
    def vocabularies_dir(self) -> Path:
        return self.root / "kriterien" / "vokabulare"

    @property
    def schema_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @cached_property
    def mkdocs_config(self) -> dict[str, Any]:
        path = self.root / "mkdocs.yml"
        if not path.exists():
            return {}
        loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506 - safe subclass
        return loaded if isinstance(loaded, dict) else {}

    @cached_property
    def languages(self) -> tuple[str, ...]:
        """Site languages, the source language first."""
        for plugin in self.mkdocs_config.get("plugins", []) or []:
            if isinstance(plugin, dict) and "i18n" in plugin:
                entries = (plugin["i18n"] or {}).get("languages", [])
                found = [e["locale"] for e in entries if isinstance(e, dict) and e.get("locale")]
                ordered = [SOURCE_LANGUAGE] + [lang for lang in found if lang != SOURCE_LANGUAGE]
                return tuple(ordered)
        return (SOURCE_LANGUAGE,)

    def relative(self, path: Path) -> str:
        """A path as contributors see it: relative to the project root where possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def find_root(start: Path | None = None) -> Path:
    """The nearest folder upwards that holds mkdocs.yml (else the start folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").exists() and (folder / "schemas").is_dir():
            return folder
    return here
