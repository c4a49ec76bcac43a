"""Mapping an export of the caseworker design (one caseworker, one primary area, weekly hours, one
caseload) to a `layout: caseworkers` codebook, by meaning and with evidence, as tools.mapping does
for the union representatives' design.

The primary area is a closed question whose answers name config's areas; each answer's code is
mapped to the area it names, and an answer that names none is a question for a person (key
`<column>.<code>`, answered with an area, `ny:<label>` or `-`). Case types are numeric columns
whose question names one of config's case types (its label, stemmed as area names are).
"""

import re
from dataclasses import dataclass, field

from ..ingest.reader import Export
from .mapping import (
    MUNICIPALITY,
    NEW_AREA,
    REGION,
    RESPONDENT,
    TODO,
    WORDING,
    Column,
    Group,
    Mapped,
    _as_code,
    _coded_meaning,
    _codes,
    _region_meaning,
    _single,
    area_names,
    areas_named,
    columns_of,
    label_meaning,
    new_area,
    normalised,
)

HOURS = re.compile(r"arbejdstid|timer|ugentlig")
ROLE = re.compile(r"stilling|rolle|funktion|jobtitel")
PRIMARY_AREA = re.compile(r"område|primært|arbejder du")
COORDINATING = re.compile(r"koordinerende")
ADMIN_HELP = re.compile(r"administrativ")
NOT_ANALYSED = "ikke-analyseret"  # an area answer a person left out (KEY=-): its respondents are noted, not counted


@dataclass
class CaseworkerMapping:
    columns: dict  # field -> Mapped(column)
    case_types: dict  # slug -> Mapped(column)
    coordination_counts: dict  # kind -> Mapped(column)
    codes: dict  # name -> {code: Mapped(meaning)}
    areas: list  # the area slugs the export's primary-area question names, in config's order
    groups: list = field(default_factory=list)  # area answers still to decide
    asked: list = field(default_factory=list)
    new_areas: dict = field(default_factory=dict)
    unmapped: list = field(default_factory=list)


def looks_like_caseworkers(export: Export, config: dict) -> bool:
    """Whether an export is of the caseworker design: a question on weekly hours and one closed
    question whose answers name two or more of config's areas."""
    columns = columns_of(export)
    names = area_names(config["areas"])
    has_hours = any(HOURS.search(c.text.casefold()) for c in columns if c.text)
    return has_hours and _area_question(columns, names) is not None


def _area_question(columns: list[Column], names) -> Column | None:
    best, most = None, 1
    for column in columns:
        if not column.labels or not PRIMARY_AREA.search(column.text.casefold()):
            continue
        named = {slug for label in column.labels.values() for slug in areas_named(label, names)}
        if len(named) > most:
            best, most = column, len(named)
    return best


def _evidence(column: Column) -> str:
    return f"«{column.text}»" if column.text else f"column name {column.name!r}"


def _yes_no(column: Column) -> bool:
    return {label_meaning(label) for label in column.labels.values()} >= {"yes", "no"}


