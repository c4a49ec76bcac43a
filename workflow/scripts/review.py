"""Rule review: the review page of a wave (reports/<wave>/gennemsyn.html and gennemsyn.csv).

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.render.review import review

run(snakemake, review)  # noqa: F821
