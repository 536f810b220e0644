"""Chunks of tag sequences as three published scorers read them.

* :func:`conll_chunks`: seqeval's default mode, the CoNLL-2000 ``conlleval`` rules
  (an ``I-X`` after ``O`` or after another type starts an ``X`` chunk; a type change
  ends one), on the sentences joined with an ``O`` between them, as seqeval does;
* :func:`strict_chunks`: seqeval's ``mode="strict"``: a chunk is an entity only when it
  starts, continues and ends as the scheme (IOB2, IOE2, IOBES, BILOU) allows, so
  ill-formed chunks are not entities; a tag whose prefix the scheme does not have is an
  error (seqeval raises one too);
* :func:`conlleval`: the counts of the ``conlleval`` script itself (chunks found,
  correct, gold; tokens and correct tags for its accuracy line), which follow its own
  state machine: it counts a chunk at every start, where seqeval merges (``U-X U-X``).

Each returns counts per type: :class:`Counts` (``tp``, ``pred``, ``gold``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bench.problems import InputError

Sentences = Sequence[Sequence[str]]


@dataclass
class Counts:
    """Per type: true positives, predicted and gold items."""

    tp: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def add(self, gold: set, pred: set) -> None:
        """Count two sets of ``(type, ...)`` items."""
        self.gold.update(item[0] for item in gold)
        self.pred.update(item[0] for item in pred)
        self.tp.update(item[0] for item in gold & pred)

    def types(self) -> list[str]:
        return sorted(set(self.gold) | set(self.pred))


# --- the conlleval rules (shared by seqeval's default mode and the script) -------------

_END_PAIRS = {("B", "B"), ("B", "S"), ("B", "O"), ("I", "B"), ("I", "S"), ("I", "O")}
_START_PAIRS = {("E", "E"), ("E", "I"), ("S", "E"), ("S", "I"), ("O", "E"), ("O", "I")}


def _chunk_end(prev: str, tag: str, prev_type: str, kind: str, brackets: bool) -> bool:
    """Whether a chunk ended between the previous token and this one (prefixes and types)."""
    return (prev in ("E", "S") or (prev, tag) in _END_PAIRS
            or (prev not in ("O", ".") and prev_type != kind)
            or (brackets and prev in ("[", "]")))


def _chunk_start(prev: str, tag: str, prev_type: str, kind: str, brackets: bool) -> bool:
    """Whether a chunk started between the previous token and this one."""
    return (tag in ("B", "S") or (prev, tag) in _START_PAIRS
            or (tag not in ("O", ".") and prev_type != kind)
            or (brackets and tag in ("[", "]")))


def _seqeval_split(tag: str) -> tuple[str, str]:
    """seqeval's reading of a tag: its first character, and what follows the first ``-``
    after it (``_`` when nothing does)."""
    return tag[:1], tag[1:].split("-", 1)[-1] or "_"


def conll_chunks(sentences: Sentences) -> set[tuple[str, int, int]]:
    """``(type, first, last)`` chunks of seqeval's default mode, positions in the sentences
    joined with one ``O`` after each."""
    flat = [tag for sentence in sentences for tag in (*sentence, "O")] + ["O"]
    chunks, prev, prev_type, begin = set(), "O", "", 0
    for i, tag in enumerate(flat):
        prefix, kind = _seqeval_split(tag)
        if _chunk_end(prev, prefix, prev_type, kind, False):
            chunks.add((prev_type, begin, i - 1))
        if _chunk_start(prev, prefix, prev_type, kind, False):
            begin = i
        prev, prev_type = prefix, kind
    return chunks


def conll_counts(gold: Sentences, pred: Sentences) -> Counts:
    """seqeval's default mode: chunks equal in type, start and end."""
    counts = Counts()
    counts.add(conll_chunks(gold), conll_chunks(pred))
    return counts


# --- seqeval's strict mode -----------------------------------------------------------

_ANY = "BIOESLU"
STRICT_SCHEMES: dict[str, dict[str, object]] = {
    # allowed prefixes; (previous, current, type condition) patterns that start a chunk,
    # continue it and, between the chunk's last token and the next, end it
    "IOB2": {"allowed": "IOB",
             "start": [(_ANY, "B", "")],
             "inside": [("B", "I", "same"), ("I", "I", "same")],
             "end": [("I", "O", ""), ("I", "I", "diff"), ("I", "B", ""), ("B", "O", ""),
                     ("B", "I", "diff"), ("B", "B", "")]},
    "IOE2": {"allowed": "IOE",
             "start": [("O", "I", ""), ("O", "E", ""), ("E", "I", ""), ("E", "E", ""),
                       ("I", "I", "diff"), ("I", "E", "diff")],
             "inside": [("I", "E", "same"), ("I", "I", "same")],
             "end": [("E", _ANY, "")]},
    "IOBES": {"allowed": "IOBES",
              "start": [(_ANY, "B", ""), (_ANY, "S", "")],
              "inside": [("B", "I", "same"), ("B", "E", "same"), ("I", "I", "same"),
                         ("I", "E", "same")],
              "end": [("S", _ANY, ""), ("E", _ANY, "")]},
    "BILOU": {"allowed": "BILOU",
              "start": [(_ANY, "B", ""), (_ANY, "U", "")],
              "inside": [("B", "I", "same"), ("B", "L", "same"), ("I", "I", "same"),
                         ("I", "L", "same")],
              "end": [("U", _ANY, ""), ("L", _ANY, "")]},
}
"""seqeval's scheme definitions (``seqeval.scheme``), as data."""


