"""Rule audit: every published figure beside the computed one.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.audit.compare import audit
from sagstal.core.job import run

run(snakemake, audit)  # noqa: F821
