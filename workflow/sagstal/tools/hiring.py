"""The staffing scenario calculator: staff to hire and its cost, for scenarios typed in a small YAML.

    python -m sagstal.tools.hiring data/scenarios/budgetnotat-2019.yaml [--csv out.csv]

Each scenario gives cases, current full-time staff, a target caseload, a yearly cost per
caseworker and the month hiring starts (defaults may be given once for the file). The rule is
staffing.hiring: staff to hire = cases / target - current staff, rounded UP to whole full-time
posts; cost = posts x yearly cost; the first year pays for the months from the start month.
Where a scenario also gives the figures a document printed (`printed`), the calculator sets
them beside its own and says which differ.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pandas as pd

from ..core.danish import number, thousands
from ..core.files import write_csv
from ..core.rounding import exact, half_up, one_decimal
from ..core.yaml_file import YamlError, load_yaml
from ..stats.staffing import hiring

FIELDS = ("cases", "current_staff", "target", "cost_per_caseworker", "start_month")
PRINTED_FIELDS = ("hire", "cost_per_year", "first_year_cost")
# A printed cost within 1 % of the computed one agrees: budget documents round their costs
# (the 2019 note prints 17.8 mio. kr. for 33 posts at about 540,000 kr. = 17.82 mio. kr.).
COST_TOLERANCE = Fraction(1, 100)
RULE_TEXT = ("Skal ansættes = sager / målsagstal - nuværende årsværk, rundet OP til hele årsværk "
             "(færre kan ikke bringe sagsstammen ned på målet), aldrig under 0. Udgift pr. år = ansatte "
             "x årlig udgift pr. sagsbehandler. Første år betales fra startmåneden (start i september: 4/12). "
             "Sagsstammer og kroner afrundes halvt op til hele tal.")


class ScenarioError(ValueError):
    """A scenario file that cannot be calculated; the message names file, scenario and field."""


@dataclass(frozen=True)
class Scenario:
    name: str
    cases: Fraction
    current_staff: Fraction
    target: Fraction
    cost_per_caseworker: Fraction
    start_month: int
    printed: dict


def _number(value, where: str, field: str, positive: bool) -> Fraction:
    """A YAML number, or a text with a decimal comma ("19,5"). "2.600" is refused, not read as 2.6."""
    text = str(value).strip()
    if isinstance(value, str) and re.fullmatch(r"\d+(,\d+)?", text):
        text = text.replace(",", ".")
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScenarioError(f"{where}: '{field}' must be a number (2600 or 19,5), not {value!r}")
    result = exact(text)
    if result < 0 or (positive and result == 0):
        raise ScenarioError(f"{where}: '{field}' must be {'above' if positive else 'at least'} 0, not {value}")
    return result


def load_scenarios(path) -> tuple[dict, list[Scenario]]:
    """The file's heading (title, source) and its scenarios, each field checked."""
    path = Path(path)
    try:
        document = load_yaml(path)
    except YamlError as error:  # one line with its place (core.yaml_file)
        raise ScenarioError(str(error)) from None
    if not isinstance(document, dict) or not isinstance(document.get("scenarios"), list) or not document["scenarios"]:
        raise ScenarioError(f"{path}: needs a list 'scenarios' with at least one scenario")
    defaults = document.get("defaults") or {}
    unknown = set(defaults) - set(FIELDS)
    if unknown:
        raise ScenarioError(f"{path}: defaults: unknown field(s) {', '.join(sorted(unknown))}")
    scenarios = []
    for index, entry in enumerate(document["scenarios"], start=1):
        where = f"{path}, scenario {index}"
        if not isinstance(entry, dict) or not entry.get("name"):
            raise ScenarioError(f"{where}: needs a 'name'")
        where += f" ({entry['name']})"
        unknown = set(entry) - set(FIELDS) - {"name", "printed", "note"}
        if unknown:
            raise ScenarioError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        values = {**defaults, **entry}
        missing = [f for f in FIELDS if f not in values]
        if missing:
            raise ScenarioError(f"{where}: missing {', '.join(missing)} (give it here or under 'defaults')")
        month = values["start_month"]
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise ScenarioError(f"{where}: 'start_month' must be a month number 1-12, not {month!r}")
        printed = entry.get("printed") or {}
        if set(printed) - set(PRINTED_FIELDS):
            raise ScenarioError(f"{where}: printed: unknown field(s) "
                                f"{', '.join(sorted(set(printed) - set(PRINTED_FIELDS)))}")
        scenarios.append(Scenario(
            name=str(entry["name"]),
            cases=_number(values["cases"], where, "cases", positive=False),
            current_staff=_number(values["current_staff"], where, "current_staff", positive=True),
            target=_number(values["target"], where, "target", positive=True),
            cost_per_caseworker=_number(values["cost_per_caseworker"], where, "cost_per_caseworker",
                                        positive=False),
            start_month=month,
            printed={k: _number(v, where, f"printed.{k}", positive=False) for k, v in printed.items()},
        ))
    return {"title": document.get("title", path.stem), "source": document.get("source", "")}, scenarios