def _matches(patterns, prev: tuple[str, str], cur: tuple[str, str]) -> bool:
    for before, now, condition in patterns:
        if prev[0] in before and cur[0] in now and (
                not condition or (prev[1] == cur[1]) == (condition == "same")):
            return True
    return False


def strict_chunks(sentences: Sentences, scheme: str, where: str = ""
                  ) -> set[tuple[str, int, int, int]]:
    """``(type, sentence, first, one past last)`` entities of seqeval's strict mode."""
    rules = STRICT_SCHEMES[scheme]
    out = set()
    outside = ("O", "_")
    for number, sentence in enumerate(sentences):
        tokens = []
        for i, tag in enumerate(sentence):
            if not tag or tag[0] not in rules["allowed"]:
                raise InputError.one(where or "tags", f"sentence {number + 1}, token {i + 1}: "
                                     f"{tag!r} is not a {scheme} tag (seqeval's strict mode "
                                     "refuses it): choose the scheme of the tags with "
                                     "--scheme-tags")
            tokens.append((tag[0], tag[1:].strip("-") or "_"))
        tokens.append(outside)
        i, prev = 0, outside
        while i < len(tokens):
            token = tokens[i]
            if _matches(rules["start"], prev, token):
                j, last = i + 1, token
                while _matches(rules["inside"], last, tokens[j]):
                    last, j = tokens[j], j + 1
                if _matches(rules["end"], tokens[j - 1], tokens[j]):
                    out.add((token[1], number, i, j))
                i = j
            else:
                i += 1
            prev = tokens[i - 1]
    return out


def strict_counts(gold: Sentences, pred: Sentences, scheme: str, where: str = "") -> Counts:
    counts = Counts()
    counts.add(strict_chunks(gold, scheme, f"{where} (gold)".strip()),
               strict_chunks(pred, scheme, f"{where} (predictions)".strip()))
    return counts


# --- the conlleval script ------------------------------------------------------------

def _conlleval_split(tag: str) -> tuple[str, str]:
    """conlleval's ``/^([^-]*)-(.*)$/``: the text before the first ``-`` and after it;
    a tag without ``-`` is all prefix, of type ""."""
    prefix, dash, kind = tag.partition("-")
    return (prefix, kind) if dash else (tag, "")


@dataclass
class ConllevalCounts(Counts):
    tokens: int = 0
    correct_tags: int = 0


def conlleval(gold: Sentences, pred: Sentences) -> ConllevalCounts:
    """The counts of ``conlleval`` on a file of these sentences (a blank line after each):
    chunks gold (``tp`` are its correct chunks), found, and tokens and correct tags."""
    out = ConllevalCounts()
    in_correct = False
    last_gold, last_gold_type, last_pred, last_pred_type = "O", "", "O", ""
    lines = [pair for g, p in zip(gold, pred, strict=True)
             for pair in (*zip(g, p, strict=True), None)]
    for pair in lines:
        boundary = pair is None
        g, gk = ("O", "") if boundary else _conlleval_split(pair[0])
        p, pk = ("O", "") if boundary else _conlleval_split(pair[1])
        end_g = _chunk_end(last_gold, g, last_gold_type, gk, True)
        end_p = _chunk_end(last_pred, p, last_pred_type, pk, True)
        start_g = _chunk_start(last_gold, g, last_gold_type, gk, True)
        start_p = _chunk_start(last_pred, p, last_pred_type, pk, True)
        if in_correct:
            if end_g and end_p and last_pred_type == last_gold_type:
                in_correct = False
                out.tp[last_gold_type] += 1
            elif end_g != end_p or pk != gk:
                in_correct = False
        if start_g and start_p and pk == gk:
            in_correct = True
        if start_g:
            out.gold[gk] += 1
        if start_p:
            out.pred[pk] += 1
        if not boundary:
            out.tokens += 1
            out.correct_tags += (g, gk) == (p, pk)
        last_gold, last_gold_type, last_pred, last_pred_type = g, gk, p, pk
    if in_correct:
        out.tp[last_gold_type] += 1
    return out


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def conlleval_report(counts: ConllevalCounts) -> str:
    """The text ``conlleval`` prints (``%6.2f`` percentages; a precision, recall or FB1
    with nothing to divide by is 0, as the script's defaults are)."""
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p, r = _percent(tp, pred), _percent(tp, gold)
        return p, r, 2 * p * r / (p + r) if p + r > 0 else 0.0

    tp, pred, gold = (sum(c.values()) for c in (counts.tp, counts.pred, counts.gold))
    p, r, f = prf(tp, pred, gold)
    lines = [f"processed {counts.tokens} tokens with {gold} phrases; found: {pred} phrases; "
             f"correct: {tp}."]
    if counts.tokens:
        lines.append(f"accuracy: {_percent(counts.correct_tags, counts.tokens):6.2f}%; "
                     f"precision: {p:6.2f}%; recall: {r:6.2f}%; FB1: {f:6.2f}")
    for kind in sorted((set(counts.gold) | set(counts.pred)) - {""}):
        p, r, f = prf(counts.tp[kind], counts.pred[kind], counts.gold[kind])
        lines.append(f"{kind:>17}: precision: {p:6.2f}%; recall: {r:6.2f}%; FB1: {f:6.2f}  "
                     f"{counts.pred[kind]}")
    return "\n".join(lines) + "\n"
