"""A 2031 wave in a questionnaire's own words, made here for the area-mapping tests: six areas, four
config knows (named as this questionnaire names them, inside compounds and brackets) and two it
does not (misbrug, udsatte voksne), SurveyXact's variables s_1 … s_39 with no question names in
its structure, codes in this questionnaire's own order. Not derived from the shipped waves or from
tests/exports.py."""

import random
from fractions import Fraction
from math import floor
from pathlib import Path

# slug (or the new area's label) -> how this questionnaire names the area
AREAS = {
    "sygedagpenge": "sygedagpengeopfølgningen i jobcentret",
    "boerne-familie": "børne- og ungeområdet (myndighed for udsatte børn og familier)",
    "ny:Misbrugsområdet": "misbrugsbehandlingen (serviceloven § 101)",
    "integration": "integrationsindsatsen for nyankomne flygtninge",
    "ny:Udsatte voksne": "indsatsen for hjemløse (serviceloven § 110)",
    "ressourceforloeb": "ressourceforløb (koordinerende sagsbehandler)",
}
NEW_SLUGS = {"ny:Misbrugsområdet": "misbrug", "ny:Udsatte voksne": "udsatte-voksne"}
TYPICAL = [48, 24, 31, 52, 40, 33]
ASSESSMENT = {5: "For højt", 6: "Passende", 7: "For lavt", 8: "Ved ikke"}
CAP = {0: "Nej", 1: "Ja"}
FIELDS = ("current", "assessment", "suggested", "cap", "cap_value", "comment")


def slug(area: str) -> str:
    return NEW_SLUGS.get(area, area)


def municipalities(root: Path) -> list[str]:
    return [line.split(",")[0] for line in (root / "data/reference/kommuner.csv").read_text(
        encoding="utf-8").splitlines()[1:]]


def people(seed: int = 2031, rows: int = 160) -> list[dict]:
    rng = random.Random(seed)
    found = []
    for _ in range(rows):
        person = {"municipality": rng.randint(1, 98), "areas": {}}
        for index in rng.sample(range(len(AREAS)), rng.choice([1, 2])):
            base = TYPICAL[index] + rng.randint(-14, 16)
            current = f"{base}" if rng.random() < 0.8 else f"{base - 1}-{base + 1}"
            cap = rng.choice([0, 0, 1])
            person["areas"][list(AREAS)[index]] = {
                "current": current, "current_value": Fraction(base),
                "assessment": rng.choice([5, 5, 6, 7, 8]),
                "suggested": str(base - rng.randint(2, 12)),
                "cap": cap, "cap_value": str(TYPICAL[index]) if cap else "",
                "comment": rng.choice(["", "", "Mange sager", "For lidt tid til hver borger"]),
            }
        found.append(person)
    return found


def half_up(value: Fraction) -> int:
    return floor(value + Fraction(1, 2))


def expected(given: list[dict]) -> dict:
    """Per area slug: n, mean current and suggested (half up), n assessed, too high, caps."""
    figures = {}
    for area in AREAS:
        answers = [p["areas"][area] for p in given if area in p["areas"]]
        current = [a["current_value"] for a in answers]
        suggested = [Fraction(a["suggested"]) for a in answers]
        assessed = [a["assessment"] for a in answers if a["assessment"] != 8]
        figures[slug(area)] = {"n_current": len(current), "mean_current": half_up(sum(current) / len(current)),
                               "mean_suggested": half_up(sum(suggested) / len(suggested)),
                               "n_assessed": len(assessed), "too_high_n": assessed.count(5),
                               "caps_n": sum(a["cap"] == 1 for a in answers)}
    return figures


def questions(root: Path) -> list[tuple]:
    """(variable, type, question text, labels) in the questionnaire's order."""
    items = [("s_1", "Closed", "Hvilken kommune arbejder du i?", dict(enumerate(municipalities(root), start=1))),
             ("s_2", "Open", "Din e-mail (bruges kun til påmindelser)", None),
             ("s_3", "Open", "Dit navn", None)]
    number = 4
    for phrase in AREAS.values():
        items += [
            (f"s_{number}", "Open", f"Hvor mange sager har en fuldtidsansat sagsbehandler i gennemsnit lige nu på "
                                    f"{phrase}?", None),
            (f"s_{number + 1}", "Closed", f"Hvordan oplever du sagsmængden på {phrase}?", ASSESSMENT),
            (f"s_{number + 2}", "Open", f"Hvad ville være et rimeligt antal sager pr. fuldtidsansat på {phrase}?",
             None),
            (f"s_{number + 3}", "Closed", f"Har kommunen fastsat et maksimalt antal sager (loft) på {phrase}?", CAP),
            (f"s_{number + 4}", "Open", "Hvis ja: hvor mange sager højst?", None),
            (f"s_{number + 5}", "Open", f"Skriv gerne en kommentar om {phrase}", None),
        ]
        number += 6
    return items


