"""Scaffold a new wave from its export: the folder, a codebook mapped by meaning, and the wave's
entry in config.yaml with TODO only on what a person must decide (title, fieldwork, invited).

    python -m sagstal.tools.new_wave --wave 2025 --export ~/Downloads/dataset.csv [--like 2023]
                                     [--area BF=boerne-familie --area SD=sygedagpenge]

Reads the export with the pipeline's own reader (sagstal.ingest.reader: detect, then read with
what it found) and writes those reading settings into the codebook, so ingest reads the file the
same way. Maps columns to fields by what the export says (sagstal.tools.mapping), each with its
evidence as a comment. Columns that look like an area's questions but name no area config knows
(a CSV with BF_aktuelt, BF_vurdering, … and no question texts) are one question per group:
the scaffold stops, writing nothing, and asks which area each group is (--area KEY=slug, or
KEY=- to leave a group out). Proposes bins from the new answers (the earlier wave's where they
still cover every answer without a gap). Copies the export and its companion files (SurveyXact's
labels and structure) into data/raw/<wave>/. On any error nothing is written.
"""

import argparse
import hashlib
import math
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from ..core.binning import answers_in_gaps, bin_table, parse_bins
from ..core.errors import IngestError
from ..core.one_build import hold_folder
from ..core.parsing import AnswerError, parse_caseload
from ..core.yaml_file import load_mapping, parse_yaml, read_text
from ..ingest.fte import HoursError, conversion
from ..ingest.ledger import cell_text
from ..ingest.quotes import EMPTY_SELECTION
from ..ingest.reader import detect, export_file, read_export
from ..render.review import SCAFFOLDED
from .caseworker_mapping import looks_like_caseworkers, map_caseworker_export
from .mapping import NEW_AREA, SUFFIXES, TODO, Mapped, Mapping, map_export, new_area

CASEWORKER_REQUIRED = ("municipality", "role", "hours", "area", "current", "suggested")

SCHEMA = Path("workflow/schemas/config.schema.yaml")
EMPTY_DECISIONS = ("# Decisions on the review page's points that block publication (reports/<wave>/gennemsyn.html),\n"
                   "# one line each, as the page shows it to paste:\n"
                   '#   g1a2b3c4d: {beslutning: godkendt, begrundelse: "…", hvem: AB, dato: 2031-05-01, aftryk: "…"}\n'
                   "{}\n")

EVIDENCE_WIDTH = 160


def answers_of(export, column: str | None, plausible: dict | None = None, rows=None,
               factors=None) -> list[float]:
    """The caseloads of a column as the build will use them, to propose bins from: readable, within
    the plausible range (an implausible 1.200 stretches no bin), only the given rows (an area's, in
    the caseworker design), and times each row's full-time factor where given."""
    values = []
    for index, value in enumerate(export.frame[column] if column in export.frame else []):
        if rows is not None and index not in rows:
            continue
        try:
            parsed = parse_caseload(cell_text(value))
        except AnswerError:
            continue
        if parsed.value is None or (plausible and not plausible["min"] <= parsed.value <= plausible["max"]):
            continue
        values.append(parsed.value * float(factors[index]) if factors is not None else parsed.value)
    return values


def _full_time_factors(export, hours_column: str | None, full_time: dict) -> list | None:
    """Each row's full-time factor (1 where the hours cannot be read: the build leaves those out)."""
    if not hours_column or hours_column not in export.frame:
        return None
    factors = []
    for value in export.frame[hours_column]:
        try:
            factors.append(conversion(cell_text(value), full_time["standard_hours"], full_time["missing"],
                                      full_time["above_standard"]).factor)
        except HoursError:
            factors.append(1)
    return factors


def covers(labels, values) -> bool:
    """Whether bins hold every answer, none of them in a gap between two bins."""
    try:
        bins = parse_bins(labels)
    except ValueError:
        return False
    return not bin_table(values, bins)[1] and not answers_in_gaps(values, bins)


