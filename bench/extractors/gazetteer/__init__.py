"""``gazetteer-ner``: places, nationalities, organisations and people from lexical data.

1. Tokens are normalised (:func:`bench.arabic.normalise`) and looked up in a hash
   trie of token tuples (:mod:`bench.data.gazetteer`), longest first, also after stripping
   proclitics (و ف ب ك ل; fused لل keeps the second ل), so "وبغداد" gives "بغداد"
   and "للعراق" gives "لعراق", as the guidelines want.
2. ORG from trigger nouns: a descriptor (صحيفة، وكالة، تنظيم ...) is followed by the
   name (a quoted name, or up to three name-like tokens), left out of the span; a
   head noun (وزارة، مجلس، هيئة ...) starts the name with up to two definite words.
3. PERSON from titles (الرئيس، رئيس الوزراء، مستشار ...): after the title, its
   complements, nationality adjectives and السابق, one to three name-like tokens.
4. Names found by 2 and 3 (and a person's last name) are then found everywhere
   else in the same document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bench.arabic import is_proclitic_prefix
from bench.data import gazetteer as lx
from bench.extractors.base import span
from bench.model import Annotation, Document

VERSION = "0.1.0"
TOKEN = re.compile(r"[^\W_]+(?:[\u064b-\u0652\u0670\u0640]*[^\W_]*)*")
QUOTES = "\"'«»“”"
MAX_GAZ = 5


@dataclass
class Token:
    start: int
    end: int
    key: str  # normalised
    forms: list[tuple[str, int]] | None = None  # see _unclitic


def tokens(text: str) -> list[Token]:
    out = []
    for m in TOKEN.finditer(text):
        out.append(Token(m.start(), m.end(), lx.key(m.group())))
    return out


_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0640"}


def _unclitic(tok: Token, text: str) -> list[tuple[str, int]]:
    """(key, start offset) of the token as is and without each possible proclitic prefix.

    Computed once per token (``tok.forms``): the lookups ask for it many times."""
    if tok.forms is not None:
        return tok.forms
    out = [(tok.key, tok.start)]
    letters = [i for i in range(tok.start, min(tok.end, tok.start + 8))
               if text[i] not in _MARKS]  # the first letters are enough: k + 1 <= 3
    if len(letters) < 4:
        letters = [i for i in range(tok.start, tok.end) if text[i] not in _MARKS]
    for k in (1, 2):
        if len(letters) <= k + 1:
            break
        prefix = "".join(text[i] for i in letters[:k])
        if not is_proclitic_prefix(prefix):
            continue
        rest = tok.key[k:]
        out.append((rest, letters[k]))
        if prefix.endswith("ل") and rest.startswith("ل"):  # fused لل: لعراق is العراق
            out.append(("ا" + rest, letters[k]))
    tok.forms = out
    return out


class GazetteerNER:
    name = "gazetteer-ner"
    version = VERSION
    labels = ("PERSON", "ORG", "LOC", "NORP")
    label_map = {"LOC": "LOC", "NORP": "NORP", "ORG": "ORG", "PERSON": "PERSON"}

    def available(self) -> tuple[bool, str]:
        from bench.extractors.base import missing_module

        for module in ("babel", "pycountry"):
            ok, reason = missing_module(module, "gazetteer")
            if not ok:
                return ok, reason
        return True, ""

    def prepare(self) -> None:
        lx.gazetteer()

    def extract(self, document: Document) -> list[Annotation]:
        text = document.text
        toks = tokens(text)
        gaz = lx.gazetteer()
        found: list[Annotation] = []
        taken = [False] * len(toks)
        self._triggers(document, toks, gaz, found, taken)
        # names found by trigger, if they look like names (several tokens), and a person's
        # surname (not an ال word: "بايدن" of "جو بايدن") are found elsewhere too
        learned: dict[tuple[str, ...], str] = {}
        for a in found:
            parts = tuple(lx.key(a.text).split())
            if a.label in ("PERSON", "ORG") and len(parts) > 1:
                learned[parts] = a.label
                if a.label == "PERSON" and not parts[-1].startswith("ال") and \
                        len(parts[-1]) > 2 and parts[-1] not in lx.STOPWORDS:
                    learned.setdefault((parts[-1],), "PERSON")
        self._lookup(document, toks, gaz, learned, found, taken)
        return sorted(found, key=lambda a: a.start)

    @staticmethod
    def _lookup(doc, toks, gaz, learned, found, taken) -> None:
        """Longest entries first; ``learned`` (names of this document) before ``gaz``. Only
        the lengths of entries that start with one of the token's forms are tried."""
        lengths = lx.gazetteer_lengths()
        learned_lengths = lx.lengths_by_first(learned)
        i = 0
        while i < len(toks):
            hit = None
            if not taken[i]:
                forms = _unclitic(toks[i], doc.text)
                sizes = sorted({n for key, _ in forms
                                for n in lengths.get(key, ()) + learned_lengths.get(key, ())
                                if n <= min(MAX_GAZ, len(toks) - i)}, reverse=True)
                for n in sizes:
                    if any(taken[i:i + n]) or _gap(doc.text, toks[i:i + n]):
                        continue
                    rest = tuple(t.key for t in toks[i + 1:i + n])
                    for key, start in forms:
                        entry = (key,) + rest
                        label = learned[entry] if entry in learned else gaz.get(entry)
                        if label:
                            hit = (n, start, label)
                            break
                    if hit:
                        break
            if hit:
                n, start, label = hit
                found.append(span(doc, start, toks[i + n - 1].end, label))
                taken[i:i + n] = [True] * n
                i += n
            else:
                i += 1

    def _triggers(self, doc, toks, gaz, found, taken) -> None:
        text = doc.text
        i = 0
        while i < len(toks):
            keys = [k for k, _ in _unclitic(toks[i], text)]
            title = _title_at(toks, i, keys)
            if any(k in lx.ORG_DESCRIPTORS for k in keys):
                strict = any(k in lx.AMBIGUOUS_DESCRIPTORS for k in keys)
                i = self._org_after(doc, toks, i + 1, gaz, found, taken, descriptor=True,
                                    indefinite=strict)
            elif any(k in lx.ORG_HEADS for k in keys):
                i = self._org_after(doc, toks, i, gaz, found, taken, descriptor=False)
            elif title:
                # a one-word indefinite title is a construct noun (وزير الخارجية، رئيس منطقة):
                # it needs a definite complement before the name
                needs_complement = title == 1 and not toks[i].key.startswith("ال")
                i = self._person_after(doc, toks, i + title, gaz, found, taken,
                                       needs_complement)
            else:
                i += 1

    @staticmethod
    def _org_after(doc, toks, i, gaz, found, taken, descriptor: bool,
                   indefinite: bool = False) -> int:
        text = doc.text
        if i >= len(toks):
            return i
        if descriptor and text[toks[i - 1].end:toks[i].start].strip() and \
                text[toks[i - 1].end:toks[i].start].strip()[-1] in QUOTES:
            j = i  # a quoted name: up to the closing quote
            while j + 1 < len(toks) and not any(q in text[toks[j].end:toks[j + 1].start]
                                                for q in QUOTES):
                j += 1
            return _emit(doc, toks, i, j + 1, "ORG", found, taken)
        if indefinite and toks[i].key.startswith("ال"):
            return i
        start, j = (i, i) if descriptor else (i, i + 1)
        limit = 3 if descriptor else 2
        while j < len(toks) and j - (i if descriptor else i + 1) < limit and \
                not _gap(text, toks[j - 1:j + 1]) and _namelike(toks[j].key, gaz) and \
                (descriptor or toks[j].key.startswith("ال")):
            j += 1
        if j == (start if descriptor else start + 1):
            return i + 1
        # a head noun may carry a proclitic (وبوزارة الخارجية); a descriptor's name starts bare
        first = toks[start].start if descriptor else _head_start(toks[start], text)
        found.append(span(doc, first, toks[j - 1].end, "ORG"))
        taken[start:j] = [True] * (j - start)
        return j

    @staticmethod
    def _person_after(doc, toks, i, gaz, found, taken, needs_complement: bool = False) -> int:
        text = doc.text
        j = i
        # complements of the title (الامن القومي), nationality adjectives, السابق
        while j < len(toks) and j - i < lx.TITLE_COMPLEMENT_MAX and toks[j].key.startswith("ال") \
                and toks[j].key not in lx.STOPWORDS and not _gap(text, toks[j - 1:j + 1]):
            j += 1
        if needs_complement and j == i:
            return i
        start = j
        while start < len(toks) and (toks[start].key.startswith("ال") or
                                     gaz.get((toks[start].key,)) == "NORP"):
            start += 1
            if start - i > lx.TITLE_COMPLEMENT_MAX + 2:
                return i
        end = start
        while end < len(toks) and end - start < 3 and not _gap(text, toks[end - 1:end + 1]) \
                and _namelike(toks[end].key, gaz):
            if end == start and toks[end].key.startswith("ال") or \
                    toks[end].key in lx.TITLE_HEADS:  # titles are not names
                break
            if end - start == 2 and not (toks[end].key.startswith("ال") or
                                         toks[end - 1].key in lx.NAME_LINKS):
                break
            end += 1
        if end == start:
            return i
        return _emit(doc, toks, start, end, "PERSON", found, taken)