def write_workbook(path: Path, given: list[dict], root: Path, title_page: bool = False) -> Path:
    """SurveyXact's one-workbook export: Dataset, Labels (no header row), Structure (no question names)."""
    from openpyxl import Workbook

    items = questions(root)
    book = Workbook()
    if title_page:
        front = book.active
        front.title = "Forside"
        front.append(["Sagstalsundersøgelse 2031"])
        front.append(["Udtræk fra spørgeskemasystemet"])
        dataset = book.create_sheet("Data")
    else:
        dataset = book.active
        dataset.title = "Dataset"
    dataset.append([q[0] for q in items])
    for number, person in enumerate(given):
        row = [person["municipality"], f"tr{number}@eksempel.dk", f"Navn Efternavn{number}"]
        for area in AREAS:
            answer = person["areas"].get(area)
            row += [(answer[f] if answer else None) or None for f in FIELDS]
        dataset.append(row)
    if not title_page:
        labels = book.create_sheet("Labels")
        for variable, _, _, values in items:
            for code, label in (values or {}).items():
                labels.append([variable, code, label])
        structure = book.create_sheet("Structure")
        structure.append(["variableName", "questionType", "questionText"])
        for variable, kind, text, _ in items:
            structure.append([variable, kind, text])
    book.save(path)
    return path


def write_suffix_csv(path: Path, given: list[dict]) -> Path:
    """A plain CSV whose column names end in this survey's own words: SD_nu, SD_vurd, SD_forslag, …"""
    import csv

    prefixes = {"sygedagpenge": "SD", "boerne-familie": "BU"}
    suffixes = {"current": "_nu", "assessment": "_vurd", "suggested": "_forslag"}
    header = ["kommune", *[p + suffixes[f] for p in prefixes.values() for f in suffixes]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for person in given:
            row = [person["municipality"]]
            for area in prefixes:
                answer = person["areas"].get(area)
                row += [(ASSESSMENT[answer[f]] if f == "assessment" else answer[f]) if answer else ""
                        for f in suffixes]
            writer.writerow(row)
    return path


def write_three_files(folder: Path, given: list[dict], root: Path) -> Path:
    """SurveyXact's three files: dataset.csv, labels.csv (no header row) and structure.csv, in cp1252
    with ';', as its Danish setup writes them (no question names in the structure)."""
    folder.mkdir(parents=True, exist_ok=True)
    items = questions(root)
    lines = [";".join(q[0] for q in items)]
    for number, person in enumerate(given):
        row = [str(person["municipality"]), f'"tr{number}@eksempel.dk"', f'"Navn Efternavn{number}"']
        for area in AREAS:
            answer = person["areas"].get(area)
            row += [(f'"{answer[f]}"' if f in ("current", "suggested", "cap_value", "comment") else str(answer[f]))
                    if answer else "" for f in FIELDS]
        lines.append(";".join(row))
    (folder / "dataset.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return write_companions(folder, items)


def write_companions(folder: Path, items: list[tuple]) -> Path:
    """SurveyXact's labels.csv (no header row) and structure.csv (no question names) beside a
    dataset.csv, in cp1252 with ';'; items: (variable, type, question text, labels)."""
    import csv
    import io

    labels = io.StringIO()
    writer = csv.writer(labels, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
    for variable, _, _, values in items:
        for code, label in (values or {}).items():
            writer.writerow([variable, code, label])
    (folder / "labels.csv").write_bytes(labels.getvalue().encode("cp1252"))
    structure = io.StringIO()
    writer = csv.writer(structure, delimiter=";", lineterminator="\r\n")
    writer.writerow(["variableName", "questionType", "questionText"])
    for variable, kind, text, _ in items:
        writer.writerow([variable, kind, text])
    (folder / "structure.csv").write_bytes(structure.getvalue().encode("cp1252"))
    return folder / "dataset.csv"
