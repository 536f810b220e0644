"""rules-time against its coverage table (tests/rules_time_table.py) and on texts where it
must not break; the Duckling development examples when ../shared is here."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from rules_time_table import DCT, cases, exact, found

from bench.extractors.rules_time import tag
from bench.extractors.rules_time.grammar import rules

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def test_the_table_covers_every_kind_with_enough_phrases():
    kinds = Counter(case.kind for case in cases())
    assert sum(kinds.values()) >= 400
    for kind in ("composition", "clock", "colloquial", "numeric", "range", "duration",
                 "holiday", "core"):
        assert kinds[kind] >= 30, kind


def test_at_least_95_percent_of_the_table_is_exact():
    """The phrases written for the grammar (the blind batches are measured apart)."""
    table = [c for c in cases() if not c.kind.startswith("blind")]
    missed = [(c.kind, c.expression, c.value, found(c)) for c in table if not exact(c)]
    assert len(missed) <= 0.05 * len(table), missed[:20]


@pytest.mark.parametrize("batch,first_run", [("blind3", 85), ("blind4", 74)])
def test_the_blind_batches_never_fall_below_their_first_run(batch, first_run):
    """Blind batches (written by annotators who saw neither the grammar nor its output)
    record generalisation: their share may rise with the grammar, never fall below the
    first run of the version they measured (in the table's section headers)."""
    table = [c for c in cases() if c.kind.startswith(batch + "/")]
    assert len(table) >= 80
    right = sum(map(exact, table))
    assert right >= first_run, [c.expression for c in table if not exact(c)]


@pytest.mark.parametrize("kind", ["composition", "clock", "colloquial", "numeric", "range",
                                  "duration", "holiday", "core", "after", "after2", "unseen"])
def test_each_kind_is_mostly_right(kind):
    table = [c for c in cases() if c.kind == kind]
    right = sum(map(exact, table))
    assert right >= 0.9 * len(table), [c.expression for c in table if not exact(c)]


def test_every_rule_compiles():
    for rule in rules():
        assert rule.regex.pattern == rule.pattern


@pytest.mark.parametrize("sentence", [
    "قال إن النتيجة 3/4 من الأصوات",  # a fraction, not a date
    "صدر القانون رقم 7/2021",  # a law's number
    "منذ ذلك الحين لم يعد",  # since then, not "now"
    "في وقت باكر",  # early, not tomorrow
    "التقى رمضان بوزير الخارجية",  # a man's name
    "الساعة الرملية تحفة",  # "hourglass": no hour
    "يعد من أشهر لاعبي الكرة",  # the elative "most famous", not months
    "خلال ساعات العمل",  # the head of a construct, not a duration
    "احتفلت المدارس باليوم الوطني للشجرة",  # a national day, not today
    "بصورة دقيقة",  # precise, not a minute
    "المرسوم رقم 7 عام 1950",  # "7 عام" is no duration (3-10 take a plural)
])
def test_words_that_are_not_times_stay_untagged(sentence):
    found = [(sentence[s:e], t.type, t.value) for s, e, t, _ in tag(sentence, DCT)]
    assert not [f for f in found if f[1] != "DATE" or f[2] != "1950"], found


def test_random_text_never_breaks_the_tagger():
    """Spans are inside the text and well ordered, whatever the input: random mixes of
    temporal words, digits, punctuation and marks, with and without a document date."""
    words = [c.expression for c in cases()] + ["من", "إلى", "و", "،", "/", ":", "-", "ـ",
                                                "ً", "١٢", "2021", "\n", "بعد", "قبل"]
    rng = random.Random(7)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))
        for dct in (DCT, None, date(1930, 1, 1), date(2070, 12, 31)):
            spans = tag(text, dct)
            ends = [0]
            for s, e, _, form in spans:
                assert 0 <= s < e <= len(text) and s >= ends[-1], (text, spans)
                assert form in ("absolute", "relative")
                ends.append(e)


@pytest.mark.skipif(not (SHARED / "duckling-ar-time").is_dir(),
                    reason="../shared/corpora is not here")
def test_duckling_development_examples():
    """Value accuracy on Duckling's Arabic examples in ../shared (a development check: the
    table above was not made from them)."""
    from bench.extractors.rules_time import RulesTime
    from bench.loader import load_corpus
    from bench.model import Corpus
    from bench.scoring import score

    gold = load_corpus(f"duckling:{SHARED / 'duckling-ar-time' / 'examples.dev.jsonl'}",
                       bad_values="absent")
    backend = RulesTime()
    pred = Corpus([d.with_annotations(backend.extract(d)) for d in gold])
    result = score(gold, {"rules-time": pred}, resamples=0, trials=0).systems[0]
    assert result.values.overall.accuracy >= 0.90


@pytest.mark.slow  # make test-slow and CI: kept out of make test's 45 s
def test_the_prefix_index_never_loses_a_match(monkeypatch):
    """Trying only the rules whose prefixes fit finds what trying every rule finds."""
    import bench.extractors.rules_time as rt

    texts = [c.text for c in cases()]
    timeml = SHARED / "arabic-timeml-silver"
    if timeml.is_dir():
        from bench.loader import load_corpus

        texts += [d.text for d in load_corpus(f"timeml:{timeml}", bad_values="absent")]
    indexed = [tag(t, DCT) for t in texts]
    every = tuple(rt._ranked()[0])
    monkeypatch.setattr(rt, "_rules_for", lambda key: every)
    assert [tag(t, DCT) for t in texts] == indexed


def test_joining_words_must_start_a_word():
    """"ضمن" ends in "من" but opens no range; a proclitic و before "من" still does."""
    inside = "ضمن الاثنين إلى الأربعاء"
    assert [inside[s:e] for s, e, _, _ in tag(inside, DCT)] == ["الاثنين", "الأربعاء"]
    joined = "ومن الاثنين إلى الأربعاء"
    assert [joined[s:e] for s, e, _, _ in tag(joined, DCT)] == ["من الاثنين إلى الأربعاء"]


def test_an_undated_document_keeps_each_expression_and_its_type():
    """Without a document date an expression that needs one has no value, but the same
    span and TIMEX3 type (a time of day stays TIME)."""
    for case in cases():
        dated = [(s, e, t.type) for s, e, t, _ in tag(case.text, DCT)]
        undated = [(s, e, t.type) for s, e, t, _ in tag(case.text, None)]
        if len(dated) == len(undated):  # composition needs values: it may not apply,
            # leaving a constituent inside the dated expression (a range's last day, the
            # weekday of "الجمعة من 3 إلى 5 العصر"), else the same span and type
            assert all((s, e, t) == (ds, de, dt) or ds <= s and e <= de and (s, e) != (ds, de)
                       for (s, e, t), (ds, de, dt) in zip(undated, dated, strict=True)),\
                       case.text
