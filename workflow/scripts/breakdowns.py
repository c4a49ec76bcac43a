"""Rule breakdowns: each area's figures per group of a categorical column.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.stats.breakdowns import breakdowns

run(snakemake, breakdowns)  # noqa: F821
