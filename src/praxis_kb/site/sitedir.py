"""Build the site beside ``site/`` and put it in place only when every step succeeded.

MkDocs empties its output folder first and writes page by page; the search index, open data and
PDFs follow. A build that fails or is stopped halfway (Ctrl-C, a killed CI job, a full disk) would
leave a half-written site where the previous one was. ``build`` runs the whole MkDocs build into a
staging folder next to ``site/`` and swaps the folders at the end; on failure or a signal the
staging folder is removed and ``site/`` stays as it was.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

# Signals that stop a build: Ctrl-C, a terminal closed, a job killed by CI or a service manager.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
GRACE_SECONDS = 10


class Stopped(Exception):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def staging_dir(site_dir: Path) -> Path:
    """Where a build writes before it replaces *site_dir*: a hidden folder next to it."""
    return site_dir.with_name(f".{site_dir.name}-im-bau")


def replace(site_dir: Path, staging: Path) -> None:
    """Put *staging* in the place of *site_dir*; the old site is removed only afterwards."""
    old = site_dir.with_name(f".{site_dir.name}-alt")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def _signals_raise() -> Iterator[None]:
    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """End the build and everything it started (search index runs, Chromium for the PDFs), so
    that nothing writes into the staging folder any more."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # whatever of the group is still there
    except ProcessLookupError:
        pass
    process.wait()


def build(site_dir: Path, command: Sequence[str], cwd: Path) -> int:
    """Run *command* (a site build that takes ``--site-dir``) into the staging folder, then put the
    result in place of *site_dir*. Returns the exit code to end with."""
    staging = staging_dir(site_dir)
    shutil.rmtree(staging, ignore_errors=True)  # left behind by a build that was killed outright
    unchanged = f"{site_dir.name}/ ist unverändert geblieben" if site_dir.exists() else f"{site_dir.name}/ wurde nicht angelegt"
    with _signals_raise():
        try:
            process = subprocess.Popen([*command, "--site-dir", str(staging)], cwd=cwd, start_new_session=True)
            try:
                code = process.wait()
            except Stopped:
                _stop_group(process)
                raise
        except Stopped as stop:
            shutil.rmtree(staging, ignore_errors=True)
            name = signal.Signals(stop.signum).name
            print(f"Der Bau wurde abgebrochen ({name}); {unchanged}.", file=sys.stderr)
            return 128 + stop.signum
        if code != 0:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"Die Website wurde nicht gebaut (siehe oben); {unchanged}.", file=sys.stderr)
            return code
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)  # the swap itself is not interrupted
    try:
        replace(site_dir, staging)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    return 0
