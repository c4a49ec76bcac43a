"""The rendered appendices and report: cells, sentences, privacy, looks, and what a change rebuilds."""

import hashlib
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import ROOT, planned_jobs, snakemake
from openpyxl import load_workbook

from sagstal.core.caps import distinct
from sagstal.core.danish import interval, number, one_decimal_text
from sagstal.render.context import reference_lines

pytestmark = pytest.mark.e2e
CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
AREAS = CONFIG["waves"]["2023"]["areas"]


def stem(area):
    return f"{AREAS[area]['bilag']:02d}-{area}"


def read(project, name):
    return pd.read_csv(project / "data/processed/2023" / name, encoding="utf-8-sig")


def area_rows(project, name, area, **where):
    """One area's rows of a long table (bins.csv, assessments.csv), without the key columns."""
    table = read(project, name)
    rows = table[table["area"] == area]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    return rows.drop(columns=["area", *where])


def sheet_rows(path, sheet):
    """The data rows of a sheet: below the header row (row 3), up to the first empty row."""
    rows = []
    for row in load_workbook(path)[sheet].iter_rows(min_row=4, values_only=True):
        if row[0] is None:
            break
        rows.append(row)
    return rows


def test_all_outputs_exist(project):
    reports = project / "reports/2023"
    trend = read(project, "trend.csv")
    waves = trend[trend["comparable"]].groupby("area")["year"].count()
    for area in AREAS:
        for ext in ("xlsx", "md", "html"):
            assert (reports / "bilag" / f"{stem(area)}.{ext}").stat().st_size > 0
        for ext in ("png", "svg"):
            assert (reports / "figurer" / f"{area}-fordeling.{ext}").stat().st_size > 0
            # a development chart needs two comparable waves; one bar would say nothing the text does not
            assert (reports / "figurer" / f"{area}-udvikling.{ext}").exists() == (waves.get(area, 0) > 1)
        appendix = (reports / "bilag" / f"{stem(area)}.md").read_text(encoding="utf-8")
        assert (f"{area}-udvikling.png" in appendix) == (waves.get(area, 0) > 1)
    assert 0 < (waves > 1).sum() < len(AREAS)  # both cases occur in the shipped wave
    for name in ("rapport.html", "oversigt.xlsx", "figurer/overholdelse.png", "figurer/overholdelse.svg"):
        assert (reports / name).stat().st_size > 0


def test_appendix_workbooks_match_the_computed_tables(project):
    stats = read(project, "area_stats.csv").set_index("area")
    for area in AREAS:
        book = project / "reports/2023/bilag" / f"{stem(area)}.xlsx"
        for sheet, question in (("Aktuelle sager", "current"), ("Passende sager", "suggested")):
            bins = area_rows(project, "bins.csv", area, question=question)
            rows = sheet_rows(book, sheet)
            assert [r[:3] for r in rows[:-1]] == list(bins[["interval", "count", "percent"]].itertuples(index=False, name=None))
            assert rows[-1][:2] == ("I alt", stats.loc[area, f"n_{question}"])
            assert all(isinstance(r[1], int) for r in rows)  # real numbers, not text
        assessments = area_rows(project, "assessments.csv", area).set_index("level")
        rows = {r[0]: r for r in sheet_rows(book, "Vurdering")}
        assert rows["For højt"][1:3] == (stats.loc[area, "too_high_n"], stats.loc[area, "too_high_pct"])
        assert rows["Passende"][1] == assessments.loc["about_right", "n"]
        assert rows["I alt"][1] == stats.loc[area, "n_assessed"]
        caps = sheet_rows(book, "Loft")  # one row per distinct cap, with how many gave it
        assert caps[0] == ("Ja", stats.loc[area, "caps_n"]) and sum(r[1] for r in caps[1:]) == stats.loc[area, "caps_n"]
        compliance = {r[0]: r for r in sheet_rows(book, "Overholdelse")}
        if pd.notna(stats.loc[area, "compliant_n"]):
            assert compliance["Overholder"][1:] == (stats.loc[area, "compliant_n"], stats.loc[area, "compliant_pct"])
        else:
            assert compliance["DS' vejledende sagstal"][1] == "Intet"


