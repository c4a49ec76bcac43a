"""Snakemake script of rule area_charts: development over time and the binned distribution."""

from pathlib import Path

from sagstal.jobs import read_csv, run
from sagstal.render import charts
from sagstal.render.appendix import load_contexts


def work(sm):
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str})
    [context] = load_contexts(sm.config, sm.wildcards.wave, lambda area, name: getattr(sm.input, f"{area}_{name}"), [sm.wildcards.area],
                              answers, read_csv(sm.input.history), municipalities=[],
                              min_count=sm.params.min_count)
    charts.development(context["trend"], context["label"], Path(sm.output.development_png).with_suffix(""))
    charts.distribution(context["current"], context["suggested"], context["guideline"], context["label"],
                        Path(sm.output.distribution_png).with_suffix(""), context.get("suppressed", ""))


run(snakemake, work)
