"""The config's schema check and its cache (sagstal.core.schema.validated)."""

import copy

import pytest
import yaml
from conftest import ROOT
from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from sagstal.core.schema import validated

SCHEMA = ROOT / "workflow/schemas/config.schema.yaml"


@pytest.fixture
def shipped_config():
    return yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))


class CountingValidate:
    """Snakemake's validate, counted: the test sees whether the cache answered instead."""

    def __init__(self):
        self.calls = 0

    def __call__(self, config, schema):
        self.calls += 1
        validate(config, schema)


def test_a_config_is_validated_once_then_taken_with_its_defaults_from_the_cache(shipped_config, tmp_path):
    cache, check = tmp_path / "cache.pickle", CountingValidate()
    shipped_config["breakdowns"]["region"]["min_count"] = 3
    del shipped_config["breakdowns"]["landsdel"]["min_count"]  # the schema's default (5) fills it in
    first = validated(copy.deepcopy(shipped_config), SCHEMA, cache, check)
    again = validated(copy.deepcopy(shipped_config), SCHEMA, cache, check)
    assert check.calls == 1
    assert again["breakdowns"]["region"]["min_count"] == 3
    assert first["breakdowns"]["landsdel"]["min_count"] == again["breakdowns"]["landsdel"]["min_count"] == 5
    assert again == first


def test_an_edited_config_or_schema_is_validated_again(shipped_config, tmp_path):
    cache, check = tmp_path / "cache.pickle", CountingValidate()
    validated(copy.deepcopy(shipped_config), SCHEMA, cache, check)
    shipped_config["main_range"]["min_share"] = 0.6
    validated(copy.deepcopy(shipped_config), SCHEMA, cache, check)
    assert check.calls == 2
    schema = tmp_path / "schema.yaml"
    schema.write_text(SCHEMA.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    validated(copy.deepcopy(shipped_config), schema, cache, check)
    assert check.calls == 3


def test_an_invalid_config_fails_although_a_valid_one_is_cached(shipped_config, tmp_path):
    cache = tmp_path / "cache.pickle"
    validated(copy.deepcopy(shipped_config), SCHEMA, cache, validate)
    shipped_config["main_range"]["min_share"] = 2
    with pytest.raises(WorkflowError, match="min_share"):
        validated(shipped_config, SCHEMA, cache, validate)


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x04K\x01."])
def test_an_unreadable_cache_counts_as_empty(shipped_config, tmp_path, content):
    cache, check = tmp_path / "cache.pickle", CountingValidate()
    cache.write_bytes(content)
    validated(copy.deepcopy(shipped_config), SCHEMA, cache, check)
    assert check.calls == 1
    validated(copy.deepcopy(shipped_config), SCHEMA, cache, check)
    assert check.calls == 1
