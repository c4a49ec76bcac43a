"""Rule method: the method section's figures.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.stats.wave import method

run(snakemake, method)  # noqa: F821
