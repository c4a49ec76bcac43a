"""Snakemake script of rule caseworker_tables."""

from sagstal.caseworker_tables import admin_help_table, case_type_table, coordination_table, single_type_table
from sagstal.jobs import read_csv, run, write_csv


def work(sm):
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


run(snakemake, work)
