"""What every rule's job does around its work: a log file, and one clear message when input is bad.

`run(snakemake, work)` is the whole body of each script in workflow/scripts/; `work` is one package
function that takes the job (Snakemake's `snakemake` object, or the reference runner's stand-in)
and reads only its input, output, params and wildcards.
"""

import datetime as dt
import errno
import logging
import re
import sys
import traceback
from pathlib import Path

from .errors import IngestError

log = logging.getLogger("sagstal")
REPORTS = Path("reports")
NOT_BUILT = "IKKE-OPDATERET.md"  # beside a wave's reports after a failed build
WHOLE_WAVE = ("rapport.html", "rapport.docx", "oversigt.xlsx")  # the wave as a whole: removed on failure


def mark_not_built(wave, rule: str, message: str) -> None:
    """After a failed build, no report of the wave may pass as current: rapport.html and oversigt.xlsx
    are removed, and a note says what failed (appendices and charts there are from an earlier build)."""
    folder = REPORTS / str(wave)
    if not folder.is_dir():
        return
    for name in WHOLE_WAVE:
        (folder / name).unlink(missing_ok=True)
    try:
        _write_note(folder, wave, rule, message)
    except OSError:  # a full disk: the removed report already says it is not current
        (folder / NOT_BUILT).unlink(missing_ok=True)


# The folders of an absolute or home path (/home/hanne/Downloads/, ~/Downloads/, C:\\Users\\hanne\\): a
# folder may name the analyst, so nothing under reports/ shows one; relative project paths stay.
_FOLDERS = re.compile(r"(?<![\w.~:/\\])(?:~|[A-Za-z]:)?[\\/](?:[^\s\\/'\"`]+[\\/])+")


def without_folders(message: str) -> str:
    """The message with each absolute path shortened to its file name ("/home/hanne/x.sav" is "x.sav")."""
    return _FOLDERS.sub("", message)


def _write_note(folder: Path, wave, rule: str, message: str) -> None:
    (folder / NOT_BUILT).write_text(
        f"# Rapporten for {wave} er ikke opdateret\n\n"
        f"Kørslen {dt.datetime.now():%Y-%m-%d %H:%M} stoppede i reglen `{rule}`:\n\n"
        f"```\n{without_folders(message)}\n```\n\n"
        "rapport.html og oversigt.xlsx er fjernet; bilag og figurer i denne mappe stammer fra en tidligere kørsel "
        "og må ikke bruges. Ret fejlen og kør `make report` igen.\n", encoding="utf-8")


def disk_full_message(error: OSError, outputs) -> str:
    """The one line a full disk gets: what was being written, and what to do."""
    where = error.filename or next(iter(outputs), "the job's output")
    return f"no space left on device writing {where}: free space and run make report again"


def run(snakemake, work) -> None:
    """Run work(snakemake) with its log file; a user error ends the job with one clear message."""
    log_file = str(snakemake.log[0])
    logging.raiseExceptions = False  # a log line that cannot be written (a full disk) is no traceback
    try:
        Path(log_file).parent.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(filename=log_file, filemode="w", level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(message)s", force=True)
        work(snakemake)
    except OSError as error:
        if error.errno == errno.ENOSPC:
            message = disk_full_message(error, snakemake.output)
            print(f"\nsagstal: {message}\n", file=sys.stderr)
            _stop(snakemake, message)
        _unexpected(snakemake, error, log_file)
    except IngestError as error:
        log.error("%s", error)
        print(f"\nsagstal: {error}\n(log: {log_file})\n", file=sys.stderr)
        _stop(snakemake, str(error))
    except Exception as error:
        _unexpected(snakemake, error, log_file)


def _unexpected(job, error: Exception, log_file: str) -> None:
    """A failure that is no user's mistake: its traceback in the log, one line on screen; ends the job."""
    log.error("unexpected failure\n%s", traceback.format_exc())
    print(f"\nsagstal: rule {job.rule} failed unexpectedly: {error!r}. "
          f"The full traceback is in {log_file}.\n", file=sys.stderr)
    _stop(job, repr(error))


def _stop(job, message: str) -> None:
    """Mark the wave's reports as not rebuilt and end the job (exit status 1)."""
    wave = job.wildcards.get("wave")
    if wave:
        mark_not_built(wave, job.rule, message)
    sys.exit(1)