def test_overview_workbook(project):
    book = project / "reports/2023/oversigt.xlsx"
    assert load_workbook(book).sheetnames == ["Resumé", "Overholdelse", "Svar pr. område", "Regioner", "Svarprocent",
                                             "Udvikling", "Ændringer", "Pr. region", "Pr. administrativ region", "Scenarier",
                                             "Bemanding"]
    overall = sheet_rows(book, "Overholdelse")[-1]
    assert overall == ("Alle områder med vejledende sagstal", 533, 280, 53, 48.3, 56.7, 253, 47)
    assert sheet_rows(book, "Regioner") == [("Region Nord", 82, 38), ("Region Øst", 56, 26),
                                            ("Region Syd", 76, 36), ("Hele landet", 214, 100)]


def test_overview_summary_carries_the_intervals_and_the_low_base_flag(project):
    stats = read(project, "area_stats.csv").set_index("area")
    rows = {r[0]: r for r in sheet_rows(project / "reports/2023/oversigt.xlsx", "Resumé")}
    for area in AREAS:
        row, s = rows[CONFIG["areas"][area]["label"]], stats.loc[area]
        assert row[3:5] == (s.mean_current_ci_low, s.mean_current_ci_high)
        assert row[7:11] == (s.n_assessed, s.too_high_pct, s.too_high_pct_ci_low, s.too_high_pct_ci_high)
        assert row[13] == ("ja" if s.n_current < CONFIG["precision"]["low_base"] else None)
    page = (project / "reports/2023/rapport.html").read_text(encoding="utf-8")
    fam = stats.loc["boerne-familie"]
    assert f'{interval(fam.mean_current_ci_low, fam.mean_current_ci_high)}</span>' in page


def test_reference_lines_with_their_source(project):
    points = CONFIG["reference_caseloads"]["points"]
    for area in AREAS:
        svg = (project / f"reports/2023/figurer/{area}-fordeling.svg").read_text(encoding="utf-8")
        text = (project / "reports/2023/bilag" / f"{stem(area)}.md").read_text(encoding="utf-8")
        for point in points.values():
            drawn = point["label"] in svg
            assert drawn == (area in point["areas"]), (area, point["label"])
            assert (point["label"] in text) == (area in point["areas"])
        if any(area in p["areas"] for p in points.values()):
            assert "Kilde: Viden om begrænsede sagsstammer" in text


def test_first_appendix_says_72_31_and_20_40(project):
    text = (project / "reports/2023/bilag/01-boerne-familie.md").read_text(encoding="utf-8")
    assert "Der er 72 af de adspurgte TR-respondenter" in text
    assert "ansvaret for 31 sager hver" in text
    assert "Svarene spænder fra 20-40 sager" in text


def _prose(markdown: str) -> str:
    """The sentences of an appendix: no tables, headings, images or quotes."""
    return "\n".join(line for line in markdown.splitlines()
                     if line and not line.startswith(("|", "#", "!", ">", "*", "---")))


def _numbers(values) -> set[str]:
    return {number(v) for v in values if pd.api.types.is_number(v) and pd.notna(v)}


def test_every_number_in_the_sentences_comes_from_the_computed_figures(project):
    stats = read(project, "area_stats.csv").set_index("area")
    trends = read(project, "trend.csv")
    for area in AREAS:
        allowed = _numbers(stats.loc[area].tolist())
        for row in area_rows(project, "assessments.csv", area).itertuples(index=False):
            allowed |= _numbers(row) | set(re.findall(r"\d+", str(row.main_range_current)))
        trend = trends[trends["area"] == area]  # every wave's mean, computed or published, and its note
        allowed |= {number(v) for v in trend["mean"]} | {str(y) for y in trend["year"]}
        allowed |= {n for note in trend["note"].dropna() for n in re.findall(r"\d+", note)}
        previous = trend[trend["year"] == 2019]["mean"]
        if len(previous):
            allowed.add(number(abs(stats.loc[area, "mean_current"] - previous.iloc[0])))
        for text in (stats.loc[area, "main_range_current"], stats.loc[area, "main_range_suggested"],
                     stats.loc[area, "caps_values"]):
            allowed |= set(re.findall(r"\d+(?:,\d+)?", str(text).replace(".", ",")))
        allowed |= {str(count) for _, count in distinct(stats.loc[area, "caps_values"])}  # "20 (1), 25 (4)"
        prose = _prose((project / "reports/2023/bilag" / f"{stem(area)}.md").read_text(encoding="utf-8"))
        allowed.add(number(100 * CONFIG["precision"]["confidence"]))  # "95 %-interval"
        allowed |= {one_decimal_text(stats.loc[area, c]) for c in ("mean_current_ci_low", "mean_current_ci_high")}
        for point in reference_lines(CONFIG["reference_caseloads"], area):  # the comparison with other projects, from config
            allowed |= set(re.findall(r"\d+(?:,\d+)?", point["label"] + point["source"]))
        found = set(re.findall(r"\d+(?:,\d+)?", prose)) - {"30"}  # "under 30 år" is in two area names
        assert found <= allowed, f"{area}: numbers not among the computed figures: {found - allowed}"


