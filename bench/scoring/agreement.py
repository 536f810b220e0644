"""Inter-annotator agreement between annotation sets of the same texts, as annotation
papers report it, reusing the scorer:

* per pair of sets, strict and partial span F1 per label, per group and overall: F1 is
  the positive specific agreement and does not depend on which set is called gold;
* on the spans both sets mark alike (same extent and label), TIMEX3 value and ``mod``
  agreement (the fraction equal), as E3C reports it;
* token-level Cohen's kappa per pair (each whitespace token labelled by the span that
  covers it, else ``O``) and Fleiss' kappa over all sets when there are more than two, as
  secondary figures;
* every disagreement (a span one set has and the other has not, or has otherwise), with
  its context.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from bench.model import Corpus, Document
from bench.problems import InputError, Problem
from bench.scoring.api import score
from bench.scoring.results import AlignmentItem

SCHEMES = ("strict", "partial")
_TOKEN = re.compile(r"\S+")


@dataclass
class PairAgreement:
    a: str
    b: str
    f1: dict[str, dict[str, float]]
    """Scheme -> row (``overall``, a label or a group) -> F1."""
    support: dict[str, tuple[int, int]]
    """Row -> spans in ``a`` and in ``b``."""
    value: float | None
    """Fraction of TIMEX3 spans marked alike in both whose values are equal (None: none)."""
    mod: float | None
    timex_matched: int
    kappa: float
    disagreements: list[AlignmentItem] = field(default_factory=list)


@dataclass
class Agreement:
    names: list[str]
    documents: int
    pairs: list[PairAgreement]
    fleiss: float | None
    """Fleiss' kappa over every set (None for two sets: Cohen's is the figure)."""

    def to_dict(self) -> dict:
        def rounded(x):
            return None if x is None else round(float(x), 6)
        return {"sets": self.names, "documents": self.documents,
                "fleiss_kappa": rounded(self.fleiss),
                "pairs": [{"a": p.a, "b": p.b,
                           "f1": {k: {r: rounded(v) for r, v in rows.items()}
                                  for k, rows in p.f1.items()},
                           "spans": {r: list(v) for r, v in p.support.items()},
                           "timex_matched": p.timex_matched, "value_agreement":
                               rounded(p.value), "mod_agreement": rounded(p.mod),
                           "cohen_kappa": rounded(p.kappa),
                           "disagreements": [_item(i, p) for i in p.disagreements]}
                          for p in self.pairs]}


def _item(i: AlignmentItem, pair: PairAgreement) -> dict:
    return {"doc_id": i.doc_id, "kind": i.kind, pair.a: _span(i.gold), pair.b: _span(i.pred),
            "context": f"{i.left}[{i.span}]{i.right}"}


def _span(a: dict | None) -> dict | None:
    if not a:
        return None
    return {k: a.get(k) for k in ("start", "end", "label", "text", "value", "mod")
            if a.get(k) is not None}


def _same_texts(sets: Sequence[Corpus], names: Sequence[str]) -> None:
    first = {d.doc_id: d.text for d in sets[0]}
    problems = []
    for corpus, name in zip(sets[1:], names[1:], strict=True):
        other = {d.doc_id: d.text for d in corpus}
        for doc_id in sorted(set(first) ^ set(other)):
            problems.append(Problem(name, doc_id, f"not in both {names[0]} and {name}"))
        for doc_id in sorted(set(first) & set(other)):
            if first[doc_id] != other[doc_id]:
                problems.append(Problem(name, doc_id, f"text differs from {names[0]}'s"))
    if problems:
        raise InputError(problems)


def token_labels(doc: Document) -> list[str]:
    """Each whitespace token's label: the label of the first span (by start, longest
    first) that overlaps it, else ``O``."""
    spans = sorted(doc.annotations, key=lambda a: (a.start, -a.end))
    out = []
    for m in _TOKEN.finditer(doc.text):
        out.append(next((a.label for a in spans if a.start < m.end() and m.start() < a.end),
                        "O"))
    return out


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences (1.0 when both are one same label)."""
    labels = sorted(set(a) | set(b))
    index = {lab: i for i, lab in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b, strict=True):
        table[index[x], index[y]] += 1
    n = table.sum()
    if n == 0:
        return 1.0
    observed = np.trace(table) / n
    expected = float((table.sum(axis=0) * table.sum(axis=1)).sum()) / n ** 2
    return 1.0 if expected == 1 else float((observed - expected) / (1 - expected))