def _title_at(toks, i, keys) -> int:
    """Number of tokens of the longest title starting at token i (0 if none)."""
    if not any(k in lx.TITLE_HEADS for k in keys):
        return 0
    for title in lx.TITLES:
        n = len(title)
        if i + n <= len(toks) and title[0] in keys and \
                all(toks[i + k].key == title[k] for k in range(1, n)):
            return n
    return 0


def _namelike(key: str, gaz) -> bool:
    """Could this token be part of a name? Not a function word (with or without a
    proclitic), a nationality, a number or a word with a pronoun suffix."""
    bare = [key] + [key[k:] for k in (1, 2) if is_proclitic_prefix(key[:k])]
    return not any(b in lx.STOPWORDS for b in bare) and gaz.get((key,)) != "NORP" \
        and not key.isdigit() and not key.endswith(lx.PRONOUN_SUFFIXES)


def _gap(text: str, toks) -> bool:
    """Whether anything but spaces separates consecutive tokens (punctuation ends names)."""
    return any(text[a.end:b.start].strip() for a, b in zip(toks, toks[1:], strict=False))


def _head_start(tok: Token, text: str) -> int:
    for key, start in _unclitic(tok, text):
        if key in lx.ORG_HEADS:
            return start
    return tok.start


def _emit(doc, toks, i, j, label, found, taken) -> int:
    if j <= i or any(taken[i:j]):
        return i + 1 if j <= i else j
    found.append(span(doc, toks[i].start, toks[j - 1].end, label))
    taken[i:j] = [True] * (j - i)
    return j
