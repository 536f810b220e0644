"""The tense of a sentence, and whether an expression stands alone in it: how a bare
weekday or feast is read (DESIGN.md, "One normaliser: conventions")."""

from __future__ import annotations

import re

from bench.extractors.rules_time.patterns import alt, fold, w

# the tense of a sentence, from words that news Arabic marks it with: a future particle
# or a future-tense verb of scheduling, or a common past-tense reporting/event verb
_FUTURE_CUES = ["سوف", "من المقرر", "من المنتظر", "من المتوقع", "يعتزم", "تعتزم", "يستعد",
                "تستعد", "سيتم", "ستتم", "سيعقد", "ستعقد", "سيلتقي", "ستلتقي", "سيزور", "ستزور",
                "سيصل", "ستصل", "سيبدأ", "ستبدأ", "سينطلق", "ستنطلق", "سيجري", "ستجري",
                "سيجتمع", "ستجتمع", "سيغادر", "ستغادر", "سيشارك", "ستشارك", "سيعلن", "ستعلن",
                "سيكون", "ستكون", "سيلقي", "سيتوجه", "ستتوجه", "ستقام", "سيقام", "ستنعقد",
                "سينعقد", "ستستأنف", "سيستأنف", "ستنتهي", "سينتهي", "يبدأ", "تبدأ", "ينتظر",
                "تنتظر", "يترقب",
                # dialect future particles: Levantine رح, Maghrebi غادي and باش/بش
                "رح", "غادي", "غادية", "غاديين", "باش", "بش"]
_PAST_CUES = ["قال", "قالت", "أعلن", "أعلنت", "أكد", "أكدت", "ذكر", "ذكرت", "أفاد", "أفادت",
              "أضاف", "أضافت", "أشار", "أشارت", "أوضح", "أوضحت", "التقى", "التقت", "وصل",
              "وصلت", "عقد", "عقدت", "جرى", "جرت", "شهد", "شهدت", "بدأ", "بدأت", "انتهى",
              "انتهت", "اجتمع", "اجتمعت", "زار", "زارت", "كان", "كانت", "قتل", "قتلت", "أصيب",
              "أصيبت", "وقع", "وقعت", "أجرى", "أجرت", "نشر", "نشرت", "صرح", "صرحت", "استقبل",
              "استقبلت", "غادر", "غادرت", "توفي", "اندلع", "اندلعت", "أطلق", "أطلقت", "تم",
              "أسفر", "أسفرت", "شارك", "شاركت", "حضر", "حضرت", "اعتقل", "اعتقلت", "وافق",
              "وافقت", "رفض", "رفضت", "دعا", "دعت", "طالب", "طالبت", "أقيم", "أقيمت", "انعقد",
              "انعقدت", "عاد", "عادت", "سقط", "سقطت", "فاز", "فازت", "خسر", "خسرت", "احتفل",
              "احتفلت", "احتفلوا"]
_CUES = re.compile(rf"(?<!\w)[وف]?(?:(?P<future>{alt(_FUTURE_CUES)})|(?P<past>{alt(_PAST_CUES)}))"
                   r"(?!\w)")
_CLAUSE_END = re.compile(r"[.!?؟\n؛]")
# a dialect verb with a future prefix (Egyptian ه, Levantine ح, Gulf ب) and a person prefix,
# right before the expression: "هنسافر", "هيفصل", "بنجتمع [الأحد]"; not after a
# preposition, where such a word is a noun or a place ("في بيروت"), nor a word shaped as
# a noun (ending in ة or an accusative ا, or ا after the prefix: "بنسبة", "بيانا")
_PREFIXED_FUTURE = re.compile(
    r"(?<!\w)" + "".join(f"(?<!{w(p)} )" for p in ("في", "إلى", "من", "عن", "على")) +
    r"[وف]?(?:[هح][نيت]|ب[ني])(?!ا)[^\W\d_]{3,}(?<![ةا])"  # a verb's shape: not "بيانا"
    rf"\s+(?:{alt(['يوم'])}\s+)?$")


def sentence_tense(text: str, at: int) -> int:
    """+1 (future), -1 (past) or 0 of the sentence around ``at``: the cue nearest to it."""
    if not text:
        return 0
    if _PREFIXED_FUTURE.search(text, max(0, at - 30), at):
        return 1
    window = max(0, at - 400)  # a sentence, not the document: bounded either way
    start = max((m.end() for m in _CLAUSE_END.finditer(text, window, at)), default=window)
    end_match = _CLAUSE_END.search(text, at, at + 400)
    end = end_match.start() if end_match else min(len(text), at + 400)
    best = None
    for m in _CUES.finditer(text, start, end):
        distance = abs(m.start() - at)
        if best is None or distance < best[0]:
            best = (distance, 1 if m.group("future") else -1)
    return best[1] if best else 0


_WORDS = re.compile(r"[^\W\d_]+")
_FILLERS = {fold(x) for x in ("هذا", "هذه", "يوم", "في", "يوم", "ال")}


def stands_alone(text: str, start: int, end: int) -> bool:
    """Whether the expression at ``start:end`` is its sentence's only content (a date
    phrase on its own, as in a calendar entry or a question), not part of a sentence."""
    window = max(0, start - 400)
    first = max((m.end() for m in _CLAUSE_END.finditer(text, window, start)), default=window)
    end_match = _CLAUSE_END.search(text, end, end + 400)
    last = end_match.start() if end_match else min(len(text), end + 400)
    around = text[first:start] + " " + text[end:last]
    return all(fold(word) in _FILLERS for word in _WORDS.findall(around))
