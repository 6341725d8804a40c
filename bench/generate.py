"""Deterministic synthetic comparisons for the benchmarks, and their spec TOML.

:func:`generate` builds a valid :class:`~comparekit.Comparison` of a given size (products ×
features) from a seed: the same size and seed give an equal comparison in any process.
What it holds, roughly in these proportions:

* every feature type (count, number, percent, change, multiplier, money, boolean, text,
  list, date, fraction), features in groups, some with units, ``better`` and descriptions;
* about 80 % known values, 8 % left out and 3 % written as not stated, 5 % not applicable;
* about 15 % of known values qualified (about, more than, up to, ..., partial with a note),
  5 % of the ordered ones with a ``max``;
* about 10 % of cells with a note (a few more with an ``as_of`` date of their own);
* about 20 % of names, labels, text values, list items and notes in Chinese or Korean;
  other labels are tables of English, Korean and Chinese translations;
* sources with publisher, dates, addresses; most known values cite one or two.

Command line: ``python -m bench.generate 200x100 [--seed N] > spec.toml`` writes the spec
(``comparekit.dump``), so the CLI can be timed from outside::

    python -m bench.generate 200x100 > /tmp/x.toml && time comparekit render /tmp/x.toml -f xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Sequence
from typing import Any

import attrs

from comparekit import Comparison, Feature, FeatureType, Group, Product, Source, Value, dump

__all__ = ["SIZES", "Size", "generate", "main", "parse_size", "parse_sizes"]


@attrs.frozen(order=True)
class Size:
    """A comparison's size: ``products`` columns × ``features`` rows."""

    products: int
    features: int

    @property
    def cells(self) -> int:
        """Products × features."""
        return self.products * self.features

    @property
    def name(self) -> str:
        """``"200x100"``."""
        return f"{self.products}x{self.features}"

    def __str__(self) -> str:
        return self.name


SIZES = (Size(4, 15), Size(50, 50), Size(200, 100), Size(1000, 200))
"""The sizes the benchmark runs by default."""


