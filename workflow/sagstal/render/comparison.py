"""Overall compliance across waves as the report shows it (compliance_trend.csv, rule changes).

Pure: one dict that the chart, rapport.html, oversigt.xlsx and rapport.docx all use, so that they
say the same. Where every figure rests on the same areas as this wave's (the shipped waves), it
adds nothing to the chart and shows no table; where a wave's guideline areas differ, it names the
areas each comparison rests on, in Danish, and which figures are not directly comparable.
"""

import pandas as pd

from ..core.danish import listing, plain
from ..stats.changes import AREA_SEPARATOR, COMMON_AREAS, COMPUTED

NOT_COMPARABLE = "Skraveret søjle: bygger ikke på de samme områder som {wave}{published} og kan ikke sammenlignes direkte."
PUBLISHED_AREAS = " (publiceret: rapportens egne områder, som kilden ikke opdeler)"


def _areas(row: dict) -> list[str]:
    return [a for a in str(row.get("areas") or "").split(AREA_SEPARATOR) if a]


def _comparable(row: dict) -> bool:
    return str(row.get("comparable")) != "False"


def _basis(row: dict) -> str:
    """What a figure counts, in Danish: all the wave's guideline areas, those in common with another
    wave, or (published) its report's own areas, which the source does not list."""
    areas = _areas(row)
    if row["basis"] == COMMON_AREAS:
        return f"De {len(areas)} områder, {row['year']} og {row['compared_with']} begge har et vejledende sagstal for"
    if row["source"] != COMPUTED:
        return "Rapportens egne områder (kilden opdeler ikke)"
    return f"Alle {len(areas)} områder med vejledende sagstal"


def _bar_label(row: dict) -> str:
    if row["basis"] == COMMON_AREAS:
        return f"{row['year']}\n({len(_areas(row))} fælles omr.)"
    return f"{row['year']}\n({row['source']})"


def _comparisons(rows: list[dict], labels: dict, wave: str) -> list[dict]:
    """Each earlier wave compared with this one on their common areas: {basis, figures}, the
    sentence naming the areas (the chart's note) and the one giving both figures."""
    mine = [r for r in rows if r["year"] == wave]
    found = []
    for before in (r for r in rows if r["basis"] == COMMON_AREAS and r["compared_with"] == wave):
        year = before["year"]
        now = next((r for r in mine if r["basis"] == COMMON_AREAS and r["compared_with"] == year),
                   next(r for r in mine if r["basis"] != COMMON_AREAS))
        names = [labels.get(a, a) for a in _areas(now)]
        found.append({
            "basis": f"Sammenlignet på de {len(names)} områder, begge bølger ({year} og {wave}) har et vejledende "
                     f"sagstal for: {listing(names)}.",
            "figures": f"På dem overholdt {plain(before['compliant_pct'])} procent af svarene det vejledende "
                       f"sagstal i {year} og {plain(now['compliant_pct'])} procent i {wave}."})
    return found


def _not_comparable(rows: list[dict], wave: str, whole: set) -> list[str]:
    """What is not directly comparable with this wave: an earlier wave's figure on all its areas
    where they differ (unless they are the common ones, `whole`), and published figures whose
    areas the source does not give."""
    other_design = [r for r in rows if "andet undersøgelsesdesign" in str(r.get("note") or "")]
    sentences = [f"Tallet for {r['year']} ({plain(r['compliant_pct'])} procent) kommer fra en undersøgelse med et andet "
                 f"design ({str(r['note']).split('andet undersøgelsesdesign: ', 1)[1]}) og kan ikke sammenlignes "
                 "med det." for r in other_design]
    sentences += [f"Tallet for hele {r['year']} ({plain(r['compliant_pct'])} procent på {len(_areas(r))} områder) bygger "
                  f"på andre områder end {wave} og kan ikke sammenlignes direkte."
                  for r in rows if r["source"] == COMPUTED and r["basis"] != COMMON_AREAS and not _comparable(r)
                  and r["year"] not in whole and r not in other_design]
    published = [r["year"] for r in rows if r["source"] != COMPUTED and not _comparable(r) and r not in other_design]
    if published:
        sentences.append(f"De publicerede tal for {listing(published)} bygger på de områder, hver rapport "
                         f"omfattede; kilden opdeler dem ikke, så de er ikke nødvendigvis de samme som i {wave}.")
    return sentences


def compliance_comparison(trend: pd.DataFrame, labels: dict, wave: str) -> dict:
    """{wave, bars, rows, sentences, notes, shown}: the chart's bars per wave (a figure on other areas than
    this wave's marked `comparable: False`; where a wave's figure on the common areas is its whole
    figure, that one bar; the newest year's `current`), the table's rows in Danish, the sentences
    naming the areas of each comparison with both figures and saying what is not comparable, the
    chart's notes (the areas, and what a hatched bar means), and whether any of it needs saying."""
    rows = trend.astype(object).where(trend.notna(), None).to_dict("records")
    for row in rows:
        row["year"] = str(row["year"])
        row["basis"] = row.get("basis") or "alle"
    shown = any(r["basis"] == COMMON_AREAS or not _comparable(r) for r in rows)
    whole = {r["year"] for r in rows if r["basis"] == COMMON_AREAS and str(r.get("all_areas")) == "True"}
    newest = max((r["year"] for r in rows), default=None)  # drawn in this wave's colour
    bars = []
    for row in rows:
        if row["basis"] != COMMON_AREAS and row["source"] == COMPUTED and row["year"] in whole:
            continue  # its figure on the common areas is this same figure, drawn as such
        bar = {"label": _bar_label(row), "pct": int(row["compliant_pct"]), "comparable": _comparable(row),
               "current": row["year"] == newest, "own": row["basis"] != COMMON_AREAS}
        if row["source"] == COMPUTED:
            n = int(row["n_current"])
            bar |= {"value": 100 * int(row["compliant_n"]) / n, "n": n, "ci_low": row["compliant_pct_ci_low"],
                    "ci_high": row["compliant_pct_ci_high"]}
        bars.append(bar)
    # this wave's figures on common areas beside the earlier wave's they compare with, its own last
    bars.sort(key=lambda b: b["current"] and b["own"])  # stable: only this wave's own figure moves
    for bar in bars:
        del bar["own"]
    table = [{"year": r["year"], "source": r["source"], "basis": _basis(r), "n": plain(r["n_current"]),
              "compliant_n": plain(r["compliant_n"]), "pct": plain(r["compliant_pct"]),
              "ci_low": plain(r["compliant_pct_ci_low"]), "ci_high": plain(r["compliant_pct_ci_high"]),
              "comparable": "ja" if _comparable(r) else "nej"} for r in rows]
    comparisons = _comparisons(rows, labels, wave) if shown else []
    others = _not_comparable(rows, wave, whole) if shown else []
    sentences = [f"{c['basis']} {c['figures']}" for c in comparisons] + others
    hatched = [b for b in bars if not b["comparable"]]
    legend = NOT_COMPARABLE.format(wave=wave, published=PUBLISHED_AREAS if any(
        r["source"] != COMPUTED and not _comparable(r) for r in rows) else "")
    notes = [c["basis"] for c in comparisons] + ([legend] if hatched else [])
    return {"wave": wave, "bars": bars, "rows": table, "sentences": sentences, "notes": notes, "shown": shown}
