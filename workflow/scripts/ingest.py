"""Snakemake script of rule ingest: raw export -> answers, exclusions ledger, respondents."""

from pathlib import Path

from sagstal.ingest import load_codebook, read_export, run_summary, tidy
from sagstal.jobs import log, run, write_csv


def work(sm):
    codebook = load_codebook(sm.input.codebook)
    export = Path(sm.input.export)
    frame, first_row = read_export(export, codebook.encoding, codebook.sheet)
    answers, exclusions, respondents = tidy(frame, codebook, export, first_row,
                                            sm.params.open_answers, sm.params.areas)
    summary = run_summary(respondents, exclusions)
    log.info("run summary of %s:\n%s", export, summary.to_string(index=False))
    write_csv(answers, sm.output.answers)
    write_csv(exclusions, sm.output.exclusions)
    write_csv(respondents, sm.output.respondents)
    write_csv(summary, sm.output.run_summary)


run(snakemake, work)
