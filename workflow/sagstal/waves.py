"""A wave's settings, resolved from config.yaml: its areas, bins, guidelines in force, labels."""

import datetime as dt
from dataclasses import dataclass

from .guidelines import Guideline, guideline_in_force


@dataclass(frozen=True)
class AreaSettings:
    slug: str
    label: str
    bilag: int
    bins_current: list
    bins_suggested: list
    guideline: Guideline | None


def fieldwork_date(config: dict, wave: str) -> dt.date:
    value = config["waves"][wave]["fieldwork"]
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def area_settings(config: dict, wave: str, area: str) -> AreaSettings:
    per_wave = config["waves"][wave]["areas"][area]
    return AreaSettings(
        slug=area,
        label=config["areas"][area]["label"],
        bilag=per_wave["bilag"],
        bins_current=per_wave["bins_current"],
        bins_suggested=per_wave["bins_suggested"],
        guideline=guideline_in_force(config["guidelines"].get(area), fieldwork_date(config, wave)),
    )


def area_labels(config: dict) -> dict:
    return {slug: area["label"] for slug, area in config["areas"].items()}


def main_range_rule(share: float) -> str:
    """The main-range rule in the Danish words the audit uses."""
    return (f"reglen 'det smalleste løb af nabointervaller med mindst {share:.0%} af svarene'"
            .replace(".", ","))


def ingest_settings(config: dict, wave: str) -> dict:
    """What ingest reads from a wave's config: not the bins, so a bin change does not re-ingest."""
    settings = config["waves"][wave]
    chosen = {"areas": sorted(settings["areas"])}
    for key in ("full_time", "exclusions", "plausible_caseload"):
        if key in settings:
            chosen[key] = settings[key]
    return chosen
