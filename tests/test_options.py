"""Render options: one declaration (RenderOptions) checked the same way by render, write and the CLI."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest

import comparekit
from bench.measure import deadline
from comparekit import Comparison, Feature, FormatError, Product, RenderError, RenderOptions
from comparekit.cli import main, render_command, show_command
from comparekit.renderers import (
    DEFAULT_TABLEFMT,
    MAX_WIDTH,
    MIN_WIDTH,
    ORIENTATIONS,
    PAGE_SIZES,
    render_options,
    table_formats,
)

SMALL = Comparison(
    title="Chat apps",
    features=[Feature(id="users", label="Users", type="count")],
    products=[Product(id="a", name="A", values={"users": 3}), Product(id="b", name="B")],
)

BAD: list[tuple[str, Any, str]] = [
    ("width", -1, "width must be a whole number from 40 to 1000"),
    ("width", 0, "width must be a whole number from 40 to 1000"),
    ("width", MIN_WIDTH - 1, "got 39"),
    ("width", MAX_WIDTH + 1, "got 1001"),
    ("width", True, "width must be .*; got True"),
    ("width", "80", "width must be .*; got '80'"),
    ("width", 80.0, "width must be .*; got 80.0"),
    ("page_size", "A3", "unknown page size 'A3' for page_size: choose one of A4, Letter"),
    ("page_size", "a4", "unknown page size 'a4'"),
    ("page_size", None, "unknown page size None"),
    ("orientation", "sideways", "unknown orientation 'sideways' for orientation: choose one of"),
    ("orientation", "Portrait", "unknown orientation 'Portrait'"),
    ("tablefmt", "nope", "unknown table format 'nope' for tablefmt: choose one of .*grid"),
    ("tablefmt", "md", "unknown table format 'md'"),
    ("tablefmt", 3, "unknown table format 3"),
    ("timestamp", 10**20, "timestamp must be a whole number from -62135596800 to 253402300799"),
    ("timestamp", -(10**12), "for the years 1 to 9999"),
    ("timestamp", True, "timestamp must be .*; got True"),
    ("timestamp", 1.5e9, "timestamp must be .*; got 1500000000.0"),
    ("max_pdf_work", -1, "max_pdf_work must be a whole number of 0 or more"),
    ("max_pdf_work", False, "max_pdf_work must be .*; got False"),
    ("max_pdf_work", None, "max_pdf_work must be .*; got None"),
    ("max_pdf_cells", -1, "max_pdf_cells must be a whole number of 0 or more"),
    ("max_pdf_cells", False, "max_pdf_cells must be .*; got False"),
    ("max_pdf_cells", None, "max_pdf_cells must be .*; got None"),
    ("draft", "yes", "draft must be True or False; got 'yes'"),
    ("draft", 1, "draft must be True or False; got 1"),
    ("draft", None, "draft must be True or False; got None"),
]
"""(option, bad value, what the FormatError says)."""


def paper(data: bytes) -> set[tuple[str | None, str | int | None]]:
    """Orientation and paper size of every sheet of a workbook but Data (always landscape,
    one page wide: tests/test_print.py)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        (ws.page_setup.orientation, ws.page_setup.paperSize) for ws in book if ws.title != "Data"
    }


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the CLI in-process and return (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    """The small comparison written as a spec file."""
    path = tmp_path / "chat.toml"
    path.write_text(comparekit.dump(SMALL), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the declaration


def test_defaults_are_allowed_values() -> None:
    """Every default is itself allowed, so skipping the look-up for it is safe."""
    defaults = RenderOptions()
    assert defaults.tablefmt == DEFAULT_TABLEFMT
    assert defaults.tablefmt in table_formats()
    assert defaults.page_size == PAGE_SIZES[0]
    assert defaults.orientation == ORIENTATIONS[0]
    assert attrs.evolve(defaults) == defaults


@pytest.mark.parametrize(("name", "value", "message"), BAD)
def test_render_options_refuses(name: str, value: Any, message: str) -> None:
    """RenderOptions itself refuses each bad value with a FormatError naming the option."""
    with pytest.raises(FormatError, match=message) as caught:
        RenderOptions(**{name: value})
    assert name in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(("name", "value", "message"), BAD)
def test_evolve_refuses(name: str, value: Any, message: str) -> None:
    """Changing a checked RenderOptions checks the new value too."""
    with pytest.raises(FormatError, match=message):
        attrs.evolve(RenderOptions(), **{name: value})


# ---------------------------------------------------------------- render()


@pytest.mark.parametrize("format", ["txt", "md", "xlsx", "pdf"])
@pytest.mark.parametrize(("name", "value", "message"), BAD)
def test_render_refuses_promptly(format: str, name: str, value: Any, message: str) -> None:
    """render() refuses each bad option in every format, at once, even if the format ignores it."""
    with deadline(10), pytest.raises(FormatError, match=message):
        comparekit.render(SMALL, format, **{name: value})


@pytest.mark.parametrize("width", [-1, 0])
def test_width_below_one_does_not_hang(sample: Comparison, width: int) -> None:
    """width=-1 used to loop forever and width=0 to mean 100: both are now refused at once."""
    with deadline(10), pytest.raises(FormatError, match="width must be a whole number"):
        comparekit.render(sample, "txt", width=width)


def test_huge_timestamp_is_a_format_error() -> None:
    """A timestamp past the year 9999 is refused up front, not an OverflowError inside."""
    with pytest.raises(FormatError, match="timestamp must be"):
        comparekit.render(SMALL, "xlsx", timestamp=10**20)


@pytest.mark.parametrize("width", [MIN_WIDTH, 60, MAX_WIDTH, None])
def test_render_width(width: int | None) -> None:
    """Every width in range is taken; None is 100 columns."""
    text = comparekit.render(SMALL, "txt", width=width).decode("utf-8")
    expected = comparekit.render(SMALL, "txt", width=width or 100).decode("utf-8")
    assert text == expected
    assert max(map(len, text.splitlines())) <= (width or 100)


@pytest.mark.parametrize("tablefmt", ["grid", "simple", "github", "psql"])
def test_render_tablefmt(tablefmt: str) -> None:
    """Each tabulate format draws the txt table as before: only its own frame differs."""
    text = comparekit.render(SMALL, "txt", tablefmt=tablefmt).decode("utf-8")
    assert ("+--" in text) == (tablefmt in {"grid", "psql"})


@pytest.mark.parametrize("page_size", PAGE_SIZES)
@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_render_xlsx_paper(page_size: str, orientation: str) -> None:
    """Every allowed paper and orientation reaches the workbook's print setup."""
    data = comparekit.render(SMALL, "xlsx", page_size=page_size, orientation=orientation)
    assert paper(data) == {(orientation, {"A4": 9, "Letter": 1}[page_size])}


@pytest.mark.parametrize(
    ("stamp", "year"), [(-62135596800, 1), (0, 1970), (1_600_000_000, 2020), (253402300799, 9999)]
)
def test_render_timestamp_range(stamp: int, year: int) -> None:
    """The first and last representable seconds render; the stamp shows in the workbook."""
    book = openpyxl.load_workbook(io.BytesIO(comparekit.render(SMALL, "xlsx", timestamp=stamp)))
    assert book.properties.created.year == year


def test_render_max_pdf_cells_reaches_the_pdf() -> None:
    """A valid limit is the PDF renderer's to apply: 1 cell refuses a two-cell matrix."""
    with pytest.raises(RenderError, match="the PDF limit is 1 cell equivalents"):
        comparekit.render(SMALL, "pdf", max_pdf_cells=1)


def test_options_object_and_keywords_combine() -> None:
    """options= and keywords give the same bytes; a keyword overrides the object's field."""
    options = RenderOptions(width=60, tablefmt="simple")
    by_object = comparekit.render(SMALL, "txt", options=options)
    assert by_object == comparekit.render(SMALL, "txt", width=60, tablefmt="simple")
    assert comparekit.render(SMALL, "txt", options=options, tablefmt="grid") == comparekit.render(
        SMALL, "txt", width=60
    )


def test_unknown_keyword_and_wrong_options_are_type_errors() -> None:
    """A misspelt option or a non-RenderOptions ``options`` is a TypeError that says what is allowed."""
    with pytest.raises(TypeError, match="unknown render option 'widht': the options are width, "):
        comparekit.render(SMALL, "txt", widht=80)
    with pytest.raises(TypeError, match="options must be a RenderOptions, not dict"):
        comparekit.render(SMALL, "txt", options={"width": 80})  # type: ignore[arg-type]
    assert render_options() == RenderOptions()


# ---------------------------------------------------------------- write()


@pytest.mark.parametrize("suffix", [".txt", ".xlsx"])
@pytest.mark.parametrize(("name", "value", "message"), BAD)
def test_write_refuses_and_writes_nothing(
    tmp_path: Path, suffix: str, name: str, value: Any, message: str
) -> None:
    """write() refuses each bad option before anything is written."""
    target = tmp_path / f"report{suffix}"
    with deadline(10), pytest.raises(FormatError, match=message):
        comparekit.write(SMALL, target, **{name: value})
    assert list(tmp_path.iterdir()) == []


def test_write_takes_every_option(tmp_path: Path) -> None:
    """write() takes each option render() takes, tablefmt included (it once lacked it)."""
    text = comparekit.write(SMALL, tmp_path / "r.txt", width=50, tablefmt="simple")
    assert text.read_bytes() == comparekit.render(SMALL, "txt", width=50, tablefmt="simple")
    book = comparekit.write(
        SMALL, tmp_path / "r.xlsx", page_size="Letter", orientation="portrait", timestamp=0
    )
    assert paper(book.read_bytes()) == {("portrait", 1)}
    with pytest.raises(RenderError, match="the PDF limit is 1 cell equivalents"):
        comparekit.write(SMALL, tmp_path / "r.pdf", max_pdf_cells=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt", "r.xlsx"]


# ---------------------------------------------------------------- the command line


def test_cli_defaults_are_render_options_defaults() -> None:
    """The commands' defaults and choices are RenderOptions', not a second copy."""
    params = {p.name: p for p in [*render_command.params, *show_command.params]}
    defaults = RenderOptions()
    for name in ("width", "page_size", "orientation", "max_pdf_work", "tablefmt"):
        assert params[name].default == getattr(defaults, name), name
    assert tuple(params["page_size"].type.choices) == PAGE_SIZES  # type: ignore[attr-defined]
    assert tuple(params["orientation"].type.choices) == ORIENTATIONS  # type: ignore[attr-defined]
    width = params["width"].type
    assert (width.min, width.max) == (MIN_WIDTH, MAX_WIDTH)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--width", "-1"], "Invalid value for '--width': -1 is not in the range 40<=x<=1000"),
        (["--width", "0"], "Invalid value for '--width': 0 is not in the range"),
        (["--width", "1001"], "Invalid value for '--width'"),
        (["--width", "wide"], "Invalid value for '--width'"),
        (["--page-size", "A3"], "Invalid value for '--page-size': 'A3' is not one of"),
        (["--orientation", "sideways"], "Invalid value for '--orientation'"),
        (["--max-pdf-cells", "-1"], "Invalid value for '--max-pdf-cells'"),
    ],
)
def test_cli_render_refuses_bad_options(
    spec: Path, tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """render exits 2 with click's usage message for a bad option, and writes nothing."""
    out_dir = tmp_path / "out"
    with deadline(10):
        code, out, err = run(
            ["render", str(spec), "-f", "txt,xlsx", "-o", str(out_dir), *args], capsys
        )
    assert (code, out) == (2, "")
    assert message in err
    assert not out_dir.exists()


def test_cli_show_refuses_bad_width(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show exits 2 for a width out of range, as render does."""
    code, out, err = run(["show", str(spec), "--width", "-1"], capsys)
    assert (code, out) == (2, "")
    assert "Invalid value for '--width': -1 is not in the range 40<=x<=1000" in err


def test_cli_show_refuses_bad_tablefmt(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """show exits 2 for an unknown table format, naming the tabulate formats and md."""
    code, out, err = run(["show", str(spec), "--tablefmt", "nope"], capsys)
    assert (code, out) == (2, "")
    assert "Invalid value for '--tablefmt': unknown table format 'nope'" in err
    assert "choose one of " in err
    assert err.rstrip().endswith("mediawiki, csv, tsv, or md")


def test_cli_render_takes_valid_options(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Valid values reach the reports: paper (any case), orientation and width."""
    args = ["render", str(spec), "-f", "txt,xlsx", "-o", str(tmp_path), "--width", "40"]
    code, _, _ = run([*args, "--page-size", "letter", "--orientation", "portrait"], capsys)
    assert code == 0
    assert paper((tmp_path / "chat.xlsx").read_bytes()) == {("portrait", 1)}
    text = (tmp_path / "chat.txt").read_bytes()
    assert text == comparekit.render(SMALL, "txt", width=40)


def test_cli_max_pdf_cells_reaches_the_pdf(
    spec: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A valid --max-pdf-cells is applied by the PDF renderer: exit 1, nothing written."""
    code, _, err = run(
        ["render", str(spec), "-f", "pdf", "-o", str(tmp_path / "o"), "--max-pdf-cells", "1"],
        capsys,
    )
    assert code == 1
    assert "the PDF limit is 1 cell equivalents" in err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("tablefmt", ["simple", "md"])
def test_cli_show_takes_valid_tablefmt(
    spec: Path, tablefmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """show prints a tabulate format as txt, and md as the Markdown report."""
    code, out, _ = run(["show", str(spec), "--tablefmt", tablefmt, "--width", "60"], capsys)
    assert code == 0
    if tablefmt == "md":
        expected = comparekit.render(SMALL, "md")
    else:
        expected = comparekit.render(SMALL, "txt", width=60, tablefmt="simple")
    assert out == expected.decode("utf-8")


@pytest.mark.parametrize(("columns", "width"), [("20", MIN_WIDTH), ("5000", MAX_WIDTH), ("70", 70)])
def test_cli_show_fits_the_terminal_within_range(
    spec: Path,
    columns: str,
    width: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """show without --width uses the terminal's width, brought within 40..1000 columns."""
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = run(["show", str(spec)], capsys)
    assert code == 0
    assert out == comparekit.render(SMALL, "txt", width=width).decode("utf-8")
