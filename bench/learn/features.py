"""Tokens and their features, for the trainable baseline.

Tokens are words and punctuation marks (``\\w+`` or one other non-space character), so a
token never crosses a span boundary that falls between a word and its punctuation.
Features are strings (``sklearn-crfsuite`` and ``FeatureHasher`` take lists of them,
each worth 1). The base features of a word: the word; its stem with proclitics (و ف ب ك
ل, fused لل) split off and whether it had them; the article ال; prefixes and suffixes of
1-3 letters of the stem; nisba endings (ي ية يون يين يات); digits (ASCII and
Arabic-Indic) and the word's shape; membership in the places and nationalities of the
gazetteer lexicons (:mod:`bench.data.gazetteer`); and the words and stems of a window of
two tokens either side. Three groups (:data:`GROUPS`) can be added, each recorded in the
model:

- ``ngrams``: prefixes and suffixes of 4-5 letters of the stem, its letter trigrams and
  its spelling-folded form (:func:`bench.arabic.normalise`: one alef, ة -> ه, ى -> ي);
- ``clusters``: the word's cluster at each granularity of :mod:`bench.learn.clusters`
  (learned from unlabelled text; the stem's when the word has none; ``k=none`` for a
  word too rare to have one), and the middle granularity's cluster of the words either
  side;
- ``names``: membership of the word and of its folded stem in the name lists harvested from the
  training sentences (:func:`harvest_names`), and of the words either side.

Every feature of a token is a function of one word at one offset, so a word's features
are computed once (:class:`Featurizer` caches them). :data:`VERSION` changes whenever a
feature does: a model trained with other features is refused.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from bench.arabic import normalise

VERSION = "features-2"
GROUPS = ("ngrams", "clusters", "names")
DEFAULT_GROUPS = ("ngrams", "names")
"""What ``bench train`` and suites use unless told: the groups that need nothing but the
training corpus (``clusters`` needs unlabelled text named by the caller)."""
TOKEN = re.compile(r"\w+|[^\w\s]")
AL_CLITIC = re.compile(r"^([وف][بكل]?|[بك])(?=ال)")
ONE_CLITIC = "وفبكل"
NISBA = ("ية", "يون", "يين", "يات", "ي")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
WINDOW = (-2, -1, 1, 2)
EDGE = {d: ([f"w{d:+d}=<s>"] if d < 0 else [f"w{d:+d}=</s>"]) for d in WINDOW}
"""The features of a neighbour at offset ``d`` outside the sentence."""
_CACHE_WORDS = 300_000


def tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


def split_clitics(word: str) -> tuple[str, str]:
    """(proclitics, stem) where the split is certain: proclitics before the article
    ("والعراق" -> "و", "العراق"; "وبالعراق" -> "وب", "العراق") and the fused ل + ال
    ("للعراق" -> "ل", "لعراق", as the guidelines write it); else ("", word)."""
    m = AL_CLITIC.match(word)
    if m and len(word) > len(m.group(1)) + 3:
        return m.group(1), word[len(m.group(1)):]
    if word.startswith("لل") and len(word) > 4:
        return "ل", word[1:]
    return "", word


def name_key(word: str) -> str:
    """The key of a word in the name lists: its stem without proclitics and article,
    spelling folded (:func:`bench.arabic.normalise`)."""
    stem = split_clitics(word)[1]
    return normalise(stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem)


def shape(word: str) -> str:
    if _DIGIT.fullmatch(word) or word.isdigit():
        return "d"
    out = re.sub(r"[0-9٠-٩۰-۹]+", "9", word)
    out = re.sub(r"[^\W\d_]+", "a", out)
    return out[:6]


def check_groups(groups: Iterable[str], where: str) -> tuple[str, ...]:
    """``groups`` in :data:`GROUPS`' order, or an ``InputError`` naming an unknown one."""
    from bench.problems import InputError

    groups = set(groups)
    unknown = sorted(groups - set(GROUPS))
    if unknown:
        raise InputError.one(where, f"unknown feature group(s) {', '.join(unknown)} (known: "
                                    f"{', '.join(GROUPS)})")
    return tuple(g for g in GROUPS if g in groups)


