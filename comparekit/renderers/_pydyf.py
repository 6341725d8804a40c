"""pydyf, the PDF writer under WeasyPrint: each stream of comparekit's PDF compressed once,
and, in comparekit's own processes only, page references kept between pages.

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

**Page references, around comparekit's own PDF in its own processes.** WeasyPrint's tagging
asks ``pydyf.PDF.page_references[page]`` once for every box it tags, and pydyf builds that
tuple of every page's reference anew on each call: boxes × pages, 5.9 s of the 19.4 s
``write_pdf`` of a 200×100 report (317 pages). WeasyPrint does this inside ``write_pdf``,
before any documented hook sees the PDF, so only a change to the class reaches it.
:func:`kept_page_references` makes that change for the duration of one ``write_pdf`` and puts
pydyf's own property back after it, and :mod:`comparekit.jobs` uses it only where comparekit
owns the whole process (the ``comparekit`` command and its worker processes, through
:func:`comparekit.jobs.own_process`): never on import, never for :func:`comparekit.render`,
whose caller may be writing PDFs of its own in another thread.

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

import contextlib
from collections.abc import Iterator
from typing import Any

import pydyf

__all__ = ["compress_once", "kept_page_references"]

_KEPT = "_comparekit_page_references"
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


@contextlib.contextmanager
def kept_page_references() -> Iterator[None]:
    """While the block runs, ``pydyf.PDF.page_references`` keeps its tuple while the pages stay
    the same; afterwards pydyf's own property is back (even on error). Nothing is changed if
    pydyf's property is not the one this was written for.

    Only around comparekit's own PDF, in a process comparekit owns (see the module's
    docstring). The tuple is made again when a page is added, as pydyf would make it:

    >>> import pydyf
    >>> original = pydyf.PDF.__dict__["page_references"]
    >>> with kept_page_references():
    ...     pdf = pydyf.PDF(); pdf.add_page(pydyf.Dictionary())
    ...     kept = pdf.page_references; pdf.add_page(pydyf.Dictionary())
    ...     kept, pdf.page_references, pdf.page_references is pdf.page_references
    ((b'3 0 R',), (b'3 0 R', b'4 0 R'), True)
    >>> pydyf.PDF.__dict__["page_references"] is original
    True
    """
    current = pydyf.PDF.__dict__.get("page_references")
    if (
        not isinstance(current, property)
        or current.fget is None
        or getattr(current.fget, "__name__", "") != "page_references"
        or _KEPT in getattr(current.fget, "__qualname__", "")
    ):
        yield
        return
    work_out = current.fget

    def page_references(self: Any) -> Any:
        kids = self.pages["Kids"]
        kept = self.__dict__.get(_KEPT)
        # A page is added by extending Kids; the tuple is made again if its length changed.
        if kept is None or kept[0] is not kids or kept[1] != len(kids):
            kept = self.__dict__[_KEPT] = (kids, len(kids), work_out(self))
        return kept[2]

    page_references.__qualname__ = f"{_KEPT}.page_references"
    pydyf.PDF.page_references = property(page_references)
    try:
        yield
    finally:
        pydyf.PDF.page_references = current
