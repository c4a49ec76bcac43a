"""Rule render: what people read of a wave, from its processed tables and the presentation settings.

Charts (reports/<wave>/figurer/), one appendix per area as Excel, Markdown, HTML and Word
(reports/<wave>/bilag/), the report page (rapport.html, charts embedded) and its Word document,
the cross-area workbook (oversigt.xlsx, with trends, changes and breakdowns) and the codebook
(kodebog.xlsx). One job per wave: drawing is the work, and an interpreter per area
would cost more than the drawing. Every Danish word and label arrives as a param, so editing
one in config.yaml reruns this job and nothing that computes figures.
"""

import re
from pathlib import Path

import pandas as pd

from ..core.danish import LEVEL_LABELS
from ..core.files import read_csv, write_text
from ..core.job import NOT_BUILT
from . import charts, excel, pages, word
from .comparison import compliance_comparison
from .context import area_contexts, breakdown_contexts, chosen_quotes
from .privacy import HIDDEN
from .review import GATE_NAMES, danish_reason


def _share(label: str, row) -> dict:
    """A compliance share as the compliance chart draws it: the unrounded share with its interval,
    labelled with the rounded percentage the tables print."""
    n = int(row["n_current"])
    return {"label": label, "pct": int(row["compliant_pct"]), "value": 100 * int(row["compliant_n"]) / n,
            "n": n, "ci_low": row["compliant_pct_ci_low"], "ci_high": row["compliant_pct_ci_high"]}


# the cross-area tables rapport.docx holds; it prints the notes of the comparison (they name the areas compared)
REPORT_SHEETS = ("Resumé", "Overholdelse", excel.COMPARISON_SHEET, "Svar pr. område", "Regioner")


def draw_area_charts(context: dict, figures: Path) -> None:
    """Development over time (with each computed wave's interval; where there are two waves or more)
    and the binned distribution of one area."""
    if context["development_chart"]:
        charts.development(context["trend"], context["label"], figures / f"{context['area']}-udvikling")
    charts.distribution(context["current"], context["suggested"], context["guideline"], context["label"],
                        figures / f"{context['area']}-fordeling", context.get("suppressed", ""),
                        context["references"])


def draw_compliance_chart(compliance: pd.DataFrame, comparison: dict, labels: dict, figures: Path,
                          base: str = "arbejdspladserne") -> None:
    """Compliance per area (this wave) and overall per wave (compliance_trend.csv as
    render.comparison shows it: each figure on other areas than this wave's hatched, and the areas
    each comparison rests on named under the chart)."""
    per_area = compliance[compliance["area"] != "alle"]
    charts.compliance([_share(labels[r["area"]], r) for _, r in per_area.iterrows()], comparison["bars"],
                      figures / "overholdelse", comparison["notes"], base)


def file_name(path: str) -> str:
    """A file's name without its folder: a page names the export by name and checksum, never by the
    folder it lay in, which may name the analyst (/home/hanne/Downloads, C:\\Users\\hanne)."""
    return re.split(r"[\\/]", str(path))[-1]


def data_basis(run_summary: pd.DataFrame, quality: pd.DataFrame, source: dict) -> dict:
    """The method section's account of the data: the export, rows read, used and excluded, and the
    quality gate's checks (sagstal.ingest.quality), in Danish; its warnings are for the analyst
    (the review page), not the reader."""
    totals = run_summary[run_summary["reason"].fillna("") == ""].set_index("measure")["count"]
    excluded = run_summary[(run_summary["measure"] == "rows_excluded") & run_summary["reason"].notna()]
    checks = quality[quality["status"].isin(["passed", "failed"])]  # warnings are the review page's
    gates = checks.groupby("gate", sort=False)["status"].agg(lambda s: "bestået" if (s == "passed").all() else "fejl")
    return {"source": source, "rows_read": int(totals["rows_read"]), "rows_used": int(totals["rows_used"]),
            "rows_excluded": [{"reason": danish_reason(r.reason), "count": int(r.count)}
                              for r in excluded.itertuples()],
            "gates": [{"name": GATE_NAMES.get(g, g), "status": s,
                       "checks": int((checks["gate"] == g).sum())} for g, s in gates.items()]}


def write_appendix(context: dict, figures: Path, appendices: Path):
    """One area's charts and appendix (xlsx, md, html, docx); its Word body goes into the report's."""
    draw_area_charts(context, figures)
    stem = appendices / f"{context['bilag']:02d}-{context['area']}"
    excel.save(excel.appendix_tables(context), stem.with_suffix(".xlsx"))
    image = pages.relative_images("../figurer")
    text = pages.render("bilag.md.j2", c=pages.for_markdown(context), image=image)
    write_text(text, stem.with_suffix(".md"))
    write_text(pages.render("bilag.html.j2", c=context, image=image), stem.with_suffix(".html"))
    return word.appendix(text, appendices, stem.with_suffix(".docx"))


def draw_breakdown_charts(breakdowns: list[dict], labels: dict, figures: Path) -> None:
    """One chart per breakdown that has groups: mean caseload per area and group, hidden groups marked."""
    for b in filter(lambda b: b["rows"], breakdowns):
        charts.breakdown(b["rows"], b["groups"], labels, f"Gennemsnitligt aktuelt sagstal pr. {b['label'].lower()}",
                         figures / f"pr-{b['column']}", HIDDEN)


