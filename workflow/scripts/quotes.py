"""Rule quotes: every comment of a wave with the decision citater.yaml records for it.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.ingest.quotes import quotes

run(snakemake, quotes)  # noqa: F821
