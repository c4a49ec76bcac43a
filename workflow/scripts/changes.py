"""Rule changes: each area's trend over the waves and its change since the previous comparable one.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.stats.changes import changes

run(snakemake, changes)  # noqa: F821
