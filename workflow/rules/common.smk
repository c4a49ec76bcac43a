"""What the rules share: the waves and areas in config, the params each job gets, and the code it runs.

A job reads only its input and params (never `config`), so that Snakemake reruns a job exactly
when something it shows changes: a label edit reruns `render`, a bin edit reruns `statistics`.
"""

import ast
from pathlib import Path

from sagstal.render.context import unknown_reference_areas

PACKAGE = Path("workflow/sagstal")
TEMPLATES = sorted(str(p) for p in Path("workflow/templates").iterdir())
CASEWORKER_TABLES = ["case_types", "single_type", "coordination", "admin_help"]

problems = unknown_reference_areas(config.get("reference_caseloads"), config["areas"])
if problems:
    raise ValueError("config.yaml: " + "; ".join(problems))


def waves():
    return list(config["waves"])


def wave_areas(wave):
    return list(config["waves"][wave]["areas"])


def audited_waves():
    """The waves with a transcription of their printed report (published.yaml) to audit against."""
    return [
        wave for wave, settings in config["waves"].items() if "published" in settings
    ]


def caseworker_outputs(wave):
    """The caseworker design's extra tables, for the waves of that design."""
    if config["waves"][wave]["instrument"] != "sagsbehandlere":
        return []
    return expand(
        "data/processed/{wave}/{table}.csv", wave=wave, table=CASEWORKER_TABLES
    )


def ingest_settings(wildcards):
    """What ingest reads of a wave's config: not the bins, so that a bin edit does not re-ingest."""
    settings = config["waves"][wildcards.wave]
    chosen = {"areas": sorted(settings["areas"])}
    for key in ("full_time", "exclusions", "plausible_caseload"):
        if key in settings:
            chosen[key] = settings[key]
    return chosen


def area_bins(wildcards):
    """{area: its bins} of the wave: what statistics needs of each area, and nothing presentational."""
    return {
        area: {"bins_current": s["bins_current"], "bins_suggested": s["bins_suggested"]}
        for area, s in config["waves"][wildcards.wave]["areas"].items()
    }


def wave_guidelines(wildcards):
    """The dated guideline entries of the wave's areas (the one in force at fieldwork applies)."""
    return {a: config["guidelines"].get(a, []) for a in wave_areas(wildcards.wave)}


def wave_presentation(wildcards):
    """Every word the wave's documents show: title, source, design texts, area labels, bilag numbers."""
    settings = config["waves"][wildcards.wave]
    return {
        "wave": wildcards.wave,
        "title": settings["title"],
        "source": settings["export"],
        "previous_wave": settings.get("previous_wave"),
        "texts": config["texts"]["instruments"][settings["instrument"]],
        "areas": {
            area: {
                "label": config["areas"][area]["label"],
                "bilag": s["bilag"],
            }
            for area, s in settings["areas"].items()
        },
        "case_types": {slug: t["label"] for slug, t in config["case_types"].items()},
    }


def package_module(name):
    """The package file of a dotted module name, or None when it is not ours."""
    parts = name.split(".")
    if parts[0] != "sagstal":
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


def imported_modules(path):
    """The package modules one file imports (absolute or relative, at any depth of the file)."""
    here = (
        ["sagstal", *path.relative_to(PACKAGE).with_suffix("").parts[:-1]]
        if PACKAGE in path.parents
        else []
    )
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = (here[: len(here) - node.level + 1] if node.level else []) + (
                node.module or ""
            ).split(".")
            dotted = ".".join(part for part in base if part)
            names = [dotted] + [f"{dotted}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            for depth in range(
                1, len(parts) + 1
            ):  # sagstal.stats.area imports sagstal.stats/__init__ too
                found_file = package_module(".".join(parts[:depth]))
                if found_file:
                    found.add(found_file)
    return found


def code(script):
    """A script and every package module it imports, followed to the end. Editing any
    of them reruns the rule (Snakemake itself tracks only the script's own text)."""
    needed, queue = set(), [Path(f"workflow/scripts/{script}.py")]
    while queue:
        path = queue.pop()
        if path not in needed:
            needed.add(path)
            queue.extend(imported_modules(path))
    return sorted(str(p) for p in needed if p.parent != Path("workflow/scripts"))


def all_outputs():
    targets = []
    for wave in waves():
        targets += expand(
            "data/processed/{wave}/{table}.csv",
            wave=wave,
            table=[
                "answers",
                "exclusions",
                "respondents",
                "case_type_answers",
                "run_summary",
                "area_stats",
                "bins",
                "assessments",
                "summary",
                "compliance",
                "method",
                "guideline_scenarios",
                "staffing",
            ],
        )
        targets += caseworker_outputs(wave)
        targets += expand(
            "reports/{wave}/{name}",
            wave=wave,
            name=["bilag", "figurer", "rapport.html", "oversigt.xlsx"],
        )
        if wave in audited_waves():
            targets += expand(
                "reports/{wave}/audit.{ext}", wave=wave, ext=["md", "csv"]
            )
    return targets
