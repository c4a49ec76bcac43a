"""A second, plain computation of every printed figure, written from the method section's
definitions alone (README, "Definitions of the printed figures"). It imports nothing from the
package: exact fractions, brute force, no shortcuts, so that it can disagree with the code.

Values are Fractions; a figure that the table prints as a number is returned as one.
"""

from fractions import Fraction
from math import floor

LEVELS = ("too_high", "about_right", "too_low")


def half_up(x: Fraction) -> int:
    """Nearest whole number, halves away from zero."""
    return floor(x + Fraction(1, 2)) if x >= 0 else -floor(-x + Fraction(1, 2))


def percent(count: int, base: int):
    return None if base == 0 else half_up(Fraction(100 * count, base))


def percent_one_decimal(count: int, base: int):
    return None if base == 0 else half_up(Fraction(1000 * count, base)) / 10


def number_text(x: Fraction) -> str:
    """A bound as a label prints it: 30, 25,5."""
    return str(x.numerator) if x.denominator == 1 else f"{float(x):g}".replace(".", ",")


def tenths(x: Fraction) -> Fraction:
    """To one decimal, half up (a tail's end as a main range prints it)."""
    return Fraction(half_up(x * 10), 10)


def parse_label(label: str) -> tuple[Fraction, Fraction]:
    low, _, high = label.partition("-")
    return Fraction(low.replace(",", ".")), Fraction((high or low).replace(",", "."))


def table(values: list[Fraction], labels: list[str]) -> list[dict]:
    """The printed bin table: the bins, and an "under"/"over" row where answers lie outside them.
    The first bin holds [a, b], every later bin (previous bin's b, b]."""
    bounds = [parse_label(label) for label in labels]
    rows = []
    for i, (label, (low, high)) in enumerate(zip(labels, bounds)):
        start = low if i == 0 else bounds[i - 1][1]
        inside = [v for v in values if (start <= v if i == 0 else start < v) and v <= high]
        rows.append({"interval": label, "values": inside, "low": start, "high": high, "low_text": low,
                     "high_text": high, "tail": ""})
    under = [v for v in values if v < bounds[0][0]]
    over = [v for v in values if v > bounds[-1][1]]
    if under:
        rows.insert(0, {"interval": f"under {number_text(bounds[0][0])}", "values": under, "low": min(under),
                        "high": max(under), "low_text": tenths(min(under)), "high_text": tenths(max(under)),
                        "tail": "below"})
    if over:
        rows.append({"interval": f"over {number_text(bounds[-1][1])}", "values": over, "low": min(over),
                     "high": max(over), "low_text": tenths(min(over)), "high_text": tenths(max(over)),
                     "tail": "above"})
    n = len(values)
    for row in rows:
        row["count"] = len(row["values"])
        row["percent"] = percent(row["count"], n)
    return rows


def main_range(values: list[Fraction], labels: list[str], min_share: Fraction):
    """(label, share) of the narrowest run of adjacent table rows holding at least min_share of all
    answers; ties: more answers, then the lower run. Every run is tried."""
    if not values:
        return None, None
    rows = table(values, labels)
    candidates = []
    for start in range(len(rows)):
        for end in range(start, len(rows)):
            count = sum(r["count"] for r in rows[start:end + 1])
            if count >= min_share * len(values):
                candidates.append((rows[end]["high"] - rows[start]["low"], -count, start, end))
    width, count, start, end = min(candidates)
    low, high = number_text(rows[start]["low_text"]), number_text(rows[end]["high_text"])
    return (low if low == high else f"{low}-{high}"), percent_one_decimal(-count, len(values))


def describe(values: list[Fraction], labels: list[str], min_share: Fraction) -> dict:
    label, share = main_range(values, labels, min_share)
    return {
        "n": len(values),
        "mean": half_up(sum(values) / len(values)) if values else None,
        "min": min(values) if values else None,
        "max": max(values) if values else None,
        "main_range": label,
        "main_range_share": share,
    }


def area(answers: list[dict], labels_current, labels_suggested, guideline_max, min_share) -> dict:
    """Every figure of one area. Each answer: current, suggested (Fraction or None), assessment
    (a level or None), cap ("yes"/"no"/None), cap_value (text), municipality."""
    current = [a["current"] for a in answers if a["current"] is not None]
    suggested = [a["suggested"] for a in answers if a["suggested"] is not None]
    assessed = [a for a in answers if a["assessment"] in LEVELS]
    figures = {"now": describe(current, labels_current, min_share),
               "proposed": describe(suggested, labels_suggested, min_share),
               "bins_current": table(current, labels_current),
               "bins_suggested": table(suggested, labels_suggested),
               "n_assessed": len(assessed),
               "caps": [a["cap_value"] for a in answers if a["cap"] == "yes"],
               "n_municipalities": len({a["municipality"] for a in answers if a["current"] is not None}),
               "levels": {}}
    for level in LEVELS:
        group = [a for a in assessed if a["assessment"] == level]
        figures[f"{level}_n"] = len(group)
        figures[f"{level}_pct"] = percent(len(group), len(assessed))
        values = [a["current"] for a in group if a["current"] is not None]
        figures["levels"][level] = {**describe(values, labels_current, min_share),
                                    "n": len(group), "pct": percent(len(group), len(assessed))}
    if guideline_max is not None:
        compliant = sum(1 for v in current if v <= guideline_max)
        figures.update(compliant_n=compliant, compliant_pct=percent(compliant, len(current)),
                       noncompliant_n=len(current) - compliant,
                       noncompliant_pct=percent(len(current) - compliant, len(current)))
    return figures


def caps_text(caps: list[str]):
    """Each distinct cap once, lowest first, with how many gave it when more than one: "20; 25 ×11"."""
    given = [c for c in caps if c]
    distinct = sorted(set(given), key=lambda c: Fraction(c.replace(",", ".")))
    return "; ".join(c if given.count(c) == 1 else f"{c} ×{given.count(c)}" for c in distinct)


def overall_compliance(areas: dict, guideline_max: dict) -> dict:
    """Compliant answers over all areas with a guideline, of all those areas' answers."""
    answers = compliant = 0
    for name, figures in areas.items():
        if guideline_max.get(name) is not None:
            answers += figures["now"]["n"]
            compliant += figures["compliant_n"]
    return {"n_current": answers, "compliant_n": compliant, "compliant_pct": percent(compliant, answers),
            "noncompliant_n": answers - compliant, "noncompliant_pct": percent(answers - compliant, answers)}


def full_time(caseload: Fraction, hours: Fraction | None, standard: int = 37) -> Fraction:
    """caseload x standard / hours; blank hours count as full time, hours above the standard are not
    converted (config full_time: missing assume_full_time, above_standard cap)."""
    if hours is None or hours > standard:
        return caseload
    return caseload * standard / hours
