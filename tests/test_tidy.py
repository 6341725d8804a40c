"""The public typed records (``layout/tidy.py``, ``Table.records``) and ``to_pandas``
(``frames.py``): the data-out contract of issue 18."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import attrs
import pandas as pd
import pytest

import comparekit
from comparekit import (
    Comparison,
    Feature,
    Group,
    Product,
    Show,
    Source,
    Value,
    ValueRecord,
    build_table,
    to_pandas,
)

FIELDS = {
    "product_id": "str",
    "product": "str",
    "feature_id": "str",
    "feature": "str",
    "group_id": "str | None",
    "group": "str | None",
    "type": "str",
    "unit": "str | None",
    "status": "str",
    "value": "Figure | None",
    "qualifier": "str | None",
    "max": "Figure | None",
    "number": "int | float | None",
    "condition": "str | None",
    "currency": "str | None",
    "as_of": "dt.date | None",
    "note": "str | None",
    "sources": "tuple[str, ...]",
    "text": "str",
    "best": "bool",
}
"""The record's fields and their types, in order: a change here is a change of the public
contract (add fields at the end; never rename, retype or drop one)."""


def small() -> Comparison:
    """One comparison with every kind of figure the records type: a count, a percent, a
    date, a fraction, a list, a translated text, a boolean, money; a range with a condition."""
    features = [
        Feature(id="users", label={"en": "Users", "ko": "사용자"}, type="count", group="size"),
        Feature(id="share", label="Share", type="percent", unit="%"),
        Feature(id="launched", label="Launched", type="date"),
        Feature(id="ratio", label="Ratio", type="fraction"),
        Feature(id="apps", label="Apps", type="list"),
        Feature(id="slogan", label="Slogan", type="text"),
        Feature(id="free", label="Free", type="boolean"),
        Feature(id="price", label="Price", type="money", currency="CNY", better="lower"),
    ]
    a = Product(
        id="a",
        name={"en": "Alpha", "ko": "알파"},
        source="site",
        values={
            "users": Value(102, max=302, qualifier="about", condition="on request"),
            "share": 45.5,
            "launched": dt.date(2019, 5, 1),
            "ratio": (17, 20),
            "apps": ("Chat", {"en": "Docs", "ko": "문서"}),
            "slogan": {"en": "Work", "ko": "일"},
            "free": Value(True, as_of=dt.date(2020, 2, 1), note={"en": "Promo", "ko": "행사"}),
            "price": Value(10, currency="USD"),
        },
    )
    b = Product(id="b", name="Beta", values={"price": 20, "free": Value(status="not_applicable")})
    return Comparison(
        title="T",
        features=features,
        products=[a, b],
        groups=[Group(id="size", label={"en": "Size", "ko": "규모"})],
        sources=[Source(id="site", title="Site")],
    )


def test_record_fields_are_pinned() -> None:
    """ValueRecord's field names, order and types are the documented contract."""
    assert {f.name: f.type for f in attrs.fields(ValueRecord)} == FIELDS
    assert list(FIELDS) == [f.name for f in attrs.fields(ValueRecord)]


def test_records_are_typed_python() -> None:
    """Each figure keeps its Python type: int, float, date, (part, whole), a tuple of
    items, text and bool, in the table's language; not stated and n/a are None."""
    found = {(r.product_id, r.feature_id): r for r in build_table(small(), "ko").records}
    assert len(found) == 2 * 8
    users = found["a", "users"]
    assert (users.value, users.max, users.number, users.qualifier) == (102, 302, 102, "about")
    assert (users.condition, users.group_id, users.group, users.feature) == (
        "on request",
        "size",
        "규모",
        "사용자",
    )
    assert found["a", "share"].value == found["a", "share"].number == 45.5
    assert found["a", "share"].unit == "%"
    assert found["a", "launched"].value == dt.date(2019, 5, 1)
    assert found["a", "launched"].number is None
    assert found["a", "ratio"].value == (17, 20)
    assert found["a", "ratio"].number is None
    assert found["a", "apps"].value == ("Chat", "문서")
    assert found["a", "slogan"].value == "일"
    free = found["a", "free"]
    assert (free.value, free.number, free.as_of, free.note) == (
        True,
        None,
        dt.date(2020, 2, 1),
        "행사",
    )
    assert found["a", "price"].currency == "USD"
    assert found["b", "price"].currency == "CNY"  # the feature's
    assert found["a", "users"].sources == ("site",)  # the product's default
    missing = found["b", "users"]
    assert (missing.status, missing.value, missing.max, missing.sources) == (
        "not_stated",
        None,
        None,
        (),
    )
    assert missing.group == "규모"
    assert found["b", "free"].status == "not_applicable"
    assert found["b", "free"].value is None
    assert found["a", "share"].group is None
    assert found["a", "share"].group_id is None


def test_records_match_the_cells(sample: Comparison) -> None:
    """A record's text and best flag are its matrix cell's, whichever way the table is turned
    (a highlighted feature has no matrix cell and no best mark), and the records are one per
    product × feature, product by product."""
    for transposed in (False, True):
        table = build_table(sample, "zh", transposed=transposed)
        records = table.records
        assert [(r.product_id, r.feature_id) for r in records] == [
            (p.id, f.id) for p in sample.products for f in table.record_inputs.features
        ]
        cells = {}
        for row in table.rows:
            for column, cell in zip(table.columns, row.cells, strict=True):
                key = (row.heading.id, column.id) if transposed else (column.id, row.heading.id)
                cells[key] = cell
        highlighted = {f.id for f in sample.features if f.show is Show.HIGHLIGHTS}
        for record in records:
            cell = cells.get((record.product_id, record.feature_id))
            if cell is None:  # a fact shown under its product, not in the matrix: never "best"
                assert record.feature_id in highlighted
                assert record.best is False
                continue
            assert (record.text, record.best) == (cell.text, cell.best)
        assert any(r.best for r in records)


