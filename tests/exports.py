"""Exports of a 2025 wave made here, not derived from the shipped waves: their own question wording,
code order, column names and layout, as SurveyXact, SPSS, a prefix-coded CSV and Qualtrics write
them. One seeded set of answers (`answers()`) is written in each layout, and `expected()` computes
the figures from those answers directly (a plain sum and count), for the pipeline to match.
"""

import csv
import io
import random
from fractions import Fraction
from math import floor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The five areas of this wave, as its questionnaire names them (its own words, not config's labels).
AREAS = {
    "sygedagpenge": "sygedagpengeområdet",
    "boerne-familie": "børne- og familieområdet",
    "integration": "integrationsområdet",
    "ressourceforloeb": "ressourceforløbsområdet",
    "voksenhandicap": "voksenhandicapområdet",
}
TYPICAL = {"sygedagpenge": 55, "boerne-familie": 27, "integration": 48, "ressourceforloeb": 38, "voksenhandicap": 62}
# Codes in this export's own order (2023's were 1 too low, 2 about right, 3 too high).
ASSESSMENT = {1: "For højt", 2: "Passende", 3: "For lavt", 9: "Ved ikke"}
CAP = {1: "Ja", 2: "Nej", 3: "Ved ikke"}
REGIONS = {1: "Øst", 2: "Syd", 3: "Nord"}  # config calls them "Region Øst", ...
MEANING = {"For højt": "too_high", "Passende": "about_right", "For lavt": "too_low"}


def municipalities() -> list[str]:
    lines = (ROOT / "data/reference/kommuner.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",")[0] for line in lines]


def typed(value: float, rng: random.Random) -> str:
    """How a person types a caseload: 42, 40-45 (midpoint 42.5), ca. 38, 45,5."""
    form = rng.random()
    if form < 0.15 and value == int(value):
        return f"{int(value) - 2}-{int(value) + 3}"  # midpoint value + 0.5
    if form < 0.25:
        return f"ca. {value:g}"
    if value != int(value):
        return f"{value:g}".replace(".", ",")
    return f"{value:g}"


def answers(seed: int = 2025, rows: int = 120) -> list[dict]:
    """One dict per respondent: municipality, region code, background variables and per area its
    typed answers and the value each must be read as."""
    rng = random.Random(seed)
    names = municipalities()
    people = []
    for row in range(rows):
        person = {"municipality": rng.randrange(len(names)) + 1, "region": rng.choice(list(REGIONS)),
                  "first_name": rng.choice(["Hanne", "Søren", "Aisha", "Jens"]), "surname": f"Testesen{row}",
                  "email": f"tr{row}@eksempel-kommune.dk", "areas": {}}
        for area in rng.sample(list(AREAS), rng.choice([1, 1, 2])):
            base = TYPICAL[area]
            current = base + rng.randint(-12, 15) + (0.5 if rng.random() < 0.1 else 0)
            text = typed(current, rng)
            value = current + 0.5 if "-" in text else current
            suggested = base - rng.randint(0, 10)
            cap = rng.choice([1, 2, 2, 3])
            person["areas"][area] = {
                "current": text, "current_value": value,
                "assessment": rng.choice([1, 1, 1, 2, 3, 9]),
                "suggested": str(suggested), "suggested_value": suggested,
                "cap": cap, "cap_value": str(base - 5) if cap == 1 else "",
                "comment": rng.choice(["", "", "Mange nye sager i år", "Vi mangler kolleger"]),
            }
        people.append(person)
    return people


def half_up(value: Fraction) -> int:
    return floor(value + Fraction(1, 2))


def expected(people: list[dict]) -> dict:
    """Per area: answers, mean current and suggested (half up), too-high count of those assessing."""
    figures = {}
    for area in AREAS:
        given = [p["areas"][area] for p in people if area in p["areas"]]
        current = [Fraction(str(a["current_value"])) for a in given]
        suggested = [Fraction(a["suggested_value"]) for a in given]
        assessed = [ASSESSMENT[a["assessment"]] for a in given if a["assessment"] != 9]
        figures[area] = {"n_current": len(current), "mean_current": half_up(sum(current) / len(current)),
                         "mean_suggested": half_up(sum(suggested) / len(suggested)),
                         "n_assessed": len(assessed),
                         "too_high_n": sum(MEANING[a] == "too_high" for a in assessed),
                         "caps_n": sum(a["cap"] == 1 for a in given)}
    return figures


# --- SurveyXact: dataset, labels (no header row), structure (some rows end in an empty field) -----

def _questions():
    """(variable, questionName, type, subtype, question text, labels) in the questionnaire's order."""
    items = [("stato_1", "statoverall", "Closed", "Multiple", "Samlet status - Gennemført", {0: "Ikke valgt", 1: "Valgt"}),
             ("forn", "forn", "Open", "String", "Kontaktoplysninger - Fornavn", None),
             ("ettern", "ettern", "Open", "String", "Kontaktoplysninger - Efternavn", None),
             ("email", "email", "Open", "String", "Kontaktoplysninger - E-mail", None),
             ("s_1", "s_1", "Closed", "Single", "I hvilken kommune er du tillidsrepræsentant?",
              dict(enumerate(municipalities(), start=1))),
             ("s_2", "s_2", "Closed", "Single", "Hvilken DS-region hører din arbejdsplads til?", REGIONS)]
    number = 3
    for phrase in AREAS.values():
        items += [
            (f"s_{number}", f"s_{number}", "Open", "String",
             f"Hvor mange sager har en fuldtidsansat sagsbehandler på {phrase} i gennemsnit lige nu?", None),
            (f"s_{number + 1}", f"s_{number + 1}", "Closed", "Single", f"Hvordan vurderer du sagstallet på {phrase}?",
             ASSESSMENT),
            (f"s_{number + 2}", f"s_{number + 2}", "Open", "String",
             f"Hvor mange sager ville være passende pr. fuldtidsansat på {phrase}?", None),
            (f"s_{number + 3}", f"s_{number + 3}", "Closed", "Single",
             f"Har jeres ledelse besluttet et sagsloft på {phrase}?", CAP),
            (f"s_{number + 4}", f"s_{number + 4}", "Open", "String", "Hvis ja: hvor mange sager er loftet på?", None),
            (f"s_{number + 5}", f"s_{number + 5}", "Open", "String",
             f"Uddybende bemærkninger om sagstallet på {phrase}", None),
        ]
        number += 6
    return items


FIELDS = ("current", "assessment", "suggested", "cap", "cap_value", "comment")


def surveyxact_rows(people) -> tuple[list[str], list[list]]:
    questions = _questions()
    header = [q[0] for q in questions]
    rows = []
    for person in people:
        row = [1, person["first_name"], person["surname"], person["email"], person["municipality"],
               person["region"]]
        for area in AREAS:
            given = person["areas"].get(area)
            row += [given[f] if given else "" for f in FIELDS]
        rows.append(row)
    return header, rows


def write_surveyxact_files(folder: Path, people, separator=",", encoding="cp1252") -> Path:
    """dataset.csv, labels.csv, structure.csv as SurveyXact writes them: text quoted, empty text as "",
    labels without a header row, closed questions' structure rows ending in one more empty field."""
    folder.mkdir(parents=True, exist_ok=True)
    questions = _questions()
    header, rows = surveyxact_rows(people)
    text_columns = {q[0] for q in questions if q[2] == "Open"}

    def cell(column, value):
        if column in text_columns:
            return '"' + str(value).replace('"', '""') + '"'
        return "" if value == "" else str(value)

    lines = [separator.join(header)]
    lines += [separator.join(cell(c, v) for c, v in zip(header, row)) for row in rows]
    (folder / "dataset.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    labels = io.StringIO()
    writer = csv.writer(labels, delimiter=separator, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    for variable, *_, values in questions:
        for code, label in (values or {}).items():
            writer.writerow([variable, code, label])
    (folder / "labels.csv").write_bytes(labels.getvalue().encode(encoding))
    structure = io.StringIO()
    writer = csv.writer(structure, delimiter=separator, lineterminator="\r\n")
    writer.writerow(["questionName", "variableName", "questionType", "subType", "questionText", "choiceValue",
                     "choiceText"])
    for variable, name, kind, subtype, text, values in questions:
        choice = ["1", "Gennemført"] if kind == "Closed" and subtype == "Multiple" else ["", ""]
        writer.writerow([name, variable, kind, subtype, text, *choice] + ([""] if values else []))
    (folder / "structure.csv").write_bytes(structure.getvalue().encode(encoding))
    return folder / "dataset.csv"


def write_surveyxact_workbook(path: Path, people) -> Path:
    """One workbook, sheets Dataset, Labels (no header row) and Structure."""
    from openpyxl import Workbook

    questions = _questions()
    header, rows = surveyxact_rows(people)
    book = Workbook()
    dataset = book.active
    dataset.title = "Dataset"
    dataset.append(header)
    for row in rows:
        dataset.append([v if v != "" else None for v in row])
    labels = book.create_sheet("Labels")
    for variable, *_, values in questions:
        for code, label in (values or {}).items():
            labels.append([variable, code, label])
    structure = book.create_sheet("Structure")
    structure.append(["questionName", "variableName", "questionType", "subType", "questionText", "choiceValue",
                      "choiceText"])
    for variable, name, kind, subtype, text, _ in questions:
        structure.append([name, variable, kind, subtype, text, None, None])
    book.save(path)
    return path


# --- SPSS, with user-missing values ------------------------------------------------------------------

SPSS_NAMES = {"current": "antal", "assessment": "vurd", "suggested": "forslag", "cap": "loft", "cap_value": "loftstr",
              "comment": "bem"}


def write_spss(path: Path, people) -> Path:
    """Numeric caseloads with 999 = "Ved ikke" declared user-missing; codes with 9 user-missing."""
    import pandas as pd
    import pyreadstat

    names = municipalities()
    columns, labels, values, missing = {}, {}, {}, {}
    columns["lbnr"] = [float(i + 1) for i in range(len(people))]
    labels["lbnr"] = "Løbenummer"
    columns["kom"] = [names[p["municipality"] - 1] for p in people]
    labels["kom"] = "Kommune"
    columns["reg"] = [float(p["region"]) for p in people]
    labels["reg"] = "Region"
    values["reg"] = {float(k): v for k, v in REGIONS.items()}
    for index, (area, phrase) in enumerate(AREAS.items(), start=1):
        for field in FIELDS:
            name = f"{SPSS_NAMES[field]}{index}"
            data = []
            for person in people:
                given = person["areas"].get(area)
                if field in ("current", "suggested"):
                    data.append(float(given[f"{field}_value"]) if given else None)
                elif field in ("assessment", "cap"):
                    data.append(float(given[field]) if given else None)
                elif field == "cap_value":
                    data.append(float(given[field]) if given and given[field] else None)
                else:
                    data.append(given[field] if given else "")
            columns[name] = data
        labels[f"antal{index}"] = f"Antal sager pr. sagsbehandler i dag - {phrase.capitalize()}"
        labels[f"vurd{index}"] = f"Vurdering af sagstallet - {phrase.capitalize()}"
        labels[f"forslag{index}"] = f"Et passende antal sager - {phrase.capitalize()}"
        labels[f"loft{index}"] = f"Sagsloft vedtaget af ledelsen - {phrase.capitalize()}"
        labels[f"loftstr{index}"] = f"Loftets størrelse i antal sager - {phrase.capitalize()}"
        labels[f"bem{index}"] = f"Kommentar - {phrase.capitalize()}"
        values[f"vurd{index}"] = {float(k): v for k, v in ASSESSMENT.items()}
        values[f"loft{index}"] = {float(k): v for k, v in CAP.items()}
        values[f"antal{index}"] = {999.0: "Ved ikke"}
        missing[f"antal{index}"] = [999.0]
        missing[f"vurd{index}"] = [9.0]
    # one respondent said "Ved ikke" (999) to the first area's caseload: no answer, not 999 cases
    frame = pd.DataFrame(columns)
    frame.loc[len(frame)] = {**{c: None for c in frame.columns}, "lbnr": float(len(frame) + 1), "kom": names[0],
                             "reg": 1.0, "antal1": 999.0, "vurd1": 9.0, "bem1": ""}
    for column in frame.columns:
        if frame[column].dtype == object and column not in ("kom",) and not column.startswith("bem"):
            frame[column] = frame[column].astype(float)
    pyreadstat.write_sav(frame, str(path), column_labels=labels, variable_value_labels=values,
                         missing_ranges=missing)
    return path


def labelled_answers(person) -> list:
    """A respondent's answers, area by area, with the closed questions as their labels ("For højt")."""
    row = []
    for area in AREAS:
        given = person["areas"].get(area)
        for field in FIELDS:
            value = given[field] if given else ""
            row.append({"assessment": ASSESSMENT, "cap": CAP}[field][value] if given and field in CODED else value)
    return row


CODED = ("assessment", "cap")


# --- a CSV without question texts: columns coded by prefix ----------------------------------------------

PREFIXES = {"sygedagpenge": "SD", "boerne-familie": "BF", "integration": "INT", "ressourceforloeb": "RF",
            "voksenhandicap": "VH"}
SUFFIX = {"current": "aktuelt", "assessment": "vurdering", "suggested": "passende", "cap": "loft",
          "cap_value": "loft_antal", "comment": "kommentar"}


def write_prefix_csv(path: Path, people) -> Path:
    names = municipalities()
    header = ["Løbenr", "Kommune", "Region"] + [f"{PREFIXES[a]}_{SUFFIX[f]}" for a in AREAS for f in FIELDS]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for number, person in enumerate(people, start=1):
        row = [number, names[person["municipality"] - 1], f"Region {REGIONS[person['region']]}"]
        row += labelled_answers(person)
        writer.writerow(row)
    path.write_bytes(out.getvalue().encode("utf-8-sig"))
    return path


# --- Qualtrics: names, then question texts, then import ids ---------------------------------------------

def write_qualtrics_csv(path: Path, people) -> Path:
    names = municipalities()
    header = ["StartDate", "EndDate", "ResponseId", "Q1", "Q2"]
    texts = ["Start Date", "End Date", "Response ID", "Hvilken kommune arbejder du i?", "DS-region"]
    ids = ['{"ImportId":"startDate","timeZone":"Europe/Copenhagen"}', '{"ImportId":"endDate"}',
           '{"ImportId":"_recordId"}', '{"ImportId":"QID1_TEXT"}', '{"ImportId":"QID2"}']
    wording = {"current": "Hvor mange sager har I i gennemsnit pr. sagsbehandler lige nu?",
               "assessment": "Er sagstallet for lavt, passende eller for højt?",
               "suggested": "Hvad ville et passende sagstal være?",
               "cap": "Er der et loft over antallet af sager?",
               "cap_value": "Hvor højt er loftet (antal sager)?",
               "comment": "Har du en kommentar?"}
    for index, phrase in enumerate(AREAS.values(), start=3):
        for position, field in enumerate(FIELDS, start=1):
            header.append(f"Q{index}_{position}")
            texts.append(f"{phrase.capitalize()} - {wording[field]}")
            ids.append(f'{{"ImportId":"QID{index}_{position}_TEXT"}}')
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows([header, texts, ids])
    for number, person in enumerate(people, start=1):
        row = ["2025-03-01 10:00:00", "2025-03-01 10:09:00", f"R_{number:05d}x", names[person["municipality"] - 1],
               f"Region {REGIONS[person['region']]}"]
        row += labelled_answers(person)
        writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path
