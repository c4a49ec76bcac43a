"""What every rule's job does around its work: a log file, and one clear message when input is bad.

`run(snakemake, work)` is the whole body of each script in workflow/scripts/; `work` is one package
function that takes the job (Snakemake's `snakemake` object, or the reference runner's stand-in)
and reads only its input, output, params and wildcards.
"""

import logging
import sys
import traceback
from pathlib import Path

from .errors import IngestError

log = logging.getLogger("sagstal")


def run(snakemake, work) -> None:
    """Run work(snakemake) with its log file; a user error ends the job with one clear message."""
    log_file = str(snakemake.log[0])
    Path(log_file).parent.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(filename=log_file, filemode="w", level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(message)s", force=True)
    try:
        work(snakemake)
    except IngestError as error:
        log.error("%s", error)
        print(f"\nsagstal: {error}\n(log: {log_file})\n", file=sys.stderr)
        sys.exit(1)
    except Exception as error:
        log.error("unexpected failure\n%s", traceback.format_exc())
        print(f"\nsagstal: rule {snakemake.rule} failed unexpectedly: {error!r}. "
              f"The full traceback is in {log_file}.\n", file=sys.stderr)
        sys.exit(1)
