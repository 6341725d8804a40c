"""The layout stage: a comparison resolved into display cells, once, for every renderer.

All value formatting happens here: numbers and dates per language, qualifiers
in words, *not stated* and *n/a* marks, best-in-row, note numbering, the
legend and the list of sources.
"""

from comparekit.layout.build import build_table, words_for
from comparekit.layout.changes import ChangeEntry, as_json, change_entries, changes_title
from comparekit.layout.chunks import Chunk, chunks
from comparekit.layout.data import records
from comparekit.layout.table import (
    Cell,
    CellKind,
    Heading,
    LegendEntry,
    Note,
    Record,
    RecordInputs,
    Resolved,
    Row,
    Section,
    SourceEntry,
    Table,
)
from comparekit.layout.tidy import ValueRecord
from comparekit.layout.words import BEST_MARK, CHANGED_MARK, LANGUAGES, WORDS, Words

__all__ = [
    "BEST_MARK",
    "CHANGED_MARK",
    "LANGUAGES",
    "WORDS",
    "Cell",
    "CellKind",
    "ChangeEntry",
    "Chunk",
    "Heading",
    "LegendEntry",
    "Note",
    "Record",
    "RecordInputs",
    "Resolved",
    "Row",
    "Section",
    "SourceEntry",
    "Table",
    "ValueRecord",
    "Words",
    "as_json",
    "build_table",
    "change_entries",
    "changes_title",
    "chunks",
    "records",
    "words_for",
]
