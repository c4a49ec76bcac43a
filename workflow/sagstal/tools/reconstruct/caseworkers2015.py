"""Reconstructed 2015 export (caseworker design) that meets the 2016 report's published figures.

Simplifications, stated so nobody reads more into the data than is there:
- Part-timers (about one in six) get a total caseload but no case-type breakdown; case-type
  counts are drawn for full-timers only, so that the printed case-type figures hold exactly.
- Case-type counts do not add up to the total caseload (the report publishes nothing about
  that relation); each stays at or below its respondent's total.
- Main ranges ("de fleste", "hovedparten") are judgements: values are drawn mostly inside them.
"""

import math
import random

import pandas as pd

from ...ingest.codebook import code_key
from .generate import Infeasible

BASE_ROLE = "Socialrådgiver med myndighedsansvar"
MENTOR_ROLE = "Socialrådgiver med myndighedsansvar, delvist mentor eller visitation"
OTHER_ROLES = ["Leder eller teamleder", "Specialkonsulent eller faglig koordinator",
               "Jobkonsulent uden myndighedsansvar"]
PART_TIME_HOURS = [28, 30, 30, 32, 32, 33, 34, 35]
YES_NO = {"yes": "Ja", "no": "Nej", "dont_know": "Ved ikke"}
COMMENTS = [
    "Sagstallet i {kommune} Kommune er steget markant efter reformerne.",
    "Vi har mange sager med jobafklaringsforløb, som kræver tæt opfølgning.",
    "Mit sagstal svinger meget; kontakt mig gerne på {mail}@jobcenter.dk.",
]


def values_with_mean(rng, n, mean, low, high, main=None, pins=(), fixed=0.0, slots=None):
    """n whole numbers in [low, high] whose mean rounds half up to `mean`, with the pinned values.

    `fixed` adds a known non-integer part of the sum (part-timers' converted values), so that the
    free values make the whole mean right. Most values are drawn inside the main range.
    """
    pins = list(pins)
    free = n - len(pins) - (slots or 0)
    if free < 0:
        raise Infeasible(f"{n} values cannot hold the pins {pins}")
    lo_main, hi_main = main if main else (low, high)
    values = [rng.randint(lo_main, hi_main) if rng.random() < 0.75 else rng.randint(low, high) for _ in range(free)]
    total_n = n
    target = mean * total_n - fixed - sum(pins)
    gap = math.floor(target - sum(values) + 0.5)
    while gap:
        step = 1 if gap > 0 else -1
        movable = [i for i, v in enumerate(values) if low <= v + step <= high]
        if not movable:
            raise Infeasible(f"mean {mean} out of reach in [{low}, {high}] for n={n}")
        values[rng.choice(movable)] += step
        gap -= step
    return pins + values


def _main(figures):
    text = figures.get("main_range")
    if not text:
        return None
    low, high = text.split("-")
    return int(low), int(high)


def _n_with_values(rng, figures, n):
    """Values for a published (n, min, max, mean?) row; mean-less rows lean to the low end."""
    low, high = figures["min"], figures["max"]
    if n == 0:
        return []
    if n == 1:
        return [low]
    pins = [low, high]
    if "mean" in figures:
        return values_with_mean(rng, n, figures["mean"], low, high, _main(figures), pins)
    rest = [min(high, low + int(rng.expovariate(1 / max(1, (high - low) / 4)))) for _ in range(n - 2)]
    return pins + rest


def fit_case_type(rng, candidates, row) -> list:
    """(respondent, count) pairs for one published case-type row, each count at most the holder's total.

    The largest count goes to the candidate with the largest total; counts are drawn as a share
    of the holder's total, then moved one case at a time until the printed mean holds.
    """
    n, low, high = row["n"], row["min"], row["max"]
    top = max(candidates, key=lambda p: p["total_raw"])
    if top["total_raw"] < high:
        raise Infeasible(f"no respondent's total reaches the case-type maximum {high}")
    holders = [top] + rng.sample([p for p in candidates if p is not top and p["total_raw"] >= low], n - 1)
    share = (0.3, 0.95) if "mean" in row else (0.02, 0.35)
    cap = {id(p): min(high, p["total_raw"]) for p in holders}
    values = {id(p): max(low, min(cap[id(p)], int(p["total_raw"] * rng.uniform(*share) + 0.5))) for p in holders}
    values[id(top)] = high
    if n > 1:
        values[id(holders[1])] = low
    if "mean" in row and n > 2:
        movable = holders[2:]
        gap = row["mean"] * n - sum(values.values())
        while gap:
            step = 1 if gap > 0 else -1
            options = [p for p in movable if low <= values[id(p)] + step <= cap[id(p)]]
            if not options:
                raise Infeasible(f"case-type mean {row['mean']} out of reach")
            values[id(rng.choice(options))] += step
            gap -= step
    return [(p, values[id(p)]) for p in holders]


