"""Build the :class:`Table` of a comparison: the one place that decides what the reader sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from comparekit.errors import FormatError, describe
from comparekit.layout import numbers
from comparekit.layout.cells import ends_in_bracket, measure_of, value_text
from comparekit.layout.changes import change_entries, changes_title, since_text
from comparekit.layout.highlights import Highlight, ProductHighlights
from comparekit.layout.intervals import best_of
from comparekit.layout.scores import analysis
from comparekit.layout.table import (
    MAX_PLACES,
    Cell,
    CellKind,
    Heading,
    LegendEntry,
    Note,
    RecordInputs,
    Resolved,
    Row,
    Section,
    SourceEntry,
    Table,
)
from comparekit.layout.theme import look
from comparekit.layout.words import BEST_MARK, CHANGED_MARK, LANGUAGES, SOURCE_PREFIX, WORDS, Words
from comparekit.model import (
    NOT_STATED,
    Comparison,
    Feature,
    FeatureType,
    Label,
    Product,
    Qualifier,
    Show,
    Source,
    Status,
    Value,
    cited,
)
from comparekit.model.diff import ValueChanged, diff
from comparekit.model.scoring import score

if TYPE_CHECKING:
    from comparekit.layout.charts import Chart
    from comparekit.model.scoring import Scores

__all__ = ["build_table", "words_for"]


def build_table(
    comparison: Comparison,
    lang: str | None = None,
    *,
    transposed: bool = False,
    since: Comparison | None = None,
    since_date: dt.date | None = None,
) -> Table:
    """Resolve ``comparison`` into the table every renderer draws, in language ``lang``.

    Features are rows grouped by group and products are columns; ``transposed``
    swaps them (products as rows, no group rows). ``since``, an earlier edition, adds
    what changed since it (:attr:`Table.changes`, headed "What changed since" its as-of
    date, or ``since_date`` if given, or "the previous edition") and marks each changed
    cell (:attr:`Cell.changed`, with a legend entry).

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
    words = words_for(comparison, lang)
    if since is not None and not isinstance(since, Comparison):
        raise TypeError(f"since must be a Comparison (an earlier edition), got {describe(since)}")
    if since_date is not None and not isinstance(since_date, dt.date):
        raise TypeError(f"since_date must be a date or None, got {describe(since_date)}")
    builder = _Builder(comparison, words)
    if since is None:
        return builder.build(transposed)
    changes = diff(since, comparison)
    date = since_date or since.as_of
    builder.changed = {(c.product, c.feature) for c in changes if isinstance(c, ValueChanged)}
    builder.since = since_text(builder.words, date)
    return attrs.evolve(
        builder.build(transposed),
        changes_title=changes_title(builder.words, date),
        changes=change_entries(changes, since, comparison, builder.words),
    )


def words_for(comparison: Comparison, lang: str | None) -> Words:
    """The words of a report on ``comparison`` in ``lang`` (default: the comparison's
    language if comparekit speaks it, else English); :class:`FormatError` if it does not."""
    if lang is not None and not isinstance(lang, str):
        raise TypeError(f"lang must be a language tag (str) or None, got {describe(lang)}")
    language = lang or (comparison.language if comparison.language in WORDS else "en")
    if language not in WORDS:
        supported = ", ".join(LANGUAGES)
        raise FormatError(f"unsupported language {language!r}: comparekit speaks {supported}")
    return WORDS[language]


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


def _number_style(feature: Feature, products: Sequence[Product]) -> Feature:
    """``feature`` as its row shows it: money without ``decimals`` shows every amount of
    the row with the decimals of its most precise one (:func:`numbers.row_places`)."""
    if feature.type is not FeatureType.MONEY or feature.decimals is not None:
        return feature
    figures = [
        figure
        for p in products
        if (value := p.values.get(feature.id)) is not None and value.status is Status.KNOWN
        for figure in (value.value, value.max)
    ]
    decimals = numbers.row_places(figures)
    return feature if decimals is None else attrs.evolve(feature, decimals=decimals)


