"""One comparison, shown for one client: a view of it, and its cover and theme overridden.

What ``comparekit render --view``, ``--products``, ``--title``, ``--logo``... do, for
Python: :func:`customise` returns a new :class:`~comparekit.Comparison`; the spec is never
copied or changed. A bad value raises :class:`~comparekit.FormatError` naming the setting.

>>> from comparekit import Comparison, Feature, Product, customise
>>> c = Comparison(title="Chat apps", features=[Feature(id="users", label="Users", type="count")],
...                products=[Product(id="a", name="A"), Product(id="b", name="B")])
>>> client = customise(c, products=["b"], prepared_for="Acme Ltd", footer="Confidential")
>>> [p.id for p in client.products], client.prepared_for, client.theme.footer.text("en", "en")
(['b'], 'Acme Ltd', 'Confidential')
>>> customise(c, products=["c"])
Traceback (most recent call last):
...
comparekit.errors.FormatError: products: unknown product 'c'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import attrs

from comparekit.errors import FormatError, ModelError, describe, quoted, suggest
from comparekit.model import Comparison
from comparekit.model.presentation import Theme, View, apply_view, colour_problem
from comparekit.model.rules import text_problem
from comparekit.spec.logo import read_logo

__all__ = ["AD_HOC_VIEW", "customise", "view_name"]

AD_HOC_VIEW = "custom"
"""The name of a view given by its lists alone (``--products a,b``): reports are named
``<spec>.custom.<ext>``."""


def view_name(view: str | None, products: object, features: object, groups: object) -> str:
    """The part a view adds to a report's file name: the view's id, :data:`AD_HOC_VIEW` for
    lists without a view, or empty for the whole comparison."""
    if view:
        return view
    return AD_HOC_VIEW if products or features or groups else ""


def customise(
    comparison: Comparison,
    *,
    view: str | None = None,
    products: Sequence[str] | None = None,
    features: Sequence[str] | None = None,
    groups: Sequence[str] | None = None,
    title: str | None = None,
    prepared_for: str | None = None,
    prepared_by: str | None = None,
    footer: str | None = None,
    logo: str | os.PathLike[str] | None = None,
    brand: str | None = None,
    accent: str | None = None,
) -> Comparison:
    """``comparison`` as one client gets it.

    ``view`` names one of its ``[[views]]``; ``products``, ``features`` and ``groups``
    (lists of ids) choose and order them, alone or over the view's own lists. The other
    settings replace the spec's: the title, "prepared for" and "prepared by", and the
    theme's footer line, logo (a PNG or SVG file, read and checked as a spec's logo is) and
    brand and accent colours (``#RRGGBB``). Every problem is listed in one
    :class:`~comparekit.FormatError`, each naming its setting.
    """
    given = {
        "view": view,
        "products": products,
        "features": features,
        "groups": groups,
        "title": title,
        "prepared_for": prepared_for,
        "prepared_by": prepared_by,
        "footer": footer,
        "logo": logo,
        "brand": brand,
        "accent": accent,
    }
    return _customise(comparison, str, **{k: v for k, v in given.items() if v is not None})


def _customise(
    comparison: Comparison, spell: Callable[[str], str], **settings: object
) -> Comparison:
    """:func:`customise`, its messages naming each setting as ``spell`` writes it (the
    command line: ``--prepared-for``)."""
    if not isinstance(comparison, Comparison):
        raise TypeError(f"customise() takes a Comparison, got {describe(comparison)}")
    problems: list[str] = []

    def problem(key: str, message: str) -> None:
        problems.append(f"{spell(key)}: {message}")

    chosen = _view(comparison, settings, problem)
    head: dict[str, object] = {}
    for key in ("title", "prepared_for", "prepared_by"):
        if key in settings:
            head[key] = _text(key, settings[key], problem)
    theme = comparison.theme or Theme()
    changes: dict[str, object] = {}
    if "footer" in settings:
        changes["footer"] = _text("footer", settings["footer"], problem)
    for key in ("brand", "accent"):
        if key in settings:
            colour = settings[key]
            found = colour_problem(colour) if isinstance(colour, str) else "expected a string"
            if found:
                problem(key, found)
            changes[key] = colour
    if "logo" in settings:
        changes["logo"] = _logo(settings["logo"], problem)
    if problems:
        raise FormatError("\n".join(problems))
    try:
        out = attrs.evolve(comparison, **head)  # type: ignore[arg-type]
        if changes:
            out = attrs.evolve(out, theme=attrs.evolve(theme, **changes))  # type: ignore[arg-type]
    except ModelError as error:  # what only the whole comparison can say
        raise FormatError("\n".join(p.message for p in error.problems)) from None
    return apply_view(out, chosen) if chosen is not None else out


def _text(key: str, value: object, problem: Callable[[str, str], None]) -> str:
    if not isinstance(value, str):
        problem(key, f"expected a string, got {describe(value)}")
        return ""
    found = text_problem(value) or ("must not be empty" if not value.strip() else None)
    if found:
        problem(key, found)
    return value


def _logo(value: object, problem: Callable[[str, str], None]) -> object:
    if not isinstance(value, str | os.PathLike):
        problem("logo", f"expected a path, got {describe(value)}")
        return None
    path = os.fspath(value)
    try:
        return read_logo(os.path.basename(path), os.path.dirname(path) or ".")
    except ValueError as error:
        problem("logo", str(error))
        return None


def _view(
    comparison: Comparison, settings: dict[str, object], problem: Callable[[str, str], None]
) -> View | None:
    """The view the settings ask for (a named one, its lists replaced by any given), with
    every unknown id reported; None for the whole comparison."""
    name = settings.get("view")
    lists = {k: settings[k] for k in ("products", "features", "groups") if k in settings}
    if name is None and not lists:
        return None
    base = View(id=AD_HOC_VIEW)
    if name is not None:
        views = {v.id: v for v in comparison.views}
        if not isinstance(name, str):
            problem("view", f"expected a view id (a string), got {describe(name)}")
        elif name not in views:
            names = ", ".join(views) or "none: the spec has no [[views]]"
            problem(
                "view",
                f"unknown view {quoted(name)}{suggest(name, views)}; the spec's views: {names}",
            )
        else:
            base = views[name]
    for kind, ids in lists.items():
        noun = kind[:-1]
        if (
            isinstance(ids, str)
            or not isinstance(ids, Sequence)
            or not all(isinstance(i, str) for i in ids)
        ):
            problem(kind, f"expected a list of {noun} ids (strings), got {describe(ids)}")
            continue
        known: list[str] = [item.id for item in getattr(comparison, kind)]
        for identifier in ids:
            if identifier not in known:
                problem(
                    kind,
                    f"unknown {noun} {quoted(identifier)}{suggest(identifier, known)}",
                )
        base = attrs.evolve(base, **{kind: tuple(ids)})  # type: ignore[arg-type]
    return base
