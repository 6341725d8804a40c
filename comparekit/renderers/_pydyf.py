"""Two speed fixes for pydyf, the PDF writer under WeasyPrint; the PDF stays the same bytes.

**Page references.** WeasyPrint's tagging (``write_pdf(pdf_tags=True)``, which makes the
report readable by screen readers) asks ``pydyf.PDF.page_references[page]`` once for every
box it tags, and pydyf builds that list of every page's reference anew on each call. The
time therefore grows with boxes × pages: 0.11 s of a 50×50 report (40 pages) but 5.9 s of a
200×100 one (317 pages, 109,367 calls), timing the property during one render.
:func:`keep_page_references` keeps the list until the document gets a page.

**Streams written once.** With a file identifier (``write_pdf(pdf_identifier=True)``,
which gives the report its stable ``/ID``), ``pydyf.PDF.write`` serialises every object a
second time to hash it, and a stream's serialisation compresses it again (zlib, level 9):
0.22 s of the 1.8 s that writing a tagged 50×50 report takes. :func:`write_streams_once`
keeps each stream's bytes for the rest of the ``write`` call that made them.

Both are measured in docs/performance.md. Each changes nothing if pydyf no longer has
what it replaces as it expects (a pydyf that fixed it, or changed it); :func:`apply` does
both, once.

>>> import pydyf
>>> apply()
>>> pdf = pydyf.PDF()
>>> pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
>>> pdf.page_references
(b'3 0 R',)
>>> pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
>>> pdf.page_references
(b'3 0 R', b'4 0 R')
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

import pydyf

__all__ = ["apply", "keep_page_references", "write_streams_once"]

_KEPT = "_comparekit_page_references"
_MARK = "comparekit_fix"


def _replaceable(owner: type, name: str) -> Callable[..., Any] | None:
    """The function behind ``owner.name`` (a property's getter), unless already replaced."""
    current = owner.__dict__.get(name)
    function = current.fget if isinstance(current, property) else current
    if not callable(function) or getattr(function, _MARK, False):
        return None
    return function


def _mark(function: Callable[..., Any], original: Callable[..., Any]) -> Callable[..., Any]:
    functools.update_wrapper(function, original)
    setattr(function, _MARK, True)
    return function


def keep_page_references() -> None:
    """Make ``pydyf.PDF.page_references`` keep its list while the pages stay the same."""
    if not isinstance(pydyf.PDF.__dict__.get("page_references"), property):
        return
    work_out = _replaceable(pydyf.PDF, "page_references")
    if work_out is None:
        return

    def page_references(self: Any) -> Any:
        kids = self.pages["Kids"]
        kept = self.__dict__.get(_KEPT)
        # A page is added by extending Kids; the list is new if Kids is another list.
        if kept is None or kept[0] is not kids or kept[1] != len(kids):
            kept = self.__dict__[_KEPT] = (kids, len(kids), work_out(self))
        return kept[2]

    pydyf.PDF.page_references = property(_mark(page_references, work_out))


_writing = threading.local()
"""``streams``: during a ``write`` call in this thread, each stream's bytes by ``id``."""


def write_streams_once() -> None:
    """Make ``pydyf.PDF.write`` work out each stream's bytes (and compress it) only once."""
    if not isinstance(pydyf.Stream.__dict__.get("data"), property):
        return
    serialise = _replaceable(pydyf.Stream, "data")
    write = _replaceable(pydyf.PDF, "write")
    if serialise is None or write is None:
        return

    def data(self: Any) -> Any:
        made = getattr(_writing, "streams", None)
        if made is None:  # outside write: a stream may still change
            return serialise(self)
        # The stream is kept with its bytes, so its id cannot be reused during the call.
        kept = made.get(id(self))
        if kept is None or kept[0] is not self:
            kept = made[id(self)] = (self, serialise(self))
        return kept[1]

    def write_pdf(self: Any, *args: Any, **kwargs: Any) -> Any:
        outer = getattr(_writing, "streams", None)
        _writing.streams = {}
        try:
            return write(self, *args, **kwargs)
        finally:
            _writing.streams = outer

    pydyf.Stream.data = property(_mark(data, serialise))
    pydyf.PDF.write = _mark(write_pdf, write)


def apply() -> None:
    """Both fixes (each at most once, however often this is called)."""
    keep_page_references()
    write_streams_once()
