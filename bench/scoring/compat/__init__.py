"""Published scorers' semantics as named modes, so a table can be set beside a paper's.

``score_compat(mode, gold, systems)`` scores prediction sets as one reference scorer
would, and names the mode in every table's signature (``compat:seqeval``). The modes
(:data:`MODES`; each tested for parity with its reference implementation where one can
be installed, see ``docs/compat.md``):

========================  ============================================================
``seqeval``               seqeval's default mode (conlleval chunking), micro F1
``seqeval-strict``        seqeval ``mode="strict"`` under ``scheme`` (IOB2, IOE2, IOBES,
                          BILOU): ill-formed chunks are not entities
``conlleval``             the CoNLL-2000 script: chunk counts, accuracy line, its text
``nervaluate``            nervaluate 1.2.1: four schemes, greedy matching
``wojood``                WojoodNER shared task: flat = seqeval default micro; nested =
                          one copy of the data per type, each scored flat, micro
``llmebench-token``       LLMeBench: token-level macro F1 over tags, ``O`` included
``te3``                   TempEval-3 TIMEX3: strict/relaxed extent, value and type F1
========================  ============================================================

Tag-based modes read each side's tags as written when ``raw`` tags are given for it
(a CoNLL file: :func:`bench.loader.load_tags`), else its spans encoded over the gold's
tokens (:mod:`bench.scoring.compat.sequences`). Nested corpora: the flat modes score the
first tag column (the outermost spans). ``scopes``, as in :func:`bench.scoring.score`:
a system is scored on the labels it declares and those it predicts; the gold's spans
and tags of other labels are left out for it (the reference scorers would count them as
misses: give no scope to have that).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from bench.fingerprint import gold_fingerprint
from bench.model import Corpus, Document
from bench.problems import InputError, Problem
from bench.scoring.compat import chunking, greedy, sequences, te3
from bench.scoring.compat.results import CompatResults, CompatSystem, CompatTable, row
from bench.scoring.keys import COMPAT_MODES
from bench.scoring.settings import Signature
from bench.version import __version__

SCHEME_TAGS = tuple(chunking.STRICT_SCHEMES)
_ENCODING = {"IOB2": "iob2", "IOE2": "ioe2", "IOBES": "bioes", "BILOU": "bilou"}


@dataclass(frozen=True)
class Mode:
    name: str
    legend: str
    """One sentence: what the mode counts and how it differs from arabench's default."""
    source: str
    tables: Callable[[Corpus, Corpus, str, sequences.Raw | None, sequences.Raw | None, str],
                     dict[str, tuple[dict, dict[str, tuple], str]]]


def _docs(gold: Corpus, side: Corpus, name: str) -> list[tuple[Document, Document]]:
    """Gold and predicted document pairs in gold id order."""
    by_id = {d.doc_id: d for d in side.documents}
    missing = [d.doc_id for d in gold.documents if d.doc_id not in by_id]
    if missing:
        raise InputError([Problem(name, doc_id, "no predictions for this gold document")
                          for doc_id in missing])
    return [(d, by_id[d.doc_id]) for d in sorted(gold.documents, key=lambda d: d.doc_id)]


def _tag_pairs(gold: Corpus, side: Corpus, name: str, gold_raw, raw, scheme: str):
    """Per document (gold Tagged, predicted Tagged)."""
    out = []
    for g, p in _docs(gold, side, name):
        sents = sequences.tokens(g)
        out.append((sequences.side_tags(g, g, gold_raw, gold.name or "gold", sents, scheme),
                    sequences.side_tags(g, p, raw, name, sents, scheme)))
    return out


def _rows(counts: chunking.Counts) -> tuple[tuple, dict[str, tuple]]:
    total = (sum(counts.tp.values()), sum(counts.pred.values()), sum(counts.gold.values()))
    return total, {k: (counts.tp[k], counts.pred[k], counts.gold[k]) for k in counts.types()}


def _seqeval(strict: bool):
    def tables(gold, side, name, gold_raw, raw, scheme):
        pairs = _tag_pairs(gold, side, name, gold_raw, raw, _ENCODING[scheme])
        g = [s for gt, _ in pairs for s in gt.column(0)]
        p = [s for _, pt in pairs for s in pt.column(0)]
        counts = (chunking.strict_counts(g, p, scheme, name) if strict
                  else chunking.conll_counts(g, p))
        total, per = _rows(counts)
        return {"chunks": (total, per, "micro", {})}
    return tables


