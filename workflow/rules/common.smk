"""What the rules share: the waves and areas in config, the params each job gets, and the code it runs.

A job reads only its input and params (never `config`), so that Snakemake reruns a job exactly
when something it shows changes: a label edit reruns `render`, a bin edit reruns `statistics`.
"""

from pathlib import Path

from sagstal.audit import audited_waves
from sagstal.core.imports import code_files
from sagstal.core.yaml_file import YamlError, load_mapping

TEMPLATES = sorted(str(p) for p in Path("workflow/templates").iterdir())
CASEWORKER_TABLES = ["case_types", "single_type", "coordination", "admin_help"]


def waves():
    return list(config["waves"])


def wave_areas(wave):
    return list(config["waves"][wave]["areas"])


def caseworker_outputs(wave):
    """The caseworker design's extra tables, for the waves of that design."""
    if config["waves"][wave]["instrument"] != "sagsbehandlere":
        return []
    return expand(
        "data/processed/{wave}/{table}.csv", wave=wave, table=CASEWORKER_TABLES
    )


def wave_setting(key):
    """One setting of the job's wave (None when the wave leaves it out), as an input or params
    function: config's `waves.<wave>.<key>`. Snakemake's lookup(dpath=...) searches the whole
    config for every job: 0.03 to 0.06 s of every start."""
    return lambda wildcards: config["waves"][wildcards.wave].get(key)


def export_companions(wildcards):
    """The files the wave's codebook reads beside its export (SurveyXact's labels and structure
    files), so that editing one reruns ingest. Only a text export has them (a workbook keeps them
    as sheets), so only its codebook is read here.
    """
    settings = config["waves"][wildcards.wave]
    export = Path(settings["export"])
    if (
        export.suffix.lower() not in (".csv", ".txt")
        or not Path(settings["codebook"]).exists()
    ):
        return []
    try:
        codebook = load_mapping(settings["codebook"])
    except YamlError:
        return []  # ingest reads the codebook too, and names the mistake in one line
    return [
        str(export.parent / codebook[key])
        for key in ("labels", "structure")
        if isinstance(codebook.get(key), str)
    ]


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


def earlier_waves(wave):
    """The configured waves fielded before this one: their computed figures make its trend."""
    fieldwork = config["waves"][wave]["fieldwork"]
    return sorted(
        (w for w, s in config["waves"].items() if s["fieldwork"] < fieldwork),
        key=lambda w: config["waves"][w]["fieldwork"],
    )


def review_decisions(wildcards):
    """The wave's gennemsyn.yaml where config names one and it exists: without it, every point of
    the review page is undecided (the page says how many), not a missing-input error."""
    path = config["waves"][wildcards.wave].get("review")
    return [path] if path and Path(path).exists() else []


def wave_designs(wildcards):
    """The survey design (instrument) of the wave and of each earlier wave, and each design's name
    as the report names its respondents: a wave compares with waves of its own design, unless
    area_lineage says otherwise."""
    instruments = config["texts"]["instruments"]
    return {
        "of": {
            w: config["waves"][w]["instrument"]
            for w in [wildcards.wave, *earlier_waves(wildcards.wave)]
        },
        "names": {key: texts["respondents"] for key, texts in instruments.items()},
    }


def wave_lineage(wildcards):
    """What each of the wave's areas was in earlier waves, where config says (area_lineage)."""
    lineage = config.get("area_lineage") or {}
    return {a: lineage[a] for a in wave_areas(wildcards.wave) if a in lineage}


def wave_guidelines(wildcards):
    """The dated guideline entries of the wave's areas (the one in force at fieldwork applies)."""
    return {a: config["guidelines"].get(a, []) for a in wave_areas(wildcards.wave)}


def wave_presentation(wildcards):
    """Every word the wave's documents show: title, design texts, area labels, bilag numbers (the export
    is named by source.csv: its file name and checksum)."""
    settings = config["waves"][wildcards.wave]
    return {
        "wave": wildcards.wave,
        "title": settings["title"],
        "plausible": settings["plausible_caseload"],
        "texts": config["texts"]["instruments"][settings["instrument"]],
        "areas": {
            area: {
                "label": config["areas"][area]["label"],
                "bilag": s["bilag"],
            }
            for area, s in settings["areas"].items()
        },
        "case_types": {slug: t["label"] for slug, t in config["case_types"].items()},
        "definitions": {
            "plausible": settings["plausible_caseload"],
            "full_time": settings.get("full_time"),
            "main_range_share": config["main_range"]["min_share"],
            "sections": config["texts"]["instruments"][settings["instrument"]][
                "sections"
            ],
        },
    }


def code(script):
    """The package modules the rule's script runs (sagstal.core.imports): editing any reruns it."""
    return [
        os.path.relpath(path)
        for path in code_files(Path(f"workflow/scripts/{script}.py"))
    ]


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
                "quality",
                "source",
                "codebook",
                "area_stats",
                "bins",
                "assessments",
                "summary",
                "compliance",
                "unusual",
                "method",
                "quotes",
                "guideline_scenarios",
                "staffing",
                "trend",
                "changes",
                "compliance_trend",
                "breakdowns",
            ],
        )
        targets += caseworker_outputs(wave)
        targets += expand(
            "reports/{wave}/{name}",
            wave=wave,
            name=[
                "bilag",
                "figurer",
                "rapport.html",
                "rapport.docx",
                "oversigt.xlsx",
                "kodebog.xlsx",
                "gennemsyn.html",
                "gennemsyn.csv",
            ],
        )
        if wave in audited_waves(config):
            targets += expand(
                "reports/{wave}/audit.{ext}", wave=wave, ext=["md", "csv"]
            )
    return targets
