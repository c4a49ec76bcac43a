"""A caseworker wave (2027) made here in its own words: SurveyXact's three files (cp1252) or one
workbook, no respondent id, a coded municipality, role, region, primary area (codes in this
questionnaire's order, one answer naming no area), weekly hours typed as people type them, case
types, assessment, coordination and administrative help. Not derived from the shipped 2015 wave."""

import random
from fractions import Fraction
from math import floor
from pathlib import Path

from exports_areas import write_companions

AREA_LABELS = {1: "Kontanthjælpsområdet", 2: "Sygedagpengeområdet", 3: "Ressourceforløb og fleksjob", 4: "Andet"}
AREA_SLUGS = {1: "kontanthjaelp", 2: "sygedagpenge", 3: "ressourceforloeb-fleksjob"}
HOURS = {"37": 37, "37 timer": 37, "fuld tid": 37, "30": 30, "deltid 30": 30, "32,5": Fraction(65, 2),
         "": 37, "deltid": None}  # typed -> hours read (None: unreadable, the caseload is left out)
ASSESSMENT = {1: "For lavt", 2: "Passende", 3: "For højt", 4: "Ved ikke"}
YES_NO = {1: "Ja", 2: "Nej", 3: "Ved ikke"}
ROLES = {1: "Socialrådgiver med myndighedsansvar", 2: "Socialrådgiver uden myndighedsansvar"}
REGIONS = {1: "Nord", 2: "Øst", 3: "Syd"}
CASE_TYPES = {"ydelsessager": "Ydelsessager", "ressourceforloeb": "Ressourceforløbssager",
              "jobafklaring": "Jobafklaringsforløb"}


def people(seed: int = 2027, rows: int = 150) -> list[dict]:
    rng = random.Random(seed)
    found = []
    for _ in range(rows):
        area = rng.choice([1, 1, 2, 2, 3, 4])
        caseload = rng.randint(25, 80)
        found.append({"municipality": rng.randint(1, 98), "region": rng.choice(list(REGIONS)),
                      "role": rng.choice([1, 1, 1, 2]), "hours": rng.choice(list(HOURS)), "area": area,
                      "current": str(caseload) if rng.random() < 0.9 else "", "current_value": Fraction(caseload),
                      "assessment": rng.choice([1, 2, 3, 3, 4]), "suggested": str(caseload - rng.randint(0, 15)),
                      "types": {slug: rng.choice(["", str(rng.randint(1, 30))]) for slug in CASE_TYPES},
                      "coordinating": rng.choice([1, 2, 3]), "admin_help": rng.choice([1, 2])})
    return found


def half_up(value: Fraction) -> int:
    return floor(value + Fraction(1, 2))


def expected(given: list[dict]) -> dict:
    """Per area: n and mean of the full-time caseloads (caseload x 37 / hours, exactly), mean
    suggested (not converted), n assessed and too high ("Ved ikke" is no assessment)."""
    figures = {}
    for code, slug in AREA_SLUGS.items():
        mine = [p for p in given if p["area"] == code]
        current = [p["current_value"] * 37 / HOURS[p["hours"]] for p in mine
                   if p["current"] and HOURS[p["hours"]] is not None]
        suggested = [Fraction(p["suggested"]) for p in mine]
        assessed = [ASSESSMENT[p["assessment"]] for p in mine if p["assessment"] != 4]
        figures[slug] = {"n_current": len(current), "mean_current": half_up(sum(current) / len(current)),
                         "mean_suggested": half_up(sum(suggested) / len(suggested)),
                         "n_assessed": len(assessed), "too_high_n": assessed.count("For højt")}
    return figures


def expected_case_type_mean(given: list[dict], area_code: int, slug: str) -> int:
    values = [Fraction(p["types"][slug]) * 37 / HOURS[p["hours"]] for p in given
              if p["area"] == area_code and p["types"][slug] and HOURS[p["hours"]] is not None]
    return half_up(sum(values) / len(values))


def questions(root: Path) -> list[tuple]:
    names = [line.split(",")[0] for line in (root / "data/reference/kommuner.csv").read_text(
        encoding="utf-8").splitlines()[1:]]
    items = [("s_1", "Closed", "Hvilken kommune arbejder du i?", dict(enumerate(names, start=1))),
             ("s_2", "Closed", "Hvilken DS-region hører du til?", REGIONS),
             ("s_3", "Closed", "Hvilken stilling har du i jobcentret?", ROLES),
             ("s_4", "Open", "Hvad er din aftalte ugentlige arbejdstid?", None),
             ("s_5", "Closed", "Hvilket område arbejder du primært på?", AREA_LABELS),
             ("s_6", "Open", "Hvor mange sager har du i alt lige nu?", None),
             ("s_7", "Closed", "Hvordan vurderer du dit nuværende sagstal?", ASSESSMENT),
             ("s_8", "Open", "Hvor mange sager ville være passende i en fuldtidsstilling?", None)]
    items += [(f"s_{9 + i}", "Open", f"Antal sager: {label}", None) for i, label in enumerate(CASE_TYPES.values())]
    items += [("s_12", "Closed", "Er du koordinerende sagsbehandler i nogle af dine sager?", YES_NO),
              ("s_13", "Closed", "Får du administrativ bistand til dine sager?", YES_NO),
              ("s_14", "Open", "Din e-mail", None),
              ("s_15", "Open", "Har du kommentarer til dit sagstal?", None)]
    return items


def rows(given: list[dict]) -> list[list]:
    return [[p["municipality"], p["region"], p["role"], p["hours"], p["area"], p["current"], p["assessment"],
             p["suggested"], *p["types"].values(), p["coordinating"], p["admin_help"], f"sb{i}@eksempel.dk",
             ["", "For mange sager", "Vi mangler kolleger"][i % 3]]
            for i, p in enumerate(given)]


def write_three_files(folder: Path, given: list[dict], root: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    items = questions(root)
    lines = [";".join(q[0] for q in items)]
    for row in rows(given):
        lines.append(";".join(f'"{v}"' if q[1] == "Open" else str(v) for q, v in zip(items, row)))
    (folder / "dataset.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return write_companions(folder, items)
