"""Rule caseworker_tables: the caseworker design's extra tables.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.stats.caseworker_tables import caseworker_tables

run(snakemake, caseworker_tables)  # noqa: F821
