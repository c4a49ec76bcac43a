"""Which package modules a rule's script runs, so that editing any of them reruns the rule.

Snakemake tracks the text of a rule's script, not the modules it imports. The Snakefile lists the
files found here as each rule's `code` input: the script's imports, followed module by module to
the end (absolute and relative imports, at any depth, package __init__ files included).
"""

import ast
import re
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # workflow/sagstal


@cache
def module_file(dotted: str) -> Path | None:
    """The package file of a dotted module name, or None when it is not ours (each name looked up
    once per process: the same few names recur in every file)."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE.name:
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


# An import statement at any indentation, over several lines in parentheses or after backslashes:
# "import a.b", "from . import x", "from .m import (\n x,\n y)", "from .m import \\\n x".
CONTINUED = r"(?:[^\n]*\\\n)*[^\n]*"
IMPORT_LINE = re.compile(rf"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|{CONTINUED})|import[ \t]+{CONTINUED})",
                         re.MULTILINE)


def _import_statements(text: str) -> list[ast.stmt]:
    """The file's import statements, parsed one by one: parsing only them costs a fifth of parsing
    the whole file, and every Snakemake start walks the imports of every rule. A line that only
    looks like an import (in a docstring) may add a module, never drop one."""
    statements = []
    for match in IMPORT_LINE.finditer(text):
        try:
            statements += ast.parse(match.group().strip()).body
        except SyntaxError:
            continue
    return statements


@cache
def imported_files(path: Path) -> frozenset[Path]:
    """The package modules one file imports directly (each file is read once per process)."""
    path = path.resolve()
    inside = PACKAGE in path.parents
    here = [PACKAGE.name, *path.relative_to(PACKAGE).parent.parts] if inside else []
    found = set()
    for node in _import_statements(path.read_text(encoding="utf-8")):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = (here[: len(here) - node.level + 1] if node.level else []) + (node.module or "").split(".")
            dotted = ".".join(part for part in base if part)
            names = [dotted] + [f"{dotted}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):  # importing a.b.c runs a/__init__ and a/b/__init__ too
                found_file = module_file(".".join(parts[:depth]))
                if found_file:
                    found.add(found_file)
    return frozenset(found)


def code_files(script: Path) -> list[Path]:
    """Every package module the script runs: its imports, and theirs, to the end."""
    needed, queue = set(), list(imported_files(script))
    while queue:
        path = queue.pop()
        if path not in needed:
            needed.add(path)
            queue.extend(imported_files(path))
    return sorted(needed)
