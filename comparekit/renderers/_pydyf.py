"""pydyf, the PDF writer under WeasyPrint: each stream of comparekit's PDF compressed once.

**Why.** With a file identifier (``write_pdf(pdf_identifier=True)``, which gives the report
its stable ``/ID``), ``pydyf.PDF.write`` serialises every object a second time to hash it,
and serialising a stream compresses it again (zlib, level 9). :func:`compress_once`, handed
to WeasyPrint's documented ``write_pdf(finisher=...)`` hook, compresses each stream of *this*
PDF once, before the write, and stores the result as the stream's content with its
``/FlateDecode`` filter already set: pydyf then writes those bytes as they are, the same
bytes as it would have made. Writing a tagged 50×50 report takes 0.15 s less CPU (1.66 s →
1.51 s; docs/performance.md has the command).

**Scope.** Only the objects of the ``pydyf.PDF`` WeasyPrint made for comparekit's call are
changed; no class or module attribute of pydyf or WeasyPrint is touched, so other code in
the process writes PDFs exactly as before (``tests/test_dependencies.py``).

**When it can go.** When pydyf's ``write`` hashes the bytes it has just written instead of
serialising every object again (or keeps each stream's bytes itself). A stream whose
serialisation does not have the shape this module expects is left alone; ``tests`` compare
the PDF with and without it byte for byte (``test_compressed_once_gives_the_same_pdf``).

>>> import io, pydyf
>>> pdf = pydyf.PDF()
>>> content = pydyf.Stream([b"0 0 m 1 1 l S"], compress=True)
>>> pdf.add_object(content)
>>> compress_once(None, pdf)
>>> content.compress, content.extra["Filter"]
(False, '/FlateDecode')
"""

from __future__ import annotations

from typing import Any

import pydyf

__all__ = ["compress_once"]

_STREAM = b"\nstream\n"
_END = b"\nendstream"
_FILTER = "/FlateDecode"


def compress_once(document: object, pdf: Any) -> None:
    """Replace each compressed stream's content of ``pdf`` by its compressed bytes.

    A ``finisher`` for ``weasyprint.Document.write_pdf``: called with the document and the
    ``pydyf.PDF`` about to be written.
    """
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Stream) and obj.compress:
            _store_compressed(obj)


def _store_compressed(stream: Any) -> None:
    """Make ``stream`` hold its compressed bytes, if its serialisation is as expected."""
    if "Filter" in stream.extra:  # pydyf would replace it: keep pydyf's own path
        return
    serialised: bytes = stream.data  # compressed here, once
    head, separator, rest = serialised.partition(_STREAM)
    if not separator or not rest.endswith(_END):
        return
    body = rest[: -len(_END)]
    if not head.endswith(b"/Filter /FlateDecode/Length %d>>" % len(body)):
        return
    extra = dict(stream.extra)
    extra["Filter"] = _FILTER
    stream.stream = [body]
    stream.extra = extra
    stream.compress = False
