"""Reconstructed respondent-level answers that satisfy a wave's published aggregates.

DS' microdata are not public. This module builds, from published.yaml and a fixed seed, one
plausible set of answers whose bin counts, rounded means, minima and maxima, assessment counts,
caps, municipalities per area and region totals equal the published ones (or, where the report
contradicts itself, the resolution written next to the contradiction). It is a test fixture
with the report's shape, not data: nothing in it says anything about a real workplace.
"""

import math
import random
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ...core.binning import parse_bins
from ...core.rounding import half_up
from ...ingest.codebook import load_codebook

# How a free answer is typed, with its weight: most answers are plain numbers; the report says
# some were typed as ranges ("30-35" -> 32.5); approximations and words occur in real exports.
ANSWER_FORMS = {"plain": 80, "approx": 5, "words": 4, "range10": 3, "range5": 5, "decimal": 3}
HALF_FORMS = {"range5", "decimal"}  # forms whose value is v + 0.5
REGION_CODES = {"nord": 1, "oest": 2, "syd": 3}
ASSESSMENT_CODES = {"too_low": 1, "about_right": 2, "too_high": 3}
CAP_CODES = {"yes": 1, "no": 2}
INCOMPLETE_RESPONSES = 3  # opened the survey, answered no area: must land in the ledger

QUOTES = [
    ("boerne-familie", "Generelt er sagstallet for højt og arbejdspresset for stort. Der tages ikke "
     "højde for kompleksiteten og flowet."),
    ("boerne-familie", "Vi kan ikke nå vores arbejde med omkring 40 sager, det går ud over vores "
     "trivsel og over borgerne i {kommune} Kommune."),
    ("boerne-handicap", "Der er sekretærbistand i vores afdeling, særligt på § 41/42-området."),
    ("voksenhandicap", "Sagstal er svære at tale om, da det afhænger af borgerens støttebehov og "
     "kompleksiteten i sagen."),
    ("voksenpsykiatri", "Ledelsen på det specialiserede voksenområde i {kommune} Kommune ønsker et "
     "reduceret sagsantal, men det lader sig ikke gøre økonomisk."),
    ("jobparate-over-30", "Socialrådgiverne oplever, at de skal gå på kompromis med deres faglighed."),
    ("aktivitetsparate-over-30", "Borgerne er generelt mere udfordrede i dag end for bare 10 år siden."),
    ("sygedagpenge", "Et passende sagstal ville være 25-30, hvis sagsbehandleren er nærmeste "
     "koordinator og kontaktperson."),
    ("ressourceforloeb", "Aktuelt ses meget færre ressourceforløb i {kommune} Kommune. Derfor "
     "afskediges medarbejdere. Kontakt evt. tr@{domain}.dk"),
    ("integration", "I {kommune} Kommune er opgaverne delt klart op mellem jobkonsulenter og "
     "myndighed."),
]


class Infeasible(Exception):
    """The published figures cannot all be met by the requested construction."""


@dataclass
class Slot:
    form: str
    value: float
    low: int  # allowed integer range of this slot's bin
    high: int
    pinned: bool = False

    def can_move(self, step: int) -> bool:
        """Whether value + step stays in the bin; a half value keeps 0.5 clear of the bin's ends."""
        margin = 0.5 if self.form in HALF_FORMS else 0
        return not self.pinned and self.low + margin <= self.value + step <= self.high - margin

    def typed(self) -> str:
        v = self.value
        if self.form == "range5":
            return f"{int(v - 2.5)}-{int(v + 2.5)}"
        if self.form == "decimal":
            return f"{int(v)},5"
        v = int(v)
        return {
            "plain": str(v),
            "approx": f"ca. {v}",
            "words": f"{v} sager",
            "range10": f"{v - 5}-{v + 5}",
        }[self.form]


