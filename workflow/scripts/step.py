"""The one Snakemake script: runs the step of sagstal.steps named like the rule."""

from sagstal import steps
from sagstal.jobs import run

run(snakemake, getattr(steps, snakemake.rule))
