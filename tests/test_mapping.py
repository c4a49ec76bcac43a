"""Mapping by meaning: each rule on small exports made here, and the cases where it must not guess."""

import pandas as pd
import pytest
import yaml
from conftest import ROOT

from sagstal.core.binning import answers_in_gaps, parse_bins
from sagstal.core.errors import IngestError
from sagstal.ingest.reader import Export, Reading
from sagstal.stats.wave import check_gaps
from sagstal.tools.mapping import TODO, map_export

CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))


def export(columns: dict, texts: dict | None = None, labels: dict | None = None) -> Export:
    return Export(pd.DataFrame(columns), 2, Reading(format="csv"), value_labels=labels or {},
                  question_texts=texts or {})


def test_an_area_is_found_by_a_synonym_and_a_field_by_its_wording():
    mapped = map_export(export({"a": ["40", "45"], "b": ["30", "35"]},
                               {"a": "Hvor mange sager har I lige nu på børne- og familieområdet?",
                                "b": "Hvad ville være et passende sagstal på børne- og familieområdet?"}), CONFIG)
    assert {f: m.value for f, m in mapped.areas["boerne-familie"].items()} == {"current": "a", "suggested": "b"}
    assert "børne- og familieområdet" in mapped.areas["boerne-familie"]["current"].evidence


def test_two_columns_read_as_one_field_are_a_todo_naming_both():
    mapped = map_export(export({"a": ["40"], "b": ["41"]},
                               {"a": "Sygedagpengeområdet: antal sager i dag",
                                "b": "Sygedagpengeområdet: hvor mange sager har du lige nu"}), CONFIG)
    assert mapped.areas["sygedagpenge"]["current"].value == f"{TODO}: a or b"


def test_a_question_with_two_readings_is_a_todo_not_a_guess():
    mapped = map_export(export({"a": ["40"], "b": ["45"]},
                               {"a": "Integrationsområdet: aktuelt antal sager",
                                "b": "Integrationsområdet: passende loft over sagerne"}), CONFIG)
    fields = mapped.areas["integration"]
    assert fields["current"].value == "a"
    assert [m.value for k, m in fields.items() if k.startswith(TODO)] == [TODO]
    assert "cap_value or suggested" in next(m.evidence for k, m in fields.items() if k.startswith(TODO))


def test_a_question_naming_two_areas_takes_neither():
    mapped = map_export(export({"a": ["40"]}, {"a": "Antal sager i dag på sygedagpenge- og integrationsområdet"}),
                        CONFIG)
    assert mapped.areas == {}


def test_codes_come_from_the_exports_labels_in_its_own_order():
    mapped = map_export(export({"r": ["1", "2"], "a": ["40", "41"], "v": ["1", "2"]},
                               {"r": "Region", "a": "Fleksjob: antal sager i dag", "v": "Fleksjob: vurdering"},
                               {"r": {"1": "Øst", "2": "Hovedstaden"},
                                "v": {"1": "For højt", "2": "Passende", "3": "For lavt", "4": "Meget for højt"}}),
                        CONFIG)
    assert mapped.region.value == "r"
    assert mapped.codes["region"][1].value == "oest"
    assert mapped.codes["region"][2].value.startswith(TODO) and "Hovedstaden" in mapped.codes["region"][2].value
    assert [mapped.codes["assessment"][c].value for c in (1, 2, 3)] == ["too_high", "about_right", "too_low"]
    assert mapped.codes["assessment"][4].value.startswith(TODO)


def test_a_plain_id_column_is_no_respondent_id():
    """SurveyXact's background variable `id` (contact information) is not a respondent id."""
    mapped = map_export(export({"id": ["77", "78"], "a": ["40", "41"]},
                               {"id": "Kontaktoplysninger - id", "a": "Fleksjob: antal sager i dag"}), CONFIG)
    assert mapped.respondent_id.value is None and "id" in mapped.unmapped


def test_a_group_decided_by_a_person_takes_that_area():
    columns = {"BF_aktuelt": ["40"], "BF_vurdering": ["For højt"], "XX_aktuelt": ["30"]}
    assert [g.key for g in map_export(export(columns), CONFIG).groups] == ["BF", "XX"]
    mapped = map_export(export(columns), CONFIG, {"BF": "boerne-familie", "XX": "-"})
    assert mapped.groups == [] and set(mapped.areas) == {"boerne-familie"}
    assert mapped.areas["boerne-familie"]["assessment"].value == "BF_vurdering"


@pytest.mark.parametrize("values, gaps", [
    ([40.47], []),  # between 40 and 41: no whole number between, it goes up (2015's FTE answer)
    ([71.0], [("66-70", "80-90", [71.0])]),
    ([70.5, 79.0, 85.0], [("66-70", "80-90", [70.5, 79.0])]),
    ([80.0, 100.0], []),
])
def test_answers_in_a_gap_between_bins(values, gaps):
    bins = parse_bins(["36-40", "41-45", "66-70", "80-90", "100-130"])
    assert [(a.label, b.label, found) for a, b, found in answers_in_gaps(values, bins)] == gaps


def test_a_gap_stops_the_build_naming_wave_area_bins_and_values():
    answers = pd.DataFrame({"area": ["integration"] * 3, "current": [72.0, 75.0, 50.0], "suggested": [40.0] * 3})
    areas = {"integration": {"bins_current": ["45-50", "51-55", "66-70", "80-90"], "bins_suggested": ["35-45"]}}
    with pytest.raises(IngestError) as stop:
        check_gaps(answers, areas, "2025")
    message = str(stop.value)
    assert "\n" not in message and "wave 2025" in message and "area integration" in message
    assert "2 answer(s) (72, 75) lie between the bins '66-70' and '80-90'" in message
    assert "between the bins '51-55' and '66-70'" not in message  # no answer in that gap
