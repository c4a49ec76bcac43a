"""sagstal: DS' caseload survey reports, from the raw survey export to audited figures.

Run with `make report` (or `snakemake --cores all`). See README.md for the map of outputs.
"""

from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


wildcard_constraints:
    wave=r"[0-9]{4}[a-z]?",
    area=r"[a-z0-9]+(-[a-z0-9]+)*",
    bilag=r"[0-9]{2}",


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/statistics.smk"
include: "workflow/rules/audit.smk"
include: "workflow/rules/render.smk"


rule all:
    default_target: True
    input:
        all_outputs(),