def _refs(numbers_: tuple[int, ...], prefix: str = "") -> str:
    if not numbers_:
        return ""
    return (
        "[" + ",".join([prefix + str(n) for n in numbers_] if prefix else map(str, numbers_)) + "]"
    )


def _join(*parts: str) -> str:
    return " ".join(filter(None, parts))


@attrs.define
class _Builder:
    comparison: Comparison
    words: Words
    notes: _Notes = attrs.field(factory=_Notes)
    kinds_used: set[str] = attrs.field(factory=set)
    resolved: dict[str, list[Resolved]] = attrs.field(factory=dict)
    """Each product's value, in product order, by feature id: worked out once for cells and
    records."""
    plain_cells: dict[tuple[str, int, bool, bool, tuple[str, ...]], Cell] = attrs.field(
        factory=dict
    )
    """Cells without notes, shared: most cells of a big matrix repeat one of a few."""
    names: dict[str, str] = attrs.field(factory=dict)
    """Product names in the report's language, by product id."""
    changed: set[tuple[str, str]] = attrs.field(factory=set)
    """The (product id, feature id) of each value changed since an earlier edition."""
    since: str = ""
    """That edition's date as shown (or "the previous edition")."""
    marks_of_sources: dict[tuple[str, ...], tuple[tuple[int, ...], str]] = attrs.field(factory=dict)
    """What :meth:`source_marks` worked out, by the ids cited."""
    cited_sources: list[Source] = attrs.field(init=False)
    """The sources listed, in the spec's order: those cited, or all if none is."""
    source_numbers: dict[str, int] = attrs.field(init=False)
    """Each listed source's number (``[S1]``), by id."""
    features: list[Feature] = attrs.field(init=False)
    """The features as shown: a money feature without ``decimals`` gets its row's
    (:func:`_number_style`)."""

    def __attrs_post_init__(self) -> None:
        c = self.comparison
        features = {f.id: f for f in reversed(c.features)}
        cites = {
            source
            for p in c.products
            for key, v in p.values.items()
            for source in (cited(v, p, features[key]) if key in features else v.source)
        }
        self.cited_sources = [s for s in c.sources if s.id in cites] or list(c.sources)
        self.source_numbers = {s.id: n for n, s in enumerate(self.cited_sources, 1) if cites}
        self.features = [_number_style(f, c.products) for f in c.features]

    def text(self, label: Label | None) -> str:
        if label is None:
            return ""
        return label.text(self.words.lang, self.comparison.language)

    def build(self, transposed: bool) -> Table:
        c = self.comparison
        w = self.words
        shown = self.ordered_features()
        features = [f for f in shown if f.show is not Show.HIGHLIGHTS]
        best = {f.id: self.best(f) for f in features}
        scores = score(c) if c.scoring else None
        if transposed:
            columns = tuple(self.feature_heading(f) for f in features)
            sections = self.product_rows(features, best)
        else:
            columns = tuple(self.product_heading(p) for p in c.products)
            sections = tuple(self.sections(features, best))
        highlights = self.highlights([f for f in shown if f.show is Show.HIGHLIGHTS])
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
            record_inputs=RecordInputs(
                c, tuple(shown), {key: tuple(found) for key, found in self.resolved.items()}
            ),
            transposed=transposed,
            highlights_title=w.highlights if highlights else "",
            highlights=highlights,
            charts=self.charts(shown, scores),
            look=look(c.theme, w.lang, c.language),
            analysis=analysis(c, scores, w, self.text, transposed),
        )

    def highlights(self, features: list[Feature]) -> tuple[ProductHighlights, ...]:
        """The facts of ``features`` (those shown as highlights) under each product that
        states any (or whose value changed since an earlier edition), after the matrix in
        reading order (so are their notes)."""
        headings: dict[str, Heading] = {}
        out = []
        for index, product in enumerate(self.comparison.products):
            items = []
            for feature in features:
                found = self.resolve(feature)[index]
                if (
                    found.kind is CellKind.NOT_STATED
                    and (product.id, feature.id) not in self.changed
                ):
                    continue  # shown only where it is news: "not stated Δ" since an edition
                heading = headings.get(feature.id)
                if heading is None:
                    heading = headings[feature.id] = self.feature_heading(feature)
                cell = self.cell(product, feature, found, set())
                label = _join(heading.text, heading.refs)
                line = self.words.highlight.format(label=label, value=cell.display)
                items.append(Highlight(heading, cell, label, line))
            if items:
                name = self.product_heading(product, notes=False)
                title = self.words.separator.join(filter(None, (name.text, name.detail)))
                out.append(ProductHighlights(name, title, tuple(items)))
        return tuple(out)

    def charts(self, features: list[Feature], scores: Scores | None) -> tuple[Chart, ...]:
        """The charts (:mod:`comparekit.layout.charts`, imported only when there are any)."""
        if scores is None and not any(f.chart for f in features):
            return ()
        from comparekit.layout.charts import charts

        return charts(self.comparison, features, scores, self.words)

    def product_rows(
        self, features: list[Feature], best: dict[str, set[str]]
    ) -> tuple[Section, ...]:
        """The transposed body: one section without a title, a row per product."""
        rows = tuple(
            Row(
                self.product_heading(p),
                tuple(self.cell(p, f, self.resolve(f)[i], best[f.id]) for f in features),
            )
            for i, p in enumerate(self.comparison.products)
        )
        return (Section("", rows),) if rows else ()

    def ordered_features(self) -> list[Feature]:
        order = {g.id: index for index, g in enumerate(self.comparison.groups)}
        last = len(order)
        return sorted(
            self.features,
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
        # A label ending in a bracket takes no unit in a second one: its cells carry it.
        unit = "" if self.unit_in_cells(feature) else self.text(feature.unit)
        description = self.text(feature.description)
        notes = self.notes.add([description] if description else [], label)
        refs = _refs(notes)
        shown = self.words.with_unit.format(label=label, unit=unit) if unit else label
        unit_text = shown.removeprefix(label)
        return Heading(
            feature.id, label, _join(shown, refs), unit_text=unit_text, notes=notes, refs=refs
        )

    def product_heading(self, product: Product, *, notes: bool = True) -> Heading:
        """A product's heading; ``notes=False`` for one named again after the matrix, whose
        description is numbered there already."""
        name = self.text(product.name)
        description = self.text(product.description) if notes else ""
        numbers_ = self.notes.add([description] if description else [], name)
        refs = _refs(numbers_)
        return Heading(
            product.id,
            name,
            _join(name, refs),
            detail=self.text(product.vendor),
            notes=numbers_,
            refs=refs,
            url=product.url,
        )

    def unit_in_cells(self, feature: Feature) -> bool:
        """Whether the feature's cells carry its unit, its heading not: where the label ends
        in a bracket (``日活跃用户数（DAU）``), so that no second bracket follows it, and in
        the highlights, which have no heading."""
        if feature.unit is None:
            return False
        return feature.show is Show.HIGHLIGHTS or ends_in_bracket(self.text(feature.label))

    def note_text(self, value: Value) -> str:
        """The note shown for a value: its own as-of date, when it differs, and its note."""
        if value.note is None and (value.as_of is None or value.as_of == self.comparison.as_of):
            return ""
        texts = []
        if value.as_of is not None and value.as_of != self.comparison.as_of:
            w = self.words
            date = value.as_of
            year_end = (date.month, date.day) == (12, 31)
            shown = w.year_end.format(year=date.year) if year_end else numbers.date(date, w)
            texts.append(w.as_of_note.format(date=shown))
        if value.note is not None:
            texts.append(self.text(value.note))
        return self.words.sentence_join.join(texts)

    def resolve(self, feature: Feature) -> list[Resolved]:
        """Each product's value of one feature as shown, worked out once."""
        found = self.resolved.get(feature.id)
        if found is None:
            found = self.resolved[feature.id] = self.resolve_row(feature)
        return found

    def resolve_row(self, feature: Feature) -> list[Resolved]:
        """Each product's value of ``feature``: its text (figure, qualifier, max, or the
        not-stated words), kind, note text, whether it is partial, and the sources it cites.

        What is the same for the whole row (unit, measure word, the words for a missing
        value) is worked out once: a 200×100 matrix has 20,000 values and 100 rows."""
        key = feature.id
        w = self.words
        lang = self.comparison.language
        measure = measure_of(feature, w, lang, self.unit_in_cells(feature))
        boolean = feature.type is FeatureType.BOOLEAN
        missing = Resolved(w.not_stated, CellKind.NOT_STATED, "", False, ())
        out = []
        for product in self.comparison.products:
            value = product.values.get(key)
            if value is None:  # left out: not stated, without note or source
                out.append(missing)
                continue
            status = value.status
            if status is Status.KNOWN:
                text = value_text(feature, value, w, lang, measure=measure)
                kind = CellKind.NO if boolean and value.value is False else CellKind.KNOWN
            elif status is Status.NOT_APPLICABLE:
                text, kind = w.not_applicable, CellKind.NOT_APPLICABLE
            else:
                text, kind = w.not_stated, CellKind.NOT_STATED
            note = (
                self.note_text(value) if value.note is not None or value.as_of is not None else ""
            )
            partial = value.qualifier is Qualifier.PARTIAL
            out.append(Resolved(text, kind, note, partial, cited(value, product, feature)))
        return out

    def row_cells(self, feature: Feature, best: set[str]) -> tuple[Cell, ...]:
        """The feature's cell for each product: :meth:`cell` for each, with the shared
        cells of a big matrix looked up here, without a call each."""
        if self.changed:  # every cell may carry the changed mark: cell() decides
            products = self.comparison.products
            return tuple(
                self.cell(product, feature, shown, best)
                for product, shown in zip(products, self.resolve(feature), strict=True)
            )
        plain = self.plain_cells
        cells = []
        for product, shown in zip(self.comparison.products, self.resolve(feature), strict=True):
            if shown.note:
                cells.append(self.unmarked_cell(product, feature, shown, best))
                continue
            # The key of a shared cell, as in unmarked_cell().
            is_best = product.id in best
            key = (shown.text, id(shown.kind), is_best, shown.partial, shown.cites)
            cell = plain.get(key)
            if cell is None:
                cell = plain[key] = self.new_cell(shown, is_best, ())
            cells.append(cell)
        return tuple(cells)

    def cell(
        self,
        product: Product,
        feature: Feature,
        shown: Resolved,
        best: set[str],
    ) -> Cell:
        cell = self.unmarked_cell(product, feature, shown, best)
        if self.changed and (product.id, feature.id) in self.changed:
            self.kinds_used.add("changed")
            marks = (cell.text, BEST_MARK if cell.best else "", CHANGED_MARK, cell.refs)
            return attrs.evolve(cell, changed=True, display=_join(*marks))
        return cell

    def unmarked_cell(
        self,
        product: Product,
        feature: Feature,
        shown: Resolved,
        best: set[str],
    ) -> Cell:
        is_best = product.id in best
        if not shown.note:
            # Enum members are singletons: id() spares Enum's Python-level __hash__.
            key = (shown.text, id(shown.kind), is_best, shown.partial, shown.cites)
            cell = self.plain_cells.get(key)
            if cell is None:
                cell = self.plain_cells[key] = self.new_cell(shown, is_best, ())
            return cell
        name = self.names.get(product.id)
        if name is None:
            name = self.names[product.id] = self.text(product.name)
        place = self.words.separator.join((name, self.text(feature.label)))
        self.kinds_used.add("note")
        return self.new_cell(shown, is_best, self.notes.add([shown.note], place))

    def new_cell(self, shown: Resolved, best: bool, notes: tuple[int, ...]) -> Cell:
        text = shown.text
        kinds = self.kinds_used
        kinds.add(shown.kind._value_)  # what .value returns, without the descriptor
        if best:
            kinds.add("best")
        if shown.partial:
            kinds.add("partial")
        sources, source_refs = self.source_marks(shown.cites) if shown.cites else ((), "")
        if notes or sources:
            refs = _join(_refs(notes), source_refs)
            display = _join(text, BEST_MARK if best else "", refs)
        else:
            refs = ""
            display = _join(text, BEST_MARK) if best else text
        return Cell(
            text=text,
            kind=shown.kind,
            display=display,
            best=best,
            partial=shown.partial,
            notes=notes,
            refs=refs,
            sources=sources,
        )

    def source_marks(self, cites: tuple[str, ...]) -> tuple[tuple[int, ...], str]:
        """The numbers of the listed sources ``cites`` names, and their marker (``[S1,S3]``),
        worked out once for each tuple of ids: the values of a product or feature without
        sources of their own share one."""
        found = self.marks_of_sources.get(cites)
        if found is None:
            numbered = self.source_numbers
            sources = tuple([numbered[s] for s in dict.fromkeys(cites) if s in numbered])
            if sources:
                self.kinds_used.add("source")
            found = self.marks_of_sources[cites] = (sources, _refs(sources, SOURCE_PREFIX))
        return found

    def best(self, feature: Feature) -> set[str]:
        """Ids of the products whose value provably beats or ties every other known value
        of the row (:func:`~comparekit.layout.intervals.best_of`)."""
        if feature.better is None:
            return set()
        products = self.comparison.products
        values = [p.values.get(feature.id, NOT_STATED) for p in products]
        return {products[index].id for index in best_of(feature, values)}

    def legend(self) -> tuple[LegendEntry, ...]:
        w = self.words
        entries = [
            ("best", BEST_MARK, w.legend_best),
            ("note", "[1]", w.legend_note),
            ("source", _refs((1,), SOURCE_PREFIX), w.legend_source),
            ("not_stated", w.not_stated, w.legend_not_stated),
            ("not_applicable", w.not_applicable, w.legend_not_applicable),
            ("no", w.no, w.legend_no),
            ("partial", w.qualifiers["partial"].format("").strip(), w.legend_partial),
            ("changed", CHANGED_MARK, w.legend_changed.format(date=self.since)),
        ]
        return tuple(
            LegendEntry(mark, meaning, kind)
            for kind, mark, meaning in entries
            if kind in self.kinds_used
        )

    def sources(self) -> tuple[SourceEntry, ...]:
        w = self.words
        out = []
        for source in self.cited_sources:
            published = numbers.date(source.published, w) if source.published else ""
            accessed = numbers.date(source.accessed, w) if source.accessed else ""
            parts = [
                source.title,
                source.publisher or "",
                w.published_on.format(date=published) if published else "",
                w.accessed_on.format(date=accessed) if accessed else "",
            ]
            citation = w.citation_join.join(part for part in parts if part)
            out.append(
                SourceEntry(
                    id=source.id,
                    title=source.title,
                    citation=citation,
                    details=citation.removeprefix(source.title),
                    number=self.source_numbers.get(source.id, 0),
                    marker=_refs((self.source_numbers[source.id],), SOURCE_PREFIX)
                    if source.id in self.source_numbers
                    else "",
                    publisher=source.publisher or "",
                    published=source.published,
                    accessed=source.accessed,
                    url=source.url,
                    language=source.language or "",
                )
            )
        return tuple(out)
