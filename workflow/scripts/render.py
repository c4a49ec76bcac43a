"""Rule render: charts, appendices, rapport.html and oversigt.xlsx of a wave.

Run by Snakemake (or `make reference`), which defines `snakemake`: the job's input, output, params.
"""

from sagstal.core.job import run
from sagstal.render.wave import render

run(snakemake, render)  # noqa: F821