def integer_ranges(labels) -> list[tuple[int, int]]:
    """Whole numbers each bin may hold: within its printed label and its (prev, upper] interval."""
    ranges = []
    for bin_ in parse_bins(labels):
        low = math.ceil(bin_.label_low)
        if not bin_.lower_inclusive:
            low = max(low, math.floor(bin_.lower) + 1)
        ranges.append((low, math.floor(bin_.upper)))
    return ranges


def answer_values(rng: random.Random, bins, mean: int, minimum, maximum) -> list[Slot]:
    """Slots whose values fill the bins exactly and give the published mean, min and max."""
    labels = [label for label, _ in bins]
    counts = [count for _, count in bins]
    ranges = integer_ranges(labels)
    filled = [i for i, c in enumerate(counts) if c]
    slots: list[Slot] = []
    for index, (count, (low, high)) in enumerate(zip(counts, ranges)):
        low, high = max(low, math.ceil(minimum)), min(high, math.floor(maximum))
        for k in range(count):
            pin = None
            if index == filled[0] and k == 0:
                pin = minimum
            elif index == filled[-1] and k == count - 1:
                pin = maximum
            if pin is not None:
                if not low <= pin <= high:
                    raise Infeasible(f"{pin} cannot lie in bin {labels[index]}")
                slots.append(Slot("plain", pin, low, high, pinned=True))
                continue
            form = rng.choices(list(ANSWER_FORMS), weights=ANSWER_FORMS.values())[0]
            if form in HALF_FORMS and high > low:
                slots.append(Slot(form, rng.randint(low, high - 1) + 0.5, low, high))
            else:
                slots.append(Slot("plain" if form in HALF_FORMS else form, rng.randint(low, high), low, high))
    n = len(slots)
    halves = sum(1 for s in slots if s.form in HALF_FORMS)
    target = Fraction(mean * n) + (Fraction(1, 2) if halves % 2 else 0)
    gap = target - sum(Fraction(s.value) for s in slots)
    assert gap.denominator == 1
    gap = int(gap)
    while gap:
        step = 1 if gap > 0 else -1
        movable = [s for s in slots if s.can_move(step)]
        if not movable:
            raise Infeasible(f"mean {mean} is out of reach of bins {labels}")
        rng.choice(movable).value += step
        gap -= step
    rng.shuffle(slots)
    return slots


def cap_texts(rng: random.Random, caps: dict) -> list[str]:
    if "values" in caps:
        return list(caps["values"])
    texts = []
    for (low, high), (_, count) in zip(integer_ranges([g[0] for g in caps["groups"]]), caps["groups"]):
        texts += [str(rng.randint(low, high)) for _ in range(count)]
    return texts


def apply_resolutions(published: dict) -> dict:
    """The figures the reconstruction must meet: printed ones, with contradictions resolved."""
    areas = {name: dict(area) for name, area in published["areas"].items()}
    for contradiction in published.get("contradictions", []):
        for path, value in (contradiction.get("reconstruct") or {}).items():
            area, question, *rest = path.split(".")
            figures = dict(areas[area][question])
            if rest[0] == "bins":
                figures["bins"] = [[lab, value if lab == rest[1] else c, p] for lab, c, p in figures["bins"]]
            else:
                figures[rest[0]] = value
            areas[area][question] = figures
    return areas


