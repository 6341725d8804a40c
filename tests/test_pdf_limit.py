"""The PDF work limit counts text as well as cells, and refuses before any printing.

Issue 14, class 6: 200 products with a 10,000-character text each were estimated at 200
cells and about a second, then took about 90 s and 1 GB. The estimate now weighs the text
(``comparekit.renderers.pdf.estimate``; calibration in docs/performance.md), and the limit
(``max_pdf_work``, formerly ``max_pdf_cells``, in cell equivalents) refuses such a spec up
front.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import comparekit
from bench.generate import Size, generate
from bench.measure import deadline
from comparekit import Comparison, Feature, Product, RenderError, Value, build_table
from comparekit.cli import main
from comparekit.renderers import PDF_WORK_LIMIT, RenderOptions
from comparekit.renderers import pdf as pdf_module
from comparekit.renderers.pdf import estimate


def long_values(products: int, length: int, word: str = "lorem ipsum ") -> Comparison:
    """``products`` products with one text value of ``length`` characters each."""
    text = (word * (length // len(word) + 1))[:length]
    return Comparison(
        title="Long values",
        features=[Feature(id="t", label="Text", type="text")],
        products=[Product(id=f"p{i}", name=f"P{i}", values={"t": text}) for i in range(products)],
    )


LONG = long_values(200, 10_000)
"""The spec of the issue: 200 cells, two million characters (about 70 s of CPU and 0.9 GB)."""


def work(comparison: Comparison) -> int:
    """The estimated work of ``comparison``'s PDF, in cell equivalents."""
    return estimate(build_table(comparison, None), RenderOptions()).work


def test_long_text_is_refused_before_printing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The long-text spec is refused by the default limit at once: no HTML is even made,
    and the message gives the size, pages, time and the ways out."""

    def no_html(*_args: object) -> str:
        raise AssertionError("the limit must refuse before the HTML is made")

    monkeypatch.setattr(pdf_module, "render_html", no_html)
    with deadline(30), pytest.raises(RenderError) as caught:
        comparekit.render(LONG, "pdf")
    message = str(caught.value)
    assert "200 cells (200 columns) and 2,000," in message
    assert f"the PDF limit is {PDF_WORK_LIMIT:,} cell equivalents" in message
    assert re.search(
        r": about [\d,]+ cell equivalents of work, [\d,]+ pages, taking about ", message
    )
    assert "-f xlsx" in message
    assert "split the spec" in message
    assert "--max-pdf-work" in message


def test_normal_specs_are_accepted(sample: Comparison) -> None:
    """The sample in every language and the biggest generated PDF the benchmark prints
    (200 × 100, about 40 s here) are under the default limit; 1000 × 200 is over it."""
    for lang in ("en", "ko", "zh"):
        size = estimate(build_table(sample, lang), RenderOptions())
        assert size.work < PDF_WORK_LIMIT // 50, lang
    assert work(generate(Size(200, 100), 0)) < PDF_WORK_LIMIT
    assert work(generate(Size(1000, 200), 0)) > PDF_WORK_LIMIT


def test_sample_pdf_renders_under_the_default_limit(sample: Comparison) -> None:
    """The limit lets the sample through to WeasyPrint: a PDF comes out."""
    assert comparekit.render(sample, "pdf").startswith(b"%PDF-")


def test_estimate_grows_with_text() -> None:
    """More text is more work: longer values, longer notes, and CJK or Hangul over Latin."""
    lengths = [work(long_values(12, length)) for length in (10, 1_000, 5_000, 10_000)]
    assert lengths == sorted(lengths)
    assert len(set(lengths)) == 4
    assert lengths[-1] > 50 * work(long_values(12, 10))
    notes = [
        work(
            Comparison(
                title="Notes",
                features=[Feature(id="f", label="F", type="count")],
                products=[Product(id="p", name="P", values={"f": Value(1, note="n" * length)})],
            )
        )
        for length in (10, 5_000, 10_000)
    ]
    assert notes == sorted(notes)
    assert len(set(notes)) == 3
    latin, chinese, korean = (
        work(long_values(12, 5_000, word)) for word in ("lorem ipsum ", "钉钉是平台", "원격 근무 ")
    )
    assert latin < chinese < korean


def test_estimate_counts_pages_of_long_cells() -> None:
    """A cell taller than a page counts the pages it fills, not one row's share of one."""
    short, long = (
        estimate(build_table(long_values(12, n), None), RenderOptions()) for n in (10, 10_000)
    )
    assert short.pages <= 3
    assert long.pages > 20


def test_max_pdf_cells_is_the_former_name() -> None:
    """max_pdf_cells= still sets the limit, in the constructor, in evolve and in render."""
    assert RenderOptions(max_pdf_cells=7).max_pdf_work == 7
    assert attrs.evolve(RenderOptions(max_pdf_cells=7), width=80).max_pdf_work == 7
    assert attrs.evolve(RenderOptions(max_pdf_cells=7), max_pdf_work=9).max_pdf_work == 9
    assert RenderOptions(max_pdf_cells=7) == RenderOptions(max_pdf_work=7)
    with pytest.raises(RenderError, match="the PDF limit is 10 cell equivalents"):
        comparekit.render(long_values(3, 1_000), "pdf", max_pdf_cells=10)
    assert comparekit.render(LONG, "txt", max_pdf_cells=10).startswith(b"Long values")


@pytest.mark.parametrize("flag", ["--max-pdf-work", "--max-pdf-cells"])
def test_cli_refuses_the_long_spec(
    tmp_path: Path, flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """render of the long-text spec exits 1 naming the file and the limit, writing nothing;
    the former flag sets the same limit."""
    spec = tmp_path / "long.toml"
    spec.write_text(comparekit.dump(LONG), encoding="utf-8")
    out_dir = tmp_path / "out"
    with deadline(60):
        code = main(["render", str(spec), "-f", "txt,pdf", "-o", str(out_dir), flag, "50000"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err.startswith(f"comparekit: {spec}: pdf: a PDF of this comparison would hold ")
    assert "the PDF limit is 50,000 cell equivalents" in err
    assert not out_dir.exists()