def build_2015(published: dict, codebook: dict, settings: dict, municipalities: pd.DataFrame, seed: int):
    rng = random.Random(seed)
    col = codebook["columns"]
    codes = codebook["codes"]
    area_label = {v: k for k, v in codes["area"].items()}
    type_label = {v: k for k, v in codes["single_type"].items()}
    summary = published["summary"]
    areas = published["areas"]

    # Respondents: the base by primary area, then those outside the base.
    people = []
    for area, n in summary["primary_area"].items():
        people += [{"area": area, "role": BASE_ROLE} for _ in range(n)]
    for person in rng.sample([p for p in people if p["area"] == "kontanthjaelp"], 3):
        person["role"] = MENTOR_ROLE
    base = list(people)
    outside = [{"area": rng.choice(list(area_label)), "role": rng.choice(OTHER_ROLES)}
               for _ in range(summary["rows_read"] - len(base))]
    chosen = rng.sample(municipalities["municipality"].tolist(), summary["municipalities"])
    for i, person in enumerate(rng.sample(base, len(base))):
        person["municipality"] = chosen[i] if i < len(chosen) else rng.choice(chosen)
    for person in outside:
        person["municipality"] = rng.choice(chosen)

    # Weekly hours: mostly full time; a few blank (assumed full time) and one above 37 (not converted).
    standard = settings["full_time"]["standard_hours"]
    for person in base + outside:
        person["hours"] = standard if rng.random() < 0.84 else rng.choice(PART_TIME_HOURS)
    full_timers = [p for p in base if p["hours"] == standard]
    for person in rng.sample(full_timers, 3):
        person["hours"] = None if len([q for q in base if q["hours"] is None]) < 2 else 40

    def factor(person):
        h = person["hours"]
        return 1.0 if h is None or h >= standard else standard / h

    # The 450-case respondent (fleksjob) is in the area count but out of its figures.
    excluded_450 = rng.choice([p for p in base if p["area"] == "ressourceforloeb-fleksjob" and factor(p) == 1])
    excluded_450.update(total_raw=462, types={"fleksjobloentilskud": 450, "ressourceforloeb": 12})

    for area, figures in areas.items():
        members = [p for p in base if p["area"] == area and p is not excluded_450]
        current = figures["current"]
        second_max = 144 if area == "kontanthjaelp" else None  # "30 to 144; one respondent has 215"
        ceiling = second_max or current["max"]
        whole = [p for p in members if factor(p) == 1]
        part = [p for p in members if factor(p) != 1]
        fixed = 0.0
        for p in part:  # part-timers: a raw caseload whose full-time value lies well inside the range
            fte = rng.randint(max(current["min"] + 3, _main(current)[0]), min(ceiling - 3, _main(current)[1]))
            p["total_raw"] = max(1, int(fte / factor(p) + 0.5))
            fixed += p["total_raw"] * factor(p)
        pins = [current["min"], current["max"]] + ([second_max] if second_max else [])
        totals = values_with_mean(rng, len(members), current["mean"], current["min"], ceiling,
                                  _main(current), pins, fixed=fixed, slots=len(part))
        rng.shuffle(whole)
        whole.sort(key=lambda p: p["role"] != BASE_ROLE)  # pinned min/max go to case-type holders
        for p, value in zip(whole, totals):
            p["total_raw"] = value
        suggested = figures["suggested"]
        area_people = [p for p in base if p["area"] == area]
        for p, value in zip(area_people, rng.sample(
                values_with_mean(rng, len(area_people), suggested["mean"], suggested["min"], suggested["max"],
                                 _main(suggested), [suggested["min"], suggested["max"]]), len(area_people))):
            p["suggested"] = value
        # Case types: full-timers only (not the mentors), each count at most the respondent's total.
        candidates = [p for p in whole if p["role"] == BASE_ROLE]
        for slug, row in figures["case_types"].items():
            for p, v in fit_case_type(rng, candidates, row):
                p.setdefault("types", {})[slug] = v
        for p in [p for p in members if p["role"] == MENTOR_ROLE]:
            p.setdefault("types", {})["visitation"] = rng.randint(5, 20)

    # Single-type assessment: own area first, the rest from whoever has not answered yet.
    free = list(base)
    rng.shuffle(free)
    for area, figures in areas.items():
        groups = {slug: row for slug, row in figures["single_type"].items() if row["n"]}
        total = figures["single_type_total"]
        for _attempt in range(400):
            drawn = {slug: (_n_with_values(rng, row, row["n"]) if row["n"] > 2 or "mean" not in row
                            else ([row["min"], row["max"]] if row["n"] == 2 else [row["min"]]))
                     for slug, row in groups.items()}
            in_total = [v for vs in drawn.values() for v in vs if v <= 250]
            mean = sum(in_total) / len(in_total)
            if len(in_total) == total["n"] and math.floor(mean + 0.5) == total["mean"]:
                break
        else:
            raise Infeasible(f"{area}: single-type total mean {total['mean']} not met")
        for slug, values in drawn.items():
            for value in values:
                person = next((p for p in free if p["area"] == area), None) or free[0]
                free.remove(person)
                person["single"] = (type_label[slug], value)

    # Coordination and administrative help.
    extras = {"sygedagpenge": "jobafklaring", "kontanthjaelp": "kontanthjaelp",
              "ressourceforloeb-fleksjob": "ressourceforloeb"}
    for area, figures in areas.items():
        coordination = figures["coordination"]
        area_people = [p for p in base if p["area"] == area]
        rng.shuffle(area_people)
        answers = [a for a in ("yes", "no", "dont_know") for _ in range(coordination[a])]
        for p, a in zip(area_people, answers):
            p["coordinating"] = YES_NO[a]
        yes = [p for p in area_people if p.get("coordinating") == "Ja"]
        main_kind = extras[area]
        row = coordination[main_kind]
        for p, v in zip(yes, rng.sample(_n_with_values(rng, row, len(yes)), len(yes))):
            p.setdefault("coordination", {})[main_kind] = v
        for kind, row in coordination.items():
            if isinstance(row, dict) and kind != main_kind:
                for p, v in zip(rng.sample(yes, row["n"]), _n_with_values(rng, row, row["n"])):
                    p.setdefault("coordination", {})[kind] = v
    help_answers = [YES_NO[a] for a, n in summary["admin_help"].items() for _ in range(n)]
    for p, a in zip(rng.sample(base, len(base)), help_answers):
        p["admin_help"] = a
    for template in COMMENTS:
        p = rng.choice(base)
        p["comment"] = template.format(kommune=p["municipality"], mail=code_key(p["municipality"]).replace(" ", ""))

    for p in outside:  # answers exist, but the base rule excludes them
        p.update(total_raw=rng.randint(20, 90), suggested=rng.randint(25, 60), coordinating=rng.choice(list(YES_NO.values())),
                 admin_help=rng.choice(list(YES_NO.values())))
    everyone = base + outside
    rng.shuffle(everyone)
    ids = sorted(rng.sample(range(10000, 99999), len(everyone)))
    rows = []
    for rid, p in zip(ids, everyone):
        row = {col["respondent_id"]: str(rid), col["municipality"]: p["municipality"], col["role"]: p["role"],
               col["hours"]: p["hours"], col["area"]: area_label[p["area"]],
               col["current"]: p.get("total_raw"), col["suggested"]: p.get("suggested"),
               col["single_type"]: p.get("single", (None, None))[0],
               col["single_type_value"]: p.get("single", (None, None))[1],
               col["coordinating"]: p.get("coordinating"), col["admin_help"]: p.get("admin_help"),
               col["comment"]: p.get("comment")}
        for slug, column in codebook["case_types"].items():
            row[column] = p.get("types", {}).get(slug)
        for kind, column in codebook["coordination_counts"].items():
            row[column] = p.get("coordination", {}).get(kind)
        rows.append(row)
    ordered_columns = list(col.values())[:7] + list(codebook["case_types"].values()) + \
        [col["single_type"], col["single_type_value"], col["coordinating"]] + \
        list(codebook["coordination_counts"].values()) + [col["admin_help"], col["comment"]]
    return pd.DataFrame(rows)[ordered_columns]
