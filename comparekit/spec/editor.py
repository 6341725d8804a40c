"""Edit a spec's TOML text in place: only what changed in the comparison changes.

:func:`update` takes a spec's text and a new :class:`~comparekit.Comparison` (from an
imported workbook, say) and rewrites only the keys whose meaning changed. Everything else
stays as the person wrote it: comments, blank lines, key order, table layout (inline tables
or ``[products.values]`` sub-tables) and the literal styles of unchanged values
(``200_000_000``, literal and multi-line strings, a ``#:schema`` first line). Inside a
changed inline table only the changed keys are rewritten; a changed string or integer keeps
its style where it can (a multi-line string stays multi-line, an integer keeps its ``_``).

Added sources, groups, features and products go after the last of their kind, before any
comment that heads the next section, written as :func:`~comparekit.dump` writes them; added
values go after the last value of their product. A removed one goes with the comment lines
directly above it (when they head it alone), never with its neighbours' comments. The
edited text is read back before it is returned: if it would not load to the new comparison
(a bug), :class:`~comparekit.RenderError` says so and nothing is returned.

The editing is done on tomlkit's document tree (tomlkit keeps every character it parsed).

>>> import attrs
>>> from comparekit import loads
>>> text = '''format = 1
...
... [comparison]
... title = "Demo"  # shown on every page
...
... [[features]]
... id = "users"
... label = "Users"
... type = "count"
...
... [[products]]
... id = "a"
... name = "A"
...
... [products.values]
... # from the 2020 report
... users = { value = 2_000_000, qualifier = "about" }
... '''
>>> old = loads(text)
>>> a = old.products[0]
>>> new = attrs.evolve(old, products=[attrs.evolve(a, values={"users": 2_500_000})])
>>> print(update(text, new).split("[products.values]")[1].strip())
# from the 2020 report
users = { value = 2_500_000 }
"""

from __future__ import annotations

import enum
import itertools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import (
    AoT,
    Array,
    Comment,
    InlineTable,
    Integer,
    Item,
    Key,
    Null,
    String,
    StringType,
    Table,
    Whitespace,
)

from comparekit.errors import Problem, RenderError, SpecError, describe
from comparekit.model import Comparison, Label, Product, Value
from comparekit.model.presentation import Theme
from comparekit.spec.limits import DEFAULT_LIMITS, Limits
from comparekit.spec.reader import read_text
from comparekit.spec.writer import (
    KINDS,
    _fields,
    item_lines,
    key,
    literal,
    string,
    theme_fields,
    value_fields,
    value_literal,
)

__all__ = ["update"]

_HEAD = ("title", "subtitle", "as_of", "language", "summary", "prepared_for", "prepared_by")
"""The fields of ``[comparison]``."""

_ORDER = (*KINDS, "views")
"""The arrays of tables, in the order :func:`~comparekit.dump` writes them."""

Change = tuple[str, Any, Any]
"""A key to change: its name, its old model value, its new value as dump writes it (``None``:
remove the key)."""


class _Unsupported(Exception):
    """The spec is laid out in a way this editor does not change in place."""