def parse_size(text: str) -> Size:
    """``"200x100"`` (products × features) as a :class:`Size`.

    >>> parse_size("200x100")
    Size(products=200, features=100)
    """
    try:
        products, features = (int(part) for part in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise ValueError(f"not a size: {text!r} (write PRODUCTSxFEATURES, e.g. 200x100)") from None
    if products < 1 or features < 1:
        raise ValueError(f"not a size: {text!r} (both parts must be at least 1)")
    return Size(products, features)


def parse_sizes(text: str) -> tuple[Size, ...]:
    """A comma-separated list of sizes: ``"4x15,50x50"``."""
    return tuple(parse_size(part) for part in text.split(",") if part.strip())


def _words(text: str) -> list[str]:
    return text.split()


def _kinds(names: str) -> tuple[FeatureType, ...]:
    return tuple(FeatureType[name] for name in names.split())


_TYPES = _kinds("COUNT NUMBER PERCENT CHANGE MULTIPLIER MONEY BOOLEAN TEXT LIST DATE FRACTION")
_EXTRA_TYPES = _kinds(  # what the rest of the features are, weighted like a real comparison
    "COUNT COUNT COUNT BOOLEAN BOOLEAN BOOLEAN TEXT TEXT TEXT "
    "NUMBER PERCENT MONEY LIST DATE CHANGE MULTIPLIER FRACTION"
)
_SYLLABLES = _words("ka lo mi ra ne to vi sa qu ex on ar el io zu be da fi go hu ja ko ly mo")
_HANZI = "云智通达信联飞钉微华腾阿里巴字节跳动会议协同办公平台企业数据安全视频文档存储"
_HANGUL = _words(
    "클라우드 협업 메신저 화상 회의 문서 보안 저장 관리 플랫폼 서비스 데이터 일정 업무 팀"
)
_NOUNS = _words(
    "meetings users storage seats admins devices channels files tasks integrations regions "
    "workspaces guests bots calls"
)
_LABEL_WORDS = _words(
    "maximum monthly daily video shared external guest free paid audit api offline encrypted "
    "mobile desktop"
)
_PHRASES = (
    "available on request",
    "web and mobile",
    "enterprise plan only",
    "included in every plan",
    "self-hosted or cloud",
    "via the admin console",
    "through partners",
    "beta in some regions",
    "single sign-on with SAML and OIDC",
    "limited to the first 90 days",
)
_HANZI_PHRASES = (
    "仅限企业版",
    "需另行申请",
    "网页版和手机版",
    "数据来自官方网站",
    "截至2020年底",
    "部分地区测试中",
)
_HANGUL_PHRASES = (
    "기업용 요금제에 한함",
    "별도 신청 필요",
    "웹과 모바일",
    "공식 웹사이트 기준",
    "2020년 말 기준",
)
_NOTE_OPENINGS = (
    "Figure from the vendor's annual report",
    "Stated in a press release",
    "Counted differently from the other products",
    "The vendor gives a range",
    "Applies to the paid plans",
    "Reported by a third party and not confirmed by the vendor",
)
_NOTE_ENDINGS = (
    "the free plan is lower",
    "earlier figures were higher",
    "regional limits apply",
    "see the source for the method",
    "the figure is rounded",
    "it excludes trial accounts",
)
_CURRENCIES = ("USD", "CNY", "KRW", "EUR")
_QUALIFIERS = (
    "about",
    "more_than",
    "at_least",
    "up_to",
    "average",
    "partial",
    "planned",
    "uncertain",
)


class _Writer:
    """Draws names, labels and figures from one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def cjk(self, kind: str = "name") -> str:
        """Chinese or Korean text: a name or a phrase."""
        rng = self.rng
        if rng.random() < 0.5:
            if kind == "name":
                return "".join(rng.choices(_HANZI, k=rng.randint(2, 4)))
            return rng.choice(_HANZI_PHRASES) + "，" + "".join(rng.choices(_HANZI, k=4))
        if kind == "name":
            return " ".join(rng.sample(_HANGUL, 2))
        return rng.choice(_HANGUL_PHRASES) + ", " + " ".join(rng.sample(_HANGUL, 2))

    def word(self) -> str:
        return "".join(self.rng.choices(_SYLLABLES, k=self.rng.randint(2, 3))).capitalize()

    def label(self, english: str) -> str | dict[str, str]:
        """A label: 20 % a plain Chinese or Korean string, else translations (en, ko, zh)."""
        if self.chance(0.2):
            return self.cjk()
        return {"en": english, "ko": f"{english} ({self.cjk()})", "zh": self.cjk()}

    def text(self) -> str | dict[str, str]:
        """A text value: 20 % Chinese or Korean, some long, some with translations."""
        rng = self.rng
        if self.chance(0.2):
            return self.cjk("phrase")
        phrase = rng.choice(_PHRASES)
        if self.chance(0.1):
            phrase = f"{phrase}; {rng.choice(_PHRASES)}, {rng.choice(_PHRASES)} and more"
        if self.chance(0.15):
            return {"en": phrase, "zh": rng.choice(_HANZI_PHRASES)}
        return phrase

    def note(self) -> str:
        """A note: 20 % Chinese or Korean, else one or two English sentences."""
        rng = self.rng
        if self.chance(0.2):
            return self.cjk("phrase") + "。"
        text = f"{rng.choice(_NOTE_OPENINGS)}; {rng.choice(_NOTE_ENDINGS)}"
        text += f" (page {rng.randint(1, 400)})." if self.chance(0.7) else "."
        if self.chance(0.3):
            text += f" {rng.choice(_NOTE_OPENINGS)} ({rng.randint(2015, 2024)})."
        return text

    def date(self, first: int = 2012, last: int = 2024) -> dt.date:
        start = dt.date(first, 1, 1).toordinal()
        return dt.date.fromordinal(self.rng.randint(start, dt.date(last, 12, 31).toordinal()))

    def figure(self, kind: FeatureType) -> Any:
        """A figure of a feature type."""
        rng = self.rng
        if kind is FeatureType.COUNT:
            return rng.choice(
                (
                    rng.randint(0, 500),
                    rng.randint(1_000, 90_000),
                    10 ** rng.randint(5, 10) * rng.randint(1, 9),
                )
            )
        if kind is FeatureType.NUMBER:
            return round(rng.uniform(0, 5000), rng.choice((0, 1, 2)))
        if kind is FeatureType.PERCENT:
            return rng.choice((rng.randint(0, 100), round(rng.uniform(0, 100), 1)))
        if kind is FeatureType.CHANGE:
            return rng.choice((rng.randint(-60, 400), round(rng.uniform(-50, 50), 1)))
        if kind is FeatureType.MULTIPLIER:
            return round(rng.uniform(1, 12), 1)
        if kind is FeatureType.MONEY:
            return rng.choice((rng.randint(0, 50_000), round(rng.uniform(0, 500), 2)))
        if kind is FeatureType.BOOLEAN:
            return rng.random() < 0.7
        if kind is FeatureType.DATE:
            return self.date()
        if kind is FeatureType.FRACTION:
            whole = rng.randint(1, 100)
            return (rng.randint(0, whole), whole)
        if kind is FeatureType.LIST:
            return [
                self.cjk() if rng.random() < 0.2 else rng.choice(_NOUNS)
                for _ in range(rng.randint(1, 4))
            ]
        return self.text()

    def maximum(self, kind: FeatureType, figure: Any) -> Any:
        """A max at or above ``figure``."""
        if kind is FeatureType.DATE:
            return figure + dt.timedelta(days=self.rng.randint(30, 900))
        if isinstance(figure, int):
            return figure + self.rng.randint(1, max(2, figure))
        return round(figure + abs(figure) * self.rng.uniform(0.1, 2) + 1, 1)


def _sources(w: _Writer, size: Size) -> list[Source]:
    count = min(20, 3 + size.features // 10)
    out = []
    for index in range(count):
        cjk = w.chance(0.2)
        out.append(
            Source(
                id=f"s{index + 1}",
                title=w.cjk("phrase") if cjk else f"{w.word()} {w.rng.choice(_NOUNS)} report",
                publisher=w.cjk() if cjk else f"{w.word()} Research",
                published=w.date(2018, 2023),
                accessed=w.date(2024, 2024),
                url=f"https://example.com/{w.word().lower()}/{index + 1}"
                if w.chance(0.8)
                else None,
                language=("zh" if cjk else "en") if w.chance(0.7) else None,
            )
        )
    return out


def _features(w: _Writer, size: Size, group_ids: list[str]) -> list[Feature]:
    kinds = list(_TYPES[: size.features])
    kinds += [w.rng.choice(_EXTRA_TYPES) for _ in range(size.features - len(kinds))]
    w.rng.shuffle(kinds)
    out = []
    for index, kind in enumerate(kinds):
        english = f"{w.rng.choice(_LABEL_WORDS).capitalize()} {w.rng.choice(_NOUNS)}"
        rankable = kind not in (FeatureType.TEXT, FeatureType.LIST)
        unit = None
        if kind in (FeatureType.COUNT, FeatureType.NUMBER) and w.chance(0.5):
            noun = w.rng.choice(_NOUNS)
            unit = w.cjk() if w.chance(0.2) else {"en": noun, "ko": "개", "zh": "个"}
        out.append(
            Feature(
                id=f"f{index + 1:03d}",
                label=w.label(f"{english} {index + 1}"),
                type=kind,
                group=group_ids[index * len(group_ids) // size.features] if group_ids else None,
                unit=unit,
                better=w.rng.choice(("higher", "lower", None)) if rankable else None,
                description=w.note() if w.chance(0.05) else None,
                currency=w.rng.choice(_CURRENCIES) if kind is FeatureType.MONEY else None,
            )
        )
    return out


def _value(w: _Writer, feature: Feature, sources: Sequence[Source]) -> Value | None:
    """A product's value for ``feature``; ``None`` to leave it out (not stated)."""
    rng = w.rng
    roll = rng.random()
    if roll < 0.08:
        return None
    note = w.note() if w.chance(0.1) else None
    cited = (
        [s.id for s in rng.sample(list(sources), rng.choice((1, 1, 1, 2)))] if w.chance(0.7) else []
    )
    as_of = w.date(2019, 2023) if w.chance(0.015) else None
    if roll < 0.11:
        return Value(status="not_stated", note=note, as_of=as_of)
    if roll < 0.16:
        return Value(status="not_applicable", note=note, source=cited)
    kind = feature.type
    figure = w.figure(kind)
    qualifier = rng.choice(_QUALIFIERS) if w.chance(0.15) else None
    if qualifier == "partial" and note is None:
        note = w.note()
    top = None
    if kind.ordered and kind is not FeatureType.FRACTION and w.chance(0.05):
        top = w.maximum(kind, figure)
    return Value(figure, qualifier=qualifier, max=top, as_of=as_of, note=note, source=cited)


def _products(
    w: _Writer, size: Size, features: list[Feature], sources: list[Source]
) -> list[Product]:
    out = []
    for index in range(size.products):
        cjk = w.chance(0.2)
        name = (
            w.cjk()
            if cjk
            else f"{w.word()} {w.rng.choice(('Cloud', 'Work', 'Team', 'Chat', 'Suite'))}"
        )
        values = {}
        for feature in features:
            value = _value(w, feature, sources)
            if value is not None:
                values[feature.id] = value
        out.append(
            Product(
                id=f"p{index + 1:04d}",
                name=name,
                vendor=(w.cjk() if cjk else f"{w.word()} Inc.") if w.chance(0.6) else None,
                url=f"https://example.com/p{index + 1}" if w.chance(0.5) else None,
                description=w.note() if w.chance(0.05) else None,
                values=values,
            )
        )
    return out


def generate(size: Size, seed: int = 0) -> Comparison:
    """A valid synthetic comparison of ``size``, the same for the same size and seed.

    >>> c = generate(Size(4, 15))
    >>> len(c.products), len(c.features), c == generate(Size(4, 15))
    (4, 15, True)
    """
    w = _Writer(seed * 1_000_003 + size.products * 10_007 + size.features)
    sources = _sources(w, size)
    groups = [
        Group(id=f"g{index + 1}", label=w.label(f"{w.rng.choice(_LABEL_WORDS).capitalize()} group"))
        for index in range(max(2, size.features // 10))
    ]
    features = _features(w, size, [g.id for g in groups])
    products = _products(w, size, features, sources)
    title = f"Synthetic comparison {size.products} × {size.features}"
    return Comparison(
        title={
            "en": title,
            "ko": f"합성 비교 {size.products} × {size.features}",
            "zh": f"合成对比 {size.products} × {size.features}",
        },
        subtitle="Generated for the comparekit benchmarks",
        as_of=dt.date(2024, 6, 30),
        language="en",
        summary=(
            "A synthetic comparison: products, features and figures are made up.\n\n"
            "用于基准测试的合成数据，数值均为虚构。"
        ),
        prepared_for="comparekit benchmarks",
        prepared_by="bench.generate",
        sources=sources,
        groups=groups,
        features=features,
        products=products,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write the spec TOML of a synthetic comparison to standard output."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Write a synthetic comparison as spec TOML (comparekit.dump) to stdout.",
    )
    parser.add_argument("size", type=parse_size, help="PRODUCTSxFEATURES, e.g. 200x100")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    sys.stdout.write(dump(generate(args.size, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
