"""Shared fixtures: one Snakemake run of the shipped waves, in a copy of the project (`project`,
read-only), and private copies of that built project (`built`) for tests that edit something."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


# The waves the project ships: the tests build these, whatever waves an analyst has added since.
SHIPPED_WAVES = ("2015", "2023")


def shipped_config_text() -> str:
    """config.yaml as shipped: the analyst's own waves (and their folders) are not the tests' business."""
    text = (ROOT / "config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    if set(config["waves"]) == set(SHIPPED_WAVES):
        return text
    config["waves"] = {wave: config["waves"][wave] for wave in SHIPPED_WAVES}
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in ("Snakefile", "environment.yml", "requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    (target / "config.yaml").write_text(shipped_config_text(), encoding="utf-8")
    for name in ("profiles", "workflow", "data/reference"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    (target / "data/raw").mkdir(parents=True, exist_ok=True)
    for path in (ROOT / "data/raw").iterdir():
        if path.is_file():
            shutil.copy(path, target / "data/raw" / path.name)
        elif path.name in SHIPPED_WAVES:
            shutil.copytree(path, target / "data/raw" / path.name)
    return target


def snakemake(workdir, *args):
    return subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2", *args], cwd=workdir,
                          capture_output=True, text=True)


def outputs(root) -> list[Path]:
    """Every file the build writes, relative to the project."""
    return sorted(p.relative_to(root) for folder in ("data/processed", "reports")
                  for p in (root / folder).rglob("*")
                  if p.is_file() and p.name != ".snakemake_timestamp")  # Snakemake's mark on directory outputs


def _cells(path):
    from openpyxl import load_workbook

    book = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def _words(path):
    from docx import Document

    document = Document(path)
    return ([p.text for p in document.paragraphs], [[c.text for c in row.cells] for t in document.tables for row in t.rows],
            len(document.inline_shapes))


def assert_same_outputs(expected: Path, actual: Path) -> None:
    """The same files, with the same contents: byte for byte, except the zips of workbooks and Word
    files (they carry timestamps), whose cells, texts, tables and pictures must agree."""
    produced = outputs(expected)
    assert produced == outputs(actual)
    for relative in produced:
        if relative.suffix == ".xlsx":
            assert _cells(expected / relative) == _cells(actual / relative), relative
        elif relative.suffix == ".docx":
            assert _words(expected / relative) == _words(actual / relative), relative
        else:
            assert (expected / relative).read_bytes() == (actual / relative).read_bytes(), relative


class Named(dict):
    """Snakemake's named lists as far as the jobs use them: by name, as attribute or key."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Job:
    """A stand-in for Snakemake's `snakemake` object, to call one job's function in a test."""

    def __init__(self, rule, input=None, output=None, params=None, wildcards=None, log=None):
        self.rule, self.log = rule, log or []
        self.input, self.output = Named(input or {}), Named(output or {})
        self.params, self.wildcards = Named(params or {}), Named(wildcards or {})


@pytest.fixture(scope="session")
def project(tmp_path_factory):
    work = copy_project(tmp_path_factory.mktemp("project"))
    result = snakemake(work)
    assert result.returncode == 0, result.stderr[-3000:]
    return work


@pytest.fixture
def built(project, tmp_path):
    """A private copy of the built project, Snakemake's records included: a test may edit it."""
    return Path(shutil.copytree(project, tmp_path / "built", symlinks=True))


def planned_jobs(workdir, *args) -> dict:
    """{rule: count} of what Snakemake would run now (a dry run)."""
    import re

    result = snakemake(workdir, "-n", *args)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    stats = (result.stdout + result.stderr).split("Job stats:")
    if len(stats) == 1:
        return {}
    jobs = dict(re.findall(r"^(\w+)\s+(\d+)$", stats[1], re.MULTILINE))
    return {rule: int(count) for rule, count in jobs.items() if rule not in ("all", "total")}
