"""Reading and writing the pipeline's files: CSV that Excel opens, text and YAML, written whole or not at all."""

from pathlib import Path

import pandas as pd
import yaml


def whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns holding only whole numbers (counts with gaps) as nullable integers: 56, not 56.0."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            frame[column] = values.astype("Int64")
    return frame


def _write_whole(path, write) -> None:
    """write(partial) to a partial file beside `path`, which then replaces the real one: a failure
    (a full disk) leaves neither a half file nor the partial one; a killed job's partial file is
    cleared by the next run (core.one_build)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.stem + ".partial" + path.suffix)
    try:
        write(partial)
        partial.replace(path)
    except OSError as error:  # named by the file it was for, not its partial twin
        partial.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_csv(frame: pd.DataFrame, path) -> None:
    """UTF-8 with a byte-order mark, so that Excel shows æ, ø and å."""
    _write_whole(path, lambda partial: whole_numbers_as_integers(frame).to_csv(
        partial, index=False, encoding="utf-8-sig"))


def read_csv(path, **options) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", **options)


def write_text(text: str, path) -> None:
    _write_whole(path, lambda partial: partial.write_text(text, encoding="utf-8"))


def write_bytes(data: bytes, path) -> None:
    _write_whole(path, lambda partial: partial.write_bytes(data))


# libyaml's safe loader where PyYAML was built with it: the same documents, read about ten times as fast
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)  # noqa: S506  (a safe loader)
