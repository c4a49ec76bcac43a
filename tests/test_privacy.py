"""Quotes are redacted against the municipality list and e-mail/phone patterns."""

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sagstal.render.privacy import redact

ROOT = Path(__file__).resolve().parents[1]
MUNICIPALITIES = pd.read_csv(ROOT / "data/reference/kommuner.csv")["municipality"].tolist()


@pytest.mark.parametrize("text, expected", [
    ("Ledelsen i Aarhus Kommune ønsker færre sager.", "Ledelsen i … Kommune ønsker færre sager."),
    ("I aarhus kommune og i Københavns Kommune", "I … kommune og i … Kommune"),
    ("Lyngby-Taarbæk og Høje-Taastrup", "… og …"),
    ("Skriv til tr@odense.dk eller ring 12 34 56 78", "Skriv til … eller ring …"),
    ("Ring +45 12345678.", "Ring ….")
])
def test_redact(text, expected):
    assert redact(text, MUNICIPALITIES) == expected


def test_numbers_and_ordinary_words_stay():
    text = "Vi har 45 sager og 2023 var et hårdt år; 35-40 sager er passende."
    assert redact(text, MUNICIPALITIES) == text


def test_the_list_holds_all_98_municipalities():
    assert len(MUNICIPALITIES) == 98 and "København" in MUNICIPALITIES


def _context():
    return {
        "n": 10, "quotes": ["citat"],
        "current": {"n": 10, "min": 20, "max": 44, "bins": [{"interval": "20-25", "count": 8, "percent": 80},
                                                          {"interval": "26-30", "count": 2, "percent": 20},
                                                          {"interval": "31-35", "count": 0, "percent": 0}]},
        "suggested": {"n": 10, "min": 20, "max": 30, "bins": []},
        "assessment": [{"level": "too_high", "n": 9, "pct": 90, "min_current": 20, "max_current": 44,
                        "main_range_current": "20-25"},
                       {"level": "too_low", "n": 1, "pct": 10, "min_current": 44, "max_current": 44,
                        "main_range_current": "41-45"}],
        "caps": {"n": 2, "typed": ["30", "35"], "counted": [{"text": "30", "n": 1}, {"text": "35", "n": 1}],
                 "more": 0, "rows": [(30, 1), (35, 1)]},
    }


def test_suppression_is_off_by_default():
    from sagstal.render.privacy import suppress_context

    context = _context()
    assert suppress_context(context, 0) is context


def test_small_counts_and_single_respondent_values_are_hidden():
    from sagstal.render.privacy import suppress_context

    hidden = suppress_context(_context(), 3)
    assert hidden["suppressed"] == ".."
    # 2 is hidden, and so is 8: with 2 alone hidden, 10 - 8 would give it away
    assert [(b["count"], b["percent"]) for b in hidden["current"]["bins"]] == [(None, None), (None, None), (0, 0)]
    assert hidden["current"]["min"] is None and hidden["current"]["max"] is None
    too_high, too_low = hidden["assessment"]
    assert (too_high["n"], too_high["pct"], too_high["max_current"]) == (None, None, None)
    assert (too_low["n"], too_low["pct"], too_low["main_range_current"]) == (None, None, None)
    assert hidden["caps"] == {"n": None, "typed": [], "counted": [], "more": 0, "rows": []}
    assert hidden["quotes"] == ["citat"]


def attack(shown: list, total: int) -> dict:
    """What an attacker learns of each hidden cell from the total and the shown cells: the largest
    value it can have (hidden cells are at least 1, since zeros are printed)."""
    hidden = [i for i, c in enumerate(shown) if c is None]
    rest = total - sum(c for c in shown if c is not None)
    return {i: rest - (len(hidden) - 1) for i in hidden}


def assert_protected(counts: list[int], shown: list, min_count: int) -> None:
    assert all(s is None for c, s in zip(counts, shown) if 0 < c < min_count), "a small count is shown"
    assert all(s == c for c, s in zip(counts, shown) if s is not None)
    largest = attack(shown, sum(counts))
    every_nonzero_hidden = all(s is None for c, s in zip(counts, shown) if c)
    for i, bound in largest.items():  # subtracting the shown cells from the total must not pin a cell down
        assert every_nonzero_hidden or (len(largest) >= 2 and bound >= min_count), (counts, shown, i, bound)


@pytest.mark.parametrize("counts, expected_hidden", [
    ([8, 2, 0], {0, 1}), ([12, 1, 1, 9], {1, 2, 3}), ([5, 1, 6, 7], {1, 0}), ([30, 0, 4], set()),
    ([1, 1], {0, 1}), ([2], {0}),
])
def test_complementary_suppression_hand_cases(counts, expected_hidden):
    from sagstal.render.privacy import hidden_cells

    hidden = hidden_cells(counts, 3)
    assert hidden == expected_hidden
    assert_protected(counts, [None if i in hidden else c for i, c in enumerate(counts)], 3)


@given(st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=16), st.integers(min_value=2, max_value=6))
def test_no_hidden_cell_follows_from_the_total(counts, min_count):
    from sagstal.render.privacy import hidden_cells

    hidden = hidden_cells(counts, min_count)
    assert_protected(counts, [None if i in hidden else c for i, c in enumerate(counts)], min_count)


@pytest.mark.e2e
def test_the_attacker_recovers_no_hidden_cell_of_any_2023_appendix(project):
    import yaml

    from sagstal.render.context import area_contexts, chosen_quotes

    config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
    wave = {"wave": "2023", "title": "t", "source": "s", "plausible": {"min": 1, "max": 500},
            "texts": config["texts"]["instruments"]["tillidsrepraesentanter"], "case_types": {},
            "areas": {a: {"label": config["areas"][a]["label"], "bilag": s["bilag"]}
                      for a, s in config["waves"]["2023"]["areas"].items()}}
    folder = project / "data/processed/2023"
    tables = {name: pd.read_csv(folder / f"{name}.csv", encoding="utf-8-sig")
              for name in ("area_stats", "bins", "assessments", "trend", "changes")}
    comments = chosen_quotes(pd.read_csv(folder / "quotes.csv", encoding="utf-8-sig"))
    plain, hidden = (area_contexts(wave, tables, comments, [], None, m) for m in (0, 3))
    checked = 0
    for before, after in zip(plain, hidden):
        for question in ("current", "suggested"):
            assert_protected([b["count"] for b in before[question]["bins"]],
                             [b["count"] for b in after[question]["bins"]], 3)
            assert all(b["percent"] is None for b in after[question]["bins"] if b["count"] is None)
            checked += 1
        assert_protected([lvl["n"] for lvl in before["assessment"]], [lvl["n"] for lvl in after["assessment"]], 3)
    assert checked == 26 and any(b["count"] is None for c in hidden for b in c["current"]["bins"])
