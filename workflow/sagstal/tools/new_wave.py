"""Scaffold a new wave from its export: the folder, a codebook to fill in, and the config entry.

    python -m sagstal.new_wave --wave 2025 --export ~/Downloads/sagstal-2025.csv [--like 2023]

Copies the export into data/raw/<wave>/ (never overwriting), writes data/raw/<wave>/codebook.yaml
with the previous wave's mapping where a column of the same name exists and TODO where it does
not (every export column is listed, so nothing is overlooked), and prints the block to add under
`waves:` in config.yaml. No code changes are needed to add a wave.
"""

import argparse
import shutil
import sys
from pathlib import Path

import yaml

from ..core.errors import IngestError
from ..ingest.export import read_export

TODO = "TODO: column name in the export"
# Settings a new wave starts from; invited, title and fieldwork must be checked.
CARRIED_OVER = ("title", "instrument", "fieldwork", "export", "codebook", "invited", "plausible_caseload",
                "full_time", "exclusions", "areas")


def _fill(template, columns):
    """The previous codebook's mapping, kept where the column exists in the new export."""
    if isinstance(template, dict):
        return {k: _fill(v, columns) for k, v in template.items()}
    if isinstance(template, str):
        return template if template in columns else TODO
    return template


def scaffold(root: Path, wave: str, export: Path, like: str) -> tuple[Path, str]:
    config = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    if wave in config["waves"]:
        raise IngestError(f"config.yaml already has a wave {wave!r}")
    previous = config["waves"][like]
    folder = root / "data/raw" / wave
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / export.name
    if export.resolve() != target.resolve():
        if target.exists():
            raise IngestError(f"{target} exists already; not overwriting it")
        shutil.copy(export, target)
    old = yaml.safe_load((root / previous["codebook"]).read_text(encoding="utf-8"))
    encoding = old.get("encoding")
    try:
        frame, _ = read_export(target, encoding, old.get("sheet"), old.get("separator", ","))
    except IngestError:
        encoding = "latin-1"
        frame, _ = read_export(target, encoding, old.get("sheet"), old.get("separator", ","))
    columns = [str(c) for c in frame.columns]
    codebook = {key: (_fill(value, set(columns)) if key not in ("codes", "layout", "separator", "sheet") else value)
                for key, value in old.items() if key != "encoding"}
    if encoding:
        codebook["encoding"] = encoding
    path = folder / "codebook.yaml"
    header = (f"# Codebook of wave {wave}, scaffolded from wave {like}'s. Replace every TODO with the\n"
              f"# export's column name; check the codes. Columns in the export:\n"
              + "".join(f"#   - {c}\n" for c in columns))
    path.write_text(header + yaml.safe_dump(codebook, allow_unicode=True, sort_keys=False, width=200),
                    encoding="utf-8")
    entry = {k: previous[k] for k in CARRIED_OVER if k in previous}
    entry.update(title=f"{previous['title']} ({wave})", fieldwork="TODO: YYYY-MM-DD",
                 export=f"data/raw/{wave}/{export.name}", codebook=f"data/raw/{wave}/codebook.yaml",
                 previous_wave=like)
    snippet = yaml.safe_dump({wave: entry}, allow_unicode=True, sort_keys=False, width=200)
    return path, "\n".join("  " + line for line in snippet.splitlines())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wave", required=True)
    parser.add_argument("--export", required=True, type=Path)
    parser.add_argument("--like", default="2023", help="the earlier wave whose codebook and settings to start from")
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        path, snippet = scaffold(args.root, args.wave, args.export, args.like)
    except (IngestError, OSError, KeyError) as error:
        print(f"sagstal new-wave: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path}: fill in every TODO.\nAdd this under 'waves:' in config.yaml (set fieldwork, check bins):\n")
    print(snippet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
