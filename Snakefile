"""sagstal: DS' caseload survey reports, from the raw survey export to audited figures.

Run with `make report` (or `snakemake --cores all`). See README.md for the map of outputs.
The rules mirror the package's layers: ingest -> stats -> audit, and render apart from them.
"""

from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


wildcard_constraints:
    wave=r"[0-9]{4}[a-z]?",


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/stats.smk"
include: "workflow/rules/audit.smk"
include: "workflow/rules/render.smk"


rule all:
    default_target: True
    input:
        all_outputs(),
