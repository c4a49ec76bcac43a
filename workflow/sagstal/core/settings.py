"""Checks of config.yaml that its JSON schema cannot express: references from one part to another.

Run by the Snakefile while it loads the config, so a mistake stops the run before any job, with
the setting named. Cheap to import (no pandas): every Snakemake start pays for it.
"""

import difflib


def closest(word, choices) -> str | None:
    """The choice a misspelt word most likely meant, if any is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else None


def near_miss(word, choices) -> str:
    """': did you mean X?' for the choice closest to a misspelt word, or nothing."""
    meant = closest(word, choices)
    return f": did you mean {meant}?" if meant else ""


def unknown_reference_areas(reference_caseloads: dict | None, known_areas) -> list[str]:
    """Problems in config's reference_caseloads: points naming areas config does not define."""
    points = (reference_caseloads or {}).get("points") or {}
    return [f"reference_caseloads.points.{key}.areas: unknown area(s) {', '.join(unknown)}"
            for key, point in points.items()
            if (unknown := [a for a in point["areas"] if a not in known_areas])]


def todo_places(document, where: str = "") -> list[str]:
    """Where a document (codebook or config) still says TODO: what `make new-wave` left to decide."""
    if isinstance(document, dict):
        return [p for key, value in document.items() for p in todo_places(value, f"{where}.{key}".lstrip("."))]
    if isinstance(document, list):
        return [p for i, value in enumerate(document) for p in todo_places(value, f"{where}[{i}]")]
    return [where or "(top)"] if isinstance(document, str) and document.strip().upper().startswith("TODO") else []


def unknown_lineage(lineage: dict | None, known_areas, waves: dict) -> list[str]:
    """Problems in config's area_lineage: an unknown area, or a counterpart its wave did not ask
    about. A wave that is not (or no longer) under `waves` is skipped: its figures are not computed,
    so the trend takes them from history.csv, as for any other wave without answers."""
    problems = []
    for area, earlier in (lineage or {}).items():
        if area not in known_areas:
            problems.append(f"area_lineage.{area}: unknown area")
        for wave, entry in (earlier or {}).items():
            if wave in waves and entry is not None and entry["area"] not in waves[wave]["areas"]:
                problems.append(f"area_lineage.{area}.{wave}.area: wave {wave} has no area {entry['area']!r}")
    return problems