def proposed_bins(values: list[float], earlier: list | None, width: int = 5) -> list[str] | str:
    """The earlier wave's bins where they still cover every answer without a gap; else bins of
    `width` cases over the middle 90 % of the answers, with one wider bin at each end from the
    lowest and to the highest answer where they lie further out, so that no answer falls outside
    the table (the review page lists the extreme ones)."""
    if earlier and covers(earlier, values):
        return list(earlier)
    if not values:
        return list(earlier) if earlier else TODO
    values = sorted(values)
    low = int(values[len(values) // 20] // width * width)
    high = values[len(values) - 1 - len(values) // 20]
    lowest, highest = math.floor(values[0]), math.ceil(values[-1])
    if lowest < low:
        labels, start = [f"{lowest}-{low}"], low + 1
    else:
        labels, start = [f"{low}-{low + width}"], low + width + 1
    while start <= high:
        labels.append(f"{start}-{start + width - 1}")
        start += width
    if highest >= start:  # the answers above the last regular bin: one bin up to the highest
        labels.append(f"{start}-{highest}" if highest > start else str(start))
    return labels


def _scalar(value) -> str:
    """A value as YAML writes it inline ('0,5' quoted, None as null)."""
    return yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=10_000).strip()[1:-1]


def _line(indent: int, key, mapped: Mapped) -> str:
    value = TODO if mapped.value is None else mapped.value
    evidence = " ".join(str(mapped.evidence).split())
    if len(evidence) > EVIDENCE_WIDTH:
        evidence = evidence[:EVIDENCE_WIDTH - 1] + "…"
    return f"{' ' * indent}{_scalar(key)}: {_scalar(value)}" + (f"  # {evidence}" if evidence else "") + "\n"


def codebook_text(wave: str, export_name: str, reading: dict, mapping: Mapping) -> str:
    """The codebook as YAML, each mapping with the words it came from beside it."""
    text = (f"# Codebook of wave {wave}, {SCAFFOLDED} from {export_name}: read the evidence\n"
            "# beside each line (the export's question text or label it came from); a TODO is for you to decide.\n"
            "# How the export is read (the pipeline reads it exactly so):\n")
    text += "".join(f"{key}: {_scalar(value)}\n" for key, value in reading.items())
    respondent = mapping.respondent_id
    text += _line(0, "respondent_id", respondent if respondent.value else Mapped(None, respondent.evidence)
                  ).replace(f": {TODO}", ": null", 1)
    region = mapping.region if mapping.region.value else Mapped(None, "the export asks no region: the report "
                                                                          "says so")
    text += _line(0, "municipality", mapping.municipality) + _line(0, "region", region).replace(f": {TODO}", ": null", 1)
    text += "codes:\n"
    for name, codes in mapping.codes.items():
        text += f"  {name}:" + (" {}\n" if not codes else "\n")
        text += "".join(_line(4, code, mapped) for code, mapped in codes.items())
    text += "areas:\n"
    for area, fields in mapping.areas.items():
        text += f"  {area}:\n" + "".join(_line(4, name, mapped) for name, mapped in fields.items())
    if mapping.unmapped:
        text += ("# Columns not used (background variables such as names and e-mails stay out of every output):\n"
                 + "".join(f"#   - {' '.join(str(c).split())}\n" for c in mapping.unmapped))
    return text


def caseworker_codebook_text(wave: str, export_name: str, reading: dict, mapping) -> str:
    """A `layout: caseworkers` codebook, each mapping with the words it came from beside it."""
    text = (f"# Codebook of wave {wave}, {SCAFFOLDED} from {export_name}: read the evidence\n"
            "# beside each line (the export's question text or label it came from); a TODO is for you to decide.\n"
            "layout: caseworkers\n# How the export is read (the pipeline reads it exactly so):\n")
    text += "".join(f"{key}: {_scalar(value)}\n" for key, value in reading.items())
    text += "columns:\n"
    for name in ("respondent_id", "municipality", "region", "role", "hours", "area", "current", "suggested",
                 "assessment", "coordinating", "admin_help", "comment"):
        mapped = mapping.columns.get(name)
        if mapped is None and name in CASEWORKER_REQUIRED:
            mapped = Mapped(None, "not found in the export: name its column")
        if mapped is not None:
            line = _line(2, name, mapped)
            text += line.replace(f": {TODO}", ": null", 1) if name in ("respondent_id", "region") else line
    for title, entries in (("case_types", mapping.case_types), ("coordination_counts", mapping.coordination_counts)):
        if entries:
            text += f"{title}:\n" + "".join(_line(2, key, mapped) for key, mapped in entries.items())
    text += "codes:\n"
    for name, codes in mapping.codes.items():
        text += f"  {name}:" + (" {}\n" if not codes else "\n")
        text += "".join(_line(4, code, mapped) for code, mapped in codes.items())
    if mapping.unmapped:
        text += ("# Columns not used (background variables such as names and e-mails stay out of every output):\n"
                 + "".join(f"#   - {' '.join(str(c).split())}\n" for c in mapping.unmapped))
    return text


def wave_entry(wave: str, export_path: Path, previous: dict, **design) -> dict:
    """The new wave's entry in config.yaml: its files, the earlier wave's plausible range, TODOs for
    what only a person knows (title, fieldwork date, invited), and the design's own settings."""
    return {"title": TODO, "instrument": previous["instrument"], "fieldwork": TODO,
            "export": f"data/raw/{wave}/{export_path.name}", "codebook": f"data/raw/{wave}/codebook.yaml",
            "quotes": f"data/raw/{wave}/citater.yaml", "review": f"data/raw/{wave}/gennemsyn.yaml",
            "invited": TODO,
            "plausible_caseload": previous.get("plausible_caseload", {"min": 1, "max": 500, "action": "exclude"}),
            **design, "areas": {}}


def check_answers(decisions: dict, config: dict) -> None:
    """A person's answers (--area) name a known area, '-' or a new area whose slug config lacks."""
    unknown = sorted({a for a in decisions.values() if a != "-" and not a.startswith(NEW_AREA)
                      and a not in config["areas"]})
    if unknown:
        raise IngestError(f"--area names {', '.join(unknown)}, which config.yaml's areas do not have "
                          f"(areas: {', '.join(config['areas'])}); a new area is answered KEY={NEW_AREA}<its label>, "
                          f"e.g. {NEW_AREA}Misbrugsområdet")
    for key, answer in decisions.items():
        if answer.startswith(NEW_AREA):
            slug, _ = new_area(answer[len(NEW_AREA):])
            if not slug:
                raise IngestError(f"--area {key}={answer}: give the new area's label after {NEW_AREA}")
            if slug in config["areas"]:
                raise IngestError(f"--area {key}={answer}: config.yaml has the area {slug} already "
                                  f"({config['areas'][slug]['label']}); answer {key}={slug}")


def check_asked(decisions: dict, asked: list, what: str, listed: str) -> None:
    """Every answer names a question asked: never an answer that is silently not used."""
    not_asked = [key for key in decisions if key not in asked]
    if not_asked:
        raise IngestError(f"--area {', '.join(not_asked)}: no {what} asked has that key "
                          f"({listed}: {', '.join(asked) or 'none'})")


def _caseworker_wave(wave: str, export_path: Path, reading, export, config: dict, like: str, decisions: dict):
    """build() for an export of the caseworker design (LIKE a caseworker wave, or recognised)."""
    mapping = map_caseworker_export(export, config, decisions)
    check_asked(decisions, mapping.asked, "answer of the area question", "asked")
    if mapping.groups:
        questions = "\n".join(f"  {g.key} («{g.text}»): which area?" for g in mapping.groups)
        raise IngestError(
            f"{export_path}: {len(mapping.groups)} answer(s) of the primary-area question name no area config.yaml "
            f"knows:\n{questions}\nSay which area each is and run again: "
            f"AREAS='{' '.join(f'{g.key}=<area>' for g in mapping.groups)}'; <area> is one of "
            f"{', '.join(config['areas'])}, {NEW_AREA}<label> for a new area, or - to leave its respondents out")
    if not mapping.areas or "current" not in mapping.columns:
        raise IngestError(f"{export_path}: no primary-area question and caseload found for the caseworker design; "
                          "write the codebook by hand (README: the codebook reference)")
    previous = config["waves"][like] if config["waves"][like]["instrument"] == "sagsbehandlere" else next(
        (s for s in config["waves"].values() if s["instrument"] == "sagsbehandlere"), config["waves"][like])
    entry = wave_entry(wave, export_path, {**previous, "instrument": "sagsbehandlere"},
                       full_time=previous.get("full_time", {"standard_hours": 37, "missing": "assume_full_time",
                                                            "above_standard": "cap"}))
    plausible, area_column = entry["plausible_caseload"], mapping.columns["area"].value
    factors = _full_time_factors(export, mapping.columns.get("hours", Mapped(None)).value, entry["full_time"])
    codes = {str(code): m.value for code, m in mapping.codes.get("area", {}).items()}
    area_of = [codes.get(cell_text(v)) for v in export.frame[area_column]]
    for number, area in enumerate(mapping.areas, start=1):
        earlier = previous["areas"].get(area, {})
        rows = {i for i, a in enumerate(area_of) if a == area}  # each area's bins from its own answers
        current = answers_of(export, mapping.columns["current"].value, plausible, rows, factors)
        suggested = (answers_of(export, mapping.columns["suggested"].value, plausible, rows)
                     if "suggested" in mapping.columns else [])
        entry["areas"][area] = {"bilag": number,
                                "bins_current": proposed_bins(current, earlier.get("bins_current")),
                                "bins_suggested": proposed_bins(suggested, earlier.get("bins_suggested"))}
    text = caseworker_codebook_text(wave, export_path.name, reading.entries(), mapping)
    notes = [f"read as {reading.format}, the caseworker design (one primary area, weekly hours, one caseload)",
             f"areas found: {', '.join(mapping.areas)}",
             f"case types found: {', '.join(mapping.case_types) or 'none'}"]
    notes += [f"new area {slug}: label «{a['label']}», short label «{a['short_label']}»"
              for slug, a in mapping.new_areas.items()]
    return text, entry, mapping.new_areas, notes, export


def build(root: Path, wave: str, export_path: Path, like: str, decisions: dict | None = None, suffixes=()):
    """(codebook text, config entry, new areas, notes, export read) of the new wave; nothing is
    written here. Stops with IngestError naming the groups still to decide, or an answer that
    names no group asked."""
    config = load_mapping(root / "config.yaml")
    if not isinstance(config.get("waves"), dict) or not isinstance(config.get("areas"), dict):
        raise IngestError(f"{root / 'config.yaml'}: has no waves: and areas: to start from; run make report to "
                          "see what is wrong with it")
    if wave in config["waves"]:
        raise IngestError(f"config.yaml already has a wave {wave!r}; choose another name or remove it first")
    if like not in config["waves"]:
        raise IngestError(f"config.yaml has no wave {like!r} to start from (--like)")
    previous = config["waves"][like]
    decisions = decisions or {}
    check_answers(decisions, config)
    reading = detect(export_path)
    export = read_export(export_path, reading)  # read once, for either design
    if previous["instrument"] == "sagsbehandlere" or looks_like_caseworkers(export, config):
        return _caseworker_wave(wave, export_path, reading, export, config, like, decisions)
    mapping = map_export(export, config, decisions, suffixes)
    check_asked(decisions, mapping.asked, "group of columns", "the groups asked")
    if mapping.groups:
        questions = "\n".join(f"  {group.question()}" for group in mapping.groups)
        answer = " ".join(f"--area {group.key}=<area>" for group in mapping.groups)
        raise IngestError(
            f"{export_path}: {len(mapping.groups)} group(s) of columns look like an area's questions but name no "
            f"area config.yaml knows:\n{questions}\nSay which area each is and run again: {answer} (with make: "
            f"AREAS='{' '.join(f'{g.key}=<area>' for g in mapping.groups)}'); <area> is one of "
            f"{', '.join(config['areas'])}, {NEW_AREA}<label> for a new area (e.g. {NEW_AREA}Misbrugsområdet), "
            "or - to leave the group out")
    if not mapping.areas:
        looked_for = ", ".join(suffix for suffix, which in SUFFIXES if which == "current")
        raise IngestError(
            f"{export_path}: no column reads as an area's current caseload: none has a question text that names an "
            f"area and asks for the number of cases now, and no column name ends in {looked_for} (or another field's "
            "suffix). Say how the columns are named and run again, e.g. --field current=_nu --field suggested=_forslag "
            "--field assessment=_vurd (with make: FIELDS='current=_nu suggested=_forslag'), or write the codebook by "
            "hand (README: Ny bølge)")
    entry = wave_entry(wave, export_path, previous)
    for number, (area, fields) in enumerate(mapping.areas.items(), start=1):
        earlier = previous["areas"].get(area, {})
        entry["areas"][area] = {"bilag": number, **{
            f"bins_{question}": proposed_bins(answers_of(export, fields[question].value if question in fields
                                                       else None, entry["plausible_caseload"]),
                                              earlier.get(f"bins_{question}"))
            for question in ("current", "suggested")}}
    text = codebook_text(wave, export_path.name, reading.entries(), mapping)
    notes = [f"read as {reading.format}" + (f", {reading.encoding}, separator {reading.separator!r}"
                                            if reading.encoding else "")
             + (", decimal commas" if export.decimal_comma else "") + f", header in row {reading.header_row}"
             + (f", {reading.extra_header_rows} more header row(s) under it" if reading.extra_header_rows else ""),
             f"areas found: {', '.join(mapping.areas)}"]
    notes += [f"new area {slug}: label «{a['label']}», short label «{a['short_label']}» (added to config.yaml's "
              "areas; no guideline: add one under guidelines: when DS has one)" for slug, a in mapping.new_areas.items()]
    if mapping.respondent_id.value is None:
        notes.append("no respondent id in the export: each answer is known by its row in the export")
    left_out = [a for a in previous["areas"] if a not in mapping.areas]
    if left_out:
        notes.append(f"areas of wave {like} not in this export: {', '.join(left_out)}")
    if mapping.unmapped:
        notes.append(f"export columns not used: {', '.join(map(str, mapping.unmapped))}")
    return text, entry, mapping.new_areas, notes, export


def todo_count(document) -> int:
    if isinstance(document, dict):
        return sum(todo_count(k) + todo_count(v) for k, v in document.items())
    if isinstance(document, list):
        return sum(map(todo_count, document))
    return int(isinstance(document, str) and document.startswith(TODO))


def wave_name_checked(root: Path, wave: str) -> str:
    """The wave name as the config schema allows it (propertyNames of `waves`), before anything
    is read or written: a name is a folder under data/raw/, so "../x" must never reach one."""
    schema = load_mapping(root / SCHEMA)
    pattern = schema["properties"]["waves"]["propertyNames"]["pattern"]
    if not re.fullmatch(pattern, wave):
        raise IngestError(f"wave name {wave!r} is not a wave name: it must match {pattern} (a year, e.g. 2025, "
                          "or a year and a letter, e.g. 2025b)")
    return wave


def with_new_areas(config_text: str, new_areas: dict, wave: str) -> str:
    """config.yaml's text with the new areas appended to its top-level `areas:` block (its comments
    and order kept): label and short label, and a comment saying where they came from."""
    if not new_areas:
        return config_text
    lines = config_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == "areas:"), None)
    if start is None:
        raise IngestError("config.yaml has no top-level `areas:` block to add the new area(s) to; add them by hand")
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "\n", "#")), len(lines))
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    block = "".join(f"  {slug}:  # added by make new-wave {wave}\n    label: {_scalar(a['label'])}\n"
                    f"    short_label: {_scalar(a['short_label'])}\n" for slug, a in new_areas.items())
    return "".join(lines[:end]) + block + "".join(lines[end:])