def update(
    text: str, comparison: Comparison, *, name: str = "<string>", limits: Limits = DEFAULT_LIMITS
) -> str:
    """``text`` (a valid spec) changed only where ``comparison`` differs from what it loads to.

    ``loads(update(text, c)) == c`` always; ``update(text, loads(text)) == text``. A ``text``
    that does not load raises :class:`~comparekit.SpecError` (its problems, located in
    ``name``); a spec laid out so that a change cannot be made in place (an array of tables
    split around other tables, or written inline) raises :class:`~comparekit.SpecError`
    saying which; an edit that would not load back raises :class:`~comparekit.RenderError`.
    """
    if not isinstance(text, str):
        raise TypeError(f"update() edits spec text (str), got {describe(text)}")
    if not isinstance(comparison, Comparison):
        raise TypeError(f"update() writes a Comparison, got {describe(comparison)}")
    old = read_text(text, name, limits=limits)
    if old == comparison:
        return text
    for part in ("scoring", "findings"):
        if getattr(old, part) != getattr(comparison, part):
            raise SpecError(
                [
                    Problem(
                        part,
                        "this editor does not yet change [scoring] or [[findings]] in "
                        "place: edit them in the spec by hand",
                        file=name,
                    )
                ]
            )
    try:
        document = tomlkit.parse(text)
        _edit_head(document, old, comparison)
        for kind in KINDS:
            _edit_kind(document, kind, getattr(old, kind), getattr(comparison, kind))
        _edit_theme(document, old.theme, comparison.theme)
        _edit_kind(document, "views", old.views, comparison.views)
        result = _inline_ends_kept(text, document.as_string())
    except _Unsupported as error:
        raise SpecError([Problem(error.args[0], error.args[1], file=name)]) from None
    except TOMLKitError as error:  # tomllib read it, tomlkit did not: a difference of parsers
        raise RenderError(f"{name}: cannot edit the spec in place: {error}") from error
    try:
        again = read_text(result, name, limits=limits)
    except SpecError as error:
        raise RenderError(
            f"{name}: the spec edited in place would not load ({error.problems[0]}); "
            "nothing was written: this is a bug in comparekit, please report it"
        ) from None
    if again != comparison:
        raise RenderError(
            f"{name}: the spec edited in place would load to another comparison; "
            "nothing was written: this is a bug in comparekit, please report it"
        )
    return result


def _inline_ends_kept(before: str, after: str) -> str:
    """``after`` with the space before each inline table's ``}`` that tomlkit dropped.

    tomlkit (0.15) renders an inline table whose last value is a date without the space
    before its closing brace once anything in the same table changes: ``{ as_of =
    2019-12-31 }`` becomes ``{ as_of = 2019-12-31}``, on lines that were not edited too.
    A line changed only so gets its original back; a line written anew gets the spacing
    ``dump`` writes. Drop this when tomlkit keeps the space.

    >>> _inline_ends_kept("a = { x = 2019-12-31 }\\n", "a = { x = 2019-12-31}\\nb = { y = 1}\\n")
    'a = { x = 2019-12-31 }\\nb = { y = 1 }\\n'
    """
    old_lines = before.splitlines(keepends=True)
    new_lines = after.splitlines(keepends=True)
    kept = set(old_lines)
    out = []
    for line in new_lines:
        body = line.rstrip("\r\n")
        end = line[len(body) :]
        if body.endswith("}") and not body.endswith((" }", "{}")) and " = { " in body:
            spaced = body[:-1] + " }" + end
            if spaced in kept or line not in kept:
                line = spaced
        out.append(line)
    return "".join(out)


# --------------------------------------------------------------------------- what changed


def _canonical(obj: Any, field: str) -> Any:
    """A field as dump writes it, ``None`` when dump leaves it out."""
    if isinstance(obj, Value):
        return value_fields(obj).get(field)
    return _fields(obj).get(field)


def _field_changes(old: Any, new: Any, skip: tuple[str, ...] = ("values",)) -> list[Change]:
    """The fields of two attrs objects that differ, in declaration order."""
    return [
        (field.name, getattr(old, field.name), _canonical(new, field.name))
        for field in attrs.fields(type(new))
        if field.name not in skip and getattr(old, field.name) != getattr(new, field.name)
    ]


