"""Tables passed between stages."""

from __future__ import annotations

import pandas as pd


def frame(records: list[dict], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of plain Python values: object columns, so a missing value stays None.

    (pandas' default string dtype would turn None into NaN, and NaN into
    'nan' or a float in the JSON export.)
    """
    return pd.DataFrame({column: pd.Series([record.get(column) for record in records], dtype=object)
                         for column in columns})


def column(table: pd.DataFrame, name: str, default=None) -> list:
    """`table[name]` as a list, or `default` for every row when the table has no such column (a
    stage run on a table an earlier stage did not fill: no stories yet, no background flags)."""
    return table[name].tolist() if name in table else [default] * len(table)
