"""What every Snakemake script does around its work: logging, CSV I/O, and clear failures."""

import logging
import sys
import traceback
from pathlib import Path

import pandas as pd

from .ingest import IngestError

log = logging.getLogger("sagstal")


def whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (counts with gaps) as nullable integers: 56, not 56.0."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            frame[column] = values.astype("Int64")
    return frame


def write_csv(frame: pd.DataFrame, path) -> None:
    """UTF-8 with a byte-order mark, so that Excel shows æ, ø and å; written whole or not at all."""
    frame = whole_numbers_as_integers(frame)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    frame.to_csv(partial, index=False, encoding="utf-8-sig")
    partial.replace(path)


def read_csv(path, **options) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", **options)


def write_text(text: str, path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


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
