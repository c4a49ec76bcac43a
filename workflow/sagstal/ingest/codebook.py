"""A wave's codebook (one YAML per wave): which export column holds which field, and the codes.

A new wave with other column names needs a new codebook, not new code.
"""

from dataclasses import dataclass
from pathlib import Path

from ..core.errors import IngestError
from ..core.settings import near_miss, todo_places
from ..core.yaml_file import load_yaml
from .reader import Reading

AREA_FIELDS = ("current", "assessment", "suggested", "cap", "cap_value", "comment")
NO_ANSWER = "no_answer"  # a code's meaning when it is no answer ("Ved ikke" in an assessment): left out, as a blank


@dataclass(frozen=True)
class Role:
    """What one export column holds: an id, free text, a number, or a code from codes[name]."""

    column: str
    label: str  # how a person names it: "boerne-familie assessment"
    kind: str  # id, text, number, code
    codes: str | None = None


@dataclass
class Codebook(Reading):
    """A wave's codebook: how to read its export (Reading), and which column holds which field.
    respondent_id None: the export has no respondent id, and each answer is known by its export row."""

    path: Path
    respondent_id: str | None
    municipality: str
    region: str | None  # None: the export asks no region (the report says it has none)
    codes: dict
    areas: dict

    def roles(self) -> list:
        """What each named column holds, for the quality gate."""
        kinds = {"current": "number", "suggested": "number", "cap_value": "number", "assessment": "code",
                 "cap": "code", "comment": "text"}
        roles = [Role(self.respondent_id, "respondent id", "id")] if self.respondent_id else []
        roles += [Role(self.municipality, "municipality", "code" if "municipality" in self.codes else "text",
                       "municipality" if "municipality" in self.codes else None)]
        roles += [Role(self.region, "region", "code", "region")] if self.region else []
        for area, fields in self.areas.items():
            roles += [Role(column, f"{area} {name}", kinds[name], name if kinds[name] == "code" else None)
                      for name, column in fields.items()]
        return roles

    def named_columns(self) -> list[tuple[str, str, str]]:
        """(column, area or '', field) for every column the codebook names."""
        named = [(self.respondent_id, "", "respondent_id")] if self.respondent_id else []
        named += [(self.municipality, "", "municipality")] + ([(self.region, "", "region")] if self.region else [])
        for area, fields in self.areas.items():
            named += [(column, area, name) for name, column in fields.items()]
        return named


def code_key(value) -> str:
    """Codes compare as text: 3, 3.0, '3' and '3.0' are the same code; labels compare case-blind."""
    text = str(value).strip().lower()
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def read_codebook_yaml(path) -> dict:
    """The codebook as a mapping; a YAML mistake is one line with its place (core.yaml_file)."""
    raw = load_yaml(path)
    if not isinstance(raw, dict):
        raise IngestError(f"{path}: a codebook is a YAML mapping (key: value lines), not {type(raw).__name__}")
    left = todo_places(raw)
    if left:
        raise IngestError(f"{path}: {len(left)} TODO(s) left to fill in, at {', '.join(left[:8])}"
                          f"{', …' if len(left) > 8 else ''}: a column name, or what a code means")
    return raw



def load_codebook(path) -> Codebook:
    path = Path(path)
    raw = read_codebook_yaml(path)
    try:
        areas = raw["areas"]
        for area, fields in areas.items():
            unknown = sorted(set(fields) - set(AREA_FIELDS))
            if unknown:
                raise IngestError(
                    f"{path}: area {area!r} has unknown field(s) {unknown}{near_miss(unknown[0], AREA_FIELDS)} "
                    f"(expected some of {list(AREA_FIELDS)})"
                )
        codes = {name: {code_key(k): v for k, v in mapping.items()}
                 for name, mapping in raw.get("codes", {}).items()}
        return Codebook(
            path=path,
            respondent_id=raw["respondent_id"],  # null: the export has none (the export row is the id)
            municipality=raw["municipality"],
            region=raw["region"],
            codes=codes,
            areas=areas,
            **Reading.of(raw),
        )
    except KeyError as missing:
        raise IngestError(f"{path}: the codebook has no {missing} entry") from None
