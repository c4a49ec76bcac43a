"""Scaffold a new wave from its export: the folder, a codebook read from the export itself, and the
wave's entry in config.yaml with TODO on everything a person must decide.

    python -m sagstal.tools.new_wave --wave 2025 --export ~/Downloads/sagstal-2025.csv [--like 2023]

Reads the export as it is (sagstal.ingest.sniff: encoding, separator, header row, decimal comma,
.sav value labels, SurveyXact's Labels and Structure tables); maps its columns to the earlier
wave's fields by name or question text (case, spaces and punctuation aside), and lists what it
could not map; takes the answer codes from the export (its value labels, or the distinct values
it holds), naming their meaning where the earlier wave or DS' wording says it ("For højt": too
high), TODO elsewhere; keeps only the areas whose columns the export has; proposes bins from the
answers. Writes data/raw/<wave>/ (the export and codebook.yaml) and appends the wave to
config.yaml. Nothing is half done: on any error nothing is written, so it can simply be rerun.
"""

import argparse
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from ..core.errors import IngestError
from ..core.parsing import AnswerError, parse_caseload
from ..ingest.codebook import AREA_FIELDS
from ..ingest.ledger import cell_text, is_blank, squeezed
from ..ingest.sniff import Sniffed, sniff_export

TODO = "TODO"
CODED = ("assessment", "cap")
# DS' wording of the answers, for codes whose meaning the earlier wave does not show.
KNOWN_LABELS = {"for højt": "too_high", "for hoejt": "too_high", "for lavt": "too_low", "passende": "about_right",
                "ja": "yes", "nej": "no", "ved ikke": "dont_know"}


def previous_names(root: Path, settings: dict) -> dict:
    """{column of the earlier export: its question text}, where the earlier export has them (.sav)."""
    export = root / settings["export"]
    try:
        return sniff_export(export).question_texts if export.suffix.lower() == ".sav" else {}
    except IngestError:
        return {}


def map_columns(sniffed: Sniffed, old_columns: list[str], old_texts: dict) -> dict:
    """{earlier column: new column} for the columns found again by name or question text."""
    keys = {}
    for column in sniffed.frame.columns:
        for key in (squeezed(column), squeezed(sniffed.question_texts.get(column, ""))):
            if key:
                keys.setdefault(key, column)
    found = {}
    for old in old_columns:
        for key in (squeezed(old), squeezed(old_texts.get(old, ""))):
            if key and key in keys:
                found[old] = keys[key]
                break
    return found


def meanings(root: Path, like: dict, old_codebook: dict, regions: dict) -> dict:
    """{code name: {label as squeezed: meaning}}: what the earlier wave's labels meant, DS' wording,
    and the region names in config."""
    known = {name: {squeezed(label): meaning for label, meaning in KNOWN_LABELS.items()} for name in CODED}
    known["region"] = {squeezed(label): key for key, label in regions.items()}
    known["region"] |= {squeezed(key): key for key in regions}
    export = root / like["export"]
    if export.suffix.lower() == ".sav":
        labels = sniff_export(export).value_labels
        for area_fields in old_codebook.get("areas", {}).values():
            for name in CODED:
                column = area_fields.get(name)
                for code, label in labels.get(column, {}).items():
                    meaning = old_codebook.get("codes", {}).get(name, {}).get(int(code) if code.isdigit() else code)
                    if meaning:
                        known[name][squeezed(label)] = meaning
    return known


def codes_from_export(sniffed: Sniffed, columns: list[str], known: dict) -> dict:
    """{code as stored: meaning or TODO} from the export's value labels, else its distinct values."""
    codes = {}
    for column in columns:
        labels = sniffed.value_labels.get(column)
        if labels:
            for code, label in labels.items():
                codes[_as_code(code)] = known.get(squeezed(label), TODO)
        else:
            for value in sniffed.frame[column]:
                if not is_blank(value):
                    codes[_as_code(cell_text(value))] = known.get(squeezed(value), TODO)
    return dict(sorted(codes.items(), key=lambda item: str(item[0])))


