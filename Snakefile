"""sagstal: DS' caseload survey reports, from the raw survey export to audited figures.

Run with `make report` (or `snakemake --cores all`). See README.md for the map of outputs.
The rules mirror the package's layers: ingest -> stats -> audit, and render apart from them.
"""

import os
import sys
from pathlib import Path

from snakemake.utils import min_version, validate

min_version("9.0")

# The package beside this Snakefile is the code the jobs run, in this process and in every job's
# (scripts, cluster jobs): a copy of the project runs its own code, not an installed one.
PACKAGE_ROOT = os.path.join(workflow.basedir, "workflow")
sys.path.insert(0, PACKAGE_ROOT)
os.environ.update(PYTHONPATH=PACKAGE_ROOT)

from sagstal.core.config_check import ConfigError, checked
from sagstal.core.one_build import hold_folder
from sagstal.core.schema import validated
from sagstal.core.yaml_file import YamlError, load_mapping

# config.yaml read by the project's own YAML reader before Snakemake reads it (configfile: below):
# a syntax error, an alias bomb, a file that is no file is one line naming line and column, not
# Snakemake's "not valid JSON or YAML", a hang or a MemoryError (sagstal.core.yaml_file).
try:
    load_mapping("config.yaml")
except YamlError as mistake:
    sys.exit(f"sagstal: {mistake}")

# One build at a time in this folder: a second run waits for the first; a killed run's stale lock
# and half-written files are cleared, so a plain rerun resumes it (sagstal.core.one_build).
if workflow.is_main_process and (cleared := hold_folder()):
    print(
        f"sagstal: cleared what an interrupted build left ({len(cleared)} file(s)); resuming it",
        file=sys.stderr,
    )


configfile: "config.yaml"


# The config's checks and Snakemake's validate, skipped when this very config passed them before
# (sagstal.core.schema); a mistake is one line each, naming line, key and the near miss.
try:
    config.update(
        validated(
            config,
            Path("workflow/schemas/config.schema.yaml"),
            Path(".snakemake/sagstal/validated-config.pickle"),
            checked(validate),
        )
    )
except ConfigError as mistakes:
    sys.exit(str(mistakes))


report: "workflow/report/workflow.rst"


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
