"""One build at a time in a project folder, and what a killed build left behind cleared away.

A build killed hard (a laptop closed, a power loss, `kill -9`) leaves Snakemake's lock, which the
next run takes for a running build, and half-written `*.partial.*` files. Whether the lock is stale
cannot be told from the lock itself; so every Snakemake run of this workflow holds an operating
system lock (flock) on one file for as long as it lives. The kernel releases it when the process
ends in any way, so whoever holds it knows that no other run is alive: any Snakemake lock or
partial file it finds is a dead run's and goes. A run that finds it held waits for it, saying so
in one line, and then builds on what the other made.

Cheap to import (no pandas): the Snakefile imports it.
"""

import fcntl
import os
import sys
from pathlib import Path

LOCK_FILE = Path(".snakemake/sagstal/build.lock")
SNAKEMAKE_LOCKS = Path(".snakemake/locks")
WRITTEN_FOLDERS = (Path("data/processed"), Path("reports"))
PARTIAL = "*.partial.*"  # see core.files: a file being written, before it replaces the real one

_held: dict[Path, object] = {}  # open lock files of this process, by folder: never taken twice


def hold_folder(folder: Path = Path(".")) -> list[Path]:
    """Take the folder's build lock for the rest of this process (waiting while another run holds
    it), then remove what dead runs left: Snakemake's locks and partial files. Returns what went."""
    folder = folder.resolve()
    if folder in _held:
        return []
    path = folder / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115  (held open until the process ends)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "?"
        print(f"sagstal: another build is running in this folder (process {holder}); "
              "waiting for it to finish", file=sys.stderr, flush=True)
        fcntl.flock(handle, fcntl.LOCK_EX)
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    _held[folder] = handle
    return leftovers_removed(folder)


def leftovers_removed(folder: Path) -> list[Path]:
    """Remove a dead run's Snakemake locks and partial files (call only with the lock held)."""
    found = sorted((folder / SNAKEMAKE_LOCKS).glob("*.lock"))
    for written in WRITTEN_FOLDERS:
        found += sorted((folder / written).rglob(PARTIAL))
    for path in found:
        path.unlink(missing_ok=True)
    return [path.relative_to(folder) for path in found]
