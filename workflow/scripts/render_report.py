"""Snakemake script of rule render_report: rapport.html, oversigt.xlsx and the compliance chart."""

from pathlib import Path

import pandas as pd

from sagstal.jobs import read_csv, run, write_text
from sagstal.render import charts, excel
from sagstal.render.appendix import load_contexts
from sagstal.render.pages import embedded_images, render


def work(sm):
    config, wave = sm.config, sm.wildcards.wave
    settings = config["waves"][wave]
    labels = {slug: area["label"] for slug, area in config["areas"].items()}
    summary = read_csv(sm.input.summary)
    compliance = read_csv(sm.input.compliance)
    method = read_csv(sm.input.method)
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str})
    municipalities = read_csv(sm.input.municipalities)["municipality"].tolist()
    per_area = compliance[compliance["area"] != "alle"]
    overall = compliance[compliance["area"] == "alle"].iloc[0]
    history = read_csv(sm.input.compliance_history)
    per_wave = [(str(r.year), int(r.compliant_pct)) for r in history.itertuples() if str(r.year) < wave]
    if pd.notna(overall["compliant_pct"]):
        per_wave.append((wave, int(overall["compliant_pct"])))
    figures = Path(sm.output.compliance_png).parent
    charts.compliance([(labels[a], int(p)) for a, p in zip(per_area["area"], per_area["compliant_pct"])],
                      per_wave, figures / "overholdelse")
    source = f"{settings['export']} ({settings['title']})"
    excel.save(excel.overview_tables(summary, compliance, method, config["texts"]["regions"], labels,
                                     settings["title"], settings["export"]), sm.output.overview)
    figures_by_name = dict(zip(method["figure"], method["value"]))
    regions = [{"name": name, "n": figures_by_name.get(f"regions.{key}.n"),
                "pct": figures_by_name.get(f"regions.{key}.pct")}
               for key, name in config["texts"]["regions"].items() if f"regions.{key}.n" in figures_by_name]
    contexts = load_contexts(config, wave, lambda area, name: getattr(sm.input, f"{area}_{name}"), list(settings["areas"]), answers,
                             read_csv(sm.input.history), municipalities,
                              {Path(p).stem: read_csv(p) for p in sm.input.caseworker_tables},
                              sm.params.min_count)
    page = render(
        "rapport.html.j2", title=settings["title"], wave=wave, source=source,
        previous_wave=settings.get("previous_wave"),
        sections=config["texts"]["instruments"][settings["instrument"]]["sections"],
        summary=summary.astype(object).where(summary.notna(), None).to_dict("records"),
        compliance=[{**r, "label": labels[r["area"]]} for r in per_area.to_dict("records")],
        overall=overall.to_dict(), method=figures_by_name, regions=regions,
        respondents_invited=config["texts"]["instruments"][settings["instrument"]]["invited"],
        appendices=contexts, image=embedded_images(figures),
    )
    write_text(page, sm.output.html)


run(snakemake, work)
