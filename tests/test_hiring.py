"""The scenario calculator: the shipped budget-note scenarios, and scenario files it must refuse."""

import pytest
from conftest import ROOT

from sagstal.core.danish import thousands
from sagstal.tools.hiring import ScenarioError, as_text, calculate, load_scenarios, main

SHIPPED = ROOT / "data/scenarios/budgetnotat-2019.yaml"


def test_the_budget_note_scenarios():
    heading, scenarios = load_scenarios(SHIPPED)
    table = calculate(scenarios).set_index("scenario")
    young = table.loc["Udsatte unge: 45 sager"]
    # 2600 / 45 - 19 = 38.8 -> 39 posts; 39 x 540,000 = 21,060,000 kr. (printed 20.9 mio., within 1 %)
    assert (young.exact_need, young.hire, young.cost_per_year) == (38.8, 39, 21_060_000)
    assert young.caseload_now == 137 and bool(young.agrees_with_printed)
    first = table.loc["Aktivitetsparate, scenarie 1: 120 sager"]
    # 10000 / 120 - 51 = 32.3 -> 33; from September a third of a year: 17,820,000 / 3
    assert (first.hire, first.first_year_cost, first.caseload_after) == (33, 5_940_000, 119)
    assert table.loc["Ressourceforløb: 45 sager", "hire"] == 22
    sickness = table.loc["Sygedagpenge: 45 sager"]
    assert sickness.hire == 66 and not sickness.agrees_with_printed
    assert "trykt 54 årsværk, beregnet 66" in sickness.differences
    second = table.loc["Aktivitetsparate, scenarie 2: 45 sager"]
    assert second.hire == 172 and "trykt 174 årsværk, beregnet 172" in second.differences
    text = as_text(heading, calculate(scenarios))
    assert "rundet OP til hele årsværk" in text and text.count("AFVIGER") == 2 and "21.060.000" in text


def test_cli_prints_and_writes_csv(tmp_path, capsys):
    out = tmp_path / "hiring.csv"
    assert main([str(SHIPPED), "--csv", str(out)]) == 0
    assert "| Udsatte unge: 45 sager | 2.600 | 19 |" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8-sig").splitlines()[0].startswith("scenario,cases,current_staff")


def _write(tmp_path, text):
    path = tmp_path / "scenarios.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("text, message", [
    ("scenarios: []", "needs a list 'scenarios'"),
    ("scenarios:\n  - {cases: 100}", "scenario 1: needs a 'name'"),
    ("scenarios:\n  - {name: A, cases: 100, current_staff: 2, target: 45, start_month: 1}",
     "scenario 1 (A): missing cost_per_caseworker"),
    ("defaults: {cost_per_caseworker: 1, start_month: 1}\n"
     "scenarios:\n  - {name: A, cases: 100, current_staff: 2, target: 45}\n"
     "  - {name: B, cases: mange, current_staff: 2, target: 45}", "scenario 2 (B): 'cases' must be a number"),
    ("defaults: {cost_per_caseworker: 1, start_month: 1}\n"
     "scenarios:\n  - {name: A, cases: 100, current_staff: 2, target: 0}", "'target' must be above 0"),
    ("defaults: {cost_per_caseworker: 1}\n"
     "scenarios:\n  - {name: A, cases: 100, current_staff: 2, target: 45, start_month: 13}",
     "'start_month' must be a month number 1-12"),
    ("defaults: {cost_per_caseworker: 1, start_month: 1}\n"
     "scenarios:\n  - {name: A, cases: 100, current_staff: 2, target: 45, staf: 3}", "unknown field(s) staf"),
    ("scenarios: [", "not valid YAML"),
])
def test_bad_scenario_files_name_file_scenario_and_field(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ScenarioError) as error:
        load_scenarios(path)
    assert message in str(error.value) and str(path) in str(error.value)


def test_cli_reports_a_bad_file_without_a_traceback(tmp_path, capsys):
    assert main([str(_write(tmp_path, "scenarios: []"))]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_numbers_as_typed(tmp_path):
    assert thousands(21060000) == "21.060.000" and thousands(540) == "540"
    _, [scenario] = load_scenarios(_write(tmp_path, "defaults: {cost_per_caseworker: 540000, start_month: 1}\n"
                                                    "scenarios:\n  - {name: A, cases: '2600', current_staff: '19,5', "
                                                    "target: 45}"))
    assert (scenario.cases, float(scenario.current_staff)) == (2600, 19.5)
    with pytest.raises(ScenarioError, match=r"'cases' must be a number \(2600 or 19,5\), not '2.600'"):
        load_scenarios(_write(tmp_path, "defaults: {cost_per_caseworker: 1, start_month: 1}\n"
                                        "scenarios:\n  - {name: A, cases: '2.600', current_staff: 2, target: 45}"))
