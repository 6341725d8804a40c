"""The presentation parts of a comparison: its look (``[theme]``) and its views (``[[views]]``).

Model data like the rest: frozen attrs classes that convert what they can and refuse a
field of the wrong type; :mod:`comparekit.model.rules` checks the rest (colour syntax, a
logo's content, view ids that exist). The layout reads them; a renderer maps them onto
its medium. A view selects and orders the products, features and groups of a comparison
(:func:`apply_view`): it never copies the spec.

>>> t = Theme(brand="#17324D", footer={"en": "Confidential", "ko": "대외비"})
>>> t.brand, t.footer.text("ko", "en")
('#17324D', '대외비')
>>> View(id="short", products=["a"]).products
('a',)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from comparekit.errors import describe
from comparekit.model.fields import (
    OPTIONAL_LABEL,
    OPTIONAL_TEXT,
    TEXT,
    Found,
    _array,
    none_or,
    refuse_wrong_types,
    takes,
    to_array,
    to_optional_label,
    to_part,
)
from comparekit.model.kinds import Label

if TYPE_CHECKING:
    from comparekit.model.comparison import Comparison

__all__ = [
    "COLOUR",
    "MAX_LOGO_BYTES",
    "Logo",
    "Theme",
    "View",
    "a_theme",
    "apply_view",
    "colour_problem",
    "logo_kind",
    "logo_path_problem",
    "logo_problem",
    "to_theme",
]

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
"""A colour as ``#RRGGBB``."""
MAX_LOGO_BYTES = 512 * 1024
"""The largest logo file taken: a cover logo is a few kilobytes."""
MAX_LOGO_PIXELS = 4096
"""The largest width or height of a PNG logo, in pixels."""
_PNG = b"\x89PNG\r\n\x1a\n"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)


def colour_problem(value: str) -> str | None:
    """Why ``value`` is not a ``#RRGGBB`` colour, or None.

    >>> colour_problem("#1f3864"), colour_problem("navy")
    (None, 'expected a colour as #RRGGBB (six hex digits, e.g. #1F3864), got "navy"')
    """
    if COLOUR.match(value):
        return None
    return f"expected a colour as #RRGGBB (six hex digits, e.g. #1F3864), got {describe(value)}"


def logo_path_problem(path: str) -> str | None:
    """Why ``path`` cannot name a logo: it must be relative to the spec's folder and stay
    in it (no absolute path, no ``..``, no URL), and name a ``.png`` or ``.svg`` file.

    >>> logo_path_problem("logo.svg"), logo_path_problem("../x.png")
    (None, 'a logo path must stay in the spec\\'s folder: no ".." part')
    """
    if not path.strip():
        return "must not be empty"
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", path):
        return "a logo is a local file next to the spec, never a URL"
    if path.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", path):
        return "a logo path must be relative to the spec's folder, not absolute"
    if ".." in re.split(r"[/\\]", path):
        return 'a logo path must stay in the spec\'s folder: no ".." part'
    if not path.lower().endswith((".png", ".svg")):
        return "a logo is a .png or .svg file"
    return None


def logo_kind(data: bytes) -> str:
    """``"png"`` or ``"svg"`` by content (the PNG signature, else SVG)."""
    return "png" if data.startswith(_PNG) else "svg"


def logo_problem(data: bytes) -> str | None:
    """Why ``data`` is not a logo comparekit embeds, or None: a PNG (by its signature, with
    a sane size) or an SVG, parsed safely (defusedxml: no DTD, no entities), with no script,
    no event handler, no foreign object and no reference outside the file.

    >>> logo_problem(b"GIF89a"), logo_problem(b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    ('not a PNG or SVG image (checked by content)', None)
    """
    if len(data) > MAX_LOGO_BYTES:
        return f"the logo is {len(data):,} bytes; the limit is {MAX_LOGO_BYTES:,}"
    if data.startswith(_PNG):
        return _png_problem(data)
    head = data.lstrip()[:512].lower()
    if not (head.startswith(b"<") and b"<svg" in data.lower()):
        return "not a PNG or SVG image (checked by content)"
    return _svg_problem(data)


def _png_problem(data: bytes) -> str | None:
    if len(data) < 33 or data[12:16] != b"IHDR":
        return "a broken PNG: no image header"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if not (0 < width <= MAX_LOGO_PIXELS and 0 < height <= MAX_LOGO_PIXELS):
        return f"a PNG of {width} × {height} pixels; at most {MAX_LOGO_PIXELS} each way"
    return None


def _svg_problem(data: bytes) -> str | None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        return "an SVG with a DTD or entities is refused"
    except (ParseError, ValueError, UnicodeError) as error:
        return f"not a well-formed SVG: {error}"
    if root.tag not in (f"{_SVG_NS}svg", "svg"):
        return "not an SVG image: its root element is not <svg>"
    for element in root.iter():
        name = str(element.tag).rsplit("}", 1)[-1].lower()
        if name in ("script", "foreignobject", "iframe", "object", "embed", "audio", "video"):
            return f"an SVG logo may not contain <{name}>"
        for key, value in element.attrib.items():
            attribute = key.rsplit("}", 1)[-1].lower()
            if attribute.startswith("on"):
                return f"an SVG logo may not have event handlers ({attribute})"
            if attribute in ("href", "src") and not value.strip().startswith("#"):
                return "an SVG logo may not refer to anything outside itself (href)"
            if _external(value):
                return "an SVG logo may not refer to anything outside itself (url())"
        if name == "style" and (_external(element.text or "") or "@import" in (element.text or "")):
            return "an SVG logo may not refer to anything outside itself (style)"
    return None


