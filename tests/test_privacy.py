"""Quotes are redacted against the municipality list and e-mail/phone patterns."""

from pathlib import Path

import pandas as pd
import pytest

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
        "caps": {"n": 2, "typed": ["30", "35"], "cells": [30, 35]},
    }


def test_suppression_is_off_by_default():
    from sagstal.render.privacy import suppress_context

    context = _context()
    assert suppress_context(context, 0) is context


def test_small_counts_and_single_respondent_values_are_hidden():
    from sagstal.render.privacy import suppress_context

    hidden = suppress_context(_context(), 3)
    assert hidden["suppressed"] == "<3"
    assert [(b["count"], b["percent"]) for b in hidden["current"]["bins"]] == [(8, 80), (None, None), (0, 0)]
    assert hidden["current"]["min"] is None and hidden["current"]["max"] is None
    too_high, too_low = hidden["assessment"]
    assert (too_high["n"], too_high["pct"], too_high["max_current"]) == (9, 90, None)
    assert (too_low["n"], too_low["pct"], too_low["main_range_current"]) == (None, None, None)
    assert hidden["caps"] == {"n": None, "typed": [], "cells": []}
    assert hidden["quotes"] == ["citat"]