def write(root: Path, wave: str, export: Path, companions: list[Path], codebook: str, entry: dict,
          new_areas: dict | None = None) -> Path:
    """The wave's folder (export, companions, codebook) and config entry, all or nothing.

    Called with the folder's build lock held (one writer at a time; config.yaml is read again
    here, so that a second new-wave never writes over the first's wave). Everything is made in a
    staging folder and a partial config beside config.yaml, then renamed into place: a kill or a
    full disk at any moment leaves config.yaml as it was (a folder without its config entry is
    found and redone by the next run)."""
    folder = root / "data/raw" / wave
    config_path = root / "config.yaml"
    for dead in [*root.glob(".config.yaml.new-wave-*"), *(root / "data/raw").glob(".new-wave-*")]:
        shutil.rmtree(dead) if dead.is_dir() else dead.unlink()  # a killed run's (the lock is ours)
    config_text = read_text(config_path)
    current = parse_yaml(config_text, config_path)
    if isinstance(current, dict) and wave in (current.get("waves") or {}):
        raise IngestError(f"config.yaml already has a wave {wave!r}; choose another name or remove it first")
    if folder.exists():
        existing = folder / export.name
        ours = {export.name, "codebook.yaml", "citater.yaml", "gennemsyn.yaml", *(p.name for p in companions)}
        same = existing.exists() and _sha(existing) == _sha(export) and {p.name for p in folder.iterdir()} <= ours
        if not same:
            raise IngestError(f"{folder} exists already and holds other files; not overwriting it")
        shutil.rmtree(folder)  # a scaffold whose config entry was never written: redo it
    if not config_text.rstrip().splitlines()[-1].startswith(" "):
        raise IngestError("config.yaml must end inside `waves:` to append the new wave; add it by hand")
    block = yaml.safe_dump({wave: entry}, allow_unicode=True, sort_keys=False, width=200, default_flow_style=None)
    addition = (f"  # {wave}: scaffolded by `make new-wave`; replace every TODO (title, fieldwork date, invited)\n"
                "  # and check the bins (the earlier wave's where they cover every answer, else steps of 5,\n"
                "  # the first and last reaching the lowest and highest answer).\n"
                + "".join(f"  {line}\n" for line in block.splitlines()))
    config_text = with_new_areas(config_text, new_areas or {}, wave)
    with tempfile.TemporaryDirectory(dir=root / "data/raw", prefix=f".new-wave-{wave}-") as staging:
        staged = Path(staging) / wave
        staged.mkdir()
        for path in [export, *companions]:
            shutil.copy(path, staged / path.name)
        (staged / "codebook.yaml").write_text(codebook, encoding="utf-8")
        (staged / "citater.yaml").write_text(EMPTY_SELECTION, encoding="utf-8")
        (staged / "gennemsyn.yaml").write_text(EMPTY_DECISIONS, encoding="utf-8")
        partial = config_path.with_name(f".config.yaml.new-wave-{os.getpid()}")
        try:
            _write_synced(partial, config_text.rstrip("\n") + "\n" + addition, config_path)
            staged.rename(folder)
            try:
                partial.replace(config_path)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
        finally:
            partial.unlink(missing_ok=True)
    return folder


