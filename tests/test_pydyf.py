"""comparekit's PDF streams compressed once: the same bytes as pydyf alone, fewer compressions."""

from __future__ import annotations

import io
import zlib
from types import SimpleNamespace
from typing import Any

import pydyf
import pytest

from comparekit import Comparison, Feature, Product, Value, build_table
from comparekit.renderers import RenderOptions
from comparekit.renderers import pdf as pdf_module
from comparekit.renderers._pydyf import compress_once


def small_pdf() -> tuple[pydyf.PDF, pydyf.Stream]:
    pdf = pydyf.PDF()
    content = pydyf.Stream([b"0 0 m 1 1 l S", 2.5, "BT"], {"Type": "/XObject"}, compress=True)
    pdf.add_object(content)
    pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Contents": content.reference}))
    return pdf, content


def written(pdf: pydyf.PDF) -> bytes:
    out = io.BytesIO()
    pdf.write(out, identifier=True, compress=True)
    return out.getvalue()


def test_streams_are_compressed_once_per_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the finisher, the page's stream is compressed once; pydyf alone compresses it twice."""
    compressions = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        compressions.append(1)
        return zlib.compressobj(*args, **kwargs)

    monkeypatch.setattr(pydyf, "zlib", SimpleNamespace(compressobj=counted))
    plain = written(small_pdf()[0])
    # Three streams: the page's, the object stream and the cross-reference stream. pydyf
    # alone compresses the first two again to hash them for the identifier: five.
    assert len(compressions) == 5
    compressions.clear()
    pdf, _ = small_pdf()
    compress_once(None, pdf)
    assert written(pdf) == plain
    # The object stream is made inside ``write``, out of the finisher's reach: still twice.
    assert len(compressions) == 4
    assert plain.count(b"/FlateDecode") == 3


def test_a_stream_with_its_own_filter_is_left_to_pydyf() -> None:
    """A stream that already names a filter (pydyf replaces it) keeps pydyf's own path."""
    plain, own = small_pdf()
    own.extra["Filter"] = "/DCTDecode"
    pdf, content = small_pdf()
    content.extra["Filter"] = "/DCTDecode"
    compress_once(None, pdf)
    assert content.compress is True
    assert written(pdf) == written(plain)


def test_compressed_once_gives_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A tagged multi-page report is the same bytes with the finisher and without it."""
    features = [Feature(id=f"f{i}", label=f"Feature {i}", type="count") for i in range(60)]
    products = [
        Product(
            id=f"p{j}",
            name=f"钉钉 {j}",
            values={f.id: Value(i * j) for i, f in enumerate(features)},
        )
        for j in range(8)
    ]
    table = build_table(Comparison(title="Pages", features=features, products=products))
    stored = []

    def counting(document: object, pdf: Any) -> None:
        compress_once(document, pdf)
        stored.extend(o for o in pdf.objects if isinstance(o, pydyf.Stream) and not o.compress)

    monkeypatch.setattr(pdf_module, "compress_once", counting)
    once = pdf_module.render_pdf(table, RenderOptions())
    assert len(stored) > 5  # a page's content, fonts, ...: the finisher did its work
    monkeypatch.setattr(pdf_module, "compress_once", lambda document, pdf: None)
    assert pdf_module.render_pdf(table, RenderOptions()) == once
