"""Mapping a new export's columns to the codebook's fields by what they mean, with the evidence.

Where the export carries question texts (SurveyXact's Structure, SPSS variable labels, a
question-text row) or value labels, each column is mapped by what they say: the area from its
Danish name (config's labels and synonyms), the field from the question's wording or the column
name's suffix, codes from the export's own labels matched to DS' wording and config's region
names. Every mapping keeps the words it came from (`Mapped.evidence`), so that a person reviews by
reading. Where two readings are possible the mapping is a TODO naming both, never a guess: a wrong
mapping gives wrong figures in silence. Columns that look like one area's questions but name no
area config knows form a group (`Group`), and a person says which area it is: one decision per
group, not one per column.
"""

import re
from dataclasses import dataclass, field

from ..core.parsing import caseload_share
from ..ingest.codebook import AREA_FIELDS, NO_ANSWER
from ..ingest.ledger import cell_text
from ..ingest.reader import Export

TODO = "TODO"
CODED = ("assessment", "cap")
# Column-name suffixes of the fields, longest first ("_loft_antal" before "_loft").
SUFFIXES = (("_loft_antal", "cap_value"), ("_loftantal", "cap_value"), ("_kommentar", "comment"),
            ("_vurdering", "assessment"), ("_passende", "suggested"), ("_aktuelt", "current"),
            ("_aktuel", "current"), ("_loft", "cap"))
# DS' wording of the answers: what each label means in the codebook.
LABEL_MEANINGS = {"for højt": "too_high", "alt for højt": "too_high", "for hoejt": "too_high", "for høj": "too_high",
                  "for lavt": "too_low", "for lav": "too_low", "for hoejt sagstal": "too_high",
                  "passende": "about_right", "tilpas": "about_right", "ja": "yes", "nej": "no",
                  "ved ikke": "dont_know"}
# Words of the question that say which field a column is; a specific field beats `current`.
WORDING = {
    "comment": re.compile(r"kommentar|uddyb|bemærk|tilføj|fritekst|andet du vil"),
    "cap_value": re.compile(r"loft|maksim|højst|grænse"),
    "suggested": re.compile(r"passende|rimelig|\bbør\b|ideel|anbefal|realistisk|forsvarlig"),
    "current": re.compile(r"aktuel|\bi dag\b|lige nu|nuværende|for tiden|hvor mange sager|gennemsnitlig"),
}
RESPONDENT = re.compile(r"respondent|response ?id|svar ?id|løbenummer|løbenr|\blbnr\b|besvarelses ?id")
MUNICIPALITY = re.compile(r"kommune")
REGION = re.compile(r"region")


@dataclass
class Mapped:
    """A value of the codebook with the words it was read from (written beside it as a comment)."""

    value: object
    evidence: str = ""


@dataclass
class Column:
    name: str
    text: str  # the question text, or ""
    group: str  # the question it belongs to (SurveyXact's questionName), or its name's prefix
    labels: dict  # {code: label}
    numeric: bool  # most answers read as caseloads
    area: str | None = None
    area_evidence: str = ""
    field: str | None = None
    field_evidence: str = ""
    suffix_field: str | None = None  # the field its name's suffix says (BF_aktuelt: current)
    suffix_prefix: str = ""  # its name before that suffix (BF)


@dataclass
class Group:
    """Columns that look like one area's questions, naming no area config knows: a person's decision."""

    key: str
    columns: dict  # field -> column
    text: str  # a question text of the group, or the column names

    def question(self) -> str:
        listed = ", ".join(f"{f}: {c}" for f, c in self.columns.items())
        return f"{self.key} ({listed}{'; «' + self.text + '»' if self.text else ''}): which area?"


@dataclass
class Mapping:
    respondent_id: Mapped
    municipality: Mapped
    region: Mapped
    areas: dict  # area -> {field: Mapped}
    codes: dict  # name -> {code: Mapped}
    groups: list = field(default_factory=list)  # Groups still to decide
    unmapped: list = field(default_factory=list)
    asked: list = field(default_factory=list)  # every group's key, decided or not (a decision must name one)
    new_areas: dict = field(default_factory=dict)  # slug -> {label, short_label}: areas a person's answer adds


