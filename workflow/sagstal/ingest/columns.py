"""What each export column held, as SPSS's CODEBOOK tells it: its role, its codes with their counts,
and how many cells were filled, used and left out (with the ledger's reasons). Counts only: no
respondent's answer is in it, so it can be published beside the report (kodebog.xlsx).
"""

from collections import Counter

import pandas as pd

from .codebook import code_key

CODEBOOK_COLUMNS = ["position", "column", "field", "kind", "code", "meaning", "count", "filled", "used", "left_out",
                    "reasons"]
LEFT_OUT = "cell"  # the ledger scope of a cell that could not be used; other scopes are rules and notes
UNUSED = "unused"


def _reasons(entries: pd.DataFrame) -> str:
    """'reason (count); ...', the most frequent first: the ledger's reasons for one column."""
    counts = entries["reason"].value_counts()
    return "; ".join(f"{reason} ({count})" for reason, count in counts.items())


def codebook_table(cells, roles: list, codes: dict, exclusions: pd.DataFrame) -> pd.DataFrame:
    """One row per export column (code empty), and one per code of each coded column."""
    by_column = {role.column: role for role in roles}
    logged = exclusions[exclusions["column"].fillna("") != ""]
    rows = []
    for position, column in enumerate(cells.frame.columns, start=1):
        texts = cells.texts(column)
        filled = int((texts != "").sum())
        role = by_column.get(column)
        entries = logged[logged["column"] == column]
        left_out = int((entries["scope"] == LEFT_OUT).sum())
        rows.append({"position": position, "column": column, "field": role.label if role else "",
                     "kind": role.kind if role else UNUSED, "code": "", "meaning": "", "count": None, "filled": filled,
                     "used": filled - left_out if role else 0, "left_out": left_out, "reasons": _reasons(entries)})
        if role and role.codes:
            seen = Counter(code_key(t) for t in texts if t)
            rows += [{"position": position, "column": column, "field": role.label, "kind": "code", "code": str(code),
                      "meaning": meaning, "count": seen.get(code, 0), "filled": None, "used": None, "left_out": None,
                      "reasons": ""} for code, meaning in codes.get(role.codes, {}).items()]
    return pd.DataFrame(rows, columns=CODEBOOK_COLUMNS)
