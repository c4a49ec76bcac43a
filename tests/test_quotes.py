"""Quotes a person chose: stable ids, citater.yaml read with clear mistakes, and the appendices in
every format printing exactly the chosen comments (as edited), nothing else."""

from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import snakemake

from sagstal.core.errors import IngestError
from sagstal.core.free_text import quote_id
from sagstal.ingest.quotes import EMPTY_SELECTION, comment_table, quote_decisions, read_selection

AREAS = ["sygedagpenge", "boerne-familie"]


def comments() -> pd.DataFrame:
    answers = pd.DataFrame({"area": ["sygedagpenge", "boerne-familie", "sygedagpenge", "sygedagpenge"],
                            "comment": ["For mange sager.", "Vi mangler kolleger.", "", "For mange sager."]})
    return comment_table(answers)


def selection(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "citater.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_comments_id_depends_on_its_area_and_words_only():
    assert quote_id("sygedagpenge", "For mange  sager. ") == quote_id("sygedagpenge", "For mange sager.")
    assert quote_id("sygedagpenge", "For mange sager.") != quote_id("boerne-familie", "For mange sager.")
    assert quote_id("sygedagpenge", "For mange sager.") != quote_id("sygedagpenge", "For mange sager!")
    assert quote_id("a", "b").startswith("k") and len(quote_id("a", "b")) == 9  # never read by YAML as a number


def test_the_comment_table_gives_each_distinct_comment_its_id_and_count():
    table = comments()
    assert table[["area", "count"]].values.tolist() == [["sygedagpenge", 2], ["boerne-familie", 1]]
    assert table["quote_id"].tolist() == [quote_id("sygedagpenge", "For mange sager."),
                                          quote_id("boerne-familie", "Vi mangler kolleger.")]


def test_chosen_rejected_and_awaiting(tmp_path):
    table = comments()
    many, few = table["quote_id"]
    path = selection(tmp_path, f"sygedagpenge:\n  chosen:\n    - id: {many}\n      text: Alt for mange sager.\n"
                               f"boerne-familie:\n  rejected: [{few}]\n")
    decided = quote_decisions(table, read_selection(path, AREAS), path)
    assert decided[["decision", "edited"]].values.tolist() == [["chosen", True], ["rejected", False]]
    assert decided["printed"].iloc[0] == "Alt for mange sager." and pd.isna(decided["printed"].iloc[1])
    assert decided["comment"].tolist() == ["For mange sager.", "Vi mangler kolleger."]  # as given, beside the edit
    nothing = quote_decisions(table, read_selection(selection(tmp_path, EMPTY_SELECTION), AREAS), path)
    assert nothing["decision"].tolist() == ["awaiting", "awaiting"] and nothing["printed"].isna().all()


def test_chosen_quotes_keep_the_order_citater_yaml_gives(tmp_path):
    answers = pd.DataFrame({"area": ["sygedagpenge"] * 3, "comment": ["Første.", "Anden.", "Tredje."]})
    table = comment_table(answers)
    first, second, third = table["quote_id"]
    path = selection(tmp_path, f"sygedagpenge:\n  chosen: [{third}, {first}]\n  rejected: [{second}]\n")
    decided = quote_decisions(table, read_selection(path, AREAS), path)
    chosen = decided[decided["decision"] == "chosen"].sort_values("order")
    assert chosen["printed"].tolist() == ["Tredje.", "Første."]


@pytest.mark.parametrize("text, expected", [
    ("sygedagpeng:\n  chosen: [k00000000]\n", "line 1: sygedagpeng: not an area of this wave: did you mean sygedagpenge?"),
    ("sygedagpenge:\n  chosn: [k00000000]\n", "line 2: sygedagpenge.chosn: unknown key: did you mean chosen?"),
    ("sygedagpenge:\n  chosen:\n    - id: k00000000\n      text: ' '\n", "line 3: sygedagpenge.chosen.0: text is empty"),
    ("sygedagpenge:\n  chosen:\n    - id: k00000000\n      txt: x\n", "unknown key 'txt': did you mean text?"),
    ("sygedagpenge:\n  chosen: k00000000\n", "line 2: sygedagpenge.chosen: write a list of comment ids"),
    ("sygedagpenge: [k00000000]\n", "sygedagpenge: write chosen: [...] and/or rejected: [...]"),
    ("sygedagpenge:\n  chosen: [k0, {id: k1\n", "not valid YAML"),
    ("- k00000000\n", "write one entry per area"),
])
def test_a_mistake_in_citater_yaml_is_one_line_with_its_place(tmp_path, text, expected):
    with pytest.raises(IngestError) as error:
        read_selection(selection(tmp_path, text), AREAS)
    assert expected in str(error.value) and str(tmp_path / "citater.yaml") in str(error.value)
    assert "\n" not in str(error.value)


def test_an_id_no_comment_has_stops_the_run_naming_it(tmp_path):
    table = comments()
    many, few = table["quote_id"]
    path = selection(tmp_path, f"sygedagpenge:\n  chosen:\n    - {many}\n    - kdeadbeef\n")
    with pytest.raises(IngestError, match=r"line 4: sygedagpenge.chosen: 'kdeadbeef' is no comment of sygedagpenge"):
        quote_decisions(table, read_selection(path, AREAS), path)
    path = selection(tmp_path, f"sygedagpenge:\n  chosen: [{few}]\n")
    with pytest.raises(IngestError, match="it is a comment of boerne-familie"):
        quote_decisions(table, read_selection(path, AREAS), path)
    path = selection(tmp_path, f"sygedagpenge:\n  chosen: [{many}]\n  rejected: [{many}]\n")
    with pytest.raises(IngestError, match="decided twice"):
        quote_decisions(table, read_selection(path, AREAS), path)


# --- the shipped waves, end to end --------------------------------------------------------------


def _appendix_texts(reports: Path) -> dict[str, str]:
    """Every appendix (md, html, docx, xlsx) and the whole report, as text."""
    from docx import Document
    from openpyxl import load_workbook

    texts = {}
    for path in sorted((reports / "bilag").iterdir()) + [reports / "rapport.html", reports / "rapport.docx"]:
        if path.suffix in (".md", ".html"):
            texts[path.name] = path.read_text(encoding="utf-8")
        elif path.suffix == ".docx":
            texts[path.name] = "\n".join(p.text for p in Document(path).paragraphs)
        elif path.suffix == ".xlsx":
            book = load_workbook(path)
            texts[path.name] = "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                                         for v in row if v is not None)
    return texts


@pytest.mark.e2e
def test_the_appendices_print_exactly_the_chosen_quotes_in_every_format(built):
    quotes = pd.read_csv(built / "data/processed/2015/quotes.csv", encoding="utf-8-sig")
    given = quotes["comment"].tolist()
    assert len(given) == 3 and set(quotes["decision"]) == {"chosen", "rejected"}  # as shipped
    kept, dropped = quotes.loc[quotes["area"] == "kontanthjaelp", "quote_id"]
    (built / "data/raw/2015/citater.yaml").write_text(
        f"kontanthjaelp:\n  chosen:\n    - id: {kept}\n      text: Vi har mange sager, der kræver tæt opfølgning.\n"
        f"  rejected: [{dropped}]\n", encoding="utf-8")
    result = snakemake(built, "reports/2015/rapport.html")
    assert result.returncode == 0, result.stderr[-2000:]
    texts = _appendix_texts(built / "reports/2015")
    assert {name.rsplit(".", 1)[1] for name in texts} == {"md", "html", "docx", "xlsx"}
    for name, text in texts.items():
        area = "kontanthjaelp" in name or name.startswith("rapport")
        assert ("Vi har mange sager, der kræver tæt opfølgning." in text) == area, name
        assert not any(comment in text for comment in given), f"{name} prints a comment no one chose as is"

    (built / "data/raw/2015/citater.yaml").write_text(EMPTY_SELECTION, encoding="utf-8")
    result = snakemake(built, "reports/2015/rapport.html")
    assert result.returncode == 0, result.stderr[-2000:]
    for name, text in _appendix_texts(built / "reports/2015").items():
        assert "Citat" not in text and not any(c in text for c in given), name


@pytest.mark.e2e
def test_a_chosen_id_that_is_gone_stops_the_run_naming_it(built):
    path = built / "data/raw/2015/citater.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "sygedagpenge:\n  chosen: [k0badc0de]\n", encoding="utf-8")
    result = snakemake(built, "reports/2015/rapport.html")
    assert result.returncode != 0
    assert "data/raw/2015/citater.yaml line" in result.stderr and "'k0badc0de' is no comment of sygedagpenge" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.e2e
def test_ids_and_decisions_survive_a_reordering_of_the_exports_rows(built):
    from openpyxl import load_workbook

    before = pd.read_csv(built / "data/processed/2015/quotes.csv", encoding="utf-8-sig")
    export = built / "data/raw/2015/sagstal-2015.xlsx"
    book = load_workbook(export)
    sheet = book.worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    for r, values in enumerate(reversed(rows), start=2):
        for c, value in enumerate(values, start=1):
            sheet.cell(row=r, column=c).value = value  # cell(..., value=None) would keep the old value
    book.save(export)
    result = snakemake(built, "data/processed/2015/quotes.csv")
    assert result.returncode == 0, result.stderr[-2000:]
    after = pd.read_csv(built / "data/processed/2015/quotes.csv", encoding="utf-8-sig")
    key = ["area", "quote_id", "decision", "comment"]
    assert after[key].sort_values("quote_id").values.tolist() == before[key].sort_values("quote_id").values.tolist()
    assert after["comment"].tolist() != before["comment"].tolist()  # the rows did come in another order


def test_new_wave_writes_an_empty_selection_that_reads_as_no_decision(tmp_path):
    assert read_selection(selection(tmp_path, EMPTY_SELECTION), AREAS) == []
    assert yaml.safe_load(EMPTY_SELECTION) == {}


def test_both_shipped_waves_ship_a_selection():
    root = Path(__file__).resolve().parents[1]
    config = yaml.safe_load((root / "config.yaml").read_text(encoding="utf-8"))
    for wave in ("2023", "2015"):
        chosen = read_selection(root / config["waves"][wave]["quotes"], list(config["waves"][wave]["areas"]))
        assert sum(d.decision == "chosen" for d in chosen) >= 2, wave