def _write_synced(partial: Path, text: str, like: Path) -> None:
    """The text on disk (flushed and synced) in `partial`, with the mode of the file it will replace."""
    with open(partial, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    shutil.copymode(like, partial)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _decisions(pairs: list[str]) -> dict:
    """{group key: answer} from --area KEY=slug (several in one, separated by spaces or commas; a new
    area's label may hold spaces: KEY=ny:Udsatte voksne). A key given twice stops: never last-wins."""
    decided = {}
    for pair in pairs:
        items = re.findall(rf"([^\s,=]+)=({re.escape(NEW_AREA)}[^=]+?|[^\s,]+)(?=[\s,]+[^\s,=]+=|[\s,]*$)", pair)
        if not items and pair.strip():
            raise IngestError(f"--area {pair!r}: write it as GROUP=area (or GROUP=- to leave the group out, "
                              f"GROUP={NEW_AREA}<label> for a new area)")
        for key, area in items:
            if key in decided:
                raise IngestError(f"--area {key} is answered twice ({key}={decided[key]} and {key}={area}); give "
                                  "each group one answer")
            decided[key] = area.strip()
    return decided


def _suffixes(pairs: list[str]) -> tuple:
    """((suffix, field), ...) from --field current=_nu (several separated by spaces)."""
    found = []
    for item in " ".join(pairs).replace(",", " ").split():
        field, sep, suffix = item.partition("=")
        if not sep or field not in ("current", "assessment", "suggested", "cap", "cap_value", "comment") or not suffix:
            raise IngestError(f"--field {item!r}: write it as FIELD=suffix, e.g. current=_nu (fields: current, "
                              "assessment, suggested, cap, cap_value, comment)")
        found.append((suffix.casefold(), field))
    return tuple(found)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wave", required=True)
    parser.add_argument("--export", required=True, type=Path)
    parser.add_argument("--like", default="2023", help="the earlier wave whose settings and bins to start from")
    parser.add_argument("--area", action="append", default=[], metavar="GROUP=AREA",
                        help="which area a group of columns is, where the export does not say (repeatable)")
    parser.add_argument("--field", action="append", default=[], metavar="FIELD=SUFFIX",
                        help="a column-name suffix that says the field, e.g. current=_nu (repeatable)")
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    args.export = args.export.expanduser()  # make passes "~/x.csv" quoted, so no shell expands the ~
    try:
        wave_name_checked(args.root, args.wave)
        export_file(args.export)  # a named pipe, a folder: refused without opening it
        hold_folder(args.root)  # one writer at a time: a build, or another new-wave, finishes first
        codebook, entry, new_areas, notes, export = build(args.root, args.wave, args.export, args.like,
                                                          _decisions(args.area), _suffixes(args.field))
        folder = write(args.root, args.wave, args.export, export.companions, codebook, entry, new_areas)
    except (IngestError, OSError) as error:
        print(f"sagstal: {error}\nNothing was written: config.yaml and data/raw/ are as they were.",
              file=sys.stderr)
        return 1
    print(f"wrote {folder}/ and the wave {args.wave} in config.yaml"
          + (f", with the new area(s) {', '.join(new_areas)}" if new_areas else ""))
    for note in notes:
        print(f"  {note}")
    todos = sum(line.split("#")[0].count(TODO) for line in codebook.splitlines())
    print(f"Read the evidence in {folder}/codebook.yaml" + (f" and decide its {todos} TODO(s)" if todos else "")
          + f"; replace the {todo_count(entry)} TODO(s) in config.yaml (waves: {args.wave}: title, fieldwork, "
          "invited), check the bins, then run make report. Its review page, reports/"
          f"{args.wave}/gennemsyn.html, lists what to look at, among it the comments to choose in "
          f"{folder}/citater.yaml.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
