"""The Snakefile's own jobs, all of them, in one Python process: the reference for how fast the
pipeline could be, and a way to step through a rule with pdb.

    python -m sagstal.tools.reference [TARGET ...]      # make reference

Snakemake builds the DAG (the same rules, inputs, outputs and params as `snakemake`), then every
job's script runs here, in topological order, with a stand-in `snakemake` object, instead of in a
fresh interpreter per job. Nothing is listed by hand. It always rebuilds every job it plans
(`--forceall`); Snakemake is what skips up-to-date work. The stand-in carries an empty config, so
a script that read the global config instead of its params would fail here.
"""

import argparse
import os
import runpy
import shutil
import sys
import time
from pathlib import Path

from snakemake.api import SnakemakeApi
from snakemake.iocontainers import Snakemake
from snakemake.settings.types import DAGSettings, OutputSettings, ResourceSettings


def planned_jobs(snakefile: Path, targets: list[str]) -> list:
    """The jobs Snakemake would run for a forced rebuild of the targets, dependencies first.

    Parsing the Snakefile points PYTHONPATH at its package for the jobs it starts; this process
    keeps its own environment.
    """
    environment = dict(os.environ)
    try:
        return _planned_jobs(snakefile, targets)
    finally:
        os.environ.clear()
        os.environ.update(environment)


def _planned_jobs(snakefile: Path, targets: list[str]) -> list:
    with SnakemakeApi(OutputSettings(quiet={"all"})) as api:
        workflow_api = api.workflow(resource_settings=ResourceSettings(cores=1), snakefile=snakefile)
        workflow_api.dag(dag_settings=DAGSettings(targets=frozenset(targets), forceall=True))
        workflow = workflow_api._workflow  # noqa: SLF001  (the DAG itself is not in the public API)
        workflow._prepare_dag(forceall=True, ignore_incomplete=True, lock_warn_only=True, nolock=True)
        workflow._build_dag()
        return [job for layer in workflow.dag.toposorted() for job in sorted(layer, key=str)]


def script_path(job) -> Path:
    return Path(job.rule.basedir.get_path_or_uri(secret_free=True)) / job.rule.script


def clear_outputs(job) -> None:
    """Remove what the job will write, as Snakemake does, so that no stale file survives."""
    for output in map(Path, job.output):
        if output.is_dir():
            shutil.rmtree(output)
        elif output.exists():
            output.unlink()


def run_job(job) -> None:
    """One job's script, in this interpreter, with the job's own input, output, params and log."""
    clear_outputs(job)
    stand_in = Snakemake(job.input, job.output, job.params, job.wildcards, job.threads, job.resources,
                         job.log, {}, job.rule.name, None, str(script_path(job).parent))
    runpy.run_path(str(script_path(job)), init_globals={"snakemake": stand_in}, run_name="__main__")


def build(targets: list[str], snakefile: Path = Path("Snakefile"), verbose: bool = False) -> int:
    """Run every planned job that has a script; the number of jobs run."""
    count = 0
    for job in planned_jobs(snakefile, targets):
        if not job.rule.script:
            continue
        start = time.perf_counter()
        run_job(job)
        count += 1
        if verbose:
            print(f"{time.perf_counter() - start:6.2f} s  {job.rule.name} {dict(job.wildcards)}")
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="output files or rule names (default: the rule all)")
    parser.add_argument("--verbose", action="store_true", help="print each job's time")
    args = parser.parse_args(argv)
    try:
        count = build(args.targets, verbose=args.verbose)
    except SystemExit as stop:  # a job's script has printed its one clear message
        return int(stop.code or 1)
    print(f"reference: {count} jobs done in one process")
    return 0


if __name__ == "__main__":
    sys.exit(main())
