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


def _partial(path: Path) -> Path:
    """Where a file is written before it replaces the real one, so a failure leaves no half file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(path.stem + ".partial" + path.suffix)


def write_csv(frame: pd.DataFrame, path) -> None:
    """UTF-8 with a byte-order mark, so that Excel shows æ, ø and å."""
    path = Path(path)
    partial = _partial(path)
    whole_numbers_as_integers(frame).to_csv(partial, index=False, encoding="utf-8-sig")
    partial.replace(path)


def read_csv(path, **options) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", **options)


def write_text(text: str, path) -> None:
    path = Path(path)
    partial = _partial(path)
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def write_bytes(data: bytes, path) -> None:
    path = Path(path)
    partial = _partial(path)
    partial.write_bytes(data)
    partial.replace(path)


# libyaml's safe loader where PyYAML was built with it: the same documents, read about ten times as fast
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)  # noqa: S506  (a safe loader)
