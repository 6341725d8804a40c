"""The comparison model: frozen attrs classes named as in the spec format.

A package of five modules, each importing only those before it: :mod:`.kinds`
(enums, :class:`Label`, the language-tag pattern), :mod:`.fields` (what each field
takes, checked whenever a class is built), :mod:`.parts` (the classes a comparison is
made of), :mod:`.rules` (every check, with its message) and
:mod:`.comparison` (the :class:`Comparison` that runs them when it is built).

A :class:`Comparison` is the aggregate root: it checks itself and every part in
it when it is constructed (a value's type depends on its feature, a source
reference on the sources), and raises :class:`~comparekit.ModelError` listing
every problem. The parts convert their fields (``"about"`` becomes
:attr:`Qualifier.ABOUT`, a plain string becomes a :class:`Label`) and refuse a
field of the wrong type, but hold no rules of their own. Nothing here formats or
writes anything.

>>> from comparekit import Comparison, Feature, Product, Value
>>> c = Comparison(
...     title="Chat apps",
...     features=[Feature(id="users", label="Users", type="count")],
...     products=[Product(id="a", name="App A", values={"users": Value(200, qualifier="about")})],
... )
>>> c.products[0].values["users"].qualifier
<Qualifier.ABOUT: 'about'>
>>> c.value("a", "users").status
<Status.KNOWN: 'known'>
"""

from comparekit.model.analysis import Cell, Finding, Missing, Scale, Scoring, Weight
from comparekit.model.comparison import Comparison
from comparekit.model.kinds import (
    LANGUAGE_TAG,
    Better,
    FeatureType,
    Label,
    Qualifier,
    Show,
    Status,
)
from comparekit.model.parts import NOT_STATED, Feature, Group, Product, Source, Value, cited

__all__ = [
    "LANGUAGE_TAG",
    "NOT_STATED",
    "Better",
    "Cell",
    "Comparison",
    "Feature",
    "FeatureType",
    "Finding",
    "Group",
    "Label",
    "Missing",
    "Product",
    "Qualifier",
    "Scale",
    "Scoring",
    "Show",
    "Source",
    "Status",
    "Value",
    "Weight",
    "cited",
]