def differences(computed: dict, printed: dict) -> list[str]:
    """The printed figures that disagree with the computed ones: posts exactly, costs within 1 %."""
    found = []
    if "hire" in printed and printed["hire"] != computed["hire"]:
        found.append(f"trykt {number(printed['hire'])} årsværk, beregnet {computed['hire']}")
    for field, words in (("cost_per_year", "udgift pr. år"), ("first_year_cost", "udgift første år")):
        if field in printed and computed[field] and abs(printed[field] / computed[field] - 1) > COST_TOLERANCE:
            found.append(f"trykt {words} {thousands(half_up(printed[field]))} kr., "
                         f"beregnet {thousands(computed[field])} kr.")
    return found


def calculate(scenarios: list[Scenario]) -> pd.DataFrame:
    """One row per scenario: the hiring, its cost, and how it compares with printed figures."""
    rows = []
    for s in scenarios:
        result = hiring(s.cases, s.current_staff, s.target, s.cost_per_caseworker, s.start_month)
        computed = {"hire": result.hire, "cost_per_year": half_up(result.cost_per_year),
                    "first_year_cost": half_up(result.first_year_cost)}
        found = differences(computed, s.printed)
        rows.append({
            "scenario": s.name, "cases": float(s.cases), "current_staff": float(s.current_staff),
            "caseload_now": half_up(s.cases / s.current_staff), "target": float(s.target),
            "exact_need": one_decimal(s.cases / s.target - s.current_staff),
            **computed, "caseload_after": half_up(result.caseload_after),
            "start_month": s.start_month,
            **{f"printed_{k}": float(s.printed[k]) if k in s.printed else None for k in PRINTED_FIELDS},
            "agrees_with_printed": None if not s.printed else not found,
            "differences": "; ".join(found),
        })
    return pd.DataFrame(rows)


def as_text(heading: dict, table: pd.DataFrame) -> str:
    """The calculation as Danish Markdown: a table, the rounding rule, and the disagreements."""
    lines = [f"# {heading['title']}", ""]
    if heading["source"]:
        lines += [f"Kilde: {heading['source']}", ""]
    lines += ["| Scenarie | Sager | Årsværk nu | Sager pr. årsværk nu | Mål | Behov (ikke afrundet) "
              "| Skal ansættes | Sager pr. årsværk efter | Udgift pr. år (kr.) | Udgift første år (kr.) |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in table.itertuples():
        lines.append(f"| {r.scenario} | {thousands(r.cases)} | {number(r.current_staff)} | {r.caseload_now} "
                     f"| {number(r.target)} | {number(r.exact_need)} | {r.hire} | {r.caseload_after} "
                     f"| {thousands(r.cost_per_year)} | {thousands(r.first_year_cost)} |")
    lines += ["", f"Regnereglen: {RULE_TEXT}", ""]
    checked = table[table["agrees_with_printed"].notna()]
    if len(checked):
        lines.append("Sammenholdt med de trykte tal:")
        for r in checked.itertuples():
            lines.append(f"- {r.scenario}: " + ("stemmer" if r.agrees_with_printed else f"AFVIGER ({r.differences})"))
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sagstal.tools.hiring", description=__doc__.split("\n")[0])
    parser.add_argument("scenarios", help="YAML file of scenarios (see data/scenarios/)")
    parser.add_argument("--csv", help="also write the table as CSV (UTF-8, opens in Excel)")
    args = parser.parse_args(argv)
    try:
        heading, scenarios = load_scenarios(args.scenarios)
    except ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    table = calculate(scenarios)
    print(as_text(heading, table), end="")
    if args.csv:
        write_csv(table, args.csv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