def test_records_are_made_once_and_not_by_other_formats(
    sample: Comparison, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Table.records is made on first access and kept; a txt render never makes it; a table
    made by hand (no record inputs) has none."""
    calls = []
    original = comparekit.layout.table.value_records

    def counting(table: comparekit.Table) -> tuple[ValueRecord, ...]:
        calls.append(table)
        return original(table)

    monkeypatch.setattr(comparekit.layout.table, "value_records", counting)
    comparekit.render(sample, "txt")
    assert calls == []
    table = build_table(sample)
    assert table.records is table.records
    assert len(calls) == 1
    assert attrs.evolve(table, record_inputs=None).records == ()
    assert table == build_table(sample)  # the kept records are no part of equality


def test_records_are_frozen(sample: Comparison) -> None:
    """A record cannot be changed in place."""
    record = build_table(sample).records[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.value = 1  # type: ignore[misc]


def test_to_pandas_is_tidy_and_typed() -> None:
    """One row per record, one column per field in order, with nullable dtypes: <NA> for what
    is not stated, categories listing every spec word."""
    comparison = small()
    frame = to_pandas(comparison, lang="ko")
    records = build_table(comparison, "ko").records
    assert list(frame.columns) == list(FIELDS)
    assert len(frame) == len(records)
    dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    assert dtypes["product"] == dtypes["note"] == dtypes["unit"] == "string"
    assert dtypes["type"] == dtypes["status"] == dtypes["qualifier"] == "category"
    assert (dtypes["number"], dtypes["as_of"], dtypes["best"]) == (
        "Float64",
        "datetime64[s]",
        "boolean",
    )
    assert dtypes["value"] == dtypes["max"] == dtypes["sources"] == "object"
    assert list(frame["qualifier"].cat.categories)[:2] == ["about", "more_than"]
    assert list(frame["status"].cat.categories) == ["known", "not_stated", "not_applicable"]
    row = frame.set_index(["product_id", "feature_id"]).loc[("b", "users")]
    assert row["value"] is None
    assert pd.isna(row["number"])
    assert pd.isna(row["qualifier"])
    assert pd.isna(row["note"])
    assert pd.isna(row["as_of"])
    assert row["status"] == "not_stated"
    ours = frame.set_index(["product_id", "feature_id"]).loc[("a", "free")]
    assert ours["as_of"] == pd.Timestamp("2020-02-01")
    assert ours["value"] is True
    assert frame.loc[frame.feature_id == "ratio", "value"].tolist() == [(17, 20), None]
    for record, (_, line) in zip(records, frame.iterrows(), strict=True):
        assert line["text"] == record.text
        assert line["sources"] == record.sources


def test_to_pandas_of_a_table_equals_of_its_comparison(sample: Comparison) -> None:
    """to_pandas(table) is to_pandas(comparison, lang=table's language)."""
    pd.testing.assert_frame_equal(
        to_pandas(build_table(sample, "zh")), to_pandas(sample, lang="zh")
    )


def test_to_pandas_of_no_values() -> None:
    """A comparison without products gives an empty frame with every column."""
    frame = to_pandas(Comparison(title="T", features=[Feature(id="f", label="F", type="count")]))
    assert list(frame.columns) == list(FIELDS)
    assert len(frame) == 0


def test_to_pandas_refuses_wrong_arguments(sample: Comparison) -> None:
    """Anything but a Table or Comparison, or lang with a Table, is a TypeError saying so."""
    with pytest.raises(TypeError, match="takes a Table or a Comparison"):
        to_pandas("specs/china-remote-work-2020.toml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lang is for a Comparison"):
        to_pandas(build_table(sample), lang="ko")


MISSING_PANDAS = """\
import sys
sys.modules["pandas"] = None  # what an environment without pandas gives: ImportError
import comparekit
assert "pandas" not in [m for m in sys.modules if sys.modules[m] is not None]
try:
    comparekit.to_pandas(comparekit.load({spec!r}))
except comparekit.MissingDependencyError as error:
    assert isinstance(error, ImportError)
    print(error)
"""


def test_missing_pandas_names_the_extra(sample_path: Path) -> None:
    """Without pandas, to_pandas raises MissingDependencyError naming the extra to install."""
    result = subprocess.run(
        [sys.executable, "-c", MISSING_PANDAS.format(spec=str(sample_path))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "to_pandas() needs pandas" in result.stdout
    assert "pip install 'comparekit[pandas]'" in result.stdout


def test_import_comparekit_does_not_import_pandas() -> None:
    """import comparekit (and a render) never loads pandas: it is imported by to_pandas only."""
    code = (
        "import sys, comparekit\n"
        "comparekit.build_table(comparekit.loads(b'format = 1\\n[comparison]\\ntitle = \"T\"\\n'))"
        ".records\n"
        "print('pandas' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