def normalised(text) -> str:
    """Lower case, hyphens and punctuation as spaces, one space: "Børne- og familieområdet" ~ "børne og familieområdet"."""
    return " ".join(re.sub(r"[^\wæøå]+", " ", str(text).casefold()).split())


# Words that name no area: left out of an area's signature (numbers, "over" and "under" stay).
STOPWORDS = {"og", "i", "på", "paa", "for", "med", "af", "til", "om", "vedr", "ved", "aar", "år", "de", "den", "det",
             "en", "et", "sager", "sag", "sagsbehandler", "sagsbehandlere", "borgere", "borger", "arbejde"}
# Endings stripped to a stem, longest first: "området" (and its linking s), then inflections.
AREA_WORD_ENDINGS = ("sområderne", "områderne", "sområdet", "sområder", "sområde", "området", "områder", "område",
                     "somraadet", "omraadet", "omraade")
INFLECTIONS = ("erne", "ene", "ens", "ets", "en", "et", "er", "e", "s")
PREFIX_STEM = 5  # a stem this long also matches inside a compound ("handicap" in "børnehandicap")


def stem(word: str) -> str:
    """A word's stem for matching area names: "Sygedagpengeområdet" -> "sygedagpeng", "familier" -> "famili",
    "børne" -> "børn" (ø, æ, å kept; aa, oe, ae read as å, ø, æ)."""
    word = word.casefold().replace("aa", "å").replace("oe", "ø").replace("ae", "æ")
    for ending in AREA_WORD_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            word = word[: -len(ending)]
            break
    for ending in INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def signature(name: str) -> frozenset:
    """The stems a text must hold to name an area: its name's words less the stopwords."""
    return frozenset(stem(w) for w in normalised(name).split() if w not in STOPWORDS and stem(w))


def area_names(areas: dict) -> list[tuple[frozenset, str, str]]:
    """(signature, name, slug) for every way config names an area (label, short label, slug, synonyms)."""
    names = set()
    for slug, area in areas.items():
        for name in [area["label"], area.get("short_label", ""), slug.replace("-", " "), *area.get("synonyms", [])]:
            if signature(name):
                names.add((signature(name), name, slug))
    return sorted(names, key=lambda n: (n[2], n[1]))


def _holds(stems: set, wanted: str) -> bool:
    """Whether a text's stems hold a signature's stem: the same stem; a word it begins (a Danish
    compound: "børnehandicap" holds "børn"), for stems of four letters or more; or, for a long stem,
    a word it stands in ("børnehandicap" holds "handicap")."""
    return wanted in stems or (len(wanted) >= 4 and any(s.startswith(wanted) for s in stems)) or (
        len(wanted) >= PREFIX_STEM and any(wanted in s for s in stems))


def areas_named(text: str, names) -> dict:
    """{slug: the name it matched} of the areas a text names: every stem of one of the area's
    names occurs in the text, as a word or the head of a compound, in any inflection, words in
    brackets included. An area whose matched name is contained in another matched area's (the
    "ressourceforløb" of "ressourceforløb og fleksjob") gives way to it; two areas left is a question."""
    stems = {stem(w) for w in normalised(text).split()}
    matched: dict[str, tuple[frozenset, str]] = {}
    for wanted, name, slug in names:
        if all(_holds(stems, w) for w in wanted) and (slug not in matched or len(wanted) > len(matched[slug][0])):
            matched[slug] = (wanted, name)
    return {slug: name for slug, (wanted, name) in matched.items()
            if not any(wanted < other for s, (other, _) in matched.items() if s != slug)}


NEW_AREA = "ny:"  # an answer that adds an area: KEY=ny:Misbrugsområdet


def new_area(label: str) -> tuple[str, dict]:
    """(slug, config entry) of an area a person names in an answer: "Misbrugsområdet" -> misbrug,
    short label "Misbrug"; "Udsatte voksne" -> udsatte-voksne, short label "Udsatte voksne"."""
    label = " ".join(label.split())
    short = re.sub(r"(?i)s?området$", "", label).strip(" -") or label
    short = short[0].upper() + short[1:]
    folded = short.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    slug = "-".join(re.findall(r"[a-z0-9]+", folded))
    return slug, {"label": label, "short_label": short}


