"""What each export column held, as SPSS's CODEBOOK tells it: its role, its codes with their counts,
and how many cells were filled, used and left out (with the kinds of ledger entries). Counts only:
no respondent's answer is in it, so it can go out beside the report (kodebog.xlsx).
"""

from collections import Counter

import pandas as pd

from ..core.tables import rows_by
from .codebook import code_key

CODEBOOK_COLUMNS = ["position", "column", "field", "kind", "code", "meaning", "count", "filled", "used", "left_out"]
LEFT_OUT = "cell"  # the ledger scope of a cell that could not be used; other scopes are rules and notes
UNUSED = "unused"
LEDGER = "ledger"


def _ledger_rows(entries: pd.DataFrame, base: dict) -> list[dict]:
    """The ledger's entries for one column, counted per scope, and per rule for config's rules. A
    cell's own reason is left out: it quotes the typed answer, which may be free text."""
    if entries.empty:
        return []
    named = entries["reason"].where(entries["reason"].str.startswith("rule "), "")
    counts = entries.assign(reason=named).groupby(["scope", "reason"], sort=False).size()
    return [{**base, "kind": LEDGER, "code": scope, "meaning": reason, "count": int(count)}
            for (scope, reason), count in counts.sort_values(ascending=False, kind="stable").items()]


def codebook_table(cells, roles: list, codes: dict, exclusions: pd.DataFrame) -> pd.DataFrame:
    """One row per export column (code empty), one per code of each coded column, and one per kind
    of ledger entry for the column (kind "ledger": scope, and the rule for config's rules)."""
    by_column = {role.column: role for role in roles}
    logged = exclusions[exclusions["column"].fillna("") != ""]
    ledger_of = rows_by(logged, "column")
    rows = []
    for position, column in enumerate(cells.frame.columns, start=1):
        texts = cells.texts(column)
        filled = int((texts != "").sum())
        role = by_column.get(column)
        entries = ledger_of(column)
        left_out = int((entries["scope"] == LEFT_OUT).sum())
        rows.append({"position": position, "column": column, "field": role.label if role else "",
                     "kind": role.kind if role else UNUSED, "code": "", "meaning": "", "count": None, "filled": filled,
                     "used": filled - left_out if role else 0, "left_out": left_out})
        rows += _ledger_rows(entries, {"position": position, "column": column, "field": role.label if role else ""})
        if role and role.codes and role.codes != "municipality":  # a municipality's name is never printed
            seen = Counter(code_key(t) for t in texts if t)
            rows += [{"position": position, "column": column, "field": role.label, "kind": "code", "code": str(code),
                      "meaning": meaning, "count": seen.get(code, 0), "filled": None, "used": None,
                      "left_out": None} for code, meaning in codes.get(role.codes, {}).items()]
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)
