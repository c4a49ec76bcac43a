"""Rule guideline_sets: compliance and staffing under each named guideline set.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.stats.guideline_sets import guideline_sets

run(snakemake, guideline_sets)  # noqa: F821