def _mapping_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Keys of two mappings whose values differ, old keys first in their order, then new."""
    names = [*old, *(name for name in new if name not in old)]
    return [(n, old.get(n), new.get(n)) for n in names if old.get(n) != new.get(n)]


def _inner_changes(old: Any, new: Any) -> list[Change] | None:
    """The changes inside a value or a translated label kept as a table; ``None`` when the
    new one is not a table of the same kind."""
    if isinstance(old, Value) and isinstance(new, Value):
        return _field_changes(old, new, skip=())
    if isinstance(old, Label) and isinstance(new, Label) and not (old.plain or new.plain):
        return _mapping_changes(dict(old.translations), dict(new.translations))
    return None


# --------------------------------------------------------------------------- literals


def _parsed(name: str, raw: str) -> tuple[Key, Item]:
    """The key and item tomlkit reads from ``name = raw``."""
    found = tomlkit.parse(f"{key(name)} = {raw}\n").body[0]
    assert found[0] is not None
    return found[0], found[1]


def _raw(new: Any, existing: Item | None, old: Any = None) -> str:
    """``new`` as a TOML literal, in the style of the item it replaces (``existing``, which
    held ``old``) where it can be."""
    if isinstance(new, Value):
        changes = _inner_changes(old, new)
        if isinstance(existing, InlineTable) and changes is not None:
            return _edit_inline(existing, changes)
        fields = value_fields(new)
        if list(fields) == ["value"] and not isinstance(new.value, Label | tuple):
            return _raw(new.value, existing if not isinstance(existing, InlineTable) else None)
        return value_literal(new)
    if isinstance(new, Label) and new.plain:
        new = new.translations[0][1]
    if isinstance(new, enum.Enum):
        new = new.value
    if isinstance(new, str) and isinstance(existing, String):
        return _string_like(new, existing)
    if isinstance(new, str) and isinstance(existing, Array):
        return literal((new,))
    if (
        isinstance(new, int)
        and not isinstance(new, bool)
        and isinstance(existing, Integer)
        and "_" in existing.as_string()
    ):
        return f"{new:_}"
    return literal(new)


def _plain_text(text: str, newlines: bool) -> bool:
    """True if ``text`` can be a TOML literal string (no escapes there)."""
    allowed = "\t\n" if newlines else "\t"
    return not any((ord(c) < 0x20 or ord(c) == 0x7F) and c not in allowed for c in text)


def _string_like(text: str, old: String) -> str:
    """``text`` as a string literal of the same kind as ``old`` when it can be one."""
    kind = old.type
    if kind is StringType.SLL and "'" not in text and _plain_text(text, newlines=False):
        return f"'{text}'"
    if kind in (StringType.MLB, StringType.MLL) and "\n" in text:
        lead = "\n" if old.as_string()[3:4] == "\n" or text.startswith("\n") else ""
        if (
            kind is StringType.MLL
            and "'''" not in text
            and not text.endswith("'")
            and _plain_text(text, newlines=True)
        ):
            return f"'''{lead}{text}'''"
        return f'"""{lead}{_multiline(text)}"""'
    return string(text)


def _multiline(text: str) -> str:
    """The body of a multi-line basic string: quotes, backslashes and controls escaped."""
    out = []
    for char in text:
        if char in "\n\t":
            out.append(char)
        elif char in '\\"':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


# --------------------------------------------------------------------------- tables


def _edit_inline(node: InlineTable, changes: Sequence[Change]) -> str:
    """An inline table's text with ``changes`` made; untouched keys keep their text."""
    entries: dict[str, tuple[str, str]] = {}
    items: dict[str, Item] = {}
    for found, item in node.value.body:
        if found is not None:
            entries[found.key] = (found.as_string().strip(), item.as_string().strip())
            items[found.key] = item
    for name, old, new in changes:
        if new is None:
            entries.pop(name, None)
            continue
        raw = _raw(new, items.get(name), old)
        entries[name] = (entries[name][0] if name in entries else key(name), raw)
    if not entries:
        return "{}"
    return "{ " + ", ".join(f"{k} = {v}" for k, v in entries.values()) + " }"


def _index(container: Container, name: str) -> int:
    """Where the key ``name`` is in ``container``'s body."""
    for index, (found, _) in enumerate(container.body):
        if found is not None and found.key == name:
            return index
    raise _Unsupported(name, "the key is written in a way this editor cannot change in place")


