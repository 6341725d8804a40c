"""The PDF's peak memory: fewer styles for WeasyPrint to keep, and the layout's garbage freed
before the PDF is written. Both give the same PDF, byte for byte.

**What peaks.** ``weasyprint.HTML.render`` works out the style of every element of the document
before it lays out the first page and keeps them all until the layout ends; ``write_pdf``
(drawing, tags, pydyf's serialisation) then takes its memory on top of what is left. Measured
at 200×100 (339 pages; ``python -m bench.pdf_phases 200x100``, the collector paused as
comparekit pauses it): 1,089 MiB at the end of ``render()``, 1,354 MiB at the peak.

**Styles of pseudo-elements that never exist.** WeasyPrint's user-agent stylesheet
(``html5_ua.css``) styles ``::marker``, ``::footnote-call``, ``::footnote-marker``,
``::note-call``, ``::note-marker`` and ``::note-callback`` of *every* element, so the cascade
makes and keeps six styles more per element: 48,000 of the 56,000 styles of a 50×50 report.
A marker exists only for a list item (``li``, the only element the stylesheet makes one), and
the note and footnote pseudo-elements only for an element that CSS floats into a note or a
footnote, which the report's stylesheets never do (``tests/test_pdf_memory.py`` checks both).
:class:`LeanHTML` gives WeasyPrint the same stylesheet with the marker rule for ``li`` alone and
without the five note rules: the same pages; at 200×100 ``render()`` ends at 636 MiB instead
of 1,089 and the peak is 954 MiB; at 50×50 the peak is 260 MiB instead of 316, and the CPU
time 0.95× (fewer styles to work out).

**The layout's garbage.** What ``render()`` no longer needs is garbage held in reference
cycles at its end: with Python's cyclic collector paused, nothing frees it, and ``write_pdf``
adds its memory on top of it. :func:`release_layout_garbage` collects it between the two, for
a document of :data:`COLLECT_FROM_PAGES` pages or more: at 200×100, 1.3 s of CPU for a peak of
885 MiB instead of 954. A small PDF's garbage is small, and collecting it would cost time
(0.3 s at 50×50) for little memory.

**Hook.** The user-agent stylesheet is what ``HTML._ua_stylesheets`` returns, a method that
WeasyPrint's API reference does not list: :class:`LeanHTML` overrides it for comparekit's own
documents only, nothing of WeasyPrint is changed for anyone else. If a WeasyPrint release drops
the method or rewrites those rules, :class:`LeanHTML` falls back to WeasyPrint's own stylesheet
(the same PDF, the memory as before), and the tests say so.
"""

from __future__ import annotations

import functools
import gc
from typing import Any

import weasyprint
from weasyprint import html as weasyprint_html
from weasyprint.css.counters import CounterStyle

__all__ = ["COLLECT_FROM_PAGES", "LeanHTML", "lean_user_agent_css", "release_layout_garbage"]

COLLECT_FROM_PAGES = 100
"""Documents of at least this many pages have their layout's garbage freed before writing."""

_DROPPED = (
    "::footnote-call",
    "::footnote-marker",
    "::note-call",
    "::note-marker",
    "::note-callback",
)
"""Rules of WeasyPrint's user-agent stylesheet for pseudo-elements the report never makes."""
_MARKER = "::marker {"
_LI_MARKER = "li::marker {"


def lean_user_agent_css(text: str) -> str | None:
    """WeasyPrint's user-agent stylesheet ``text`` with the ``::marker`` rule for list items
    alone and without the rules of note and footnote pseudo-elements; ``None`` if ``text``
    does not hold each of those rules once, on a line of its own.

    >>> lean_user_agent_css("p { x: 1 }\\n::marker { y: 2 }\\n::note-call { z: 3 }\\n")
    >>> print(lean_user_agent_css("p { x: 1 }\\n::marker { y: 2 }\\n" + "".join(
    ...     f"{rule} {{ z: 3 }}\\n" for rule in _DROPPED)))
    p { x: 1 }
    li::marker { y: 2 }
    <BLANKLINE>
    """
    lines = text.split("\n")
    markers = [i for i, line in enumerate(lines) if line.startswith(_MARKER)]
    dropped = [i for i, line in enumerate(lines) if line.startswith(_DROPPED)]
    if len(markers) != 1 or len(dropped) != len(_DROPPED):
        return None
    lines[markers[0]] = _LI_MARKER + lines[markers[0]][len(_MARKER) :]
    return "\n".join(line for i, line in enumerate(lines) if i not in dropped)


@functools.cache
def _lean_sheet() -> Any:
    """The lean user-agent stylesheet, parsed once; ``None`` if WeasyPrint's has changed."""
    own = getattr(weasyprint_html, "UA", None)
    text = lean_user_agent_css(own) if isinstance(own, str) else None
    if text is None:
        return None
    # Its counter styles are already WeasyPrint's own (UA_COUNTER_STYLE): parse into a spare.
    return weasyprint.CSS(string=text, counter_style=CounterStyle())


class LeanHTML(weasyprint.HTML):  # type: ignore[misc]  # weasyprint has no types
    """A ``weasyprint.HTML`` document styled by WeasyPrint's user-agent stylesheet without the
    rules that make styles of pseudo-elements comparekit's report never has (see the module)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
        """WeasyPrint's user-agent stylesheets, its HTML one replaced by the lean one."""
        sheets: list[Any] = super()._ua_stylesheets(forms)
        lean, own = _lean_sheet(), getattr(weasyprint_html, "UA_STYLESHEET", None)
        if lean is None or own is None:
            return sheets
        return [lean if sheet is own else sheet for sheet in sheets]


def release_layout_garbage(pages: int) -> bool:
    """Free the garbage of laying out a document of ``pages`` pages, if it is that big and
    the cyclic collector is paused; say whether it did.

    Only the young generation is collected: with the collector paused, it holds every object
    made since the pause (the layout's), and none of the caller's older objects is walked.
    With the collector running, the process's own collections take care of it.

    >>> with __import__("comparekit._gc")._gc.paused():
    ...     release_layout_garbage(COLLECT_FROM_PAGES - 1), release_layout_garbage(500)
    (False, True)
    """
    if pages < COLLECT_FROM_PAGES or gc.isenabled():
        return False
    gc.collect(0)
    return True
