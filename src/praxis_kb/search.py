"""The search index: Pagefind, run once over the finished site.

Pagefind writes one index per ``<html lang>`` and splits it into chunks, so a reader downloads
only their language and only the chunks a query needs (Material's search would put every language
into one file that every reader downloads whole).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def build_index(site_dir: Path) -> str:
    """Index *site_dir* into site_dir/pagefind; return an error message, or "" on success."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
            capture_output=True, text=True, check=False, timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"Der Suchindex konnte nicht erstellt werden: {exc}"
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        return "Der Suchindex konnte nicht erstellt werden (Pagefind): " + " / ".join(detail)
    _stable_entry(site_dir / "pagefind" / "pagefind-entry.json")
    return ""


def _stable_entry(path: Path) -> None:
    """Pagefind writes its language table in hash-map order; sort it so two builds are identical."""
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