def _suffix_field(name: str, suffixes=SUFFIXES) -> tuple[str | None, str]:
    lowered = name.casefold()
    for suffix, which in sorted(suffixes, key=lambda pair: -len(pair[0])):
        if lowered.endswith(suffix):
            return which, name[: -len(suffix)]
    return None, ""


def _prefix(name: str) -> str:
    """A column's name without its last part: 's_12_3' -> 's_12', 'Q1_3' -> 'Q1'."""
    parts = re.split(r"[_.]", name)
    return "_".join(parts[:-1]) if len(parts) > 1 else name


def label_meaning(label: str) -> str | None:
    return LABEL_MEANINGS.get(normalised(label))


def _numeric(values) -> bool:
    return caseload_share(values) >= 0.6


def columns_of(export: Export, suffixes=SUFFIXES) -> list[Column]:
    """Each column with what the export says of it. A column's labels are its value labels where
    they name most of its answers (a closed question), else its few distinct texts (a CSV that
    holds "For højt", "Passende"); a caseload column may label a code or two ("999: Ved ikke")."""
    columns = []
    for name in export.frame.columns:
        name = str(name)
        declared = export.missing.get(name, set())
        values = [t for t in (cell_text(v) for v in export.frame[name]) if t and t not in declared]
        labels = export.value_labels.get(name, {})
        closed = bool(labels) and sum(v in labels for v in values) >= 0.8 * len(values)
        numeric = not closed and _numeric(values)
        if not labels and not numeric:
            distinct = list(dict.fromkeys(values))
            labels = {v: v for v in distinct} if 0 < len(distinct) <= 12 else {}
        by_suffix, prefix = _suffix_field(name, suffixes)
        columns.append(Column(name, export.question_texts.get(name, ""),
                              export.question_groups.get(name) or prefix or _prefix(name),
                              labels if closed or not numeric else {}, numeric,
                              suffix_field=by_suffix, suffix_prefix=prefix))
    return columns


def _field_of(column: Column) -> tuple[str | None, str]:
    """(field, evidence) of a column from its name's suffix, its labels or its wording; (None, why) else."""
    if column.suffix_field:
        return column.suffix_field, f"column name {column.name!r}"
    meanings = {label_meaning(label) for label in column.labels.values()}
    wording = normalised(column.text)
    quoted = f"«{column.text}»"
    if len(meanings & {"too_high", "about_right", "too_low"}) >= 2:
        return "assessment", f"{quoted}, answers {', '.join(column.labels.values())}"
    if {"yes", "no"} <= meanings:
        if WORDING["cap_value"].search(wording):
            return "cap", f"{quoted}, answers {', '.join(column.labels.values())}"
        return None, ""
    if not wording:
        return None, ""
    if WORDING["comment"].search(wording) and not column.numeric:
        return "comment", quoted
    if not column.numeric:
        return None, ""
    specific = [f for f in ("cap_value", "suggested") if WORDING[f].search(wording)]
    if len(specific) == 1:
        return specific[0], quoted
    if len(specific) > 1:
        return TODO, f"{quoted} reads as {' or '.join(specific)}"
    if WORDING["current"].search(wording):
        return "current", quoted
    return None, ""


def _single(columns: list[Column], pattern, what: str) -> Mapped:
    """The one column whose name or question says `what`; TODO naming them where several do."""
    found = [c for c in columns if c.area is None and c.field is None
             and (pattern.search(c.name.casefold()) or pattern.search(c.text.casefold()))]
    if len(found) == 1:
        column = found[0]
        return Mapped(column.name, f"«{column.text}»" if column.text else f"column name {column.name!r}")
    if len(found) > 1:
        return Mapped(f"{TODO}: one of {', '.join(c.name for c in found)}", f"several columns read as the {what}")
    return Mapped(None)


