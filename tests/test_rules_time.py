"""rules-time on phrases written for these tests (none from the seed article)."""

from __future__ import annotations

from datetime import date

import pytest

from bench.extractors.rules_time import tag

DCT = date(2021, 7, 26)  # a Monday

CASES = [
    # Gregorian months in every convention, doubled forms, ordinal day words
    ("وصل الوفد في 3 كانون الثاني 2020", "3 كانون الثاني 2020", "DATE", "2020-01-03", None),
    ("انتهى العقد في 14 فبراير 2019", "14 فبراير 2019", "DATE", "2019-02-14", None),
    ("المهرجان في 20 يوليوز 2022", "20 يوليوز 2022", "DATE", "2022-07-20", None),
    ("الاجتماع في 2 غشت 2018", "2 غشت 2018", "DATE", "2018-08-02", None),
    ("منذ العاشر من تشرين الأول (أكتوبر) 2019", "العاشر من تشرين الأول (أكتوبر) 2019", "DATE",
     "2019-10-10", None),
    ("وقّع في الحادي والعشرين من أيار/مايو 2015", "الحادي والعشرين من أيار/مايو 2015", "DATE",
     "2015-05-21", None),
    ("جرت الانتخابات في نيسان أبريل 2018", "نيسان أبريل 2018", "DATE", "2018-04", None),
    ("يتوقع صدور القرار في شهر سبتمبر", "شهر سبتمبر", "DATE", "2021-09", None),
    ("عاد في آذار الماضي", "آذار الماضي", "DATE", "2021-03", None),
    ("سيزور البلاد في ديسمبر المقبل", "ديسمبر المقبل", "DATE", "2021-12", None),
    # Arabic-Indic digits, numeric dates, years
    ("في ١٥ آب ٢٠٢٠ اندلع الحريق", "١٥ آب ٢٠٢٠", "DATE", "2020-08-15", None),
    ("صدر المرسوم بتاريخ 5/3/2019", "5/3/2019", "DATE", "2019-03-05", None),
    ("نشر التقرير 2020-11-09", "2020-11-09", "DATE", "2020-11-09", None),
    ("تأسست الشركة عام 1998", "عام 1998", "DATE", "1998", None),
    ("بدأت الأزمة سنة ٢٠١١", "سنة ٢٠١١", "DATE", "2011", None),
    # Hijri with هـ, converted
    ("ولد في 1 رمضان 1442 هـ", "1 رمضان 1442 هـ", "DATE", "2021-04-13", None),
    # weekdays: bare in the tense of the sentence (a past verb: the last one), with past
    # and next
    ("اجتمع المجلس الأربعاء", "الأربعاء", "DATE", "2021-07-21", None),
    ("يجتمع المجلس الأربعاء", "الأربعاء", "DATE", "2021-07-28", None),
    ("أعلن الوزير السبت الماضي", "السبت الماضي", "DATE", "2021-07-24", None),
    ("سيصل الثلاثاء المقبل", "الثلاثاء المقبل", "DATE", "2021-07-27", None),
    ("تنعقد القمة الاثنين القادم", "الاثنين القادم", "DATE", "2021-08-02", None),
    # relative days and parts of day
    ("قال أمس إن", "أمس", "DATE", "2021-07-25", None),
    ("تبدأ المباراة غدا", "غدا", "DATE", "2021-07-27", None),
    ("سيعقد مؤتمرا صحفيا الليلة", "الليلة", "TIME", "2021-07-26TNI", None),
    ("وصل صباح أمس", "صباح أمس", "TIME", "2021-07-25TMO", None),
    ("أعلن ظهر الخميس", "ظهر الخميس", "TIME", "2021-07-22TMI", None),  # past verb
    ("سيغادر عصر اليوم", "عصر اليوم", "TIME", "2021-07-26TAF", None),
    ("تبدأ الجلسة الساعة الخامسة مساء", "الساعة الخامسة مساء", "TIME", "2021-07-26T17:00",
     None),
    # quarters, modifiers, relative periods
    ("ارتفعت الأرباح في الربع الأول من عام 2021", "الربع الأول من عام 2021", "DATE", "2021-Q1",
     None),
    ("ينتهي المشروع مطلع العام المقبل", "مطلع العام المقبل", "DATE", "2022", "START"),
    ("في أواخر الشهر الجاري", "أواخر الشهر الجاري", "DATE", "2021-07", "END"),
    ("في أوائل تموز", "أوائل تموز", "DATE", "2021-07", "START"),
    ("زاد الإنتاج العام الماضي", "العام الماضي", "DATE", "2020", None),
    ("تنتهي المهلة الأسبوع المقبل", "الأسبوع المقبل", "DATE", "2021-W31", None),
    ("وقع الحادث قبل ثلاثة أيام", "قبل ثلاثة أيام", "DATE", "2021-07-23", None),
    ("في التسعينيات", "التسعينيات", "DATE", "199", None),
    # durations: number words, duals, plurals
    ("استمرت المفاوضات ثلاثة أيام", "ثلاثة أيام", "DURATION", "P3D", None),
    ("بقي في السجن عامين", "عامين", "DURATION", "P2Y", None),
    ("غاب أسبوعين", "أسبوعين", "DURATION", "P2W", None),
    ("استغرقت الرحلة ساعات", "ساعات", "DURATION", "PTXH", None),
    ("منذ خمسة وعشرين عاما", "خمسة وعشرين عاما", "DURATION", "P25Y", None),
    # a range next to the DCT: its first month (ranges are valued by their start)
    ("خلال الأشهر الستة الماضية", "الأشهر الستة الماضية", "DATE", "2021-01", None),
    # references and sets
    ("يعيش حاليا في عمان", "حاليا", "DATE", "PRESENT_REF", None),
    ("تحسن الوضع مؤخرا", "مؤخرا", "DATE", "PAST_REF", None),
    ("في الأسابيع المقبلة", "الأسابيع المقبلة", "DATE", "FUTURE_REF", None),
    ("ينشر التقرير سنويا", "سنويا", "SET", "P1Y", None),
    ("يجتمعون كل يوم جمعة", "كل يوم جمعة", "SET", "XXXX-WXX-5", None),
    # 0.3.1, the kinds the blind batches missed (new phrases, not the batches'): a dialect
    # year word after a month, a weekday after a relative day, a Gregorian month with a
    # Hijri year and a Hijri month with a year in words or after a Maghrebi "of", dialect
    # "now" (with marks), dialect future verbs, Maghrebi clock words, an n-th weekday of a
    # month and a year after it
    ("رجعنا ب كانون التاني من هالسنة", "كانون التاني من هالسنة", "DATE", "2021-01", None),
    ("بنرجع شهر خمسة السنة الياية", "شهر خمسة السنة الياية", "DATE", "2022-05", None),
    ("الامتحانات في الشهر ده", "الشهر ده", "DATE", "2021-07", None),
    ("سافرنا مارس العام اللي فات", "مارس العام اللي فات", "DATE", "2020-03", None),
    ("نبداو فيفري تاع العام الجاي", "فيفري تاع العام الجاي", "DATE", "2022-02", None),
    ("جينا امبارح الحد", "امبارح الحد", "DATE", "2021-07-25", None),
    ("بنشوفكم عقب بكرة الأربعاء", "عقب بكرة الأربعاء", "DATE", "2021-07-28", None),
    ("الموعد بكرة التلاتا", "بكرة التلاتا", "DATE", "2021-07-27", None),
    ("صدر في آب 1442 هـ", "آب 1442 هـ", "DATE", "2020-08", None),  # most of it in 1442
    ("في كانون الثاني 1443 هـ", "كانون الثاني 1443 هـ", "DATE", "2022-01", None),
    ("صمنا شوال سنة ألفين وواحد وعشرين", "شوال سنة ألفين وواحد وعشرين", "DATE", "2021-05",
     None),
    ("مشينا ف رجب ديال 2022", "رجب ديال 2022", "DATE", "2022-02", None),
    ("رمضان 2023 هييجي بدري", "رمضان 2023", "DATE", "2023-03", None),  # ه begins a word
    ("أنا هسَّع بالبيت", "هسَّع", "DATE", "PRESENT_REF", None),
    ("راني دروك في الدار", "دروك", "DATE", "PRESENT_REF", None),
    ("بنسافر السبت", "السبت", "DATE", "2021-07-31", None),
    ("رح نزوركن السبت", "السبت", "DATE", "2021-07-31", None),
    ("غادي نتلاقاو السبت", "السبت", "DATE", "2021-07-31", None),
    ("الحفلة الساعة الستة د العشية", "الساعة الستة د العشية", "TIME", "2021-07-26T18:00",
     None),
    ("نخدمو الساعة 8 د الصباح", "الساعة 8 د الصباح", "TIME", "2021-07-26T08:00", None),
    ("العرس الحد 8 غشت", "الحد 8 غشت", "DATE", "2021-08-08", None),
    ("أول سبت من تشرين الأول السنة الجاية", "أول سبت من تشرين الأول السنة الجاية", "DATE",
     "2022-10-01", None),
    ("عقد الخميس الأخير من آذار من العام الماضي", "الخميس الأخير من آذار من العام الماضي",
     "DATE", "2020-03-26", None),
]


