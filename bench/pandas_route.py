"""The route a pandas user would take from the same comparison model to each format.

Everything here is timed, starting from the :class:`~comparekit.Comparison` model: the
user's own formatting of each value (``str()`` and simple f-strings: ``"about 1,200"``,
``"45.5%"``, ``"USD 12.5"``, ``"3/10"``, ``"not stated"``), building a
:class:`pandas.DataFrame` with features as rows and products as columns (the shape of
comparekit's matrix), a CSS frame marking the best value of each row that has a ``better``
direction, then:

* **txt**: ``DataFrame.to_markdown(tablefmt="grid")`` (tabulate underneath);
  **md**: ``DataFrame.to_markdown()``;
* **xlsx**: ``df.style.apply(best)`` → ``Styler.to_excel(BytesIO, engine="openpyxl")``;
* **xlsx on equal content** (:func:`render_full_xlsx`, the ``pandas-full`` contender of
  :mod:`bench.targets`): the same matrix, a Data sheet of one typed record per product ×
  feature in 17 columns (as comparekit's), and each note as a comment on its matrix cell,
  all through one ``pd.ExcelWriter(engine="openpyxl")``;
* **pdf**: per run of 6 product columns (what fits an A4 landscape page, as comparekit
  splits its matrix), ``Styler.to_html()`` of that slice, the slices joined into one HTML
  document → ``weasyprint.HTML(string=...).write_pdf()`` with an A4 landscape ``@page``
  stylesheet.

pandas does less than comparekit, and the numbers should be read with that in mind: no
notes (neither markers, comments nor the list of notes), no sources, no legend, no groups,
no units, no vendors or links, no qualifier wording per language, no wrapping to a width or
splitting columns over pages (a wide PDF table runs off the page), no Data or Sources sheets,
no print setup, no reproducible bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from comparekit import Comparison, Feature, FeatureType, Label, Status, Value

__all__ = ["CHUNK", "data_frame", "frames", "render", "render_full_xlsx", "user_text"]

_BEST_CSS = "background-color: #C6EFCE; font-weight: bold"
_PAGE_CSS = "@page { size: A4 landscape; margin: 1cm }"
CHUNK = 6
"""Product columns per slice of the PDF route (comparekit's ``COLUMNS_PER_PAGE`` landscape)."""


def _plain(text: object) -> str:
    return text.text("en") if isinstance(text, Label) else str(text)


def user_text(feature: Feature, value: Value | None) -> str:
    """A value as a pandas user would write it: ``str()`` and f-strings."""
    if value is None or value.status is Status.NOT_STATED:
        return "not stated"
    if value.status is Status.NOT_APPLICABLE:
        return "n/a"
    data = value.value
    kind = feature.type
    if isinstance(data, bool):
        text = "Yes" if data else "No"
    elif isinstance(data, int | float):
        text = f"{data:,}"
    elif kind is FeatureType.FRACTION and isinstance(data, tuple):
        text = f"{data[0]}/{data[1]}"
    elif isinstance(data, tuple):
        text = ", ".join(_plain(item) for item in data)
    else:
        text = _plain(data)
    if kind in (FeatureType.PERCENT, FeatureType.CHANGE):
        text += "%"
    elif kind is FeatureType.MULTIPLIER:
        text += "x"
    elif kind is FeatureType.MONEY and (value.currency or feature.currency):
        text = f"{value.currency or feature.currency} {text}"
    if value.qualifier is not None:
        text = f"{value.qualifier.value.replace('_', ' ')} {text}"
    if value.max is not None:
        text += f" (up to {value.max})"
    return text


def _rank(feature: Feature, value: Value | None) -> float | dt.date | None:
    """What a user would compare to find the best value, or ``None``."""
    if value is None or value.status is not Status.KNOWN:
        return None
    data = value.value
    if feature.type is FeatureType.FRACTION and isinstance(data, tuple):
        part, whole = data
        return float(part) / float(whole)  # type: ignore[arg-type]
    if isinstance(data, bool | int | float | dt.date):
        return data
    return None


def _unique(names: list[str]) -> list[str]:
    """Names made unique for a pandas index by adding a counter to repeats."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def frames(comparison: Comparison) -> tuple[Any, Any]:
    """The display DataFrame (features × products) and its CSS frame (best values)."""
    import pandas as pd

    features = comparison.features
    products = comparison.products
    index = _unique([_plain(f.label) for f in features])
    columns = _unique([_plain(p.name) for p in products])
    data = {
        column: [user_text(f, p.values.get(f.id)) for f in features]
        for column, p in zip(columns, products, strict=True)
    }
    best: dict[str, list[str]] = {column: [""] * len(features) for column in columns}
    for row, feature in enumerate(features):
        if feature.better is None:
            continue
        ranks = [
            (rank, column)
            for column, product in zip(columns, products, strict=True)
            if (rank := _rank(feature, product.values.get(feature.id))) is not None
        ]
        if len(ranks) < 2:
            continue
        pick = max if feature.better.value == "higher" else min
        top = pick(rank for rank, _ in ranks)
        for rank, column in ranks:
            if rank == top:
                best[column][row] = _BEST_CSS
    df = pd.DataFrame(data, index=index)
    css = pd.DataFrame(best, index=index)
    return df, css


def render(comparison: Comparison, fmt: str) -> bytes:
    """The pandas route to ``fmt`` (txt, md, xlsx, pdf), from the model to bytes."""
    df, css = frames(comparison)
    if fmt in ("txt", "md"):
        text: str = df.to_markdown(tablefmt="grid") if fmt == "txt" else df.to_markdown()
        return text.encode("utf-8")
    styler = df.style.apply(lambda _: css, axis=None)
    if fmt == "xlsx":
        out = io.BytesIO()
        styler.to_excel(out, engine="openpyxl", sheet_name="Comparison")
        data: bytes = out.getvalue()
        return data
    if fmt == "pdf":
        import weasyprint

        html = "\n".join(
            df.iloc[:, start : start + CHUNK]
            .style.apply(lambda _, s=start: css.iloc[:, s : s + CHUNK], axis=None)
            .to_html()
            for start in range(0, max(len(df.columns), 1), CHUNK)
        )
        pdf: bytes = weasyprint.HTML(string=html).write_pdf(
            stylesheets=[weasyprint.CSS(string=_PAGE_CSS)]
        )
        return pdf
    raise ValueError(f"no pandas route to format {fmt!r}")


_DATA_COLUMNS = (
    "product_id", "product", "feature_id", "feature", "group", "type", "status", "value",
    "max", "qualifier", "unit", "currency", "as_of", "note", "source", "condition", "text",
)  # fmt: skip
"""The Data sheet's 17 columns, as comparekit's."""


def _typed(data: object) -> object:
    """A value as a typed cell: numbers, booleans and dates as they are, the rest as text."""
    if data is None or isinstance(data, bool | int | float | dt.date):
        return data
    if isinstance(data, tuple):
        return "\n".join(_plain(item) for item in data)
    return _plain(data)


def data_frame(comparison: Comparison) -> Any:
    """One typed record per product × feature, products first: comparekit's Data sheet."""
    import pandas as pd

    groups = {group.id: _plain(group.label) for group in comparison.groups}
    rows = []
    for product in comparison.products:
        name = _plain(product.name)
        for feature in comparison.features:
            value = product.values.get(feature.id)
            rows.append(
                (
                    product.id,
                    name,
                    feature.id,
                    _plain(feature.label),
                    groups.get(feature.group or "", ""),
                    feature.type.value,
                    value.status.value if value else "",
                    _typed(value.value) if value else None,
                    _typed(value.max) if value else None,
                    value.qualifier.value if value and value.qualifier else None,
                    _plain(feature.unit) if feature.unit else None,
                    (value.currency if value else None) or feature.currency,
                    value.as_of if value else None,
                    _plain(value.note) if value and value.note else None,
                    "\n".join(value.source) if value else None,
                    _plain(value.condition) if value and value.condition else None,
                    user_text(feature, value),
                )
            )
    return pd.DataFrame(rows, columns=list(_DATA_COLUMNS))


def render_full_xlsx(comparison: Comparison) -> bytes:
    """The pandas route to a workbook holding what comparekit's holds: the matrix (best values
    marked), the Data sheet, and each note as a comment on its cell, written through openpyxl."""
    import pandas as pd
    from openpyxl.comments import Comment

    df, css = frames(comparison)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        df.style.apply(lambda _: css, axis=None).to_excel(writer, sheet_name="Comparison")
        data_frame(comparison).to_excel(writer, sheet_name="Data", index=False)
        sheet = writer.sheets["Comparison"]
        for column, product in enumerate(comparison.products, start=2):
            for row, feature in enumerate(comparison.features, start=2):
                value = product.values.get(feature.id)
                if value is not None and value.note is not None:
                    sheet.cell(row, column).comment = Comment(_plain(value.note), "pandas")
    data: bytes = out.getvalue()
    return data