def _edit_table(table: Table, changes: Sequence[Change]) -> None:
    """Make ``changes`` in a table written with a header, in place."""
    container = table.value
    for name, old, new in changes:
        present = any(found is not None and found.key == name for found, _ in container.body)
        if new is None:
            if present:
                _remove(table, name)
            continue
        existing = container.body[_index(container, name)][1] if present else None
        inner = _inner_changes(old, new)
        if isinstance(existing, Table) and inner is not None:
            _edit_table(existing, inner)
            continue
        found, item = _parsed(name, _raw(new, existing, old))
        if existing is None:
            _insert(table, found, item)
        else:
            table[name] = item


def _insert(table: Table, found: Key, item: Item) -> None:
    """Add a key after the table's last key, or a sub-table after its last sub-table."""
    container = table.value
    body = container.body
    keyed = [i for i, (k, _) in enumerate(body) if k is not None]
    plain = [i for i in keyed if not isinstance(body[i][1], Table | AoT)]
    if isinstance(item, Table):
        at = keyed[-1] + 1 if keyed else len(body)
    elif plain:
        at = plain[-1] + 1
    else:
        at = keyed[0] if keyed else len(body)
    if at < len(body):
        container._insert_at(at, found, item)
    else:
        container._raw_append(found, item)
    dict.__setitem__(table, found.key, item)


def _remove(table: Table, name: str) -> None:
    """Remove a key, and the comment lines directly above it when they head it alone."""
    body = table.value.body
    index = _index(table.value, name)
    start = index
    while (
        start > 0 and body[start - 1][0] is None and isinstance(body[start - 1][1], Comment | Null)
    ):
        start -= 1
    own = [i for i in range(start, index) if isinstance(body[i][1], Comment)]
    after = index + 1
    while after < len(body) and isinstance(body[after][1], Null):
        after += 1
    alone = not (
        after < len(body)
        and body[after][0] is not None
        and not isinstance(body[after][1], Table | AoT)
    )
    table.remove(name)
    if alone:
        for i in own:
            body[i] = (None, Null())


def _edit_values(table: Table, old: Mapping[str, Value], new: Mapping[str, Value]) -> None:
    """Change a product's values: edit, add and remove entries of its values table."""
    container = table.value
    changes = _mapping_changes(old, new)
    if not any(found is not None and found.key == "values" for found, _ in container.body):
        if new:
            lines = [f"{key(k)} = {value_literal(v)}" for k, v in new.items()]
            parsed = tomlkit.parse("[[p]]\n\n[p.values]\n" + "\n".join(lines) + "\n")
            values = parsed["p"][0].value.item("values")
            values.trivia.indent = "\n"
            values.invalidate_display_name()
            _insert(table, _parsed("values", "1")[0], values)
        return
    node = container.body[_index(container, "values")][1]
    if not new:
        _remove(table, "values")
    elif isinstance(node, Table):
        _edit_table(node, changes)
    elif isinstance(node, InlineTable):
        table["values"] = _parsed("values", _edit_inline(node, changes))[1]
    else:
        raise _Unsupported("values", "the values are written in a way this editor cannot change")


def _edit_node(parent: Table | Container, name: str, changes: Sequence[Change]) -> None:
    """Make ``changes`` in the table ``parent[name]``, written with a header or inline."""
    node = parent[name] if isinstance(parent, Container) else parent.value.item(name)
    if isinstance(node, Table):
        _edit_table(node, changes)
    elif isinstance(node, InlineTable):
        parent[name] = _parsed(name, _edit_inline(node, changes))[1]
    else:
        raise _Unsupported(name, "this table is written in a way this editor cannot change")


def _edit_head(document: Container, old: Comparison, new: Comparison) -> None:
    """Change the fields of ``[comparison]``."""
    changes = [(f, getattr(old, f), _canonical(new, f)) for f in _HEAD]
    changes = [change for change in changes if getattr(old, change[0]) != getattr(new, change[0])]
    if changes:
        _edit_node(document, "comparison", changes)