def map_export(export: Export, config: dict, decisions: dict | None = None, suffixes=()) -> Mapping:
    """The codebook's fields found in the export by meaning. decisions: {group key: area slug, '-',
    or ny:<label> for a new area} for the groups the export does not name (a person's answer to
    Group.question); suffixes: (column-name suffix, field) pairs a person adds (--field current=_nu)."""
    decisions = dict(decisions or {})
    new_areas = {}
    for key, answer in decisions.items():
        if answer.startswith(NEW_AREA):
            slug, entry = new_area(answer[len(NEW_AREA):])
            new_areas[slug] = entry
            decisions[key] = slug
    names = area_names(config["areas"])
    columns = columns_of(export, (*SUFFIXES, *suffixes))
    for column in columns:
        column.field, column.field_evidence = _field_of(column)
        named = areas_named(column.text, names) if column.text else {}
        if not named:
            named = {slug: name for wanted, name, slug in names
                     if column.suffix_field and signature(column.suffix_prefix) == wanted}
        if len(named) == 1:
            (column.area, name), = named.items()
            column.area_evidence = (f"«{column.text}» (names {name!r})" if column.text
                                    else f"column name {column.name!r}")
        elif len(named) > 1:
            column.area, column.area_evidence = TODO, f"names {', '.join(sorted(named))}"
    _areas_from_groups(columns)
    _areas_from_neighbours(columns)
    asked: list = []
    groups = _undecided_groups(columns, decisions, asked)

    respondent = _single(columns, RESPONDENT, "respondent id")
    if respondent.value is None:
        respondent.evidence = "the export has no respondent id: each answer is known by its row in the export"
    municipality = _single(columns, MUNICIPALITY, "municipality")
    region = _single(columns, REGION, "region")
    by_name = {c.name: c for c in columns}

    areas = {}
    for column in columns:
        if column.area in (None, TODO, "-") or column.field is None:
            continue
        fields = areas.setdefault(column.area, {})
        which = column.field
        if which == TODO:
            continue
        evidence = column.field_evidence + (f"; area from {column.area_evidence}" if column.area_evidence
                                            not in column.field_evidence else "")
        if which in fields:
            other = fields[which].value
            fields[which] = Mapped(f"{TODO}: {other} or {column.name}", f"two columns read as {column.area} {which}")
        else:
            fields[which] = Mapped(column.name, evidence)
    for column in columns:  # a field with two readings, in an area otherwise known
        if column.field == TODO and column.area in areas:
            areas[column.area].setdefault(f"{TODO} {column.name}", Mapped(TODO, column.field_evidence))
    areas = {area: fields for area, fields in areas.items() if "current" in fields}
    areas = {a: {f: areas[a][f] for f in [*AREA_FIELDS, *areas[a]] if f in areas[a]} for a in
             [s for s in [*config["areas"], *new_areas] if s in areas]}

    codes = {"region": _codes([by_name[region.value]] if region.value in by_name else [], export,
                              _region_meaning(config["texts"]["regions"]))}
    for name in CODED:
        used = [by_name[f[name].value] for f in areas.values() if name in f and f[name].value in by_name]
        codes[name] = _codes(used, export, _coded_meaning(name))
    if municipality.value in by_name and by_name[municipality.value].labels:
        codes["municipality"] = {_as_code(k): Mapped(label) for k, label in by_name[municipality.value].labels.items()}
    used = {respondent.value, municipality.value, region.value}
    used |= {m.value for fields in areas.values() for m in fields.values()}
    return Mapping(respondent, municipality, region, areas, codes, groups,
                   [c.name for c in columns if c.name not in used], asked,
                   {slug: entry for slug, entry in new_areas.items() if slug in areas})


def _areas_from_groups(columns: list[Column]) -> None:
    """A column whose question names no area takes the one area its question group names."""
    named = {}
    for column in columns:
        if column.area not in (None, TODO):
            named.setdefault(column.group, set()).add((column.area, column.name))
    for column in columns:
        areas = {a for a, _ in named.get(column.group, set())}
        if column.area is None and len(areas) == 1 and column.field:
            column.area = next(iter(areas))
            others = sorted(n for _, n in named[column.group])
            column.area_evidence = f"its question group {column.group!r} ({', '.join(others[:3])})"