def _external(text: str) -> bool:
    return any(not ref.startswith("#") for ref in _URL.findall(text))


def _bytes(value: object) -> Found | None:
    if isinstance(value, bytes):
        return None
    return [((), f"expected the logo's bytes, got {describe(value)}")]


@attrs.frozen
class Logo:
    """A logo: the path the spec gives (relative to the spec's folder) and the file's bytes,
    read when the spec is read from a file (:func:`comparekit.spec.logo.read_logo`).

    Two logos are equal when their paths are: a spec read from text without a file name
    (``loads(text)``) has no folder to read the file from, so its logo keeps the path with
    no bytes (``data == b""``), and reports show no logo, yet it equals the same spec
    loaded from its file.
    """

    path: str = attrs.field(metadata=TEXT)
    data: bytes = attrs.field(default=b"", eq=False, repr=False, metadata=takes(_bytes, bytes))

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)

    @property
    def kind(self) -> str:
        """``"png"`` or ``"svg"``, by content."""
        return logo_kind(self.data)


def _a_logo(value: object) -> Found | None:
    if value is None or isinstance(value, Logo):
        return None
    return [((), f"expected a Logo, got {describe(value)}")]


@attrs.frozen
class Theme:
    """How the reports look: a brand colour (headers, title) and an accent colour (group
    rows, rules), each ``#RRGGBB``; a logo for the cover; a footer line on every page."""

    brand: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    accent: str | None = attrs.field(default=None, metadata=OPTIONAL_TEXT)
    logo: Logo | None = attrs.field(default=None, metadata=takes(_a_logo, Logo, type(None)))
    footer: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


def _ids(value: object) -> Found | None:
    return _array(value, str, "an array of ids", "an id (a string)")


IDS = takes(_ids)


@attrs.frozen
class View:
    """A named selection of the comparison: which products, features and groups it shows,
    in the order given (an empty list: all, in the spec's order)."""

    id: str = attrs.field(metadata=TEXT)
    label: Label | None = attrs.field(
        default=None, converter=to_optional_label, metadata=OPTIONAL_LABEL
    )
    products: tuple[str, ...] = attrs.field(default=(), converter=to_array, metadata=IDS)
    features: tuple[str, ...] = attrs.field(default=(), converter=to_array, metadata=IDS)
    groups: tuple[str, ...] = attrs.field(default=(), converter=to_array, metadata=IDS)

    def __attrs_post_init__(self) -> None:
        refuse_wrong_types(self)


_theme = to_part(Theme)


def to_theme(value: object) -> Any:
    """A :class:`Theme` from a table of its fields; None, a Theme or anything else as given."""
    return _theme(value)


a_theme = none_or(Theme)
"""None or a :class:`Theme`."""


def _picked(items: Iterable[Any], ids: tuple[str, ...]) -> list[Any]:
    by_id = {item.id: item for item in items}
    return [by_id[i] for i in dict.fromkeys(ids) if i in by_id]


def apply_view(comparison: Comparison, view: View) -> Comparison:
    """The comparison as ``view`` shows it: its products, features and groups, in the
    view's order; a feature outside the view's groups (when it names groups) left out.

    The rest follows: findings that refer to a cell left out are left out, scoring
    keeps the weights and scales of what is shown, and the views themselves are dropped
    (a client's report names no other client's view). Ids the comparison lacks are
    skipped: :mod:`comparekit.model.rules` reports them for a spec's views.

    >>> from comparekit import Comparison, Feature, Product
    >>> c = Comparison(title="T", features=[Feature(id="f", label="F", type="count")],
    ...                products=[Product(id="a", name="A"), Product(id="b", name="B")])
    >>> [p.id for p in apply_view(c, View(id="v", products=["b", "a"])).products]
    ['b', 'a']
    """
    products = _picked(comparison.products, view.products) if view.products else None
    features = list(comparison.features)
    if view.features:
        features = _picked(features, view.features)
    groups = list(comparison.groups)
    if view.groups:
        groups = _picked(groups, view.groups)
        kept = {g.id for g in groups}
        features = [f for f in features if f.group in kept]
    shown_products = {p.id for p in (products or comparison.products)}
    shown_features = {f.id for f in features}
    findings = [
        f
        for f in comparison.findings
        if all(c.product in shown_products and c.feature in shown_features for c in f.cells)
    ]
    scoring = comparison.scoring
    if scoring is not None:
        targets = shown_features | {g.id for g in groups}
        weights = [w for w in scoring.weights if w.target in targets]
        scales = [s for s in scoring.scales if s.feature in shown_features]
        scoring = attrs.evolve(scoring, weights=weights, scales=scales) if weights else None
    shown = [
        attrs.evolve(p, values={k: v for k, v in p.values.items() if k in shown_features})
        for p in (products if products is not None else comparison.products)
    ]
    return attrs.evolve(
        comparison,
        products=shown,
        features=features,
        groups=groups,
        findings=findings,
        scoring=scoring,
        views=(),
    )
