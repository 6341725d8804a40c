"""Presentation settings: [theme] and [[views]] from the spec to every format, the client
overrides of the command line and of customise(), and money rows that read alike."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import attrs
import openpyxl
import pytest

from comparekit import (
    Comparison,
    Feature,
    Finding,
    FormatError,
    Group,
    Logo,
    Product,
    Theme,
    Value,
    View,
    build_table,
    customise,
    dump,
    load,
    loads,
    render,
)
from comparekit.cli import main
from comparekit.layout.data import records
from comparekit.layout.theme import MIN_CONTRAST, contrast, ink_on_white, look, text_on
from comparekit.model.presentation import MAX_LOGO_BYTES, apply_view, logo_problem
from comparekit.renderers import RenderOptions
from comparekit.renderers.pdf import render_html
from comparekit.renderers.xlsx.tables import number_format
from comparekit.spec import update
from comparekit.spec.logo import read_logo


def png(width: int = 4, height: int = 2) -> bytes:
    """A small valid PNG (RGBA, all transparent)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x00" * 4 * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#123456"/></svg>'

SPEC = """\
format = 1

[comparison]
title = "Chat apps"

[[groups]]
id = "scale"
label = "Scale"

[[groups]]
id = "price"
label = "Price"

[[features]]
id = "users"
label = "Users"
type = "count"
group = "scale"

[[features]]
id = "fee"
label = "Monthly fee"
type = "money"
currency = "USD"
group = "price"

[[products]]
id = "a"
name = "A"
values = { users = 10, fee = 23 }

[[products]]
id = "b"
name = "B"
values = { users = 20, fee = 20.48 }

[[products]]
id = "c"
name = "C"
values = { users = 30, fee = 25.3 }

[theme]
brand = "#C8102E"
accent = "#FFD700"
logo = "logo.png"
footer = { en = "Confidential", ko = "대외비", zh = "机密" }

[[views]]
id = "pricing"
label = "Pricing"
products = ["c", "a"]
groups = ["price"]
"""


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    """A themed spec with a view, its PNG logo beside it."""
    (tmp_path / "logo.png").write_bytes(png())
    path = tmp_path / "chat.toml"
    path.write_text(SPEC, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- model and reader


def test_spec_reads_theme_and_views(spec: Path) -> None:
    """[theme] and [[views]] are read into Theme and View, the logo's bytes with them."""
    c = load(spec)
    assert c.theme is not None
    assert (c.theme.brand, c.theme.accent) == ("#C8102E", "#FFD700")
    assert c.theme.logo is not None
    assert c.theme.logo.data == png()
    assert c.theme.logo.kind == "png"
    assert c.theme.footer is not None
    assert c.theme.footer.text("ko", "en") == "대외비"
    assert c.views == (View(id="pricing", label="Pricing", products=["c", "a"], groups=["price"]),)


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_dump_round_trips_theme_and_views(spec: Path, fmt: str) -> None:
    """dump writes [theme] (the logo as its path) and [[views]]; they load back equal."""
    c = load(spec)
    text = dump(c, format=fmt)
    again = loads(text, name=str(spec.with_suffix(f".{fmt}")))
    assert again == c
    assert again.theme is not None
    assert again.theme.logo is not None
    assert again.theme.logo.data == png()


def test_text_without_a_file_keeps_the_logo_path_unread(spec: Path) -> None:
    """loads(text) has no folder: the logo keeps its path without bytes, equal to the file's."""
    from_text = loads(SPEC)
    assert from_text.theme is not None
    assert from_text.theme.logo == Logo("logo.png")
    assert from_text.theme.logo.data == b""
    assert from_text == load(spec)
    assert build_table(from_text).look is not None
    assert build_table(from_text).look.logo is None  # type: ignore[union-attr]


def test_no_theme_no_look() -> None:
    """A comparison without a theme lays out without a look: reports as they always were."""
    assert build_table(Comparison(title="T")).look is None


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (png(), None),
        (SVG, None),
        (png(5000, 10), "a PNG of 5000 × 10 pixels; at most 4096 each way"),
        (b"\x89PNG\r\n\x1a\n", "a broken PNG: no image header"),
        (b"%PDF-1.7", "not a PNG or SVG image (checked by content)"),
        (b"<html><body>x</body></html>", "not a PNG or SVG image (checked by content)"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handlers"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:url(http://x/y)}</style></svg>',
            "outside itself",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(\'https://x\')"/></svg>',
            "outside itself",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject/></svg>',
            "may not contain <foreignobject>",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
            "DTD or entities",
        ),
        (b"<svg", "not a well-formed SVG"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/></svg>', None),
    ],
)
def test_logo_checked_by_content(data: bytes, problem: str | None) -> None:
    """A logo is a sane PNG or a self-contained SVG without script, whatever its name."""
    found = logo_problem(data)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found


def test_logo_size_limit_and_folder(tmp_path: Path) -> None:
    """A logo over the size limit, or reached through a link out of the folder, is refused."""
    (tmp_path / "big.png").write_bytes(png() + b"\x00" * MAX_LOGO_BYTES)
    with pytest.raises(ValueError, match="the limit is 524,288"):
        read_logo("big.png", str(tmp_path))
    inner = tmp_path / "spec"
    inner.mkdir()
    (tmp_path / "outside.png").write_bytes(png())
    (inner / "link.png").symlink_to(tmp_path / "outside.png")
    with pytest.raises(ValueError, match="a link leads out of it"):
        read_logo("link.png", str(inner))
    with pytest.raises(ValueError, match="not absolute"):
        read_logo("/etc/logo.png", str(inner))


def test_apply_view_selects_and_orders() -> None:
    """A view keeps its products in its order and only the features of its groups; values,
    findings and scoring weights of what it leaves out go with them."""
    scored = SPEC.replace('type = "count"', 'type = "count"\nbetter = "higher"')
    c = loads(scored.replace('type = "money"', 'type = "money"\nbetter = "lower"'))
    c = attrs.evolve(
        c,
        findings=[
            Finding(text="C is dearest.", cells=[("c", "fee")]),
            Finding(text="B.", cells=[("b", "fee")]),
        ],
        scoring={"weights": {"users": 1, "fee": 2}},
    )
    shown = apply_view(c, c.views[0])
    assert [p.id for p in shown.products] == ["c", "a"]
    assert [f.id for f in shown.features] == ["fee"]
    assert [g.id for g in shown.groups] == ["price"]
    assert all(set(p.values) == {"fee"} for p in shown.products)
    assert [f.text.text("en", "en") for f in shown.findings] == ["C is dearest."]
    assert shown.scoring is not None
    assert [w.target for w in shown.scoring.weights] == ["fee"]
    assert shown.views == ()
    assert c.products[0].values["users"] == Value(10)  # the comparison itself is untouched


def test_views_checked_by_the_rules() -> None:
    """Unknown, repeated and duplicate view ids are problems with key paths and hints."""
    with pytest.raises(ValueError, match="problems") as error:
        Comparison(
            title="T",
            groups=[Group(id="g", label="G")],
            features=[Feature(id="users", label="U", type="count", group="g")],
            products=[Product(id="a", name="A")],
            views=[
                View(id="v", products=["b"], features=["userz"]),
                View(id="V", groups=["g", "g"]),
            ],
        )
    messages = [str(p) for p in error.value.problems]  # type: ignore[attr-defined]
    assert "<comparison>: views[v].products: unknown product 'b'" in messages
    assert (
        "<comparison>: views[v].features: unknown feature 'userz' (did you mean 'users'?)"
        in messages
    )
    assert "<comparison>: views[V].groups: 'g' is listed twice" in messages
    assert any(m.startswith("<comparison>: views[V].id: duplicate id 'V'") for m in messages)


def test_theme_checked_by_the_rules() -> None:
    """A theme built in Python is held to the spec's rules: colours, logo path and content."""
    with pytest.raises(ValueError, match="problems") as error:
        Comparison(title="T", theme=Theme(brand="red", logo=Logo("../x.png", png())))
    messages = [str(p) for p in error.value.problems]  # type: ignore[attr-defined]
    assert messages == [
        '<comparison>: theme.brand: expected a colour as #RRGGBB (six hex digits, e.g. #1F3864), got "red"',
        '<comparison>: theme.logo: a logo path must stay in the spec\'s folder: no ".." part',
    ]


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize(
    "colour", ["#FFFFFF", "#FFD700", "#C8102E", "#17324D", "#00FF00", "#777777"]
)
def test_theme_colours_stay_legible(colour: str) -> None:
    """Text on any fill and brand text on white both reach WCAG's 4.5:1."""
    assert contrast(text_on(colour), colour) >= MIN_CONTRAST
    assert contrast(ink_on_white(colour), "#FFFFFF") >= MIN_CONTRAST


def test_look_resolves_the_footer_per_language(spec: Path) -> None:
    """The footer is in the report's language; the brand colour as text is legible."""
    c = load(spec)
    assert [look(c.theme, lang, "en").footer for lang in ("en", "ko", "zh")] == [  # type: ignore[union-attr]
        "Confidential",
        "대외비",
        "机密",
    ]
    resolved = look(c.theme, "en", "en")
    assert resolved is not None
    assert (resolved.brand_text, resolved.accent_text) == ("#FFFFFF", "#000000")


def test_money_row_shares_its_decimals() -> None:
    """USD 23 / 20.48 / 25.3 read USD 23.00 / USD 20.48 / USD 25.30, and the workbook's
    number format shows the same two decimals for each."""
    table = build_table(loads(SPEC))
    (fee,) = [row for row in table.rows if row.heading.id == "fee"]
    assert [cell.text for cell in fee.cells] == ["USD 23.00", "USD 20.48", "USD 25.30"]
    fees = [r for r in records(table) if r.feature_id == "fee"]
    assert {number_format(r.type, r.value, table.words, r.decimals) for r in fees} == {"#,##0.00"}


def test_whole_money_keeps_compact_forms() -> None:
    """A money row of whole amounts keeps its compact forms; a feature's decimals still rule."""
    c = Comparison(
        title="T",
        features=[
            Feature(id="m", label="M", type="money", currency="CNY"),
            Feature(id="d", label="D", type="money", currency="CNY", decimals=0),
        ],
        products=[
            Product(id="a", name="A", values={"m": 2_000_000, "d": 2.5}),
            Product(id="b", name="B", values={"m": 500, "d": 3}),
        ],
    )
    rows = build_table(c).rows
    assert [cell.text for cell in rows[0].cells] == ["CNY 2 million", "CNY 500"]
    assert [cell.text for cell in rows[1].cells] == ["CNY 3", "CNY 3"]


# --------------------------------------------------------------------------- renderers


def test_pdf_html_carries_logo_colours_and_footer(spec: Path) -> None:
    """The cover embeds the logo as a data: URI; colours and the footer are page CSS."""
    from comparekit.renderers.pdf import _page_css

    table = build_table(load(spec))
    html = render_html(table, RenderOptions())
    assert '<img class="logo" src="data:image/png;base64,' in html
    css = _page_css(table, RenderOptions())
    assert ":root { --navy: #C8102E !important; --accent: #FFD700 !important; }" in css
    assert '@top-right { content: "Confidential"; }' in css
    plain = build_table(Comparison(title="T"))
    assert "<img" not in render_html(plain, RenderOptions())
    assert ":root" not in _page_css(plain, RenderOptions())


def test_html_page_carries_logo_colours_and_footer(spec: Path) -> None:
    """The HTML page shows the theme as the PDF does: the logo as a data: URI, the colours in
    its own style (still allowed by the policy's hash) and the footer line at its end."""
    import base64
    import hashlib
    import html
    import re

    from comparekit.renderers.html import render_html as render_page

    page = render_page(build_table(load(spec)), RenderOptions()).decode("utf-8")
    assert '<img class="logo" src="data:image/png;base64,' in page
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    assert style is not None
    assert ":root { --navy: #C8102E !important; --accent: #FFD700 !important; }" in style[1]
    digest = base64.b64encode(hashlib.sha256(style[1].encode("utf-8")).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in html.unescape(page)
    assert '<footer class="report-footer">Confidential</footer>' in page
    plain = render_page(build_table(Comparison(title="T")), RenderOptions()).decode("utf-8")
    assert '<footer class="report-footer"' not in plain
    assert "<img" not in plain


def test_pdf_embeds_the_logo(spec: Path) -> None:
    """The PDF holds the logo as an image."""
    data = render(load(spec), "pdf")
    assert b"/Subtype /Image" in data


def test_pdf_title_takes_the_brand_colour(tmp_path: Path) -> None:
    """The PDF's title is in the brand colour as text on white: a yellow brand is darkened
    to #7F6B00, which reads on white; without a theme it stays comparekit's navy."""
    import weasyprint

    from comparekit.renderers.pdf import ASSETS, AssetFetcher, _page_css

    def title_colour(c: Comparison) -> tuple[int, ...]:
        table = build_table(c)
        fetcher = AssetFetcher()
        page = weasyprint.CSS(string=_page_css(table, RenderOptions()), url_fetcher=fetcher)
        html = weasyprint.HTML(
            string=render_html(table, RenderOptions()),
            base_url=ASSETS.as_uri() + "/",
            url_fetcher=fetcher,
        )
        document = html.render(stylesheets=[page])
        boxes = document.pages[0]._page_box.descendants()
        h1 = next(box for box in boxes if box.element_tag == "h1")
        return tuple(round(part * 255) for part in h1.style["color"][:3])

    plain = Comparison(title="T")
    assert title_colour(plain) == (0x17, 0x32, 0x4D)
    assert title_colour(attrs.evolve(plain, theme=Theme(brand="#FFD700"))) == (0x7F, 0x6B, 0x00)


def test_workbook_fills_logo_and_footer(spec: Path) -> None:
    """Header cells take the brand fill with white text, group rows the accent with black
    text; the logo is on the Matrix sheet and the footer in every sheet's printed footer."""
    book = openpyxl.load_workbook(io.BytesIO(render(load(spec), "xlsx")))
    matrix = book["Matrix"]
    header = next(c for row in matrix.iter_rows() for c in row if c.value == "A")
    assert header.fill.fgColor.rgb == "00C8102E"
    assert header.font.color.rgb == "00FFFFFF"
    group = next(c for row in matrix.iter_rows() for c in row if c.value == "Scale")
    assert group.fill.fgColor.rgb == "00FFD700"
    assert group.font.color.rgb == "00000000"
    assert len(matrix._images) == 1
    assert all(ws.oddFooter.left.text == "Confidential" for ws in book.worksheets)


def test_text_reports_end_with_the_footer(spec: Path) -> None:
    """txt and md end with the footer line, in the report's language."""
    c = load(spec)
    assert render(c, "txt", lang="ko").decode().rstrip().endswith("대외비")
    assert render(c, "md").decode().endswith("---\n\nConfidential\n")


def test_svg_logo_in_pdf_only(tmp_path: Path) -> None:
    """An SVG logo is on the PDF cover; the workbook, which shows no SVG, has no image."""
    (tmp_path / "logo.svg").write_bytes(SVG)
    spec = tmp_path / "s.toml"
    spec.write_text(SPEC.replace("logo.png", "logo.svg"), encoding="utf-8")
    c = load(spec)
    assert "data:image/svg+xml;base64," in render_html(build_table(c), RenderOptions())
    book = openpyxl.load_workbook(io.BytesIO(render(c, "xlsx")))
    assert book["Matrix"]._images == []


# --------------------------------------------------------------------------- customise and the CLI


def test_customise_overrides_and_views(spec: Path, tmp_path: Path) -> None:
    """customise() picks a view, refines it, and replaces the cover and theme fields."""
    (tmp_path / "other.svg").write_bytes(SVG)
    c = customise(
        load(spec),
        view="pricing",
        products=["a"],
        title="For Acme",
        prepared_for="Acme Ltd",
        prepared_by="Us",
        footer="Strictly confidential",
        logo=tmp_path / "other.svg",
        brand="#003366",
    )
    assert [p.id for p in c.products] == ["a"]
    assert [f.id for f in c.features] == ["fee"]
    assert (c.title.text("en", "en"), c.prepared_for, c.prepared_by) == (
        "For Acme",
        "Acme Ltd",
        "Us",
    )
    assert c.theme is not None
    assert c.theme.logo is not None
    assert (c.theme.brand, c.theme.accent, c.theme.logo.kind) == ("#003366", "#FFD700", "svg")
    assert c.theme.footer is not None
    assert c.theme.footer.text("ko", "en") == "Strictly confidential"


def test_customise_names_every_bad_setting(spec: Path) -> None:
    """Every bad setting is one line of one FormatError, named, with a hint where one helps."""
    with pytest.raises(FormatError) as error:
        customise(
            load(spec),
            view="pricng",
            features=["fees"],
            accent="yellow",
            prepared_for="a\x1b[31m",
            logo="missing.png",
        )
    assert str(error.value).splitlines() == [
        "view: unknown view 'pricng' (did you mean 'pricing'?); the spec's views: pricing",
        "features: unknown feature 'fees' (did you mean 'fee'?)",
        "prepared_for: contains a control character (U+001B) at character 2",
        'accent: expected a colour as #RRGGBB (six hex digits, e.g. #1F3864), got "yellow"',
        "logo: cannot read the logo 'missing.png': No such file or directory",
    ]


def test_render_view_names_its_files(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--view writes <spec>.<view>[.<lang>].<ext>; lists alone write <spec>.custom.*."""
    out = tmp_path / "out"
    assert (
        main(
            [
                "render",
                str(spec),
                "--view",
                "pricing",
                "-f",
                "txt",
                "-o",
                str(out),
                "--lang",
                "en,ko",
            ]
        )
        == 0
    )
    assert main(["render", str(spec), "--products", "b", "-f", "md", "-o", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "chat.custom.md",
        "chat.pricing.ko.txt",
        "chat.pricing.txt",
    ]
    text = (out / "chat.pricing.txt").read_text(encoding="utf-8")
    assert text.index("| C ") < text.index("| A ")
    assert "Users" not in text
    capsys.readouterr()


def test_render_bad_client_option_is_a_usage_error(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad client option exits 2 naming the option, with no traceback and no file."""
    code = main(
        [
            "render",
            str(spec),
            "-o",
            str(tmp_path / "out"),
            "--view",
            "x",
            "--brand",
            "blue",
            "--logo",
            str(spec),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2
    assert "--view: unknown view 'x'; the spec's views: pricing" in err
    assert '--brand: expected a colour as #RRGGBB (six hex digits, e.g. #1F3864), got "blue"' in err
    assert "--logo: a logo is a .png or .svg file" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_render_overrides_the_cover(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--title, --prepared-for, --prepared-by and --footer reach the report."""
    assert (
        main(
            [
                "render",
                str(spec),
                "-f",
                "txt",
                "-o",
                str(tmp_path / "o"),
                "--title",
                "Chat apps for Acme",
                "--prepared-for",
                "Acme Ltd",
                "--prepared-by",
                "Analyst",
                "--footer",
                "Internal use only",
            ]
        )
        == 0
    )
    text = (tmp_path / "o" / "chat.txt").read_text(encoding="utf-8")
    assert text.startswith("Chat apps for Acme\n")
    assert "Prepared for Acme Ltd · Prepared by Analyst" in text
    assert text.rstrip().endswith("Internal use only")
    capsys.readouterr()


# --------------------------------------------------------------------------- the editor


def test_editor_changes_the_theme_in_place(spec: Path) -> None:
    """A changed colour is one line; a removed theme goes; a new view is appended."""
    text = spec.read_text(encoding="utf-8")
    c = load(spec)
    assert c.theme is not None
    recoloured = attrs.evolve(c, theme=attrs.evolve(c.theme, brand="#003366"))
    result = update(text, recoloured, name=str(spec))
    assert result == text.replace('brand = "#C8102E"', 'brand = "#003366"')
    without = update(text, attrs.evolve(c, theme=None), name=str(spec))
    assert "[theme]" not in without
    assert loads(without, name=str(spec)) == attrs.evolve(c, theme=None)
    more = attrs.evolve(c, views=[*c.views, View(id="all")])
    assert update(text, more, name=str(spec)) == text + '\n[[views]]\nid = "all"\n'


def test_import_into_keeps_the_theme(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The workbook does not carry the theme or views: import --into keeps the spec's own."""
    out = tmp_path / "out"
    assert main(["render", str(spec), "-f", "xlsx", "-o", str(out)]) == 0
    before = spec.read_text(encoding="utf-8")
    assert main(["import", str(out / "chat.xlsx"), "--into", str(spec)]) == 0
    assert spec.read_text(encoding="utf-8") == before
    assert "unchanged" in capsys.readouterr().out


def test_sample_theme_and_view(sample: Comparison, sample_path: Path, tmp_path: Path) -> None:
    """The sample has a theme without a logo (it stays one self-contained file), a view of
    three products, and an original PNG logo beside it for --logo."""
    assert sample.theme is not None
    assert (sample.theme.brand, sample.theme.logo) == ("#0F4C5C", None)
    (view,) = sample.views
    assert [p.id for p in apply_view(sample, view).products] == [
        "dingtalk",
        "wechat_work",
        "feishu",
    ]
    branded = customise(sample, logo=sample_path.with_name("china-remote-work-2020-logo.png"))
    assert branded.theme is not None
    assert branded.theme.logo is not None
    assert branded.theme.logo.kind == "png"
