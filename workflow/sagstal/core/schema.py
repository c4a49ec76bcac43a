"""The check of config.yaml against its JSON schema (workflow/schemas/), cached.

Run by the Snakefile only, apart from the other config checks (settings.py), which jobs import
too: editing the cache must not rerun them. Cheap to import (no pandas, no jsonschema).
"""

import hashlib
import os
import pickle
from importlib.metadata import version
from pathlib import Path

# What decides whether a config is valid and which defaults it gets, besides the config and schema.
VALIDATING_PACKAGES = ("snakemake", "jsonschema")


def validated(config: dict, schema: Path, cache: Path, validate) -> dict:
    """The config checked by `validate` (Snakemake's) against the schema, with the schema's defaults.

    Validating costs about 0.2 s (importing jsonschema loads every metaschema), a tenth of a
    no-op rerun. The answer depends only on the config, the schema and the validating packages, so
    a config found valid before under all the same is taken from `cache` (one pickle, like
    Snakemake's own .snakemake/iocache); anything else is validated again and an invalid config
    always raises. An unreadable cache counts as empty."""
    key = hashlib.sha256("\0".join([repr(config), schema.read_text(encoding="utf-8"),
                                     *(f"{name} {version(name)}" for name in VALIDATING_PACKAGES)]).encode()).hexdigest()
    try:
        stored = pickle.loads(cache.read_bytes())
        if stored["key"] == key:
            return stored["config"]
    except Exception:  # missing, partial or from another version: validate as if there were none
        pass
    validate(config, str(schema))
    partial = cache.with_name(f"{cache.name}.{os.getpid()}")  # cluster jobs may write at once
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps({"key": key, "config": config}))
        partial.replace(cache)
    except OSError:  # a full disk: no cache, the next run validates again
        partial.unlink(missing_ok=True)
    return config
