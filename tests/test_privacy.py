"""Quotes are redacted against the municipality list and e-mail/phone patterns."""

from pathlib import Path

import pandas as pd
import pytest

from sagstal.privacy import redact

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
