"""Looking up a long table's rows by a key, for code that visits every key in turn."""

import pandas as pd


def rows_by(table: pd.DataFrame, key: str):
    """key value -> its rows (a key without rows: the table's empty frame, with its columns).

    The table is split once; filtering it again for every key costs keys x rows, which at
    1000x a wave is the larger part of the work.
    """
    groups = dict(tuple(table.groupby(key, sort=False)))
    empty = table.iloc[:0]
    return lambda value: groups.get(value, empty)


ROW_ID = "række "  # an answer's id where the export has no respondent id: "række 14", its row in the export
