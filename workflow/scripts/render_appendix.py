"""Snakemake script of rule render_appendix: one bilag as Excel, Markdown and HTML."""

from pathlib import Path

from sagstal.jobs import read_csv, run, write_text
from sagstal.render import excel
from sagstal.render.appendix import load_contexts
from sagstal.render.pages import relative_images, render


def work(sm):
    answers = read_csv(sm.input.answers, dtype={"respondent_id": str})
    municipalities = read_csv(sm.input.municipalities)["municipality"].tolist()
    [context] = load_contexts(sm.config, sm.wildcards.wave, lambda area, name: getattr(sm.input, f"{area}_{name}"), [sm.wildcards.area],
                              answers, read_csv(sm.input.history), municipalities,
                              {Path(p).stem: read_csv(p) for p in sm.input.caseworker_tables},
                              sm.params.min_count)
    if int(sm.wildcards.bilag) != context["bilag"]:
        raise ValueError(f"{sm.wildcards.area} is bilag {context['bilag']} in config, not {sm.wildcards.bilag}")
    excel.save(excel.appendix_tables(context), sm.output.xlsx)
    image = relative_images("../figurer")
    write_text(render("bilag.md.j2", c=context, image=image), sm.output.md)
    write_text(render("bilag.html.j2", c=context, image=image), sm.output.html)


run(snakemake, work)