def harvest_names(sents: list[list[str]], tags: list[list[str]]) -> dict[str, str]:
    """Name lists from tagged sentences: every word inside an entity, and its
    :func:`name_key`, with the labels it had (``"LOC"``, ``"LOC|PERSON"``), marked
    ``~`` when it was outside entities more often than inside (``"ORG~"``: a word like
    الوطنية, in names and out of them). Only the sentences given are read: the caller
    gives training sentences only."""
    found: dict[str, set[str]] = {}
    seen: Counter[str] = Counter()
    inside: Counter[str] = Counter()
    for words, row in zip(sents, tags, strict=True):
        for word, tag in zip(words, row, strict=True):
            keys = {word, name_key(word)}
            seen.update(keys)
            if tag != "O" and word[0].isalnum():
                inside.update(keys)
                for key in keys:
                    found.setdefault(key, set()).add(tag[2:])
    return {k: "|".join(sorted(v)) + ("~" if 2 * inside[k] < seen[k] else "")
            for k, v in sorted(found.items())}


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset, frozenset, object]:
    """Place and nationality words of the gazetteer lexicons (single words, their lookup
    keys), and their key function; empty without the gazetteer extra."""
    try:
        from bench.data.gazetteer import gazetteer, key

        table = gazetteer()
        places = frozenset(k[0] for k, lab in table.items() if lab == "LOC" and len(k) == 1)
        nations = frozenset(k[0] for k, lab in table.items() if lab == "NORP")
        return places, nations, key
    except Exception:  # the gazetteer extra is missing: no lexicon features
        return frozenset(), frozenset(), str


class Featurizer:
    """The features of sentences for one set of groups and their learned tables
    (``clusters``: word -> cluster ids, finest first; ``names``: word -> labels)."""

    def __init__(self, groups: Iterable[str] = (),
                 clusters: Mapping[str, tuple[str, ...]] | None = None,
                 names: Mapping[str, str] | None = None) -> None:
        self.groups = check_groups(groups, "feature groups")
        self.clusters = (clusters or {}) if "clusters" in self.groups else {}
        self.names = (names or {}) if "names" in self.groups else {}
        self._cache: dict[str, tuple[list[str], dict[int, list[str]]]] = {}

    def sentence(self, words: list[str]) -> list[list[str]]:
        """The features of each word of a sentence: its own and its neighbours'."""
        own = [self.word(w) for w in words]
        n = len(own)
        out = []
        for i, (mine, _) in enumerate(own):
            g = list(mine)
            for d in WINDOW:
                j = i + d
                g += own[j][1][d] if 0 <= j < n else EDGE[d]
            out.append(g)
        return out

    def word(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        """A word's own features, and those it gives a word ``-d`` tokens away (where it
        is that word's neighbour at offset ``d``); cached."""
        f = self._cache.get(word)
        if f is None:
            if len(self._cache) > _CACHE_WORDS:
                self._cache.clear()
            f = self._cache[word] = self._word(word)
        return f

    def _word(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        clitic, stem = split_clitics(word)
        bare = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
        loose = word[1:] if not clitic and word[0] in ONE_CLITIC and len(word) > 3 else ""
        places, nations, lookup = _lexicons()
        folded = lookup(stem)
        f = ["bias", f"w={word}", f"stem={stem}", f"bare={bare}", f"shape={shape(word)}"]
        if clitic:
            f.append(f"clitic={clitic}")
        if loose:  # و ف ب ك ل that may be a proclitic: the model weighs it
            f += [f"c1={word[0]}", f"loose={loose}"]
        if stem.startswith("ال"):
            f.append("al")
        for n in (1, 2, 3):
            if len(bare) > n:
                f += [f"p{n}={bare[:n]}", f"s{n}={bare[-n:]}"]
        for end in NISBA:
            if bare.endswith(end) and len(bare) > len(end) + 1:
                f.append(f"nisba={end}")
                break
        if _DIGIT.search(word):
            f.append("digit")
        if not word[0].isalnum():
            f.append(f"punct={word}")
        if folded in places:
            f.append("gaz_loc")
        if folded in nations:
            f.append("gaz_norp")
        ctx = {d: [f"w{d:+d}={word}", f"stem{d:+d}={stem}"] for d in WINDOW}
        if "ngrams" in self.groups:
            for n in (4, 5):
                if len(bare) > n:
                    f += [f"p{n}={bare[:n]}", f"s{n}={bare[-n:]}"]
            padded = f"<{bare}>"
            f.append(f"norm={normalise(bare)}")
            f += sorted({f"g={padded[i:i + 3]}" for i in range(len(padded) - 2)})
        if self.clusters:
            ids = self.clusters.get(word) or self.clusters.get(stem) or \
                self.clusters.get(bare)
            if ids:
                f += [f"k{level}={c}" for level, c in enumerate(ids)]
                for d in (-1, 1):
                    ctx[d].append(f"k{d:+d}={ids[len(ids) // 2]}")
            else:  # rare in the unlabelled text: often a name
                f.append("k=none")
        if self.names:
            hit = self.names.get(word)
            if hit:
                f.append(f"n={hit}")
            by_stem = self.names.get(normalise(bare))
            if by_stem:
                f.append(f"nb={by_stem}")
            if hit or by_stem:
                for d in (-1, 1):
                    ctx[d].append(f"n{d:+d}={hit or by_stem}")
        return f, ctx