def _texts_under(folder: Path):
    for path in folder.rglob("*"):
        if path.suffix in {".md", ".html", ".csv", ".svg"}:
            yield path, path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                yield path, " ".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                                     if n.endswith(".xml"))


def test_no_municipality_email_or_respondent_id_under_reports(project):
    answers = read(project, "answers.csv")
    commented = answers[answers["comment"].fillna("") != ""]
    # the shipped comments name their own municipality ("I Stevns Kommune er …"): ingest scrubbed it
    assert commented["comment"].str.contains("… Kommune").sum() >= 4, "the shipped comments should name municipalities"
    named = sorted(set(commented["municipality"]))
    ids = re.compile(r"(?<![\d.])(?:" + "|".join(map(re.escape, set(answers["respondent_id"].astype(str))))
                     + r")(?!\d)")
    names = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, named)) + r")(?![\w-])", re.IGNORECASE)
    for path, text in _texts_under(project / "reports"):
        assert not names.search(text), f"{path}: names {names.search(text).group(0)}"
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), f"{path}: has an e-mail address"
        assert not re.search(r"(?<![\d.,-])(?:\+45 ?)?\d{2} \d{2} \d{2} \d{2}(?![\d])", text), f"{path}: has a phone number"
        # Not after a decimal point: SVG coordinates like y="361.174616" are not ids.
        assert not ids.search(text), f"{path}: has a respondent id"


LINKS_TO_PROJECT_FILES = re.compile(r'href="\.\./\.\./[^"]*"')  # the review page's links to citater.yaml and codebook.yaml


@pytest.mark.parametrize("export", ["data/raw/2023/sagstal-2023.sav", "data/raw/2015/sagstal-2015.xlsx"])
def test_pages_name_the_export_by_file_name_and_checksum_not_by_its_folder(project, export):
    wave, name = export.split("/")[2], Path(export).name
    checksum = hashlib.sha256((project / export).read_bytes()).hexdigest()[:12]
    texts = dict(_texts_under(project / "reports" / wave))
    for path in (project / "reports" / wave).rglob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            texts[path] = archive.read("word/document.xml").decode("utf-8")
    assert len(texts) > 20
    for path, text in texts.items():
        text = LINKS_TO_PROJECT_FILES.sub("", text)
        assert str(Path(export).parent) not in text and not re.search(rf"[\\/]{re.escape(name)}", text), path
    for page in ("rapport.html", "oversigt.xlsx", "kodebog.xlsx", "rapport.docx", "bilag/01-"):
        named = [p for p in texts if str(p.relative_to(project / "reports" / wave)).startswith(page)]
        assert named and all(f"{name} (SHA-256 {checksum}" in texts[p] for p in named), page