@pytest.mark.parametrize("sentence,span,label,value,mod", CASES, ids=[c[1] for c in CASES])
def test_expression(sentence, span, label, value, mod):
    found = [(sentence[s:e], t.type, t.value, t.mod) for s, e, t, _ in tag(sentence, DCT)]
    assert (span, label, value, mod) in found, found


@pytest.mark.parametrize("sentence", [
    "قال الأمين العام للأمم المتحدة إن الرأي العام منقسم",  # عام = general, not a year
    "مارس الضغط على الحكومة",  # مارس the verb
    "التقى أب وابنه",  # أب = father, not August
    "أرسلت الدولة 2500 جندي",  # a number, not a year
    "اجتمع الطرفان في الشهر",
    # weekdays of dialect that are numbers or nouns in MSA, outside their contexts
    "خاضت المباريات الأربع المقبلة",
    "تعمل على الحد من انتشار الوباء",
    "كل حد عنده رأي",
])
def test_no_false_alarms(sentence):
    assert tag(sentence, DCT) == []


@pytest.mark.parametrize("sentence", [
    "أصدرت بيانا السبت",  # a noun, not a dialect future verb
    "وصل الوفد إلى بيروت السبت",  # a place after a preposition
])
def test_a_word_shaped_as_a_future_verb_but_no_verb_sets_no_tense(sentence):
    """A bare weekday with no tense cue is the nearest (here the last Saturday)."""
    found = [(sentence[s:e], t.value) for s, e, t, _ in tag(sentence, DCT)]
    assert found == [("السبت", "2021-07-24")]


