"""Keep pydyf's list of page references instead of working it out for every tagged box.

WeasyPrint's tagging (``write_pdf(pdf_tags=True)``, which makes the report readable by
screen readers) asks ``pydyf.PDF.page_references[page]`` once for every box it tags, and
pydyf builds that list of every page's reference anew on each call. The time therefore
grows with boxes × pages: 0.11 s of a 50×50 report (40 pages) but 5.9 s of a 200×100 one
(317 pages, 109,367 calls), timing the property during one render (docs/performance.md).

:func:`remember` replaces the property with one that keeps the list until the document
gets a page; the list, and so the PDF, is the same bytes. It changes nothing if pydyf no
longer has the property as a plain ``property`` (a pydyf that fixed it, or changed it).

>>> import pydyf
>>> remember()
>>> pdf = pydyf.PDF()
>>> pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
>>> pdf.page_references
(b'3 0 R',)
>>> pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
>>> pdf.page_references
(b'3 0 R', b'4 0 R')
"""

from __future__ import annotations

from typing import Any

import pydyf

__all__ = ["remember"]

_KEPT = "_comparekit_page_references"


def remember() -> None:
    """Make ``pydyf.PDF.page_references`` keep its list while the pages stay the same."""
    current = pydyf.PDF.__dict__.get("page_references")
    if not isinstance(current, property) or current.fget is None:
        return
    if getattr(current.fget, "remembers", False):
        return
    work_out = current.fget

    def page_references(self: Any) -> Any:
        kids = self.pages["Kids"]
        kept = self.__dict__.get(_KEPT)
        # A page is added by extending Kids; the list is new if Kids is another list.
        if kept is None or kept[0] is not kids or kept[1] != len(kids):
            kept = self.__dict__[_KEPT] = (kids, len(kids), work_out(self))
        return kept[2]

    page_references.remembers = True  # type: ignore[attr-defined]
    page_references.__doc__ = work_out.__doc__
    pydyf.PDF.page_references = property(page_references)