def map_caseworker_export(export: Export, config: dict, decisions: dict | None = None) -> CaseworkerMapping:
    """The caseworker codebook's fields found in the export by meaning; decisions: {column.code:
    area slug, '-' or ny:<label>} for primary-area answers that name no area config knows."""
    decisions = dict(decisions or {})
    names = area_names(config["areas"])
    columns = columns_of(export)
    taken: set = set()
    found: dict = {}

    def take(name: str, column: Column | None, evidence: str = "") -> None:
        if column is not None and name not in found:
            found[name] = Mapped(column.name, evidence or _evidence(column))
            taken.add(column.name)

    area_column = _area_question(columns, names)
    take("area", area_column)
    for name, pattern in (("respondent_id", RESPONDENT), ("municipality", MUNICIPALITY), ("region", REGION)):
        mapped = _single([c for c in columns if c.name not in taken], pattern, name)
        if mapped.value:
            found[name] = mapped
            taken.add(mapped.value)
    if "respondent_id" not in found:
        found["respondent_id"] = Mapped(None, "the export has no respondent id: each answer is known by its row")
    if "region" not in found:
        found["region"] = Mapped(None, "the export asks no region: the report says so")
    rest = [c for c in columns if c.name not in taken and c.text]
    take("hours", next((c for c in rest if HOURS.search(c.text.casefold())), None))
    take("role", next((c for c in rest if ROLE.search(c.text.casefold()) and c.name not in taken), None))
    type_names = area_names({slug: {"label": t["label"]} for slug, t in config.get("case_types", {}).items()})
    case_types, counts = {}, {}
    for column in [c for c in columns if c.name not in taken and c.numeric and c.text]:
        text = column.text.casefold()
        if COORDINATING.search(text):
            named = areas_named(column.text, names) or areas_named(column.text, type_names)
            kind = next(iter(named)) if len(named) == 1 else f"{TODO}: {column.name}"
            counts[kind] = Mapped(column.name, _evidence(column))
            taken.add(column.name)
            continue
        typed = areas_named(column.text, type_names)
        if len(typed) == 1 and not WORDING["suggested"].search(text):
            case_types[next(iter(typed))] = Mapped(column.name, _evidence(column))
            taken.add(column.name)
    rest = [c for c in columns if c.name not in taken and c.text]
    for column in rest:
        text = normalised(column.text)
        if _yes_no(column) and COORDINATING.search(text):
            take("coordinating", column)
        elif _yes_no(column) and ADMIN_HELP.search(text):
            take("admin_help", column)
        elif len({label_meaning(x) for x in column.labels.values()} & {"too_high", "about_right", "too_low"}) >= 2:
            take("assessment", column)
        elif column.numeric and WORDING["suggested"].search(text):
            take("suggested", column)
        elif column.numeric and (WORDING["current"].search(text) or "i alt" in text):
            take("current", column)
        elif not column.numeric and all(str(k) == v for k, v in column.labels.items()) and \
                WORDING["comment"].search(text):  # free text (a few distinct comments read as labels too)
            take("comment", column)
    by_name = {c.name: c for c in columns}
    codes, groups, asked, new_areas, areas = {}, [], [], {}, []
    if area_column is not None:
        codes["area"] = {}
        for code, label in area_column.labels.items():
            key = f"{area_column.name}.{_as_code(code)}"
            named = areas_named(label, names)
            if len(named) == 1:
                slug = next(iter(named))
                codes["area"][_as_code(code)] = Mapped(slug, f"«{label}»")
                continue
            asked.append(key)
            answer = decisions.get(key)
            if answer is None:
                groups.append(Group(key, {"area": area_column.name},
                                    f"{label}" + (f" (names {', '.join(sorted(named))})" if named else "")))
                continue
            if answer.startswith(NEW_AREA):
                slug, entry = new_area(answer[len(NEW_AREA):])
                new_areas[slug] = entry
            else:
                slug = NOT_ANALYSED if answer == "-" else answer
            codes["area"][_as_code(code)] = Mapped(slug, f"«{label}»; your answer {key}={answer}")
        chosen = {m.value for m in codes["area"].values()}
        areas = [a for a in [*config["areas"], *new_areas] if a in chosen]
    for name, meaning in (("region", _region_meaning(config["texts"]["regions"])),
                          ("assessment", _coded_meaning("assessment")),
                          ("coordinating", _yes_no_meaning), ("admin_help", _yes_no_meaning)):
        column = by_name.get(found.get(name, Mapped(None)).value)
        if column is not None:
            codes[name] = _codes([column], export, meaning)
    for name in ("municipality", "role"):  # a closed question's codes, decoded by its labels
        column = by_name.get(found.get(name, Mapped(None)).value)
        if column is not None and any(str(code) != label for code, label in column.labels.items()):
            codes[name] = {_as_code(k): Mapped(label) for k, label in column.labels.items()}
    used = {m.value for m in [*found.values(), *case_types.values(), *counts.values()]}
    return CaseworkerMapping(found, case_types, counts, codes, areas, groups, asked, new_areas,
                             [c.name for c in columns if c.name not in used])


def _yes_no_meaning(label):
    found = label_meaning(label)
    return found if found in ("yes", "no", "dont_know") else None