def _conlleval(gold, side, name, gold_raw, raw, scheme):
    pairs = _tag_pairs(gold, side, name, gold_raw, raw, "iob2")
    counts = chunking.conlleval([s for gt, _ in pairs for s in gt.column(0)],
                                [s for _, pt in pairs for s in pt.column(0)])
    total, per = _rows(counts)
    per.pop("", None)
    extra = {"accuracy": counts.correct_tags / counts.tokens if counts.tokens else 0.0,
             "tokens": counts.tokens, "report": chunking.conlleval_report(counts)}
    return {"chunks": (total, per, "micro", extra)}


def _wojood(gold, side, name, gold_raw, raw, scheme):
    pairs = _tag_pairs(gold, side, name, gold_raw, raw, "iob2")
    if max((gt.depth for gt, _ in pairs), default=1) <= 1:
        counts = chunking.conll_counts([s for gt, _ in pairs for s in gt.column(0)],
                                       [s for _, pt in pairs for s in pt.column(0)])
        total, per = _rows(counts)
        return {"flat": (total, per, "micro", {})}
    kinds = sorted(set().union(*(gt.types() | pt.types() for gt, pt in pairs)))
    g = [s for kind in kinds for gt, _ in pairs for s in gt.of_type(kind)]
    p = [s for kind in kinds for _, pt in pairs for s in pt.of_type(kind)]
    total, per = _rows(chunking.conll_counts(g, p))
    return {"nested": (total, per, "micro", {"types": kinds})}


def token_counts(gold: list[list[str]], pred: list[list[str]]) -> tuple[tuple, dict]:
    """LLMeBench's token scoring: (micro counts, per tag counts) of the padded tags."""
    y_true, y_pred = sequences.padded(gold, pred)
    labels = sorted(set(y_true) | set(y_pred))
    per = {k: (sum(t == p == k for t, p in zip(y_true, y_pred, strict=True)),
               y_pred.count(k), y_true.count(k)) for k in labels}
    hits = sum(t == p for t, p in zip(y_true, y_pred, strict=True))
    return (hits, len(y_pred), len(y_true)), per


def _tokens(gold, side, name, gold_raw, raw, scheme):
    pairs = _tag_pairs(gold, side, name, gold_raw, raw, "iob2")
    total, per = token_counts([s for gt, _ in pairs for s in gt.column(0)],
                              [s for _, pt in pairs for s in pt.column(0)])
    return {"tokens": (total, per, "macro", {})}


def _spans(doc: Document) -> list[greedy.Span]:
    return sorted((a.start, a.end - 1, a.label) for a in doc.annotations)


def _nervaluate(gold, side, name, gold_raw, raw, scheme):
    pairs = [(_spans(g), _spans(p)) for g, p in _docs(gold, side, name)]
    labels = sorted({s[2] for g, p in pairs for s in (*g, *p)})
    out = {}
    for table in greedy.SCHEMES:
        overall, per = greedy.Outcome(), {k: greedy.Outcome() for k in labels}
        for g, p in pairs:
            overall += greedy.evaluate(g, p, table)
            for k in labels:
                per[k] += greedy.evaluate([s for s in g if s[2] == k],
                                          [s for s in p if s[2] == k], table)
        counts = {k: vars(o) for k, o in per.items()}
        out[table] = ((overall.credit(table), overall.actual, overall.possible),
                      {k: (o.credit(table), o.actual, o.possible) for k, o in per.items()},
                      "micro", {"counts": vars(overall), "per_label_counts": counts})
    return out


def _te3(gold, side, name, gold_raw, raw, scheme):
    total = te3.Te3Counts()
    for g, p in _docs(gold, side, name):
        total += te3.te3([a for a in g.annotations if a.is_temporal],
                         [a for a in p.annotations if a.is_temporal])
    return {table: ((getattr(total, table), total.pred, total.gold), {}, "micro", {})
            for table in te3.TABLES}


