"""The package reads from the bottom up: each layer imports only the layers below it."""

import pytest

from sagstal.core.imports import PACKAGE, imported_files

LAYERS = ["core", "ingest", "stats", "render", "audit", "tools"]  # bottom first
BELOW = {"core": {"core"}, "ingest": {"core", "ingest"}, "stats": {"core", "stats"},
         "render": {"core", "stats", "render"}, "audit": {"core", "audit"}, "tools": set(LAYERS)}


def layer(path) -> str | None:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None  # None: the package's own __init__


@pytest.mark.parametrize("name", LAYERS)
def test_a_layer_imports_only_the_layers_below_it(name):
    for module in sorted((PACKAGE / name).rglob("*.py")):
        used = {layer(p) for p in imported_files(module)} - {None}
        assert used <= BELOW[name], f"{module.relative_to(PACKAGE)} imports {sorted(used - BELOW[name])}"


def test_every_module_belongs_to_a_layer():
    assert {p.relative_to(PACKAGE).parts[0] for p in PACKAGE.rglob("*.py")} == {*LAYERS, "__init__.py"}


def test_the_import_walker_reads_every_form_of_import(tmp_path):
    module = tmp_path / "probe.py"
    module.write_text('''"""Docstring."""
import sagstal.core.rounding
from sagstal.core import (
    danish,
    files,
)
from sagstal.render.privacy import \\
    HIDDEN


def later():
    from sagstal.stats.precision import wilson  # imported when called
    return wilson
''', encoding="utf-8")
    found = {p.relative_to(PACKAGE).as_posix() for p in imported_files(module)}
    assert found == {"__init__.py", "core/__init__.py", "core/rounding.py", "core/danish.py", "core/files.py",
                     "render/__init__.py", "render/privacy.py", "stats/__init__.py", "stats/precision.py"}
