"""Snakemake script of rule audit: published figures beside computed ones, with reasons."""

from pathlib import Path

import yaml

from sagstal.audit import (UNEXPLAINED, cap_group_labels, caseworker_figures, compare, computed_figures,
                           render_markdown)
from sagstal.jobs import log, read_csv, run, write_csv, write_text
from sagstal.waves import main_range_rule


def work(sm):
    with open(sm.input.published, encoding="utf-8") as handle:
        published = yaml.safe_load(handle)
    bins = {}
    for path in sm.input.bins:
        area, question = Path(path).stem.rsplit("-", 1)
        bins[(area, question)] = read_csv(path).to_dict("records")
    computed = computed_figures(read_csv(sm.input.area_stats), bins, read_csv(sm.input.summary),
                                read_csv(sm.input.compliance), read_csv(sm.input.method),
                                cap_group_labels(published))
    if sm.input.caseworker_tables:
        tables = {Path(path).stem: read_csv(path) for path in sm.input.caseworker_tables}
        computed |= caseworker_figures(tables["case_types"], tables["single_type"], tables["coordination"],
                                       tables["admin_help"])
    audit = compare(published, computed, main_range_rule(sm.params.main_range_share))
    unexplained = audit[audit["status"] == UNEXPLAINED]
    for row in unexplained.itertuples():
        log.warning("unexplained difference %s: published %s, computed %s", row.figure,
                    row.published, row.computed)
    write_csv(audit, sm.output.csv)
    write_text(render_markdown(audit, published, sm.wildcards.wave), sm.output.md)


run(snakemake, work)