def _as_code(value):
    text = str(value)
    return int(text) if text.isdigit() else text


def proposed_bins(sniffed: Sniffed, column: str | None, earlier: list | None, width: int = 5) -> list[str] | str:
    """The earlier wave's bins of the area where it had them; else bins of `width` cases over the
    middle 90 % of the answers (answers beyond fall in the tables' "under"/"over" rows)."""
    if earlier:
        return list(earlier)
    values = []
    for value in (sniffed.frame[column] if column else []):
        try:
            parsed = parse_caseload(cell_text(value))
        except AnswerError:
            continue
        if parsed.value is not None:
            values.append(parsed.value)
    if not values:
        return TODO
    values.sort()
    low = int(values[len(values) // 20] // width * width)
    high = int(values[len(values) - 1 - len(values) // 20])
    labels, start = [f"{low}-{low + width}"], low + width + 1
    while start <= high:
        labels.append(f"{start}-{start + width - 1}")
        start += width
    return labels


def build(root: Path, wave: str, export: Path, like: str) -> tuple[dict, dict, list[str]]:
    """(codebook, config entry, notes) of the new wave; nothing is written here."""
    config = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    if wave in config["waves"]:
        raise IngestError(f"config.yaml already has a wave {wave!r}; choose another name or remove it first")
    if like not in config["waves"]:
        raise IngestError(f"config.yaml has no wave {like!r} to start from (--like)")
    previous = config["waves"][like]
    old = yaml.safe_load((root / previous["codebook"]).read_text(encoding="utf-8"))
    if old.get("layout", "areas_in_columns") != "areas_in_columns":
        raise IngestError(f"wave {like} has the {old['layout']} layout; new-wave scaffolds the union "
                          "representatives' layout (areas in columns): start from such a wave with --like")
    sniffed = sniff_export(export)
    old_columns = [old["respondent_id"], old["municipality"], old["region"]]
    old_columns += [c for fields in old["areas"].values() for c in fields.values()]
    mapping = map_columns(sniffed, old_columns, previous_names(root, previous))
    known = meanings(root, previous, old, config["texts"]["regions"])

    codebook = {"respondent_id": mapping.get(old["respondent_id"], TODO),
                "municipality": mapping.get(old["municipality"], TODO),
                "region": mapping.get(old["region"], TODO)}
    codebook |= sniffed.reading_settings()
    areas, dropped = {}, []
    for area, fields in old["areas"].items():
        found = {name: mapping[column] for name, column in fields.items() if column in mapping}
        if "current" in found:
            areas[area] = {name: found.get(name, TODO) for name in AREA_FIELDS if name in fields}
        else:
            dropped.append(area)
    if not areas:  # nothing matched by name: every area of the earlier wave, every column to fill in
        areas = {area: {name: TODO for name in fields} for area, fields in old["areas"].items()}
        dropped = []
    codebook["codes"] = {
        "region": codes_from_export(sniffed, [codebook["region"]] if codebook["region"] != TODO else [],
                                    known["region"]),
        **{name: codes_from_export(sniffed, [f[name] for f in areas.values() if f.get(name, TODO) != TODO],
                                   known[name]) for name in CODED}}
    codebook["areas"] = areas
    entry = {"title": TODO, "instrument": previous["instrument"], "fieldwork": TODO,
             "export": f"data/raw/{wave}/{export.name}", "codebook": f"data/raw/{wave}/codebook.yaml",
             "invited": TODO,
             "plausible_caseload": previous.get("plausible_caseload", {"min": 1, "max": 500, "action": "exclude"}),
             "areas": {area: {"bilag": previous["areas"].get(area, {}).get("bilag", i),
                              "bins_current": proposed_bins(sniffed, fields["current"],
                                                            previous["areas"].get(area, {}).get("bins_current")),
                              "bins_suggested": proposed_bins(sniffed, fields.get("suggested"),
                                                              previous["areas"].get(area, {}).get("bins_suggested"))}
                       for i, (area, fields) in enumerate(areas.items(), start=1)}}
    unmapped = [str(c) for c in sniffed.frame.columns if c not in set(mapping.values())]
    notes = [f"read as {sniffed.kind}" + (f", {sniffed.encoding}, separator {sniffed.separator!r}"
                                          if sniffed.kind == "csv" else "")
             + (", decimal commas" if sniffed.decimal_comma else "") + f", header in row {sniffed.header_row}",
             f"areas found: {', '.join(areas)}"]
    if dropped:
        notes.append(f"areas of wave {like} not in this export (left out): {', '.join(dropped)}")
    if unmapped:
        notes.append(f"export columns not mapped to a field: {', '.join(unmapped)}")
    return codebook, entry, notes


def todo_count(document) -> int:
    if isinstance(document, dict):
        return sum(todo_count(k) + todo_count(v) for k, v in document.items())
    if isinstance(document, list):
        return sum(map(todo_count, document))
    return int(document == TODO)


def write(root: Path, wave: str, export: Path, codebook: dict, entry: dict, columns) -> Path:
    """The wave's folder and config entry, all or nothing: staged, then moved into place."""
    folder = root / "data/raw" / wave
    if folder.exists():
        existing = folder / export.name
        same = existing.exists() and _sha(existing) == _sha(export) and len(list(folder.iterdir())) <= 2
        if not same:
            raise IngestError(f"{folder} exists already and holds other files; not overwriting it")
        shutil.rmtree(folder)  # a scaffold whose config entry was never written: redo it
    header = (f"# Codebook of wave {wave}, scaffolded by `make new-wave` from the export. Replace every TODO\n"
              "# (a column name, or the meaning of a code: too_high, about_right, too_low, yes, no, or a region).\n"
              "# Columns in the export:\n" + "".join(f"#   - {c}\n" for c in columns))
    with tempfile.TemporaryDirectory(dir=root / "data/raw") as staging:
        staged = Path(staging) / wave
        staged.mkdir()
        shutil.copy(export, staged / export.name)
        (staged / "codebook.yaml").write_text(
            header + yaml.safe_dump(codebook, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
        config_text = (root / "config.yaml").read_text(encoding="utf-8")
        block = yaml.safe_dump({wave: entry}, allow_unicode=True, sort_keys=False, width=200, default_flow_style=None)
        addition = (f"  # {wave}: scaffolded by `make new-wave`; replace every TODO (title, fieldwork date, invited)\n"
                    "  # and check the bins (the earlier wave's, or steps of 5 over the answers).\n"
                    + "".join(f"  {line}\n" for line in block.splitlines()))
        if not config_text.rstrip().splitlines()[-1].startswith(" "):
            raise IngestError("config.yaml must end inside `waves:` to append the new wave; add it by hand")
        staged.rename(folder)
    (root / "config.yaml").write_text(config_text.rstrip("\n") + "\n" + addition, encoding="utf-8")
    return folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wave", required=True)
    parser.add_argument("--export", required=True, type=Path)
    parser.add_argument("--like", default="2023", help="the earlier wave whose codebook and settings to start from")
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        if not args.export.is_file():
            raise IngestError(f"{args.export}: no such file")
        codebook, entry, notes = build(args.root, args.wave, args.export, args.like)
        folder = write(args.root, args.wave, args.export, codebook, entry, list(sniff_export(args.export).frame))
    except (IngestError, OSError) as error:
        print(f"sagstal new-wave: {error}\nNothing was written.", file=sys.stderr)
        return 1
    print(f"wrote {folder}/ and the wave {args.wave} in config.yaml")
    for note in notes:
        print(f"  {note}")
    print(f"Replace the {todo_count(codebook)} TODO(s) in {folder}/codebook.yaml and the {todo_count(entry)} in "
          f"config.yaml (waves: {args.wave}), check the bins, then run make report.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
