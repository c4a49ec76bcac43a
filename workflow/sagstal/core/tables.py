"""Looking up a long table's rows by a key, and changing a table's texts, for long tables."""

import pandas as pd


def rows_by(table: pd.DataFrame, key: str):
    """key value -> its rows (a key without rows: the table's empty frame, with its columns).

    The table is split once; filtering it again for every key costs keys x rows, which at
    1000x a wave is the larger part of the work.
    """
    groups = dict(tuple(table.groupby(key, sort=False)))
    empty = table.iloc[:0]
    return lambda value: groups.get(value, empty)


def map_texts(table: pd.DataFrame, convert, columns=None) -> pd.DataFrame:
    """The table with convert() applied to each text of its text columns (or of `columns` among
    them), each distinct text once: a long table repeats the same answers many times."""
    chosen = [c for c in (table.columns if columns is None else columns)
              if pd.api.types.is_string_dtype(table[c].dtype)]  # object or str
    if not chosen:
        return table
    table = table.copy()
    for column in chosen:
        texts = table[column].dropna().unique()
        table[column] = table[column].map(dict(zip(texts, map(convert, texts))))
    return table


ROW_ID = "række "  # an answer's id where the export has no respondent id: "række 14", its row in the export