def test_changing_one_areas_bins_recomputes_that_wave_only(built):
    config = yaml.safe_load((built / "config.yaml").read_text(encoding="utf-8"))
    config["waves"]["2023"]["areas"]["sygedagpenge"]["bins_current"][-1] = "81-95"
    (built / "config.yaml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # the area's trend and its breakdown by region (main ranges) use its figures and bins too
    assert planned_jobs(built) == {"statistics": 1, "method": 1, "changes": 1, "breakdowns": 1, "audit": 1, "render": 1,
                                   "review": 1}  # the review page lists low bases and changes


def need_chromium():
    """In CI the browser test must run: Chromium missing there is a failure, not a skip."""
    from sagstal.tools.browser import chromium

    if chromium() is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed in CI; .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium is not installed (Debian package 'chromium'; .ci/run installs it in CI)")


@pytest.mark.parametrize("size, media", [((1280, 2000), "screen"), ((794, 1123), "print")], ids=["screen", "a4-print"])
def test_report_renders_in_a_browser(project, tmp_path, size, media):
    need_chromium()
    from PIL import Image, ImageStat

    from sagstal.tools.browser import inspect

    page = project / "reports/2023/rapport.html"
    seen = inspect(page, *size, media, tmp_path / "shot.png")
    assert seen["errors"] == []  # no console errors
    # 13 distributions, 11 developments (fleksjob and jobafklaring have one comparable wave), compliance,
    # two breakdowns
    assert seen["images"] == seen["loaded"] == 27
    assert seen["tables"] == page.read_text(encoding="utf-8").count("<table") == seen["visibleTables"]
    image = Image.open(tmp_path / "shot.png").convert("L")
    assert image.size == size
    assert ImageStat.Stat(image).stddev[0] > 20  # text, tables and charts, not a blank page


def test_make_pdf_prints_an_a4_report_with_page_numbers(project, tmp_path):
    need_chromium()
    from sagstal.tools.browser import pdf

    data = pdf(project / "reports/2023/rapport.html", tmp_path / "rapport.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert len(boxes) > 10  # one per page: the report and its 13 appendices
    assert all(abs(float(w) - 595.3) < 2 and abs(float(h) - 841.9) < 2 for w, h in boxes)  # A4 in points


@pytest.mark.parametrize("page", ["rapport.html", "bilag/01-boerne-familie.html", "gennemsyn.html"])
def test_the_pages_break_no_wcag_2_1_aa_rule(project, page):
    """axe-core (bundled by axe-playwright-python) in the browser, with the WCAG 2.0/2.1 A and AA rules."""
    need_chromium()
    from axe_playwright_python.sync_playwright import Axe

    from sagstal.tools.browser import browser

    with browser() as instance:
        tab = instance.new_page()
        tab.goto((project / "reports/2023" / page).resolve().as_uri(), wait_until="load")
        result = Axe().run(tab, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    violations = result.response["violations"]
    assert result.response["passes"], "axe ran no rule"
    assert violations == [], [(v["id"], v["help"], v["nodes"][0]["target"]) for v in violations]


def poppler(tool: str, *arguments) -> str:
    """pdfinfo or pdftotext (Debian's poppler-utils; .ci/run installs it, so CI never skips this)."""
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is not installed in CI; .ci/run installs it (apt-get install poppler-utils)")
        pytest.skip(f"{tool} is not installed (Debian package 'poppler-utils')")
    return subprocess.run([tool, *map(str, arguments)], capture_output=True, text=True, check=True).stdout


def test_the_pdf_is_tagged_with_bookmarks_title_and_language_and_its_text_reads_back(project, tmp_path):
    need_chromium()
    from sagstal.tools.browser import pdf

    target = pdf(project / "reports/2023/rapport.html", tmp_path / "rapport.pdf")
    info = dict(line.split(":", 1) for line in poppler("pdfinfo", target).splitlines() if ":" in line)
    assert info["Tagged"].strip() == "yes"
    config = yaml.safe_load((project / "config.yaml").read_text(encoding="utf-8"))
    assert info["Title"].strip() == config["waves"]["2023"]["title"]
    data = target.read_bytes()
    assert b"/Outlines" in data and b"/Lang" in data and b"(da)" in data  # bookmarks; the language is Danish
    text = " ".join(poppler("pdftotext", "-layout", target, "-").split())
    stats = pd.read_csv(project / "data/processed/2023/area_stats.csv", encoding="utf-8-sig").set_index("area")
    for area, settings in config["waves"]["2023"]["areas"].items():
        heading = f"Bilag {settings['bilag']} – {config['areas'][area]['label']}"
        assert heading in text, heading
        assert f"{int(stats.loc[area, 'mean_current'])} sager" in text, area  # each appendix's mean reads back


def test_snakemake_report_shows_what_each_rule_made(project, tmp_path):
    target = tmp_path / "snakemake-report.zip"
    result = snakemake(project, "--report", str(target))
    assert result.returncode == 0, result.stderr[-2000:]
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        pages = " ".join(archive.read(n).decode("utf-8", errors="replace") for n in names
                         if n.endswith((".html", ".js", ".json")))
    assert "gennem kodebogen" in pages  # the workflow described on its front page (not said in any output)
    assert any(n.endswith("rapport.html") for n in names) and any(n.endswith("audit.md") for n in names)
    assert sum(n.endswith(".xlsx") for n in names) == 20  # 2023: 13 appendices + 2; 2015: 3 + 2


def test_word_appendices_and_report_hold_the_tables_texts_and_charts(project):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    stats = read(project, "area_stats.csv").set_index("area")
    for area in AREAS:
        document = Document(project / "reports/2023/bilag" / f"{stem(area)}.docx")
        headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
        assert headings[0] == f"Bilag {AREAS[area]['bilag']} – {CONFIG['areas'][area]['label']}"
        assert "Aktuelt gennemsnit" in headings and "Udvikling over tid" in headings
        current = document.tables[0]
        bins = area_rows(project, "bins.csv", area, question="current")
        rows = [[c.text for c in row.cells] for row in current.rows]
        assert rows[0] == ["Aktuelle antal sager", "Antal svar", "Procent"]
        assert [int(r[1]) for r in rows[1:-1]] == bins["count"].tolist()
        assert rows[-1][:2] == ["I alt", str(stats.loc[area, "n_current"])]
        assert current.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # numbers right-aligned
        # the distribution chart, and the development chart where the area has two comparable waves
        assert len(document.inline_shapes) == (1 if area in ("fleksjob", "jobafklaring") else 2)
        text = " ".join(p.text for p in document.paragraphs)
        assert f"{stats.loc[area, 'n_current']} af de adspurgte" in text
    report = Document(project / "reports/2023/rapport.docx")
    headings = [p.text for p in report.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:4] == ["Hovedresultater pr. sagsområde", "Overholdelse af DS' vejledende sagstal pr. sagsområde",
                            "Antal svar (kommuner/arbejdspladser) pr. sagsområde",
                            "Fordeling mellem Dansk Socialrådgiverforenings tre regioner"]
    assert sum(h.startswith("Bilag ") for h in headings) == 13 and len(report.inline_shapes) == 24
    overall = [c.text for c in report.tables[1].rows[-1].cells]
    assert overall[:4] == ["Alle områder med vejledende sagstal", "533", "280", "53"] and overall[4] == "48,3"


def _definitions(page: str) -> dict:
    """The method section's definitions: term -> text."""
    block = page[page.index('id="definitioner"'):]
    block = block[:block.index("</dl>")]
    return dict(re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block, re.S))


def test_the_method_section_defines_each_printed_figure_with_its_base(project):
    union = _definitions((project / "reports/2023/rapport.html").read_text(encoding="utf-8"))
    caseworkers = _definitions((project / "reports/2015/rapport.html").read_text(encoding="utf-8"))
    common = {"Svar, der indgår", "Antal svar (n)", "Gennemsnit", "Laveste og højeste", "Tabellerne over sagstal",
              "Hovedparten", "Kommuner", "Usikkerhed"}
    assert set(union) == common | {"Vurdering af sagstallet", "Kommunale lofter",
                                   "Overholdelse af DS' vejledende sagstal"}
    assert set(caseworkers) == common | {"Omregning til fuld tid"}
    assert "mindst 50 procent af alle n svar" in union["Hovedparten"]  # main_range.min_share, of every answer
    assert "/ n." in union["Tabellerne over sagstal"] and "/ n for området" in union[
        "Overholdelse af DS' vejledende sagstal"]
    assert "sagstal × 37 / den aftalte ugentlige arbejdstid" in caseworkers["Omregning til fuld tid"]