def place_respondents(rng: random.Random, summary: dict, areas: dict, municipalities: pd.DataFrame):
    """Respondents with a municipality and region, and which of them answer each area.

    Meets: respondents per DS region, municipalities in all, answers and distinct
    municipalities per area, and every respondent answering at least one area.
    """
    regions = {name: figures["n"] for name, figures in summary["regions"].items()}
    total_munis = summary["municipalities"]
    pools = {r: municipalities[municipalities.ds_region == r].municipality.tolist() for r in regions}
    capacity = {r: min(len(pools[r]), n) for r, n in regions.items()}
    shares = {r: min(capacity[r], max(1, half_up(Fraction(total_munis * n, sum(regions.values())))))
              for r, n in regions.items()}
    while sum(shares.values()) != total_munis:
        step = 1 if sum(shares.values()) < total_munis else -1
        open_regions = [r for r in shares if 1 <= shares[r] + step <= capacity[r]]
        if not open_regions:
            raise Infeasible(f"{total_munis} municipalities do not fit the regions' respondents")
        shares[max(open_regions, key=lambda r: capacity[r] - shares[r])] += step
    respondents = []  # (municipality, region)
    for region, n in regions.items():
        chosen = rng.sample(pools[region], shares[region])
        weights = [rng.paretovariate(1.3) for _ in chosen]
        counts = [1] * len(chosen)
        for _ in range(n - len(chosen)):
            counts[rng.choices(range(len(chosen)), weights=weights)[0]] += 1
        respondents += [(m, region) for m, c in zip(chosen, counts) for _ in range(c)]
    by_muni: dict[str, list[int]] = {}
    for index, (muni, _) in enumerate(respondents):
        by_muni.setdefault(muni, []).append(index)
    load = [0] * len(respondents)
    members: dict[str, list[int]] = {}
    for area in sorted(areas, key=lambda a: -areas[a]["n"]):
        n, m = areas[area]["n"], areas[area]["n_municipalities"]
        candidates = [mu for mu in by_muni if len(by_muni[mu]) > 1] if n > m else list(by_muni)
        for _attempt in range(200):
            munis = rng.sample(list(by_muni), m)
            if sum(len(by_muni[mu]) for mu in munis) >= n and (n == m or set(munis) & set(candidates)):
                break
        else:
            raise Infeasible(f"{area}: cannot find {m} municipalities holding {n} respondents")
        chosen = [min(by_muni[mu], key=lambda r: (load[r], rng.random())) for mu in munis]
        spare = [r for mu in munis for r in by_muni[mu] if r not in chosen]
        spare.sort(key=lambda r: (load[r], rng.random()))
        chosen += spare[: n - m]
        for r in chosen:
            load[r] += 1
        members[area] = chosen
    def keeps_municipalities(chosen, out, muni):
        """Replacing `out` by a respondent from `muni` leaves the area's municipality count."""
        munis = [respondents[r][0] for r in chosen]
        out_muni = respondents[out][0]
        return out_muni == muni or (munis.count(out_muni) == 1 and muni not in munis)

    for idle in [r for r in range(len(respondents)) if load[r] == 0]:
        muni = respondents[idle][0]
        for chosen in members.values():
            swap = next((r for r in chosen if load[r] > 1 and keeps_municipalities(chosen, r, muni)), None)
            if swap is not None:
                chosen[chosen.index(swap)] = idle
                load[swap] -= 1
                load[idle] += 1
                break
        else:
            raise Infeasible(f"respondent in {muni} answers no area")
    return respondents, members


