"""Word lists of ``gazetteer-ner`` (and lexicon features of :mod:`bench.learn`), built
from real lexical data at load time.

* **LOC**: CLDR territory and region names and time-zone exemplar cities in Arabic
  (babel), and pycountry's Arabic country names (short and official).
* **NORP**: nisba adjectives (1) derived from one-word place names (العراق -> عراقي),
  (2) found in CLDR language names and pycountry official names (the feminine
  adjectives there: الأميركيّة, الفارسية), each inflected (عراقي، عراقية، عراقيون،
  عراقيين، عراقيات, with and without ال).
* **ORG**: CLDR's names of international bodies (UN, EU), plus trigger nouns below.

All keys are :func:`bench.arabic.normalise`-d token tuples. The small lists below
are general Arabic function words, titles and trigger nouns, not names.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

from bench.arabic import normalise

# CLDR region codes that are organisations, or common nouns rather than places
ORG_TERRITORIES = {"UN", "EU"}
SKIP_TERRITORIES = {"001", "ZZ", "QO", "XA", "XB"}
# adjectives of official names that are not nationalities
GENERIC_ADJECTIVES = {normalise(x) for x in (
    "الجمهورية", "الشعبية", "الديمقراطية", "الإسلامية", "الاتحادية", "الاشتراكية",
    "الهاشمية", "الدستورية", "البوليفارية", "القومية", "المتعددة", "التعددية", "الملكية",
    "الفيدرالية", "المستقلة", "الخاصة", "الإدارية", "الرسمية", "الموحدة", "المتحدة", "الحرة",
    "الكبرى", "الجديدة", "الوسطى", "الجنوبية", "الشمالية", "الشرقية", "الغربية", "القديمة",
    "الفصحى", "الحديثة", "العامية", "الرومانية")}
# place names that are also frequent common words
AMBIGUOUS_NAMES = {normalise(x) for x in (
    "مالي", "المالي", "مالية", "المالية", "العالم", "الجنوب", "الشمال", "الوسط", "الشرق",
    "الغرب", "جزيرة", "جزر", "الجزيرة", "صور", "الخليل", "الامل", "امل", "النور", "السلام",
    "ترك", "حلوان", "الزرقاء")}

STOPWORDS = {normalise(x) for x in (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "أن", "ان", "إن", "لكن", "لكنه", "قد", "لا",
    "لم", "لن", "ما", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "اللذين", "كان",
    "كانت", "يكون", "قال", "قالت", "يقول", "أكد", "اكد", "أعلن", "أضاف", "اضاف", "أشار",
    "اشار", "حيث", "بعد", "قبل", "خلال", "عند", "بين", "حول", "ضد", "منذ", "حتى", "ثم", "أو",
    "أي", "كل", "بعض", "غير", "هو", "هي", "هم", "نحن", "أنا", "له", "لها", "لهم", "فيه",
    "فيها", "منه", "منها", "عليه", "عليها", "إنه", "انه", "أنه", "وقال", "لدى", "امس", "أمس",
    "اليوم", "غدا", "الآن", "أيضا", "ايضا", "يوم", "عام", "أمام", "امام", "وراء", "عبر", "نحو",
    "لدى", "سوف", "كما", "إذا", "اذا", "لقد", "ليس", "تم", "يتم", "هناك", "هنا", "جدا", "فقط",
    "السابق", "السابقة", "الحالي", "الجديد", "الجديدة", "نفسه", "نفسها", "الذي", "بن", "ابن",
    "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد",
    "هي", "الثاني", "الثانية", "الأول", "الأولى", "الاول", "الاولى", "الأخير", "الأخيرة",
    "بينما", "أكثر", "أقل", "أخرى", "آخر", "عدة", "كما", "لما", "مثل", "وفق", "دون", "بدون",
    "إنها", "أنها", "هؤلاء", "أولئك", "الذين", "اللتي", "اللاتي", "كانوا", "يكونوا", "ليست",
    "أصبح", "بات", "ظل", "مازال", "لايزال", "تكون", "نحن", "أنتم", "هما", "كلا", "جميع",
    "معظم", "أغلب", "بعد", "ذات", "ذو", "ذي", "إذ", "إلا", "الا", "لدي", "عدد", "كثير",
    "كبير", "كبيرة", "صغير", "جديد", "جديدة", "أول", "أولى", "ثاني", "قبل", "أي", "أية")}
NAME_LINKS = {normalise(x) for x in ("بن", "ابن", "بنت", "أبو", "ابو", "عبد", "آل", "ولد")}

# name-forming suffixes that names do not carry: زيارته، بلادهم (pronoun suffixes)
PRONOUN_SUFFIXES = ("ته", "تها", "تهم", "هما", "هم", "ها", "كم", "نا")
# descriptors that are also verbal nouns ("تنظيم العلاقة" = organising the relationship):
# their names must be indefinite (تنظيم داعش) or quoted
AMBIGUOUS_DESCRIPTORS = {normalise(x) for x in ("تنظيم", "جماعة", "مجموعة", "فريق")}
# ORG trigger nouns. Descriptors are left out of the span ("صحيفة نيويورك تايمز" ->
# "نيويورك تايمز"); name-forming nouns start the name ("وزارة الخارجية").
ORG_DESCRIPTORS = {normalise(x) for x in (
    "وكالة", "صحيفة", "جريدة", "مجلة", "قناة", "تلفزيون", "إذاعة", "تنظيم", "جماعة", "شركة",
    "مجموعة", "موقع", "مصرف", "نادي", "فريق", "مؤسسة", "منظمة")}
ORG_HEADS = {normalise(x) for x in (
    "وزارة", "مجلس", "هيئة", "جامعة", "حزب", "حركة", "البنك", "الجيش", "محكمة", "المحكمة",
    "لجنة", "اللجنة", "برلمان", "البرلمان", "مفوضية", "المفوضية", "الاتحاد", "رابطة", "اتحاد",
    "جبهة", "ائتلاف", "تحالف", "قوات", "مكتب", "مديرية", "دائرة", "مركز", "معهد", "أكاديمية",
    "بنك", "صندوق", "الصندوق", "منظمة", "المنظمة")}
# PERSON titles, longest first when matching (several words allowed)
TITLES = [tuple(normalise(x).split()) for x in (
    "الرئيس", "الرئيسة", "رئيس الوزراء", "رئيس الحكومة", "رئيسة الوزراء", "رئيس", "رئيسة",
    "الوزير", "الوزيرة", "وزير", "وزيرة", "نائب الرئيس", "النائب", "نائب", "مستشار",
    "المستشار", "الملك", "الملكة", "الأمير", "الأميرة", "ولي العهد", "الشيخ", "الشيخة",
    "السيد", "السيدة", "السفير", "السفيرة", "سفير", "الجنرال", "العقيد", "اللواء", "العميد",
    "الفريق", "المشير", "الدكتور", "الدكتورة", "المتحدث", "المتحدثة", "الناطق", "الناطقة",
    "متحدث", "الناطق باسم", "زعيم", "الزعيم", "قائد", "القائد", "الأمين العام", "الأمين",
    "المبعوث", "مبعوث", "المرشد", "آية الله", "البابا", "الإمام", "القاضي", "المحامي",
    "الكاتب", "الكاتبة", "الصحفي", "الصحافي", "المدرب", "اللاعب", "النجم", "الفنان",
    "الفنانة", "المطرب", "المطربة", "المخرج", "المرشح", "المرشحة", "حاكم", "الحاكم",
    "محافظ", "المحافظ", "عمدة", "رئيس بلدية", "المدير", "مدير", "المديرة", "الأستاذ")]
TITLES.sort(key=len, reverse=True)  # longest first
TITLE_HEADS = {t[0] for t in TITLES}
# words that may follow a title before the name: complements of the title
TITLE_COMPLEMENT_MAX = 3


# the Levantine/Iraqi spelling أميركا is folded onto أمريكا, like other spelling variants
VARIANTS = [("ميرك", "مريك")]


def key(text: str) -> str:
    """Lookup key of a word or phrase: normalised, spelling variants folded."""
    out = normalise(text)
    for old, new in VARIANTS:
        out = out.replace(old, new)
    return out


def nisba(base: str) -> str | None:
    """The masculine nisba stem of a one-word place name: العراق -> عراقي, روسيا -> روسي."""
    word = base[2:] if base.startswith("ال") else base
    if len(word) < 3:
        return None
    if word.endswith(("يا", "يه")):  # روسيا -> روس-ي, السعودية -> سعود-ي
        word = word[:-2]
    elif word[-1] in "اهي":  # كندا, (ة folded to ه), ى folded to ي
        word = word[:-1]
    return word + "ي"


def inflect(stem: str) -> set[str]:
    """Every number/gender form of a masculine nisba stem, with and without ال."""
    forms = {stem, stem + "ه", stem + "ون", stem + "ين", stem + "ان", stem + "ات"}
    return forms | {"ال" + f for f in forms}


def _territories() -> tuple[dict[str, str], dict[str, str]]:
    from babel import Locale

    ar = Locale.parse("ar")
    places = {code: name for code, name in ar.territories.items()
              if code not in SKIP_TERRITORIES and code not in ORG_TERRITORIES}
    orgs = {code: ar.territories[code] for code in ORG_TERRITORIES if code in ar.territories}
    return places, orgs


def _cities() -> set[str]:
    from babel import Locale

    return {v["city"] for v in Locale.parse("ar").time_zones.values() if v.get("city")}


def _pycountry_names() -> set[str]:
    import pycountry

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    names = set()
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if hasattr(country, attr):
                arabic = tr.gettext(getattr(country, attr))
                if arabic != getattr(country, attr):  # translated
                    names.add(arabic.split("،")[0])  # "إيران، الجمهورية ..." -> "إيران"
    return names


def _language_adjectives() -> set[str]:
    from babel import Locale

    return {w for name in Locale.parse("ar").languages.values() for w in name.split()}


def lengths_by_first(table: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    """First token key -> the lengths of the entries that start with it, longest first."""
    out: dict[str, set[int]] = {}
    for entry in table:
        out.setdefault(entry[0], set()).add(len(entry))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def gazetteer_lengths() -> dict[str, tuple[int, ...]]:
    return lengths_by_first(gazetteer())


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], str]:
    """Normalised token tuple -> label (LOC, NORP, ORG)."""
    places, orgs = _territories()
    place_names = {key(n) for n in set(places.values()) | _cities() | _pycountry_names()}
    entries: dict[tuple[str, ...], str] = {}
    adjectives = {key(w) for n in _pycountry_names() for w in n.split()}
    adjectives |= {key(w) for w in _language_adjectives()}
    stems = {nisba(n) for n in place_names if " " not in n} - {None}
    stems |= {a[2:-1] for a in adjectives if a.startswith("ال") and a.endswith("يه")
              and a not in GENERIC_ADJECTIVES and len(a) > 5}
    for stem in stems:
        for form in inflect(stem):  # type: ignore[arg-type]
            if form not in AMBIGUOUS_NAMES and form not in STOPWORDS:
                entries[(form,)] = "NORP"
    for name in place_names:
        if name not in AMBIGUOUS_NAMES and name not in STOPWORDS:
            entries[tuple(name.split())] = "LOC"
    for name in orgs.values():
        entries[tuple(key(name).split())] = "ORG"
    return entries
