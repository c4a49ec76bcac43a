"""The caseworker survey design (2015): one respondent = one caseworker in one primary area.

The export (for example .xlsx with question texts as headers) is read through a codebook with
`layout: caseworkers`. Each respondent's total and case-type caseloads are converted to full time
(see fte.py). Exclusions the report makes are rules in config.yaml (`waves.<wave>.exclusions`),
never code special cases; every application lands in the exclusions ledger.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..core.errors import IngestError
from ..core.tables import ROW_ID
from .areas_in_columns import ANSWER_COLUMNS
from .codebook import Role, code_key
from .fte import HOURS_REASON, HoursError, conversion, to_full_time
from .ledger import Ledger, cell_text, check_not_empty, missing_columns
from .reader import Reading

RULE_SCOPES = ("row", "caseload", "case_types", "single_type_total")
CASE_TYPE_COLUMNS = ["respondent_id", "source_row", "area", "case_type", "raw_value", "value",
                     "included"]


@dataclass
class CaseworkerCodebook(Reading):
    path: Path
    columns: dict  # field -> column
    case_types: dict  # case type slug -> column
    coordination_counts: dict  # coordination kind -> column
    codes: dict

    def roles(self) -> list:
        """What each named column holds, for the quality gate: a field with codes is coded."""
        numbers = ("hours", "current", "suggested", "single_type_value")
        roles = [Role(column, field, "code" if field in self.codes else "number" if field in numbers else "text",
                      field if field in self.codes else None) for field, column in self.columns.items() if column]
        roles += [Role(column, f"case type {slug}", "number") for slug, column in self.case_types.items()]
        roles += [Role(column, f"coordination {kind}", "number") for kind, column in self.coordination_counts.items()]
        return roles

    def named_columns(self) -> list[tuple[str, str]]:
        named = [(column, field) for field, column in self.columns.items() if column]
        named += [(column, f"case type {slug}") for slug, column in self.case_types.items()]
        named += [(column, f"coordination {kind}") for kind, column in self.coordination_counts.items()]
        return named


REQUIRED = ("respondent_id", "municipality", "role", "hours", "area", "current", "suggested")
OPTIONAL = ("single_type", "single_type_value", "coordinating", "admin_help", "comment", "region", "assessment")
DECODED = ("municipality", "role")  # decoded by the codebook's codes where it has them (a closed question)


def load_caseworker_codebook(path, raw: dict) -> CaseworkerCodebook:
    missing = [f for f in REQUIRED if f not in raw.get("columns", {})]
    if missing:
        raise IngestError(f"{path}: the codebook's columns lack {missing}")
    unknown = set(raw["columns"]) - set(REQUIRED) - set(OPTIONAL)
    if unknown:
        raise IngestError(f"{path}: unknown column field(s) {sorted(unknown)}")
    codes = {name: {code_key(k): v for k, v in mapping.items()} for name, mapping in raw.get("codes", {}).items()}
    return CaseworkerCodebook(Path(path), raw["columns"], raw.get("case_types", {}),
                              raw.get("coordination_counts", {}), codes, **Reading.of(raw))


def rule_applies(rule: dict, record: dict) -> bool:
    """Whether an exclusion rule's condition holds for a respondent's record. A coded field (role)
    is compared as a person reads it: its label (the codebook's codes), so a rule names roles in
    words whatever codes the export uses."""
    value = record.get(rule["field"])
    if "equals" in rule:
        return value == rule["equals"]
    if "not_in" in rule:
        return value not in rule["not_in"]
    if "greater_than" in rule:
        return value is not None and value > rule["greater_than"]
    raise ValueError(f"exclusion rule {rule.get('id')!r} has no condition (equals, not_in, greater_than)")


def tidy_caseworkers(frame: pd.DataFrame, codebook: CaseworkerCodebook, export: Path, first_row: int,
                     settings: dict, open_answers: str = "exclude"):
    """(answers, exclusions, respondents, case_type_answers) for a caseworker export."""
    absent = [(c, f) for c, f in codebook.named_columns() if c not in frame.columns]
    if absent:
        raise missing_columns(export, codebook.path, absent, frame.columns)
    col = codebook.columns
    if col.get("respondent_id"):
        ids = frame[col["respondent_id"]].map(cell_text)
        duplicated = ids[ids.duplicated(keep=False) | (ids == "")]
        if len(duplicated):
            rows = ", ".join(str(i + first_row) for i in duplicated.index)
            raise IngestError(f"{export}: rows {rows}, column '{col['respondent_id']}': respondent id "
                              f"{duplicated.iloc[0]!r} is blank or occurs more than once.")
    full_time = settings["full_time"]
    rules = settings.get("exclusions", [])
    analysed = set(settings["areas"])
    answers, respondents, case_rows = [], [], []
    check_not_empty(frame, export)
    ledger = Ledger(open_answers, settings.get("plausible_caseload"))
    exclude, number = ledger.exclude, ledger.number

    def decode(row, rid, field, raw):
        return ledger.decode(row, rid, "", col.get(field, field), codebook.codes.get(field, {}), field, raw)

    def label(row, rid, field, raw):
        """A field as a person reads it: decoded where the codebook has its codes, else as typed."""
        if field in codebook.codes:
            return decode(row, rid, field, raw) or ""
        return cell_text(raw)

    hits: dict[str, set] = {}  # rule id -> the values it excluded, to catch a rule that takes every row
    for index, record in enumerate(frame.to_dict("records")):
        row = index + first_row
        rid = cell_text(record[col["respondent_id"]]) if col.get("respondent_id") else f"{ROW_ID}{row}"
        area = decode(row, rid, "area", record[col["area"]])
        municipality = label(row, rid, "municipality", record[col["municipality"]])
        region = decode(row, rid, "region", record[col["region"]]) if col.get("region") else None
        assessment = decode(row, rid, "assessment", record[col["assessment"]]) if col.get("assessment") else None
        current, current_method = number(row, rid, area, col["current"], record[col["current"]])
        suggested, suggested_method = number(row, rid, area, col["suggested"], record[col["suggested"]])
        types = {}
        for slug, column in codebook.case_types.items():
            value, _ = number(row, rid, area, column, record[column])
            if value:
                types[slug] = value
        single_type = decode(row, rid, "single_type", record[col["single_type"]]) if "single_type" in col else None
        single_value = (number(row, rid, area, col["single_type_value"], record[col["single_type_value"]])[0]
                        if "single_type_value" in col else None)
        facts = {"role": label(row, rid, "role", record[col["role"]]), "area": area, "current": current,
                 "case_type_max": max(types.values(), default=None), "single_type_value": single_value}
        applied = [r for r in rules if rule_applies(r, facts)]
        for r in applied:
            hits.setdefault(r["id"], set()).add(cell_text(facts[r["field"]]))
        scopes = {r["scope"] for r in applied}
        for r in applied:
            exclude(row, rid, area or "", col[r["field"]] if r["field"] in col else r["field"],
                    cell_text(facts[r["field"]]), f"rule {r['id']}: {r['reason']}",
                    scope="row" if r["scope"] == "row" else r["scope"])
        included = "row" not in scopes
        factor, note, hours_method = None, "", ""
        if included and (current is not None or types):  # case types are converted without a total too
            try:
                c = conversion(record[col["hours"]], full_time["standard_hours"], full_time["missing"],
                               full_time["above_standard"])
                factor, note, hours_method = c.factor, c.note, c.method
            except HoursError as error:
                hours_method = "unreadable"
                exclude(row, rid, area or "", col["hours"], cell_text(record[col["hours"]]),
                        f"{HOURS_REASON}: {error}", scope="caseload")
                scopes.add("caseload")
        if note:
            exclude(row, rid, area or "", col["hours"], cell_text(record[col["hours"]]), note, scope="note")
        caseload_used = included and "caseload" not in scopes and factor is not None
        if included and area is not None and area not in analysed:
            exclude(row, rid, area, col["area"], cell_text(record[col["area"]]),
                    f"area {area!r} is not analysed in this wave (not under the wave's areas in config.yaml)",
                    scope="note")
        if included and area in analysed:
            answers.append({
                "respondent_id": rid, "source_row": row, "municipality": municipality,
                "region": region, "area": area, "current_raw": cell_text(record[col["current"]]),
                "current": to_full_time(current, factor) if caseload_used else None,
                "current_method": current_method if caseload_used or current is None else "excluded",
                "suggested_raw": cell_text(record[col["suggested"]]), "suggested": suggested,
                "suggested_method": suggested_method, "assessment": assessment, "cap": None,
                "cap_value_raw": "", "cap_value": None,
                "comment": cell_text(record[col["comment"]]) if "comment" in col else "",
                "hours": cell_text(record[col["hours"]]), "hours_method": hours_method,
                "full_time_factor": None if factor is None else float(factor),
            })
            types_used = caseload_used and "case_types" not in scopes
            for slug, value in types.items():
                case_rows.append({"respondent_id": rid, "source_row": row, "area": area, "case_type": slug,
                                  "raw_value": cell_text(record[codebook.case_types[slug]]),
                                  "value": to_full_time(value, factor) if types_used else None,
                                  "included": types_used})
        coordination = {f"coordination_{kind}": number(row, rid, area, column, record[column])[0]
                        for kind, column in codebook.coordination_counts.items()}
        respondents.append({
            "respondent_id": rid, "source_row": row, "municipality": municipality,
            "region": region, "role": facts["role"], "area": area, "included": included,
            "areas_answered": int(included and area in analysed),
            "full_time_factor": None if factor is None else float(factor),
            "single_type": single_type, "single_type_value": single_value,
            "single_type_in_total": "single_type_total" not in scopes,
            "coordinating": decode(row, rid, "coordinating", record[col["coordinating"]]) if "coordinating" in col else None,
            **coordination,
            "admin_help": decode(row, rid, "admin_help", record[col["admin_help"]]) if "admin_help" in col else None,
        })
    for rule in rules:
        if rule["scope"] == "row" and len(frame) and sum(not r["included"] for r in respondents) == len(frame) \
                and rule["id"] in hits:
            seen = sorted(v for v in hits[rule["id"]] if v)
            raise IngestError(f"config.yaml: exclusion rule {rule['id']!r} ({rule['field']} "
                              f"{'not in ' + str(rule['not_in']) if 'not_in' in rule else rule.get('equals', '')}) "
                              f"excludes every row of {export}; the export's values are {seen[:6]}: write the rule "
                              "with those words (a coded field is compared by its label)")
    return (pd.DataFrame(answers, columns=ANSWER_COLUMNS + ["hours", "hours_method", "full_time_factor"]),
            ledger.frame(),
            pd.DataFrame(respondents),
            pd.DataFrame(case_rows, columns=CASE_TYPE_COLUMNS))

