"""The keys of the spec format, table by table, in the order the format lists them.

The one list of each: the TOML and JSON readers refuse any other key, the workbook has a
column for each, and ``tests/test_schema.py`` holds the JSON Schema to them.

>>> FEATURE_KEYS[:4]
('id', 'label', 'group', 'type')
"""

from __future__ import annotations

__all__ = [
    "COMPARISON_KEYS",
    "FEATURE_KEYS",
    "GROUP_KEYS",
    "PRODUCT_KEYS",
    "SOURCE_KEYS",
    "THEME_KEYS",
    "TOP_KEYS",
    "VALUE_KEYS",
    "VIEW_KEYS",
]

TOP_KEYS = (
    "format",
    "comparison",
    "sources",
    "groups",
    "features",
    "products",
    "scoring",
    "findings",
    "theme",
    "views",
)

COMPARISON_KEYS = (
    "title",
    "subtitle",
    "as_of",
    "language",
    "summary",
    "prepared_for",
    "prepared_by",
)
SOURCE_KEYS = ("id", "title", "publisher", "published", "accessed", "url", "language")
GROUP_KEYS = ("id", "label")
FEATURE_KEYS = (
    "id",
    "label",
    "group",
    "type",
    "unit",
    "better",
    "description",
    "currency",
    "decimals",
    "source",
    "measure",
    "show",
    "chart",
)
PRODUCT_KEYS = ("id", "name", "vendor", "url", "description", "values", "source")
VALUE_KEYS = (
    "value",
    "status",
    "qualifier",
    "max",
    "as_of",
    "note",
    "source",
    "currency",
    "condition",
)
THEME_KEYS = ("brand", "accent", "logo", "footer")
VIEW_KEYS = ("id", "label", "products", "features", "groups")
