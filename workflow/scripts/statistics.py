"""Rule statistics: every figure of a wave from its tidy answers.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.stats.wave import statistics

run(snakemake, statistics)  # noqa: F821
