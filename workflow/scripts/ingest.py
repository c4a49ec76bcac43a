"""Rule ingest: the raw export through its codebook into tidy tables.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.ingest.wave import ingest

run(snakemake, ingest)  # noqa: F821
