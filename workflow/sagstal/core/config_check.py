"""config.yaml checked before any job runs: each mistake one line, with the file, the line, the key
path, what is wrong and the near miss ("min_shar: did you mean min_share?").

Run by the Snakefile only, through core.schema's cache (a config found valid before is not checked
again), so jobs do not depend on it. jsonschema is imported only when a config is checked.
"""

from pathlib import Path

import yaml

from .binning import parse_bins
from .settings import closest, near_miss, todo_places, unknown_lineage, unknown_reference_areas
from .yaml_file import SAFE_LOADER, load_yaml


class ConfigError(Exception):
    """One or more mistakes in config.yaml, one line each ("sagstal: config.yaml line 12: …")."""


def key_lines(text: str) -> dict[tuple, int]:
    """The line (1-based) of each key and list item of a YAML document, by its path."""
    lines: dict[tuple, int] = {}

    def walk(node, path):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                lines[(*path, key.value)] = key.start_mark.line + 1
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines[(*path, index)] = item.start_mark.line + 1
                walk(item, (*path, index))

    try:
        walk(yaml.compose(text, Loader=SAFE_LOADER), ())
    except yaml.YAMLError:
        pass
    return lines


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of a key path, or of the nearest key above it that key_lines found."""
    return next((lines[path[:i]] for i in range(len(path), 0, -1) if path[:i] in lines), None)


def _schema_problems(config: dict, schema: dict) -> list[tuple[tuple, str]]:
    from jsonschema.validators import validator_for

    validator = validator_for(schema)(schema)
    problems, suggested = [], set()
    errors = sorted(validator.iter_errors(config), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in (k for k in error.instance if k not in allowed):
                problems.append(((*path, key), f"unknown key {key!r}{near_miss(key, allowed)}"))
                suggested.add((path, closest(key, allowed)))
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            continue
        if error.validator == "required" and any((path, key) in suggested for key in error.validator_value
                                                 if key not in error.instance):
            continue  # the misspelt key's line already says which key is meant
        if error.validator == "enum":
            choices = error.validator_value
            problems.append((path, f"{error.instance!r} is not one of {', '.join(map(str, choices))}"
                                   f"{near_miss(error.instance, choices)}"))
        elif error.validator == "type":
            problems.append((path, f"{error.instance!r} should be of type {error.validator_value}"))
        elif "propertyNames" in error.schema_path:  # a key (a wave, an area, a breakdown) that names files
            rule = error.schema.get("description") or f"it must match {error.schema.get('pattern')}"
            problems.append(((*path, error.instance), f"{error.instance!r} is not a valid name here: {rule}"))
        else:
            problems.append((path, error.message))
    return problems


def _area_problems(config: dict) -> list[tuple[tuple, str]]:
    """Areas a wave names that config does not define, and bins that cannot be read."""
    known = list(config.get("areas") or {})
    problems = []
    for wave, settings in (config.get("waves") or {}).items():
        for area, entry in (settings.get("areas") or {}).items():
            where = ("waves", wave, "areas", area)
            if area not in known:
                problems.append((where, f"unknown area {area!r}{near_miss(area, known)}"))
            for key in ("bins_current", "bins_suggested"):
                try:
                    parse_bins(entry.get(key) or [])
                except ValueError as error:
                    problems.append(((*where, key), f"{error} (wave {wave}, area {area})"))
    return problems


def config_problems(config: dict, schema: dict, text: str) -> list[str]:
    """Every mistake, one line each: a TODO first (what `make new-wave` left), then the schema's
    objections, then references between parts (areas, bins, lineage, reference caseloads)."""
    lines = key_lines(text)

    def line(path: tuple, message: str) -> str:
        known = line_of(lines, path)
        place = ".".join(map(str, path)) or "(top)"
        return f"config.yaml{f' line {known}' if known else ''}: {place}: {message}"

    todos = todo_places(config)
    if todos:
        return [line(tuple(place.split(".")), "still says TODO (left by make new-wave): decide it")
                for place in todos]
    found = [line(path, message) for path, message in _schema_problems(config, schema)]
    if found:
        return found
    found = [line(path, message) for path, message in _area_problems(config)]
    references = unknown_reference_areas(config.get("reference_caseloads"), config["areas"])
    references += unknown_lineage(config.get("area_lineage"), config["areas"], config["waves"])
    return found + [f"config.yaml: {problem}" for problem in references]


def checked(validate, config_file: Path = Path("config.yaml")):
    """Snakemake's validate (which fills the schema's defaults), after this module's checks: a
    mistake raises ConfigError with one line per mistake."""
    def check(config: dict, schema_path: str) -> None:
        schema = load_yaml(schema_path)
        text = config_file.read_text(encoding="utf-8") if config_file.exists() else ""
        problems = config_problems(config, schema, text)
        if problems:
            raise ConfigError("\n".join(f"sagstal: {problem}" for problem in problems))
        validate(config, schema_path)
    return check
