"""Tokens and their features, for the trainable baseline.

Tokens are words and punctuation marks (``\\w+`` or one other non-space character), so a
token never crosses a span boundary that falls between a word and its punctuation.
Features of a token (strings, as ``sklearn-crfsuite`` and ``FeatureHasher`` take them):
the word; its stem with proclitics (و ف ب ك ل, fused لل) split off and whether it had
them; the article ال; prefixes and suffixes of 1-3 letters of the stem; nisba endings
(ي ية يون يين يات); digits (ASCII and Arabic-Indic) and the word's shape; membership in
the places and nationalities of the gazetteer lexicons (:mod:`bench.data.gazetteer`); and
the words and stems of a window of two tokens either side. :data:`VERSION` changes
whenever a feature does: a model trained with other features is refused.
"""

from __future__ import annotations

import re
from functools import lru_cache

VERSION = "features-1"
TOKEN = re.compile(r"\w+|[^\w\s]")
AL_CLITIC = re.compile(r"^([وف][بكل]?|[بك])(?=ال)")
ONE_CLITIC = "وفبكل"
NISBA = ("ية", "يون", "يين", "يات", "ي")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")


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


def shape(word: str) -> str:
    if _DIGIT.fullmatch(word) or word.isdigit():
        return "d"
    out = re.sub(r"[0-9٠-٩۰-۹]+", "9", word)
    out = re.sub(r"[^\W\d_]+", "a", out)
    return out[:6]


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


@lru_cache(maxsize=200_000)
def _word_features(word: str) -> dict[str, str | float]:
    """A word's own features (cached: words repeat; callers copy before adding to it)."""
    clitic, stem = split_clitics(word)
    bare = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
    loose = word[1:] if not clitic and word[0] in ONE_CLITIC and len(word) > 3 else ""
    places, nations, lookup = _lexicons()
    folded = lookup(stem)
    f: dict[str, str | float] = {"w": word, "stem": stem, "bare": bare, "shape": shape(word)}
    if clitic:
        f["clitic"] = clitic
    if loose:  # و ف ب ك ل that may be a proclitic: the model weighs it
        f["c1"] = word[0]
        f["loose"] = loose
    if stem.startswith("ال"):
        f["al"] = 1.0
    for n in (1, 2, 3):
        if len(bare) > n:
            f[f"p{n}"] = bare[:n]
            f[f"s{n}"] = bare[-n:]
    for end in NISBA:
        if bare.endswith(end) and len(bare) > len(end) + 1:
            f["nisba"] = end
            break
    if _DIGIT.search(word):
        f["digit"] = 1.0
    if not word[0].isalnum():
        f["punct"] = word
    if folded in places:
        f["gaz_loc"] = 1.0
    if folded in nations:
        f["gaz_norp"] = 1.0
    return f


def sentence_features(words: list[str]) -> list[dict[str, str | float]]:
    """Features of each word of a sentence, with a window of two words either side."""
    own = [_word_features(w) for w in words]
    out = []
    for i, f in enumerate(own):
        g = dict(f)
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(own):
                g[f"w{d:+d}"] = own[j]["w"]
                g[f"stem{d:+d}"] = own[j]["stem"]
            else:
                g[f"w{d:+d}"] = "<s>" if j < 0 else "</s>"
        g["bias"] = 1.0
        out.append(g)
    return out