def test_proclitics_stay_outside_and_fused_article():
    text = "وبحلول نهاية العام الحالي وللعام المقبل"
    spans = [text[s:e] for s, e, _, _ in tag(text, DCT)]
    assert spans == ["نهاية العام الحالي", "لعام المقبل"]


def test_forms_and_missing_date():
    sentence = "عام 2008 وأمس"
    forms = {sentence[s:e]: form for s, e, _, form in tag(sentence, DCT)}
    assert forms == {"عام 2008": "absolute", "أمس": "relative"}
    undated = {sentence[s:e]: (t.value, form) for s, e, t, form in tag(sentence, None)}
    # an undated document: what needs the date has no value; the rest stays absolute
    assert undated == {"عام 2008": ("2008", "absolute"), "أمس": (None, "relative")}


# --- the grammar's structure: precedence, types, the private regex parser ------------------

PRECEDENCE_CASES = [
    # (earlier rule, later rule, phrase, what the earlier rule gives, what the later one
    # gives: one expression or a list of them)
    ("nth_in_month", "full_date", "الجمعة الأولى من آب",
     ("الجمعة الأولى من آب", "DATE", "2021-08-06", None),
     ("الجمعة الأولى من آب", "DATE", "2021-08-01", None)),
    ("weekend", "period", "نهاية الأسبوع المقبل",
     ("نهاية الأسبوع المقبل", "DATE", "2021-W31-WE", None),
     ("نهاية الأسبوع المقبل", "DATE", "2021-W31", "END")),
    ("weekend", "period_mod", "نهاية الأسبوع",
     ("نهاية الأسبوع", "DATE", "2021-W30-WE", None),
     ("نهاية الأسبوع", "DATE", "2021-W30", "END")),
    ("nth_weekday", "weekday_day", "الجمعة الثانية بعد عيد الميلاد",
     ("الجمعة الثانية بعد عيد الميلاد", "DATE", "2022-01-07", None),
     [("الجمعة الثانية", "DATE", "2021-07-02", None), ("عيد الميلاد", "DATE", "2021-12-25", None)]),
]


def _tagged(text: str) -> list[tuple[str, str, str | None, str | None]]:
    return [(text[s:e], t.type, t.value, t.mod) for s, e, t, _ in tag(text, DCT)]


def _with_precedence(order: tuple[str, ...], text: str):
    """What the tagger finds in ``text`` when the rules are tried in ``order``."""
    import bench.extractors.rules_time as rt
    from bench.extractors.rules_time import grammar

    def clear():
        grammar.rules.cache_clear()
        rt._ranked.cache_clear()
        rt._rules_for.cache_clear()

    kept = grammar.PRECEDENCE
    try:
        grammar.PRECEDENCE = order
        clear()
        return _tagged(text)
    finally:
        grammar.PRECEDENCE = kept
        clear()


@pytest.mark.parametrize("earlier,later,phrase,wins,loses", PRECEDENCE_CASES,
                         ids=[f"{c[0]}<{c[1]}" for c in PRECEDENCE_CASES])