def with_previous(summary: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """The summary table with each area's previous mean and whether the change since is clear."""
    columns = ["area", "mean_previous", "previous_year", "previous_source", "basis", "change_is_clear"]
    return summary.merge(changes[columns], on="area", how="left")


def _records(table: pd.DataFrame) -> list[dict]:
    return table.astype(object).where(table.notna(), None).to_dict("records")


def render(job) -> None:
    """Rule render: charts, appendices, rapport.html and .docx, oversigt.xlsx and kodebog.xlsx of one wave."""
    p = job.params
    source = read_csv(job.input.source).iloc[0].to_dict()
    source["export"] = file_name(source["export"])
    # every document names the export it was built from, with its checksum: no stale report passes as current
    wave = {**p.wave, "source": f"{source['export']} (SHA-256 {source['sha256'][:12]}, {source['modified']})"}
    labels = {slug: area["label"] for slug, area in wave["areas"].items()}
    processed = {"area_stats": read_csv(job.input.area_stats), "bins": read_csv(job.input.bins),
                 "assessments": read_csv(job.input.assessments),
                 "trend": read_csv(job.input.trend, dtype={"year": str}),
                 "changes": read_csv(job.input.changes, dtype={"year": str, "previous_year": str})}
    processed |= {Path(path).stem: read_csv(path) for path in job.input.caseworker_tables}
    quotes = read_csv(job.input.quotes, dtype={"comment": str, "printed": str, "quote_id": str})
    municipalities = read_csv(job.input.municipalities)["municipality"].tolist()
    contexts = area_contexts(wave, processed, chosen_quotes(quotes), municipalities,
                             p.reference_caseloads, p.min_count)
    figures, appendices = Path(job.output.figures), Path(job.output.appendices)
    bodies = [write_appendix(context, figures, appendices) for context in contexts]

    summary = with_previous(read_csv(job.input.summary), processed["changes"])
    compliance = read_csv(job.input.compliance)
    method = read_csv(job.input.method)
    comparison = compliance_comparison(read_csv(job.input.compliance_trend, dtype={"year": str, "compared_with": str}),
                                       labels, wave["wave"])
    draw_compliance_chart(compliance, comparison, labels, figures,
                          p.wave["texts"].get("compliance_base", "arbejdspladserne"))
    tables = excel.overview_tables(summary, compliance, method, p.regions,
                                   labels, wave["title"], wave["source"], comparison)
    tables += excel.change_tables(processed["trend"], processed["changes"], labels, wave["source"])
    breakdowns = breakdown_contexts(read_csv(job.input.breakdowns, dtype={"group": str}), p.breakdowns, labels)
    draw_breakdown_charts(breakdowns, labels, figures)
    tables += excel.breakdown_tables(breakdowns, wave["source"])
    tables += excel.scenario_tables(read_csv(job.input.scenarios), read_csv(job.input.staffing), labels,
                                    p.set_labels, wave["source"])
    excel.save(tables, job.output.overview)
    meanings = {**LEVEL_LABELS, **p.regions, "yes": "ja", "no": "nej", **wave["case_types"]}
    excel.save(excel.codebook_tables(read_csv(job.input.codebook, dtype={"code": str}),
                                     {**labels, **wave["case_types"]}, meanings, wave["title"], wave["source"]),
               job.output.codebook)
    word.report(wave["title"], [(t.title, [t.headers, *t.rows, *([t.total] if t.total else [])],
                                 t.notes[:-1] if t.sheet == excel.COMPARISON_SHEET else [])
                                for t in tables if t.sheet in REPORT_SHEETS], bodies, job.output.docx)
    figures_by_name = dict(zip(method["figure"], method["value"]))
    regions = [{"name": name, "n": figures_by_name.get(f"regions.{key}.n"),
                "pct": figures_by_name.get(f"regions.{key}.pct")}
               for key, name in p.regions.items() if f"regions.{key}.n" in figures_by_name]
    per_area = compliance[compliance["area"] != "alle"]
    page = pages.render(
        "rapport.html.j2", title=wave["title"], wave=wave["wave"], source=f"{wave['source']} ({wave['title']})",
        sections=wave["texts"]["sections"],
        summary=[{**r, "label": labels[r["area"]]} for r in _records(summary)],
        compliance=[{**r, "label": labels[r["area"]]} for r in per_area.to_dict("records")],
        overall=compliance[compliance["area"] == "alle"].iloc[0].to_dict(), method=figures_by_name,
        regions=regions, breakdowns=breakdowns, respondents_invited=wave["texts"]["invited"], appendices=contexts,
        data=data_basis(read_csv(job.input.run_summary), read_csv(job.input.quality), source),
        image=pages.embedded_images(figures), low_base=p.low_base, comparison=comparison,
        definitions=wave["definitions"], compliance_base=wave["texts"].get("compliance_base", "arbejdspladserne"),
    )
    write_text(page, job.output.html)
    (Path(job.output.html).parent / NOT_BUILT).unlink(missing_ok=True)  # this build is the current one
