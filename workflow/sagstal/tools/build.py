"""`make report`'s build: Snakemake with its own output kept in a log, and on screen only what an
analyst needs: progress, and when something fails, the `sagstal:` message last.

    python -m sagstal.tools.build [SNAKEMAKE ARGUMENTS ...]

Snakemake's banner, job listing and error blocks (about 50 lines for one failed job) go to
logs/make-report.log in full. The screen shows each "N of M steps done", every line a job or the
Snakefile wrote for a person (`sagstal: …`, with the log it names), and at the end where the full
output is. Exit status is Snakemake's.
"""

import subprocess
import sys
from pathlib import Path

FULL_LOG = Path("logs/make-report.log")
DISK_FULL = "No space left on device"
ENDING = "full output of this build: "


class Log:
    """The build's full output; a log that cannot be written (a full disk) is given up on, not fatal."""

    def __init__(self, path: Path):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(path, "w", encoding="utf-8")  # noqa: SIM115  (open while the build runs)
        except OSError:
            self.handle = None

    def write(self, line: str) -> None:
        if self.handle is None:
            return
        try:
            self.handle.write(line)
            self.handle.flush()
        except OSError:
            self.handle = None

    def close(self) -> None:
        if self.handle is not None:
            try:
                self.handle.close()
            except OSError:
                pass


def for_screen(line: str, follows_message: bool) -> bool:
    """Whether a line of Snakemake's output is one a person reads: progress, a sagstal message and
    the lines under it, up to the blank line that ends it."""
    text = line.strip()
    return (text.startswith("sagstal:") or (follows_message and bool(text))
            or (" steps (" in text and text.endswith("done")) or text.startswith("Nothing to be done"))


def build(arguments: list[str], log_path: Path = FULL_LOG) -> int:
    log = Log(log_path)
    command = [sys.executable, "-m", "snakemake", *arguments]
    shown, disk_full, in_message = False, False, False
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               encoding="utf-8", errors="replace", bufsize=1)
    try:
        for line in process.stdout:
            log.write(line)
            disk_full |= DISK_FULL in line
            if for_screen(line, in_message):
                print(line.rstrip(), flush=True)
                shown |= line.strip().startswith("sagstal:")
            in_message = line.strip().startswith("sagstal:") or (in_message and bool(line.strip()))
        status = process.wait()
    except KeyboardInterrupt:  # Ctrl-C reached Snakemake too: let it stop its jobs, then say what next
        status = process.wait()
        print("sagstal: stopped; run make report again to finish the build", flush=True)
        log.close()
        return status or 130
    log.close()
    if status and disk_full and not shown:
        print("sagstal: no space left on device while Snakemake recorded the build: "
              "free space and run make report again", flush=True)
    elif status and not shown:
        print("sagstal: Snakemake stopped before any job could say why; its own words are in the log",
              flush=True)
    if status:
        where = log_path if log.handle is not None else f"{log_path} (cut short: the disk was full)"
        print(f"{ENDING}{where}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(build(sys.argv[1:]))
