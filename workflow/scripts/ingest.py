"""Snakemake script of rule ingest: raw export -> answers, exclusions ledger, respondents."""

from sagstal.ingest import run_summary
from sagstal.jobs import log, run, write_csv
from sagstal.reading import ingest


def work(sm):
    tables = ingest(sm.input.export, sm.input.codebook, sm.params.settings, sm.params.open_answers)
    summary = run_summary(tables["respondents"], tables["exclusions"], tables["answers"], tables["unmapped"])
    if tables["unmapped"]:
        log.warning("export columns the codebook does not use: %s", ", ".join(map(str, tables["unmapped"])))
    log.info("run summary of %s:\n%s", sm.input.export, summary.to_string(index=False))
    for name in ("answers", "exclusions", "respondents", "case_types"):
        write_csv(tables[name], sm.output[name])
    write_csv(summary, sm.output.run_summary)


run(snakemake, work)
