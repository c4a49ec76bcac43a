"""Helpers shared by the rules: the waves and areas in config, and the code each rule runs."""

import ast
from pathlib import Path

from sagstal.audit import audited_waves, transcription_file
from sagstal.waves import ingest_settings

PACKAGE = Path("workflow/sagstal")
TEMPLATES = sorted(str(p) for p in Path("workflow/templates").iterdir())


def waves():
    return list(config["waves"])


def wave_areas(wave):
    return list(config["waves"][wave]["areas"])


def caseworker_waves():
    return [
        w for w, s in config["waves"].items() if s["instrument"] == "sagsbehandlere"
    ]


def caseworker_outputs(wave):
    tables = ["case_types", "single_type", "coordination", "admin_help"]
    return (
        expand("data/processed/{wave}/{table}.csv", wave=wave, table=tables)
        if wave in caseworker_waves()
        else []
    )


def package_imports(name):
    """The package modules one module imports ("render/charts" -> binning, render/danish)."""
    path = PACKAGE / f"{name}.py"
    here = name.split("/")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.ImportFrom) and node.level):
            continue
        base = here[: len(here) - node.level + 1] + (node.module or "").split(".")
        target = "/".join(part for part in base if part)
        for alias in node.names:
            for candidate in (f"{target}/{alias.name}".lstrip("/"), target):
                if candidate and (PACKAGE / f"{candidate}.py").exists():
                    found.add(candidate)
                    break
    return found


def code(*modules):
    """The package modules a step runs, with everything they import from the package: editing
    any of them reruns the step. steps.py counts as itself only (it imports every step's code).
    """
    needed, queue = set(), list(modules)
    while queue:
        name = queue.pop()
        if name not in needed:
            needed.add(name)
            queue.extend(package_imports(name))
    return sorted(
        str(PACKAGE / f"{name}.py") for name in {"__init__", "jobs", "steps"} | needed
    )


def area_tables(wildcards, area=None):
    """The processed tables of one area, as named inputs."""
    area = area or wildcards.area
    folder = f"data/processed/{wildcards.wave}"
    return {
        f"{area}_stats": f"{folder}/areas/{area}.csv",
        f"{area}_current": f"{folder}/bins/{area}-current.csv",
        f"{area}_suggested": f"{folder}/bins/{area}-suggested.csv",
        f"{area}_assessments": f"{folder}/assessments/{area}.csv",
    }


def wave_area_tables(wildcards):
    """The processed tables of every area of the wave, as named inputs."""
    tables = {}
    for area in wave_areas(wildcards.wave):
        tables.update(area_tables(wildcards, area))
    return tables


def rendered_outputs(wave):
    """Everything people read for a wave: appendices, charts, the report page and workbook."""
    areas = config["waves"][wave]["areas"]
    stems = [f"{areas[area]['bilag']:02d}-{area}" for area in areas]
    return (
        expand(
            "reports/{wave}/bilag/{stem}.{ext}",
            wave=wave,
            stem=stems,
            ext=["xlsx", "md", "html"],
        )
        + expand(
            "reports/{wave}/figurer/{area}-{chart}.{ext}",
            wave=wave,
            area=list(areas),
            chart=["udvikling", "fordeling"],
            ext=["png", "svg"],
        )
        + expand(
            "reports/{wave}/figurer/overholdelse.{ext}", wave=wave, ext=["png", "svg"]
        )
        + [f"reports/{wave}/rapport.html", f"reports/{wave}/oversigt.xlsx"]
    )


def area_outputs(wave):
    return expand(
        [
            "data/processed/{wave}/areas/{area}.csv",
            "data/processed/{wave}/bins/{area}-current.csv",
            "data/processed/{wave}/bins/{area}-suggested.csv",
            "data/processed/{wave}/assessments/{area}.csv",
            "data/processed/{wave}/assessments/{area}.csv",
        ],
        wave=wave,
        area=wave_areas(wave),
    )


def all_outputs():
    targets = []
    for wave in waves():
        targets += area_outputs(wave)
        targets += caseworker_outputs(wave)
        targets += rendered_outputs(wave)
        targets += expand(
            "data/processed/{wave}/{table}.csv",
            wave=wave,
            table=[
                "answers",
                "exclusions",
                "run_summary",
                "area_stats",
                "summary",
                "compliance",
                "method",
                "guideline_scenarios",
                "staffing",
            ],
        )
        if wave in audited_waves(config):
            targets += expand(
                "reports/{wave}/audit.{ext}", wave=wave, ext=["md", "csv"]
            )
    return targets