def fleiss_kappa(ratings: Sequence[Sequence[str]]) -> float:
    """Fleiss' kappa of items (rows) each labelled by the same number of raters."""
    labels = sorted({x for row in ratings for x in row})
    index = {lab: i for i, lab in enumerate(labels)}
    counts = np.zeros((len(ratings), len(labels)))
    for i, row in enumerate(ratings):
        for x in row:
            counts[i, index[x]] += 1
    n_items, raters = counts.shape[0], counts.sum(axis=1)[0]
    p_item = ((counts ** 2).sum(axis=1) - raters) / (raters * (raters - 1))
    p_bar = p_item.mean()
    p_label = counts.sum(axis=0) / (n_items * raters)
    p_e = float((p_label ** 2).sum())
    return 1.0 if p_e == 1 else float((p_bar - p_e) / (1 - p_e))


def agree(sets: Sequence[Corpus], names: Sequence[str], common: bool = False) -> Agreement:
    """The agreement of two or more annotation sets of the same documents; ``common``:
    of the documents every set has (the others left out), where sets cover different
    documents (a second annotation of a sample)."""
    if len(sets) < 2:
        raise InputError.one("agree", "give two or more annotation sets of the same texts")
    if common:
        shared = set.intersection(*({d.doc_id for d in s} for s in sets))
        if not shared:
            raise InputError.one("agree", "the sets have no document in common")
        sets = [Corpus([d for d in s if d.doc_id in shared], name=s.name) for s in sets]
    _same_texts(sets, names)
    docs = [sorted(s.documents, key=lambda d: d.doc_id) for s in sets]
    pairs = []
    for i, j in combinations(range(len(sets)), 2):
        results = score(sets[i], {names[j]: sets[j]}, schemes=SCHEMES, clitics=("strict",),
                        resamples=0, trials=0, alignment=True)
        system = results.systems[0]
        f1 = {scheme: {"overall": sc.overall.f1,
                       **{k: r.f1 for k, r in sc.per_group.items() if r.support or r.predicted},
                       **{k: r.f1 for k, r in sc.per_label.items()}}
              for scheme, sc in system.scores.items()}
        strict = system.scores["strict"]
        support = {"overall": (strict.overall.support, strict.overall.predicted),
                   **{k: (r.support, r.predicted) for k, r in strict.per_label.items()}}
        items = list(system.alignment)
        timex = [x for x in items if x.kind == "match" and x.value_ok is not None]
        value = (sum(x.gold.get("value") == x.pred.get("value") for x in timex) / len(timex)
                 if timex else None)
        mod = (sum(x.gold.get("mod") == x.pred.get("mod") for x in timex) / len(timex)
               if timex else None)
        a_tokens = [t for d in docs[i] for t in token_labels(d)]
        b_tokens = [t for d in docs[j] for t in token_labels(d)]
        pairs.append(PairAgreement(names[i], names[j], f1, support, value, mod, len(timex),
                                   cohen_kappa(a_tokens, b_tokens),
                                   [x for x in items if x.kind not in ("match",)]))
    fleiss = None
    if len(sets) > 2:
        per_set = [[t for d in ds for t in token_labels(d)] for ds in docs]
        fleiss = fleiss_kappa(list(zip(*per_set, strict=True)))
    return Agreement(list(names), len(docs[0]), pairs, fleiss)
