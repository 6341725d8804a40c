"""comparekit: structured product comparisons rendered as Excel, PDF and text reports.

Describe a comparison once, in a TOML spec or with the attrs classes here, and
render the same feature matrix in every format::

    import comparekit

    comparison = comparekit.load("specs/china-remote-work-2020.toml")
    print(comparison.products[0].name.text("zh"))         # 钉钉
    comparekit.write(comparison, "reports/remote.xlsx", lang="ko")
    markdown = comparekit.render(comparison, "md").decode()
"""

from comparekit import notebook as _notebook  # noqa: F401  (how a notebook shows a comparison)
from comparekit.api import formats, render, write
from comparekit.customise import customise
from comparekit.errors import (
    ComparekitError,
    FormatError,
    MissingDependencyError,
    ModelError,
    OutputError,
    Problem,
    RenderError,
    SpecError,
)
from comparekit.frames import to_pandas
from comparekit.layout import LANGUAGES, Table, ValueRecord, build_table
from comparekit.model import (
    Better,
    Cell,
    Comparison,
    Feature,
    FeatureType,
    Finding,
    Group,
    Label,
    Missing,
    Product,
    Qualifier,
    Scale,
    Scoring,
    Show,
    Source,
    Status,
    Value,
    Weight,
)
from comparekit.model.diff import Added, Change, Modified, Part, Removed, ValueChanged, diff
from comparekit.model.presentation import Logo, Theme, View
from comparekit.model.scoring import ProductScore, Scores, Tipping, score
from comparekit.renderers import Format, RenderOptions
from comparekit.spec import Limits, dump, load, loads

__all__ = [
    "LANGUAGES",
    "Added",
    "Better",
    "Cell",
    "Change",
    "ComparekitError",
    "Comparison",
    "Feature",
    "FeatureType",
    "Finding",
    "Format",
    "FormatError",
    "Group",
    "Label",
    "Limits",
    "Logo",
    "Missing",
    "MissingDependencyError",
    "ModelError",
    "Modified",
    "OutputError",
    "Part",
    "Problem",
    "Product",
    "ProductScore",
    "Qualifier",
    "Removed",
    "RenderError",
    "RenderOptions",
    "Scale",
    "Scores",
    "Scoring",
    "Show",
    "Source",
    "SpecError",
    "Status",
    "Table",
    "Theme",
    "Tipping",
    "Value",
    "ValueChanged",
    "ValueRecord",
    "View",
    "Weight",
    "__version__",
    "build_table",
    "customise",
    "diff",
    "dump",
    "formats",
    "load",
    "loads",
    "render",
    "score",
    "to_pandas",
    "write",
]

__version__ = "0.1.0"