def build(published: dict, codebook_path, municipalities: pd.DataFrame, seed: int):
    """The export as a data frame, with SPSS variable and value labels."""
    rng = random.Random(seed)
    codebook = load_codebook(codebook_path)
    areas = apply_resolutions(published)
    respondents, members = place_respondents(rng, published["summary"], areas, municipalities)
    rows = [{codebook.respondent_id: None, codebook.municipality: muni,
             codebook.region: REGION_CODES[region]} for muni, region in respondents]
    for area, figures in areas.items():
        columns = codebook.areas[area]
        answerers = list(members[area])
        current = answer_values(rng, [(b[0], b[1]) for b in figures["current"]["bins"]],
                                figures["current"]["mean"], figures["current"]["min"], figures["current"]["max"])
        # Higher current caseloads go with higher suggestions and with "too high".
        noisy = sorted(zip(answerers, current), key=lambda pair: pair[1].value * rng.uniform(0.85, 1.15))
        for r, slot in noisy:
            rows[r][columns["current"]] = slot.typed()
        suggested = answer_values(rng, [(b[0], b[1]) for b in figures["suggested"]["bins"]],
                                  figures["suggested"]["mean"], figures["suggested"]["min"],
                                  figures["suggested"]["max"])
        suggesters = sorted(rng.sample(noisy, len(suggested)), key=lambda pair: noisy.index(pair))
        for (r, _), slot in zip(suggesters, sorted(suggested, key=lambda s: s.value)):
            rows[r][columns["suggested"]] = slot.typed()
        for r, _ in noisy:
            if columns["suggested"] not in rows[r]:
                rows[r][columns["suggested"]] = rng.choice(["", "", "ved ikke", "-"])
        counts = {k: v["n"] for k, v in figures["assessment"].items()}
        assessed = [r for r, _ in noisy]
        extra = sum(counts.values()) - len(assessed)
        if extra > 0:  # the report counts more assessments than caseload answers
            outsiders = [r for r in range(len(rows)) if r not in answerers]
            for r in rng.sample(outsiders, extra):
                assessed.insert(rng.randrange(len(assessed) + 1), r)
        elif extra < 0:
            for r in rng.sample(assessed, -extra):
                assessed.remove(r)
        codes = [ASSESSMENT_CODES[k] for k in ("too_low", "about_right", "too_high") for _ in range(counts[k])]
        for r, code in zip(assessed, codes):
            rows[r][columns["assessment"]] = code
        caps = cap_texts(rng, figures["caps"])
        with_cap = rng.sample([r for r, _ in noisy], len(caps))
        for r in [r for r, _ in noisy]:
            rows[r][columns["cap"]] = CAP_CODES["no"] if rng.random() < 0.85 else None
        for r, text in zip(with_cap, caps):
            rows[r][columns["cap"]] = CAP_CODES["yes"]
            rows[r][columns["cap_value"]] = text
    for area, quote in QUOTES:
        r = rng.choice(members[area])
        muni = respondents[r][0]
        rows[r][codebook.areas[area]["comment"]] = quote.format(kommune=muni, domain=muni.lower())
    for _ in range(INCOMPLETE_RESPONSES):
        muni, region = rng.choice(respondents)
        rows.append({codebook.municipality: muni, codebook.region: REGION_CODES[region]})
    rng.shuffle(rows)
    ids = rng.sample(range(100000, 999999), len(rows))
    for row, rid in zip(rows, sorted(ids)):
        row[codebook.respondent_id] = str(rid)
    return _frame(rows, codebook)


def _frame(rows, codebook):
    columns = [codebook.respondent_id, codebook.municipality, codebook.region]
    labels = {codebook.respondent_id: "Respondent-id", codebook.municipality: "Kommune",
              codebook.region: "DS-region"}
    value_labels = {codebook.region: {1: "Region Nord", 2: "Region Øst", 3: "Region Syd"}}
    question = {"current": "Aktuelt gennemsnitligt sagstal pr. sagsbehandler",
                "assessment": "Er det aktuelle sagstal for lavt, passende eller for højt?",
                "suggested": "Passende sagstal pr. sagsbehandler",
                "cap": "Har ledelsen vedtaget et loft over sagstallet?",
                "cap_value": "Loftets størrelse (antal sager)",
                "comment": "Uddybende kommentar"}
    for area, fields in codebook.areas.items():
        for name, column in fields.items():
            columns.append(column)
            labels[column] = f"{area}: {question[name]}"
        value_labels[fields["assessment"]] = {1: "For lavt", 2: "Passende", 3: "For højt"}
        value_labels[fields["cap"]] = {1: "Ja", 2: "Nej"}
    frame = pd.DataFrame(rows).reindex(columns=columns)
    for column in columns:
        if column in value_labels:
            frame[column] = pd.to_numeric(frame[column]).astype("float64")
        else:
            frame[column] = frame[column].astype(object).fillna("")
    return frame, labels, value_labels


def write_sav(frame, labels, value_labels, path: Path) -> None:
    import pyreadstat

    pyreadstat.write_sav(
        frame, str(path),
        file_label="DS sagstal 2023 - REKONSTRUERET, ikke DS' mikrodata",
        column_labels=[labels[c] for c in frame.columns],
        variable_value_labels=value_labels,
    )