def _edit_theme(document: Container, old: Theme | None, new: Theme | None) -> None:
    """Change ``[theme]``: its keys in place, or the whole table added at the end or removed."""
    if old == new:
        return
    if new is None:
        document.remove("theme")
        return
    fields = theme_fields(new)
    if old is None or "theme" not in document:
        lines = ["[theme]", *(f"{key(k)} = {literal(v)}" for k, v in fields.items())]
        table = tomlkit.parse("\n".join(lines) + "\n")["theme"]
        ending = document.as_string()
        if not ending.endswith("\n\n"):
            table.trivia.indent = "\n" if ending.endswith("\n") else "\n\n"
        document.append("theme", table)
        return
    _edit_node(document, "theme", _mapping_changes(theme_fields(old), fields))


# --------------------------------------------------------------------------- arrays of tables


Slot = Callable[[str], None]
"""Sets the text (blank and comment lines) that goes in one place between tables."""


def _detach_tail(table: Table) -> tuple[str, Slot]:
    """The blank and comment lines after a table's last key (in its last sub-table, if any),
    taken out; and a slot that puts text back there."""
    chain = [table.value]
    while True:
        keyed = [item for found, item in chain[-1].body if found is not None]
        if keyed and isinstance(keyed[-1], Table):
            chain.append(keyed[-1].value)
        elif keyed and isinstance(keyed[-1], AoT) and keyed[-1].body:
            chain.append(keyed[-1].body[-1].value)
        else:
            break
    text = ""
    for container in reversed(chain):
        body = container.body
        start = len(body)
        while start > 0 and body[start - 1][0] is None:
            start -= 1
        text += "".join(item.as_string() for _, item in body[start:])
        body[start:] = [(None, Null())] * (len(body) - start)
    holder = Whitespace("")
    table.value.body.append((None, holder))

    def put(new: str) -> None:
        holder._s = new

    return text, put


def _detach_before(document: Container, kind: str) -> tuple[str, Slot]:
    """The blank and comment lines between the table before ``kind``'s first table and it."""
    body = document.body
    at = _index(document, kind)
    start = at
    while start > 0 and body[start - 1][0] is None:
        start -= 1
    text = ""
    slot: Slot | None = None
    if start > 0:
        previous = body[start - 1][1]
        if isinstance(previous, AoT) and previous.body:
            previous = previous.body[-1]
        if isinstance(previous, Table):
            text, slot = _detach_tail(previous)
        else:
            trail = previous.trivia.trail

            def slot(new: str) -> None:
                previous.trivia.trail = trail + new

    text += "".join(item.as_string() for _, item in body[start:at])
    if start < at:
        holder = Whitespace("")
        body[start:at] = [(None, Null())] * (at - 1 - start) + [(None, holder)]
        if slot is not None:
            slot("")

        def slot(new: str) -> None:
            holder._s = new

    if slot is None:
        raise _Unsupported(kind, "nothing comes before the first table; cannot edit in place")
    return text, slot


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _split_lead(text: str) -> tuple[str, str]:
    """Blank and comment lines split into what comes before and the comment lines directly
    above a table's header (its own)."""
    lines = _lines(text)
    cut = len(lines)
    while cut > 0 and lines[cut - 1].lstrip().startswith("#"):
        cut -= 1
    return "".join(lines[:cut]), "".join(lines[cut:])


def _merge(first: str, second: str) -> str:
    """Two runs of blank and comment lines as one, without a doubled blank line between."""
    if not any(line.strip() for line in _lines(first)):
        return second or first
    lines = _lines(second)
    if _lines(first)[-1].strip() == "":
        while lines and not lines[0].strip():
            lines.pop(0)
    return first + "".join(lines)


