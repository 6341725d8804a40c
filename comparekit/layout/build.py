"""Build the :class:`Table` of a comparison: the one place that decides what the reader sees."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence

import attrs

from comparekit.errors import FormatError, describe
from comparekit.layout import numbers
from comparekit.layout.cells import figure, sort_key, value_text
from comparekit.layout.table import (
    MAX_PLACES,
    Cell,
    CellKind,
    Heading,
    LegendEntry,
    Note,
    Record,
    Row,
    Section,
    SourceEntry,
    Table,
)
from comparekit.layout.words import BEST_MARK, LANGUAGES, WORDS, Words
from comparekit.model import (
    NOT_STATED,
    Better,
    Comparison,
    Feature,
    FeatureType,
    Label,
    Product,
    Qualifier,
    Status,
    Value,
)

__all__ = ["build_table"]

TypedData = str | bool | int | float | dt.date | None


def build_table(
    comparison: Comparison, lang: str | None = None, *, transposed: bool = False
) -> Table:
    """Resolve ``comparison`` into the table every renderer draws, in language ``lang``.

    Features are rows grouped by group and products are columns; ``transposed``
    swaps them (products as rows, no group rows).

    >>> from comparekit import loads
    >>> table = build_table(loads('''
    ... format = 1
    ... [comparison]
    ... title = "Demo"
    ... [[features]]
    ... id = "users"
    ... label = { en = "Users", ko = "사용자" }
    ... type = "count"
    ... [[products]]
    ... id = "a"
    ... name = "A"
    ... values = { users = { value = 200_000_000, qualifier = "about" } }
    ... '''), "ko")
    >>> table.grid()
    [['항목', 'A'], ['사용자', '약 2억']]
    """
    if not isinstance(comparison, Comparison):
        raise TypeError(f"build_table() lays out a Comparison, got {describe(comparison)}")
    if lang is not None and not isinstance(lang, str):
        raise TypeError(f"lang must be a language tag (str) or None, got {describe(lang)}")
    language = lang or (comparison.language if comparison.language in WORDS else "en")
    if language not in WORDS:
        supported = ", ".join(LANGUAGES)
        raise FormatError(f"unsupported language {language!r}: comparekit speaks {supported}")
    return _Builder(comparison, WORDS[language]).build(transposed)


@attrs.define
class _Notes:
    """Numbers notes in reading order; the same text shares one number."""

    numbers: dict[str, int] = attrs.field(factory=dict)
    places: dict[int, list[str]] = attrs.field(factory=dict)

    def add(self, texts: Sequence[str], place: str) -> tuple[int, ...]:
        out = []
        for text in texts:
            number = self.numbers.setdefault(text, len(self.numbers) + 1)
            self.places.setdefault(number, []).append(place)
            out.append(number)
        return tuple(out)

    def notes(self, words: Words) -> tuple[Note, ...]:
        out = []
        for text, number in self.numbers.items():
            places = tuple(self.places[number])
            shown = places[:MAX_PLACES]
            if len(places) > MAX_PLACES:
                hidden = len(places) - MAX_PLACES
                shown = (*shown, words.more_places.format(count=numbers.count(hidden, words)))
            where = words.places.format(words.places_separator.join(shown))
            out.append(Note(number, text, places, shown, where))
        return tuple(out)


def _refs(numbers_: tuple[int, ...]) -> str:
    return "[" + ",".join(map(str, numbers_)) + "]" if numbers_ else ""


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


@attrs.define
class _Builder:
    comparison: Comparison
    words: Words
    notes: _Notes = attrs.field(factory=_Notes)
    kinds_used: set[str] = attrs.field(factory=set)
    resolved: dict[str, list[tuple[str, CellKind, str, bool]]] = attrs.field(factory=dict)
    """(text, kind, note, partial) of each product, in product order, by feature id: worked
    out once for cells and records."""
    plain_cells: dict[tuple[str, int, bool, bool], Cell] = attrs.field(factory=dict)
    """Cells without notes, shared: most cells of a big matrix repeat one of a few."""
    names: dict[str, str] = attrs.field(factory=dict)
    """Product names in the report's language, by product id."""

    def text(self, label: Label | None) -> str:
        if label is None:
            return ""
        return label.text(self.words.lang, self.comparison.language)

    def build(self, transposed: bool) -> Table:
        c = self.comparison
        w = self.words
        features = self.ordered_features()
        best = {f.id: self.best(f) for f in features}
        if transposed:
            columns = tuple(self.feature_heading(f) for f in features)
            rows = tuple(
                Row(
                    self.product_heading(p),
                    tuple(self.cell(p, f, self.resolve(f)[i], best[f.id]) for f in features),
                )
                for i, p in enumerate(c.products)
            )
            sections: tuple[Section, ...] = (Section("", rows),) if rows else ()
        else:
            columns = tuple(self.product_heading(p) for p in c.products)
            sections = tuple(self.sections(features, best))
        summary = tuple(p.strip() for p in self.text(c.summary).split("\n\n") if p.strip())
        return Table(
            lang=w.lang,
            words=w,
            title=self.text(c.title),
            subtitle=self.text(c.subtitle),
            as_of=numbers.date(c.as_of, w) if c.as_of else "",
            as_of_date=c.as_of,
            prepared_for=c.prepared_for or "",
            prepared_by=c.prepared_by or "",
            summary=summary,
            corner=w.product if transposed else w.feature,
            columns=columns,
            sections=sections,
            notes=self.notes.notes(w),
            legend=self.legend(),
            sources=self.sources(),
            make_records=functools.partial(self.records, features),
            transposed=transposed,
        )

    def ordered_features(self) -> list[Feature]:
        order = {g.id: index for index, g in enumerate(self.comparison.groups)}
        last = len(order)
        return sorted(
            self.comparison.features,
            key=lambda f: order.get(f.group, last) if f.group is not None else last,
        )

    def sections(self, features: list[Feature], best: dict[str, set[str]]) -> list[Section]:
        labels = {g.id: self.text(g.label) for g in self.comparison.groups}
        out: list[Section] = []
        for feature in features:
            group = feature.group or ""
            heading = self.feature_heading(feature)
            row = Row(heading, self.row_cells(feature, best[feature.id]))
            if out and out[-1].id == group:
                out[-1] = attrs.evolve(out[-1], rows=(*out[-1].rows, row))
            else:
                out.append(Section(labels.get(group, ""), (row,), group))
        return out

    def feature_heading(self, feature: Feature) -> Heading:
        label = self.text(feature.label)
        unit = self.text(feature.unit)
        description = self.text(feature.description)
        notes = self.notes.add([description] if description else [], label)
        refs = _refs(notes)
        shown = self.words.with_unit.format(label=label, unit=unit) if unit else label
        return Heading(feature.id, label, _join(shown, refs), unit=unit, notes=notes, refs=refs)

    def product_heading(self, product: Product) -> Heading:
        name = self.text(product.name)
        description = self.text(product.description)
        notes = self.notes.add([description] if description else [], name)
        refs = _refs(notes)
        return Heading(
            product.id,
            name,
            _join(name, refs),
            detail=self.text(product.vendor),
            notes=notes,
            refs=refs,
            url=product.url,
        )

    def note_text(self, value: Value) -> str:
        """The note shown for a value: its own as-of date, when it differs, and its note."""
        if value.note is None and (value.as_of is None or value.as_of == self.comparison.as_of):
            return ""
        texts = []
        if value.as_of is not None and value.as_of != self.comparison.as_of:
            texts.append(self.words.as_of_note.format(date=numbers.date(value.as_of, self.words)))
        if value.note is not None:
            texts.append(self.text(value.note))
        return " ".join(texts)

    def resolve(self, feature: Feature) -> list[tuple[str, CellKind, str, bool]]:
        """Each product's text, kind, note text and whether it is partial, for one feature,
        worked out once."""
        found = self.resolved.get(feature.id)
        if found is None:
            key = feature.id
            found = self.resolved[key] = [
                self.resolve_value(feature, product.values.get(key, NOT_STATED))
                for product in self.comparison.products
            ]
        return found

    def resolve_value(self, feature: Feature, value: Value) -> tuple[str, CellKind, str, bool]:
        """A value's text (figure, qualifier, max, or the not-stated words), kind, note text,
        and whether it is partial."""
        w = self.words
        status = value.status
        if status is Status.KNOWN:
            text = value_text(feature, value, w, self.comparison.language)
            no = value.value is False and feature.type is FeatureType.BOOLEAN
            kind = CellKind.NO if no else CellKind.KNOWN
        elif status is Status.NOT_APPLICABLE:
            text, kind = w.not_applicable, CellKind.NOT_APPLICABLE
        else:
            text, kind = w.not_stated, CellKind.NOT_STATED
        note = self.note_text(value) if value.note is not None or value.as_of is not None else ""
        return text, kind, note, value.qualifier is Qualifier.PARTIAL

    def row_cells(self, feature: Feature, best: set[str]) -> tuple[Cell, ...]:
        """The feature's cell for each product: :meth:`cell` for each, with the shared
        cells of a big matrix looked up here, without a call each."""
        plain = self.plain_cells
        cells = []
        for product, resolved in zip(self.comparison.products, self.resolve(feature), strict=True):
            text, kind, note, partial = resolved
            # The key of a shared cell, as in cell().
            cell = None if note else plain.get((text, id(kind), product.id in best, partial))
            cells.append(cell or self.cell(product, feature, resolved, best))
        return tuple(cells)

    def cell(
        self,
        product: Product,
        feature: Feature,
        resolved: tuple[str, CellKind, str, bool],
        best: set[str],
    ) -> Cell:
        text, kind, note, partial = resolved
        is_best = product.id in best
        if not note:
            # Enum members are singletons: id() spares Enum's Python-level __hash__.
            key = (text, id(kind), is_best, partial)
            cell = self.plain_cells.get(key)
            if cell is None:
                cell = self.plain_cells[key] = self.new_cell(text, kind, is_best, partial, ())
            return cell
        name = self.names.get(product.id)
        if name is None:
            name = self.names[product.id] = self.text(product.name)
        place = self.words.separator.join((name, self.text(feature.label)))
        self.kinds_used.add("note")
        return self.new_cell(text, kind, is_best, partial, self.notes.add([note], place))

    def new_cell(
        self, text: str, kind: CellKind, best: bool, partial: bool, notes: tuple[int, ...]
    ) -> Cell:
        self.kinds_used.add(kind._value_)  # what .value returns, without the descriptor call
        if best:
            self.kinds_used.add("best")
        if partial:
            self.kinds_used.add("partial")
        refs = _refs(notes) if notes else ""
        return Cell(
            text=text,
            kind=kind,
            display=_join(text, BEST_MARK if best else "", refs) if best or refs else text,
            best=best,
            partial=partial,
            notes=notes,
            refs=refs,
        )

    def best(self, feature: Feature) -> set[str]:
        """Ids of the products holding the row's best value: ties all, not-stated ignored."""
        if feature.better is None:
            return set()
        keyed = []
        currencies = set()
        for product in self.comparison.products:
            value = product.values.get(feature.id, NOT_STATED)
            if value.status is Status.KNOWN:
                key = sort_key(feature, value)
                if key is not None:
                    keyed.append((key, product.id))
                    currencies.add(value.currency or feature.currency)
        if len(keyed) < 2 or len(currencies) > 1:
            return set()
        pick = max if feature.better is Better.HIGHER else min
        top = pick(key for key, _ in keyed)
        return {pid for key, pid in keyed if key == top}

    def legend(self) -> tuple[LegendEntry, ...]:
        w = self.words
        entries = [
            ("best", BEST_MARK, w.legend_best),
            ("note", "[1]", w.legend_note),
            ("not_stated", w.not_stated, w.legend_not_stated),
            ("not_applicable", w.not_applicable, w.legend_not_applicable),
            ("no", w.no, w.legend_no),
            ("partial", w.qualifiers["partial"].format("").strip(), w.legend_partial),
        ]
        return tuple(
            LegendEntry(mark, meaning, kind)
            for kind, mark, meaning in entries
            if kind in self.kinds_used
        )

    def sources(self) -> tuple[SourceEntry, ...]:
        c = self.comparison
        w = self.words
        cited = {s for p in c.products for v in p.values.values() for s in v.source}
        chosen = [s for s in c.sources if s.id in cited] or list(c.sources)
        out = []
        for source in chosen:
            published = numbers.date(source.published, w) if source.published else ""
            accessed = numbers.date(source.accessed, w) if source.accessed else ""
            parts = [
                source.title,
                source.publisher or "",
                f"{w.published} {published}" if published else "",
                f"{w.accessed} {accessed}" if accessed else "",
            ]
            out.append(
                SourceEntry(
                    id=source.id,
                    title=source.title,
                    citation=", ".join(part for part in parts if part),
                    publisher=source.publisher or "",
                    published=source.published,
                    accessed=source.accessed,
                    published_text=published,
                    accessed_text=accessed,
                    url=source.url,
                    language=source.language or "",
                )
            )
        return tuple(out)

    def records(self, features: list[Feature]) -> tuple[Record, ...]:
        c = self.comparison
        groups = {g.id: self.text(g.label) for g in c.groups}
        labels = {f.id: (self.text(f.label), self.text(f.unit)) for f in features}
        resolved = {f.id: self.resolve(f) for f in features}
        out = []
        for index, product in enumerate(c.products):
            name = self.text(product.name)
            for feature in features:
                value = product.values.get(feature.id, NOT_STATED)
                typed, whole = self.typed(feature, value)
                text, _, note, _ = resolved[feature.id][index]
                label, unit = labels[feature.id]
                out.append(
                    Record(
                        product_id=product.id,
                        product=name,
                        feature_id=feature.id,
                        feature=label,
                        group=groups.get(feature.group or "", ""),
                        type=feature.type.value,
                        unit=unit,
                        status=value.status.value,
                        qualifier=value.qualifier.value if value.qualifier else "",
                        value=typed,
                        whole=whole,
                        max=value.max,  # type: ignore[arg-type]
                        display=text,
                        note=note,
                        sources=", ".join(value.source),
                        as_of=value.as_of or c.as_of,
                        currency=(value.currency or feature.currency or "")
                        if feature.type is FeatureType.MONEY
                        else "",
                    )
                )
        return tuple(out)

    def typed(self, feature: Feature, value: Value) -> tuple[TypedData, int | None]:
        """The figure as a spreadsheet value, and a fraction's whole: numbers stay numbers."""
        data = value.value
        if value.status is not Status.KNOWN:
            return None, None
        if isinstance(data, tuple) and feature.type is FeatureType.FRACTION:
            part, whole = data
            return int(part), int(whole)  # type: ignore[arg-type]
        if feature.type in (FeatureType.TEXT, FeatureType.LIST):
            return figure(feature, data, self.words, self.comparison.language, None), None
        assert isinstance(data, str | bool | int | float | dt.date)
        return data, None
