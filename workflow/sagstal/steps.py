"""Every pipeline step, one function per Snakemake rule, of a job with input, output, params,
wildcards and config (Snakemake's `snakemake` object, or build_all's stand-in for it).

The rules call these through workflow/scripts/step.py; the single-process runner (build_all)
calls the same functions with the same paths, so both write the same files.
"""

from pathlib import Path

import pandas as pd

from .area import area_figures
from .audit import step as audit  # noqa: F401  (the audit rule's step lives with the audit)
from .caseworker_tables import admin_help_table, case_type_table, coordination_table, single_type_table
from .guidelines import guideline_in_force
from .ingest import run_summary
from .jobs import log, read_csv, write_csv, write_text
from .reading import ingest as read_wave
from .render.appendix import load_contexts
from .scenarios import scenario_table, staffing_table
from .tables import compliance_table, method_figures, summary_table


def _charts():
    """matplotlib costs about half a second to import: only the steps that draw pay for it."""
    from .render import charts

    return charts


def _writers():
    """openpyxl and jinja2, for the rendering steps only."""
    from .render import excel, pages

    return excel, pages


def ingest(sm) -> None:
    """Rule ingest: raw export -> answers, exclusions ledger, respondents."""
    tables = read_wave(sm.input.export, sm.input.codebook, sm.params.settings, sm.params.open_answers)
    summary = run_summary(tables["respondents"], tables["exclusions"], tables["answers"], tables["unmapped"])
    if tables["unmapped"]:
        log.warning("export columns the codebook does not use: %s", ", ".join(map(str, tables["unmapped"])))
    log.info("run summary of %s:\n%s", sm.input.export, summary.to_string(index=False))
    for name in ("answers", "exclusions", "respondents", "case_types"):
        write_csv(tables[name], sm.output[name])
    write_csv(summary, sm.output.run_summary)


def area_statistics(sm) -> None:
    """Rule area_statistics: one area's figures, its tables, and its two charts.

    The charts are drawn here, in the job that has just computed the area's tables, because a
    separate job per area would cost a fresh interpreter for a few milliseconds of drawing.
    """
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str, "municipality": str})
    guideline = guideline_in_force(sm.params.guidelines, sm.params.fieldwork)
    row, current, suggested, levels = area_figures(answers, sm.wildcards.area, sm.params.bins_current,
                                           sm.params.bins_suggested, guideline,
                                           sm.params.main_range_share, sm.params.precision)
    for question in ("current", "suggested"):
        if row[f"outside_bins_{question}"]:
            log.warning("%s: %d %s answer(s) lie outside the configured bins", sm.wildcards.area,
                        row[f"outside_bins_{question}"], question)
    write_csv(pd.DataFrame([row]), sm.output.stats)
    write_csv(pd.DataFrame(current), sm.output.current)
    write_csv(pd.DataFrame(suggested), sm.output.suggested)
    write_csv(pd.DataFrame(levels), sm.output.assessments)
    _draw_area_charts(sm, answers)


def wave_tables(sm) -> None:
    """Rule wave_tables: area_stats, summary, compliance and method tables."""
    area_stats = pd.concat([read_csv(path) for path in sm.input.areas], ignore_index=True)
    history = read_csv(sm.input.history)
    respondents = read_csv(sm.input.respondents, dtype={"municipality": str})
    write_csv(area_stats, sm.output.area_stats)
    write_csv(summary_table(area_stats, history, sm.params.previous_wave, sm.params.labels),
              sm.output.summary)
    write_csv(compliance_table(area_stats), sm.output.compliance)
    write_csv(method_figures(respondents, area_stats, sm.params.invited), sm.output.method)


def caseworker_tables(sm) -> None:
    """Rule caseworker_tables."""
    respondents = read_csv(sm.input.respondents, dtype={"respondent_id": str})
    case_types = read_csv(sm.input.case_types, dtype={"respondent_id": str})
    p = sm.params
    kinds = [c.removeprefix("coordination_") for c in respondents.columns if c.startswith("coordination_")]
    write_csv(case_type_table(case_types, p.areas, p.case_types, p.bin_width, p.main_range_share),
              sm.output.case_types)
    write_csv(single_type_table(respondents, p.areas, p.case_types, p.bin_width, p.main_range_share),
              sm.output.single_type)
    write_csv(coordination_table(respondents, p.areas, kinds, p.bin_width, p.main_range_share),
              sm.output.coordination)
    write_csv(admin_help_table(respondents), sm.output.admin_help)


