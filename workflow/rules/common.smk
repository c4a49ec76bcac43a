"""Helpers shared by the rules: the waves and areas in config, and the code each rule runs."""

from pathlib import Path

from sagstal.audit import audited_waves

PACKAGE = Path("workflow/sagstal")


def waves():
    return list(config["waves"])


def wave_areas(wave):
    return list(config["waves"][wave]["areas"])


def code(*modules):
    """The package modules a step runs; editing one of them reruns the step."""
    return [str(PACKAGE / f"{module}.py") for module in ("__init__", "jobs", *modules)]


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
            ],
        )
        if wave in audited_waves(config):
            targets += expand(
                "reports/{wave}/audit.{ext}", wave=wave, ext=["md", "csv"]
            )
    return targets
