"""Rebuild (and check) the reconstructed raw export of a wave.

    python -m sagstal.tools.reconstruct --wave 2023          # write the export, then check it
    python -m sagstal.tools.reconstruct --wave 2023 --check  # only check the shipped export

The check runs the Snakefile's own jobs up to the wave's audit (sagstal.tools.reference), so the
export is judged by exactly the code that computes the report.
"""

import argparse
import contextlib
import sys
from pathlib import Path

import pandas as pd

from ...audit.compare import UNEXPLAINED
from ...core.files import read_csv
from ...core.yaml_file import load_yaml
from .. import reference
from .caseworkers2015 import build_2015
from .generate import build, write_sav

SEEDS = {"2023": 2023, "2015": 2015}


def check(wave: str, root: Path) -> list[str]:
    """Problems with the wave's export: any published figure it misses without a written reason."""
    target = f"reports/{wave}/audit.csv"
    with contextlib.chdir(root):
        reference.build([target])
        audit = read_csv(target)
    bad = audit[audit["status"] == UNEXPLAINED]
    return [f"{r.figure}: published {r.published}, reconstructed {r.computed}" for r in bad.itertuples()]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wave", default="2023", choices=sorted(SEEDS))
    parser.add_argument("--check", action="store_true", help="check the shipped export only")
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--output", type=Path, help="write the export here instead of the configured path")
    args = parser.parse_args(argv)
    config = load_yaml(args.root / "config.yaml")
    settings = config["waves"][args.wave]
    if not args.check:
        published = load_yaml(args.root / settings["published"])
        municipalities = pd.read_csv(args.root / "data/reference/kommuner.csv")
        target = args.output or args.root / settings["export"]
        if settings["instrument"] == "sagsbehandlere":
            frame = build_2015(published, load_yaml(args.root / settings["codebook"]), settings,
                               municipalities, SEEDS[args.wave])
            frame.to_excel(target, index=False, sheet_name="Besvarelser")
        else:
            frame, labels, value_labels = build(published, args.root / settings["codebook"],
                                                municipalities, SEEDS[args.wave])
            write_sav(frame, labels, value_labels, target)
        print(f"wrote {target}: {len(frame)} rows, {len(frame.columns)} columns")
        if args.output:
            return 0
    problems = check(args.wave, args.root)
    for problem in problems:
        print(f"NOT MET: {problem}", file=sys.stderr)
    print(f"check of wave {args.wave}: {len(problems)} published figure(s) not met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
