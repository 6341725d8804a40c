"""A comparison's values as a pandas DataFrame: :func:`to_pandas`.

pandas is an optional extra (``pip install 'comparekit[pandas]'``), imported only when
:func:`to_pandas` is called, never by ``import comparekit``; without it the call raises
:class:`~comparekit.MissingDependencyError` saying what to install.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from comparekit.errors import MissingDependencyError, describe
from comparekit.layout import Table, ValueRecord, build_table
from comparekit.model import Comparison, FeatureType, Qualifier, Status

if TYPE_CHECKING:
    import pandas

__all__ = ["PANDAS_INSTALL", "to_pandas"]

PANDAS_INSTALL = "pip install 'comparekit[pandas]'"
"""What installs pandas for comparekit."""

_TEXTS = (
    "product_id",
    "product",
    "feature_id",
    "feature",
    "group_id",
    "group",
    "unit",
    "condition",
    "currency",
    "note",
    "text",
)
"""The columns of text, as pandas' nullable ``string`` dtype (``<NA>`` for ``None``)."""
_CATEGORIES = {
    "type": [kind.value for kind in FeatureType],
    "status": [status.value for status in Status],
    "qualifier": [qualifier.value for qualifier in Qualifier],
}
"""The columns of the spec's words, as categories listing every word the spec allows (in
the spec format's order), so that frames of different comparisons line up."""


def to_pandas(data: Table | Comparison, *, lang: str | None = None) -> pandas.DataFrame:
    """The values of ``data`` as a tidy :class:`pandas.DataFrame`: one row per product ×
    feature, one column per field of :class:`~comparekit.ValueRecord`, in its order.

    ``data`` is a :class:`~comparekit.Table` (its :attr:`~comparekit.Table.records`) or a
    :class:`~comparekit.Comparison`, laid out first in ``lang`` (``en``, ``ko``, ``zh``;
    default: the comparison's own); a table has its language already, so ``lang`` is only
    for a comparison. Columns are typed, missing data as pandas' ``<NA>``/``NaT``:

    - text (ids, names, labels, ``unit``, ``condition``, ``currency``, ``note``, ``text``):
      the nullable ``string`` dtype;
    - ``type``, ``status`` and ``qualifier``: categories of every word the spec allows;
    - ``number``: ``Float64`` (nullable), the figure when it is one number;
    - ``as_of``: ``datetime64[s]``; ``best``: ``boolean``;
    - ``value`` and ``max``: ``object``, the typed Python figures (``None`` when not
      known), since one column holds every feature's type; ``sources``: ``object``, tuples.

    Raises :class:`~comparekit.MissingDependencyError` (an ``ImportError``) when pandas is
    not installed, naming the extra to install.

    >>> from comparekit import load, to_pandas
    >>> frame = to_pandas(load("specs/china-remote-work-2020.toml"), lang="ko")
    >>> row = frame[(frame.product_id == "dingtalk") & (frame.feature_id == "users")].iloc[0]
    >>> row["product"], float(row["number"]), row["qualifier"], row["text"]
    ('딩톡', 200000000.0, 'about', '약 2억')
    >>> str(frame["number"].dtype), str(frame["qualifier"].dtype), str(frame["best"].dtype)
    ('Float64', 'category', 'boolean')
    """
    if isinstance(data, Comparison):
        table = build_table(data, lang)
    elif isinstance(data, Table):
        if lang is not None:
            raise TypeError(
                "to_pandas(): lang is for a Comparison; a Table is in its language already"
            )
        table = data
    else:
        raise TypeError(f"to_pandas() takes a Table or a Comparison, got {describe(data)}")
    pd = _pandas()
    return _frame(pd, table.records)


def _pandas() -> Any:
    """The pandas module, or :class:`MissingDependencyError` saying how to install it."""
    try:
        import pandas
    except ImportError as error:
        raise MissingDependencyError(
            f"to_pandas() needs pandas, which is not installed or cannot load ({error}); "
            f"install it with: {PANDAS_INSTALL}"
        ) from error
    return pandas


def _frame(pd: Any, records: tuple[ValueRecord, ...]) -> Any:
    """The DataFrame of ``records``, one column per field, each with its dtype."""
    names = [field.name for field in attrs.fields(ValueRecord)]
    columns: dict[str, Any] = {name: [getattr(r, name) for r in records] for name in names}
    typed: dict[str, Any] = {}
    for name, items in columns.items():
        if name in _TEXTS:
            typed[name] = pd.array(items, dtype="string")
        elif name in _CATEGORIES:
            typed[name] = pd.Categorical(items, categories=_CATEGORIES[name])
        elif name == "number":
            typed[name] = pd.array([_float(item) for item in items], dtype="Float64")
        elif name == "as_of":
            typed[name] = pd.array([_moment(item) for item in items], dtype="datetime64[s]")
        elif name == "best":
            typed[name] = pd.array(items, dtype="boolean")
        else:  # value, max, sources: Python objects
            typed[name] = pd.Series(items, dtype=object)
    return pd.DataFrame(typed, columns=names)


def _float(number: int | float | None) -> float | None:
    """A number as a float for the ``Float64`` column; ``None`` stays missing."""
    return None if number is None else float(number)


def _moment(day: dt.date | None) -> dt.datetime | None:
    """A date as midnight of that day, for the ``datetime64[s]`` column."""
    return None if day is None else dt.datetime(day.year, day.month, day.day)