def _areas_from_neighbours(columns: list[Column]) -> None:
    """A column with a field but no area, between two columns of one area that lacks the field,
    belongs to that area (a block of an area's questions with one question not naming it)."""
    for index, column in enumerate(columns):
        if column.area is not None or not column.field or column.field == TODO:
            continue
        before = next((c for c in reversed(columns[:index]) if c.area is not None), None)
        after = next((c for c in columns[index + 1:] if c.area is not None), None)
        if before and after and before.area == after.area and before.area != TODO:
            taken = {c.field for c in columns if c.area == before.area}
            if column.field not in taken:
                column.area = before.area
                column.area_evidence = f"the columns around it ({before.name}, {after.name})"


def _undecided_groups(columns: list[Column], decisions: dict, asked: list) -> list[Group]:
    """Columns with fields but no area, grouped by their name's prefix (BF_aktuelt, BF_vurdering) or,
    without one, as a run of adjacent columns (one area's questions follow each other; a second
    current caseload starts the next area). Each group's key is its prefix, its question group, or
    its first column, never a key two groups share. A decided group takes its area, the rest are
    returned; `asked` gets every group's key."""
    groups: list[tuple[str | None, list[Column]]] = []
    run_open = False
    for column in columns:
        if column.area is not None:
            run_open = False
            continue
        if not column.field or column.field == TODO:
            continue
        prefix = column.suffix_prefix
        if prefix:
            run_open = False
            group = next((g for g in groups if g[0] == prefix), None)
            if group is None:
                groups.append((prefix, [column]))
            else:
                group[1].append(column)
        elif run_open and column.field not in {c.field for c in groups[-1][1]}:
            groups[-1][1].append(column)
        else:
            groups.append((None, [column]))
            run_open = True
    keyed = []
    for prefix, members in groups:
        shared = {c.group for c in members}
        keyed.append((prefix or (shared.pop() if len(shared) == 1 and len(members) > 1 else members[0].name), members))
    taken = [key for key, _ in keyed]
    # a key many groups share (SurveyXact's variable prefix "s") names none of them: its first column does
    keyed = [(key if taken.count(key) == 1 else members[0].name, members) for key, members in keyed]
    undecided = []
    for key, members in keyed:
        if "current" not in {c.field for c in members}:
            continue  # not an area's questions (a closing comment, say): listed as not mapped
        asked.append(key)
        if key in decisions:
            area = decisions[key]
            for column in members:
                column.area = area
                column.area_evidence = f"your answer {key}={area}"
            continue
        text = next((c.text for c in members if c.text), "")
        undecided.append(Group(key, {c.field: c.name for c in members}, text))
    return undecided


def _region_meaning(regions: dict):
    """A region label's key in config ("Øst" and "Region Øst" are both oest)."""
    known = {}
    for key, label in regions.items():
        for name in (label, key, re.sub(r"(?i)\bregion\b", "", label)):
            known[normalised(name)] = key

    def meaning(label):
        return known.get(normalised(label)) or known.get(normalised(re.sub(r"(?i)\bregion\b", "", label)))
    return meaning


def _coded_meaning(name: str):
    def meaning(label):
        found = label_meaning(label)
        if name == "assessment" and found == "dont_know":
            return NO_ANSWER
        if name == "assessment" and found not in ("too_high", "about_right", "too_low"):
            return None
        if name == "cap" and found not in ("yes", "no", "dont_know"):
            return None
        return found
    return meaning


def _codes(columns: list[Column], export: Export, meaning) -> dict:
    """{code: Mapped(meaning, label)} from the columns' value labels, else from their distinct answers."""
    codes = {}
    for column in columns:
        if column.labels:
            pairs = column.labels.items()
        else:
            pairs = [(v, v) for v in dict.fromkeys(cell_text(x) for x in export.frame[column.name]) if v]
        for code, label in pairs:
            found = meaning(label)
            mapped = Mapped(found, f"«{label}»") if found else Mapped(f"{TODO}: what «{label}» means", "")
            previous = codes.get(_as_code(code))
            if previous is not None and previous.value != mapped.value:
                mapped = Mapped(f"{TODO}: «{label}» or {previous.evidence}", "the columns label this code differently")
            codes[_as_code(code)] = mapped
    return dict(sorted(codes.items(), key=lambda item: (isinstance(item[0], str), item[0])))


def _as_code(value):
    text = str(value).strip()
    return int(text) if text.isdigit() else text