def test_each_precedence_constraint_decides_its_phrase(earlier, later, phrase, wins, loses):
    """Each "A before B" of grammar.PRECEDENCE: the phrase gets what only A gives, and with
    A and B swapped it would get what B gives."""
    from bench.extractors.rules_time.grammar import PRECEDENCE

    assert PRECEDENCE.index(earlier) < PRECEDENCE.index(later)
    assert _tagged(phrase) == [wins]
    swapped = list(PRECEDENCE)
    i, j = swapped.index(earlier), swapped.index(later)
    swapped[i], swapped[j] = swapped[j], swapped[i]
    assert _with_precedence(tuple(swapped), phrase) == (loses if isinstance(loses, list)
                                                         else [loses])


def test_every_commented_constraint_has_its_test():
    """The "A before B" comments of grammar.py are the constraints tested above."""
    import re
    from pathlib import Path

    import bench.extractors.rules_time.grammar as grammar
    source = Path(grammar.__file__).read_text(encoding="utf-8")
    commented = set(re.findall(r"#\s*(\w+) before (\w+):", source))
    assert commented == {(c[0], c[1]) for c in PRECEDENCE_CASES}


def test_precedence_places_every_rule_once():
    from bench.extractors.rules_time import grammar

    names = [rule.name for rule in grammar.rules()]
    assert tuple(names) == grammar.PRECEDENCE
    short = tuple(n for n in grammar.PRECEDENCE if n != "weekend")
    with pytest.raises(ValueError, match="rules not in PRECEDENCE: \\['weekend'\\]"):
        _with_precedence(short, "غدا")


def test_a_rule_states_its_type():
    from bench.extractors.rules_time.rule import Rule

    with pytest.raises(TypeError):
        Rule("untyped", pattern="x", normalise=lambda m, ctx: None)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="rule odd: type 'INTERVAL' is not one of DATE, TIME"):
        Rule("odd", "INTERVAL", "x", lambda m, ctx: None)


def test_each_rule_gives_the_type_it_states():
    """On every phrase of the coverage table, whatever a rule finds has its stated type
    (the type an undated document's expression gets)."""
    from rules_time_table import cases

    import bench.extractors.rules_time as rt
    from bench.extractors.rules_time.first import KEY
    from bench.extractors.rules_time.rule import Context

    checked = 0
    for case in cases():
        for pos in rt.start_positions(case.text):
            for _, rule in rt._rules_for(case.text[pos:pos + 3].translate(KEY)):
                m = rule.regex.match(case.text, pos)
                timex = rule.normalise(m, Context(DCT, case.text, pos)) if m else None
                if timex is not None:
                    assert timex.type == rule.type, (rule.name, case.text)
                    checked += 1
    assert checked > 500


def test_the_private_regex_parser_has_the_shape_first_reads():
    """rules-time indexes its rules through re._parser (regex_tree.py); a Python that
    changed it fails here with the reason, not with a wrong index."""
    from bench.extractors.rules_time import regex_tree

    try:
        regex_tree.check()
    except RuntimeError as error:
        pytest.fail(str(error))


def test_a_changed_regex_parser_is_named(monkeypatch):
    from types import SimpleNamespace

    from bench.extractors.rules_time import regex_tree

    monkeypatch.setattr(regex_tree, "_parser", SimpleNamespace(parse=lambda p: []))
    with pytest.raises(RuntimeError, match=r"changed its private regex parser \('a' parses to"):
        regex_tree.check()
    monkeypatch.setattr(regex_tree, "_parser", None)
    with pytest.raises(RuntimeError, match="re._parser.parse is gone"):
        regex_tree.check()


def test_a_part_of_day_before_a_word_that_is_no_day_is_no_expression():
    """"مساء اليوم العالمي" is not the evening of today: no match, and no crash."""
    dct = date(2021, 7, 26)
    assert tag("احتفلوا مساء اليوم العالمي للمسرح", dct) == []
    assert [(s, e, x.value) for s, e, x, _ in tag("احتفلوا مساء اليوم في بغداد", dct)] == [
        (8, 18, "2021-07-26TEV")]


@pytest.mark.slow
def test_the_patterns_are_the_same_in_every_process():
    """Alternations built from sets must not follow the process's string hash seed."""
    import hashlib
    import os
    import subprocess
    import sys

    code = ("import hashlib; from bench.extractors.rules_time.grammar import rules; "
            "print(hashlib.sha256('\\n'.join(r.pattern for r in rules()).encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True,
                              timeout=120).stdout for seed in ("1", "2", "3")}
    assert len(digests) == 1 and len(next(iter(digests)).strip()) == len(
        hashlib.sha256().hexdigest())