MODES: dict[str, Mode] = {m.name: m for m in (
    Mode("seqeval", "seqeval's default mode (conlleval chunking): an I- tag that continues "
         "nothing starts an entity, and each side's tags are taken as written; micro F1 "
         "over entities equal in type and extent (arabench strict, on tokens).",
         "seqeval 1.2 seqeval.metrics.f1_score(mode=None)", _seqeval(False)),
    Mode("seqeval-strict", "seqeval's strict mode: a chunk that does not begin, continue "
         "and end as the tag scheme allows is no entity at all (arabench reads it as one); "
         "micro F1.", "seqeval 1.2 f1_score(mode='strict', scheme=...)", _seqeval(True)),
    Mode("conlleval", "the CoNLL-2000 conlleval script: chunk precision, recall and FB1 "
         "(a chunk is counted at every start), token accuracy, its text rounded to two "
         "decimals.", "conlleval.pl (CoNLL-2000), 2004 revision", _conlleval),
    Mode("nervaluate", "nervaluate 1.2.1: strict, exact, partial and ent_type with greedy "
         "first-fit matching in document order (arabench matches optimally), partial "
         "counting half; per-label rows score each label's spans alone.",
         "nervaluate 1.2.1 Evaluator", _nervaluate),
    Mode("wojood", "the WojoodNER shared-task scorer: flat data = seqeval default micro "
         "F1; nested data = one copy of the corpus per type (each token's first tag of "
         "that type), the copies scored flat together.",
         "SinaLab ArabicNER compute_nested_metrics (seqeval, IOB2, default mode)", _wojood),
    Mode("llmebench-token", "LLMeBench's NER score: macro F1 over token tags with O a "
         "class of its own (scikit-learn average='macro'), predictions cut or padded "
         "with O to the gold's length; not an entity score.",
         "LLMeBench / LAraBench, sklearn.metrics.f1_score(average='macro')", _tokens),
    Mode("te3", "TempEval-3 TIMEX3: strict (equal extent) and relaxed (overlapping) "
         "match whatever the type, and value and type F1 over the relaxed matches; only "
         "temporal labels.", "TempEval-3 task paper (UzZaman et al., 2013), section 4.1",
         _te3),
)}

def _in_scope(gold: Corpus, tags: sequences.Raw | None, labels: set[str]
              ) -> tuple[Corpus, sequences.Raw | None]:
    """The gold's spans of ``labels`` only, and its tags of other labels read as ``O``."""
    corpus = Corpus([d.with_annotations([a for a in d.annotations if a.label in labels])
                     for d in gold], name=gold.name)
    if tags is None:
        return corpus, None

    def tag(t: str) -> str:
        return t if t.partition("-")[2] in labels or t == "O" else "O"
    return corpus, {d: [[(tok, tuple(map(tag, ts))) for tok, ts in s] for s in sents]
                    for d, sents in tags.items()}


if tuple(MODES) != COMPAT_MODES:  # the names the CLI and suites check against
    raise ImportError("bench.scoring.keys.COMPAT_MODES differs from the modes defined here")


def score_compat(mode: str, gold: Corpus, systems: Mapping[str, Corpus], *,
                 gold_tags: sequences.Raw | None = None,
                 system_tags: Mapping[str, sequences.Raw | None] | None = None,
                 scheme: str = "IOB2", labels: str = "canonical", task: str = "",
                 scopes: Mapping[str, Collection[str] | None] | None = None
                 ) -> CompatResults:
    """Score ``systems`` against ``gold`` as the reference scorer of ``mode`` does.

    ``gold_tags`` and ``system_tags[name]``: a side's tags as written
    (:func:`bench.loader.load_tags`), else its spans are encoded over the gold's tokens.
    ``scheme``: the tag scheme of ``seqeval-strict`` (one of :data:`SCHEME_TAGS`)."""
    if mode not in MODES:
        raise InputError.one("--compat", f"unknown mode {mode!r} (known: {', '.join(MODES)})")
    if scheme not in SCHEME_TAGS:
        raise InputError.one("--scheme-tags", f"unknown scheme {scheme!r} (known: "
                                              f"{', '.join(SCHEME_TAGS)})")
    spec = MODES[mode]
    named = f"{mode}/{scheme}" if mode == "seqeval-strict" else mode
    sha = gold_fingerprint(gold)
    out = []
    for name, side in systems.items():
        raw = (system_tags or {}).get(name)
        scope = (scopes or {}).get(name)
        kept, kept_tags = (gold, gold_tags) if scope is None else _in_scope(
            gold, gold_tags, set(scope) | {a.label for d in side for a in d.annotations})
        tables = {}
        for table, (total, per, headline, extra) in spec.tables(
                kept, side, name, kept_tags, raw, scheme).items():
            signature = Signature(__version__, table, "none", labels, sha, "none", 0, 0, 0.0,
                                  task=task, compat=named)
            tables[table] = CompatTable(table, str(signature), row(*total),
                                        {k: row(*c) for k, c in per.items()}, headline, extra)
        out.append(CompatSystem(name, tables))
    return CompatResults(named, spec.legend, spec.source,
                         {"name": gold.name, "sha256": sha, "documents": len(gold.documents)},
                         out, __version__)


__all__ = ["MODES", "SCHEME_TAGS", "CompatResults", "Mode", "score_compat"]
