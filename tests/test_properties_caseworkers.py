"""The caseworker design's figures against the plain oracle (tests/oracle.py) on random waves:
typed caseloads, weekly hours as people type them (converted to full time), area codes in any
order, random bins and guidelines (see test_properties.py for the union design and the method)."""

from fractions import Fraction
from pathlib import Path

import oracle
import pandas as pd
import yaml
from hypothesis import given
from hypothesis import strategies as st
from test_properties import EXAMPLES, bin_labels, check_figures, computed_tables, guideline_max, guidelines_of, typed, used

# Weekly hours as typed, and the hours the README's rules read from them (None: blank, full time;
# "excluded": unreadable, the caseload is left out).
HOURS = {"37": 37, "30": 30, "32": 32, "25": 25, "20": 20, "18,5": Fraction(37, 2), "29,6": Fraction(148, 5),
         "": None, "40": 40, "37 timer": 37, "30 t.": 30, "fuld tid": 37, "deltid 30": 30, "deltid": "excluded"}


@st.composite
def caseworker_wave(draw):
    """A caseworker wave: one primary area per respondent (area codes in any order), weekly hours
    typed as numbers, decimals with a comma, blank, or above the 37-hour standard."""
    names = ["Sygedagpenge", "Kontanthjælp", "Fleksjob"][:draw(st.integers(1, 3))]
    slugs = [f"omraade-{i + 1}" for i in range(len(names))]
    codes = dict(zip(draw(st.permutations(names)), slugs))
    areas = {slug: {"bins_current": draw(bin_labels()), "bins_suggested": draw(bin_labels()),
                    "guideline": draw(st.one_of(st.none(), st.integers(10, 120))), "guideline_from": "2020-01-01"}
             for slug in slugs}
    people = []
    for _ in range(draw(st.integers(1, 40))):
        hours = draw(st.sampled_from(list(HOURS)))
        people.append({"area": draw(st.sampled_from(names)), "hours": hours, "current": draw(typed()),
                       "suggested": draw(typed()), "municipality": draw(st.sampled_from(["K1", "K2", "K3"]))})
    return {"codes": codes, "areas": areas, "people": people,
            "min_share": draw(st.sampled_from(["0.5", "0.6"]))}


def write_caseworker_export(wave: dict, folder: Path) -> tuple[Path, Path]:
    columns = {"respondent_id": "Nr", "municipality": "Kommune", "role": "Stilling", "hours": "Ugentlige timer",
               "area": "Primært område", "current": "Sager i alt nu", "suggested": "Passende antal sager"}
    records = [{"Nr": str(i + 1), "Kommune": p["municipality"], "Stilling": "Socialrådgiver",
                "Ugentlige timer": p["hours"], "Primært område": p["area"], "Sager i alt nu": p["current"][0],
                "Passende antal sager": p["suggested"][0]} for i, p in enumerate(wave["people"])]
    export = folder / "export.csv"
    pd.DataFrame(records).to_csv(export, index=False)
    codebook = folder / "codebook.yaml"
    codebook.write_text(yaml.safe_dump({"layout": "caseworkers", "format": "csv", "columns": columns,
                                        "codes": {"area": wave["codes"]}}, allow_unicode=True), encoding="utf-8")
    return export, codebook


@EXAMPLES
@given(wave=caseworker_wave())
def test_caseworker_wave_figures_equal_the_oracle(wave, tmp_path_factory):
    folder = tmp_path_factory.mktemp("caseworkers")
    export, codebook = write_caseworker_export(wave, folder)
    full_time = {"full_time": {"standard_hours": 37, "missing": "assume_full_time", "above_standard": "cap"}}
    computed = computed_tables(export, codebook, wave["areas"], guidelines_of(wave["areas"]), wave["min_share"],
                               folder, full_time)
    maxima = {area: guideline_max(s) for area, s in wave["areas"].items()}
    expected = {}
    for area, s in wave["areas"].items():
        answers = []
        for p in wave["people"]:
            if wave["codes"][p["area"]] != area:
                continue
            hours = HOURS[p["hours"]]
            current = None if hours == "excluded" else used(p["current"][1])
            answers.append({"current": None if current is None else oracle.full_time(current, hours),
                            "suggested": used(p["suggested"][1]), "assessment": None, "cap": None,
                            "cap_value": "", "municipality": p["municipality"]})
        expected[area] = oracle.area(answers, s["bins_current"], s["bins_suggested"], maxima[area],
                                     Fraction(wave["min_share"]))
    check_figures(expected, *computed, maxima)
