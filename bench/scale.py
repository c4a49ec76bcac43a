"""A synthetic wave N times the size of the 2023 wave, with the same areas and answer distributions.

Each respondent of the reconstructed 2023 export is repeated N times with new ids, so every
distribution (and every published figure) stays exactly the same; only the volume grows.
"""

import argparse
from pathlib import Path

import pandas as pd
import pyreadstat


def scaled_export(source: Path, factor: int) -> tuple[pd.DataFrame, dict, dict]:
    frame, meta = pyreadstat.read_sav(str(source))
    copies = []
    for copy in range(factor):
        part = frame.copy()
        part["RespondentID"] = [f"{copy:04d}-{rid}" for rid in part["RespondentID"]]
        copies.append(part)
    return pd.concat(copies, ignore_index=True), meta.column_names_to_labels, meta.variable_value_labels


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--factor", type=int, required=True)
    parser.add_argument("--source", type=Path, default=Path("data/raw/2023/sagstal-2023.sav"))
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    frame, labels, value_labels = scaled_export(args.source, args.factor)
    pyreadstat.write_sav(frame, str(args.output), column_labels=labels, variable_value_labels=value_labels)
    print(f"wrote {args.output}: {len(frame)} rows")


if __name__ == "__main__":
    main()