def _new_table(kind: str, item: Any) -> Table:
    """One element of the array of tables ``kind``, as dump writes it."""
    table = tomlkit.parse("\n".join(item_lines(kind, item)) + "\n")[kind].body[0]
    assert isinstance(table, Table)
    return table


def _edit_elements(kind: str, tables: list[Table], old: Sequence[Any], new: Sequence[Any]) -> None:
    """Edit the kept elements of an array of tables in place."""
    found = {item.id: (table, item) for table, item in zip(tables, old, strict=True)}
    for item in new:
        if item.id in found and found[item.id][1] != item:
            table, before = found[item.id]
            _edit_table(table, _field_changes(before, item))
            if isinstance(item, Product) and before.values != item.values:
                _edit_values(table, before.values, item.values)


def _edit_kind(document: Container, kind: str, old: Sequence[Any], new: Sequence[Any]) -> None:
    """Change one array of tables (``[[products]]``...): its elements, and which there are."""
    if old == new:
        return
    if kind not in document:
        _add_kind(document, kind, new)
        return
    aot = document[kind]
    if not isinstance(aot, AoT) or len(aot.body) != len(old):
        raise _Unsupported(
            kind, f"write [[{kind}]] as tables one after another to edit the spec in place"
        )
    tables = list(aot.body)
    before, first_slot = _detach_before(document, kind)
    tails = [_detach_tail(table) for table in tables]
    _edit_elements(kind, tables, old, new)
    if [item.id for item in old] == [item.id for item in new]:
        first_slot(before)
        for text, slot in tails:
            slot(text)
        return
    gap_first, lead_first = _split_lead(before)
    gaps, leads = [""], [lead_first]
    for text, _ in tails[:-1]:
        gap, lead = _split_lead(text)
        gaps.append(gap)
        leads.append(lead)
    ends = tails[-1][0]
    wanted = {item.id for item in new}
    carried: dict[str, str] = {}
    pending = ""
    for index, item in enumerate(old):
        pending = _merge(pending, gaps[index])
        if item.id in wanted:
            carried[item.id], pending = pending, ""
    ends = _merge(pending, ends)
    plain_gaps = [gap for gap in gaps[1:] if not any(line.strip() for line in _lines(gap))]
    separator = Counter(plain_gaps).most_common(1)[0][0] if plain_gaps else "\n"
    kept = {item.id: index for index, item in enumerate(old)}
    order: list[tuple[Table, Slot, str]] = []
    for position, item in enumerate(new):
        if item.id in kept:
            index = kept[item.id]
            table, slot, gap, lead = tables[index], tails[index][1], carried[item.id], leads[index]
        else:
            table = _new_table(kind, item)
            slot, gap, lead = _detach_tail(table)[1], "", ""
        text = _merge(gap_first, gap) if position == 0 else (gap or separator)
        order.append((table, slot, text + lead))
    if not order:
        first_slot(_merge(gap_first, ends))
        document.remove(kind)
        return
    first_slot(order[0][2])
    for (_, slot, _), (_, _, text) in itertools.pairwise(order):
        slot(text)
    order[-1][1](ends)
    aot.body[:] = [table for table, _, _ in order]
    list.clear(aot)
    list.extend(aot, aot.body)


def _add_kind(document: Container, kind: str, new: Sequence[Any]) -> None:
    """Add the first elements of an array of tables, before the next kind's, else at the end."""
    text = "\n\n".join("\n".join(item_lines(kind, item)) for item in new) + "\n"
    aot = tomlkit.parse(text)[kind]
    later = [k for k in _ORDER[_ORDER.index(kind) + 1 :] if k in document]
    if not later:
        ending = document.as_string()
        if not ending.endswith("\n\n"):
            aot.body[0].trivia.indent = "\n" if ending.endswith("\n") else "\n\n"
        document.append(kind, aot)
        return
    before, slot = _detach_before(document, later[0])
    slot("\n")
    _detach_tail(aot.body[-1])[1](before)
    document._insert_at(_index(document, later[0]), kind, aot)