def _draw_area_charts(sm, answers) -> None:
    """Development over time and the binned distribution, from the tables the job just wrote."""
    tables = {"stats": sm.output.stats, "current": sm.output.current, "suggested": sm.output.suggested,
              "assessments": sm.output.assessments}
    [context] = load_contexts(sm.config, sm.wildcards.wave, lambda area, name: tables[name], [sm.wildcards.area],
                              answers, read_csv(sm.input.history), municipalities=[],
                              min_count=sm.params.min_count)
    charts = _charts()
    current = context["current"]
    charts.development(context["trend"], context["label"], Path(sm.output.development_png).with_suffix(""),
                       (current["ci_low"], current["ci_high"]))
    charts.distribution(current, context["suggested"], context["guideline"], context["label"],
                        Path(sm.output.distribution_png).with_suffix(""), context.get("suppressed", ""),
                        context["references"])


def render_appendix(sm) -> None:
    """Rule render_appendix: one bilag as Excel, Markdown and HTML."""
    excel, pages = _writers()
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str})
    municipalities = read_csv(sm.input.municipalities)["municipality"].tolist()
    [context] = load_contexts(sm.config, sm.wildcards.wave, lambda area, name: getattr(sm.input, f"{area}_{name}"), [sm.wildcards.area],
                              answers, read_csv(sm.input.history), municipalities,
                              {Path(p).stem: read_csv(p) for p in sm.input.caseworker_tables},
                              sm.params.min_count)
    if int(sm.wildcards.bilag) != context["bilag"]:
        raise ValueError(f"{sm.wildcards.area} is bilag {context['bilag']} in config, not {sm.wildcards.bilag}")
    excel.save(excel.appendix_tables(context), sm.output.xlsx)
    image = pages.relative_images("../figurer")
    write_text(pages.render("bilag.md.j2", c=context, image=image), sm.output.md)
    write_text(pages.render("bilag.html.j2", c=context, image=image), sm.output.html)


def _share(label: str, row) -> dict:
    """A compliance share with its base and 95 % interval, as the compliance chart draws it."""
    return {"label": label, "pct": int(row["compliant_pct"]), "n": int(row["n_current"]),
            "ci_low": row["compliant_pct_ci_low"], "ci_high": row["compliant_pct_ci_high"]}


def render_report(sm) -> None:
    """Rule render_report: rapport.html, oversigt.xlsx and the compliance chart."""
    excel, pages = _writers()
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
    per_wave = [{"label": str(r.year), "pct": int(r.compliant_pct)} for r in history.itertuples()
                if str(r.year) < wave]
    if pd.notna(overall["compliant_pct"]):
        per_wave.append(_share(wave, overall))
    figures = Path(sm.output.compliance_png).parent
    _charts().compliance([_share(labels[r["area"]], r) for _, r in per_area.iterrows()], per_wave,
                         figures / "overholdelse")
    source = f"{settings['export']} ({settings['title']})"
    tables = excel.overview_tables(summary, compliance, method, config["texts"]["regions"], labels,
                                   settings["title"], settings["export"])
    tables += excel.scenario_tables(read_csv(sm.input.scenarios), read_csv(sm.input.staffing), labels,
                                    sm.params.set_labels, settings["export"])
    excel.save(tables, sm.output.overview)
    figures_by_name = dict(zip(method["figure"], method["value"]))
    regions = [{"name": name, "n": figures_by_name.get(f"regions.{key}.n"),
                "pct": figures_by_name.get(f"regions.{key}.pct")}
               for key, name in config["texts"]["regions"].items() if f"regions.{key}.n" in figures_by_name]
    contexts = load_contexts(config, wave, lambda area, name: getattr(sm.input, f"{area}_{name}"), list(settings["areas"]), answers,
                             read_csv(sm.input.history), municipalities,
                              {Path(p).stem: read_csv(p) for p in sm.input.caseworker_tables},
                              sm.params.min_count)
    page = pages.render(
        "rapport.html.j2", title=settings["title"], wave=wave, source=source,
        previous_wave=settings.get("previous_wave"),
        sections=config["texts"]["instruments"][settings["instrument"]]["sections"],
        summary=summary.astype(object).where(summary.notna(), None).to_dict("records"),
        compliance=[{**r, "label": labels[r["area"]]} for r in per_area.to_dict("records")],
        overall=overall.to_dict(), method=figures_by_name, regions=regions,
        respondents_invited=config["texts"]["instruments"][settings["instrument"]]["invited"],
        appendices=contexts, image=pages.embedded_images(figures), low_base=sm.params.low_base,
    )
    write_text(page, sm.output.html)


def scenarios(sm) -> None:
    """Rule scenarios: compliance of the same answers under each named guideline set."""
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str})
    p = sm.params
    write_csv(scenario_table(answers, p.sets, p.guidelines, p.fieldwork, p.areas), sm.output.scenarios)


def staffing(sm) -> None:
    """Rule staffing: under each guideline set, the extra staff workplaces above it would need."""
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str})
    p = sm.params
    write_csv(staffing_table(answers, p.sets, p.guidelines, p.fieldwork, p.areas), sm.output.staffing)
