"""rules-time's coverage table: phrases written for it from Arabic grammar and news usage
(none copied from an evaluation corpus), each with the TIMEX3 it should get when the
document date is Monday 26 July 2021.

One line per phrase: ``kind | text | TYPE value [mod]``; the expression is the part of
the text in [brackets] (a text without brackets is the expression whole). Values follow
gold/GUIDELINES.md and rules_time/DESIGN.md: a bare weekday is the nearest in the
sentence's tense (the next one when the phrase stands alone, with no sentence around it),
a time zone named after a time is part of it (and not converted), dd/mm without a year
is a date only after a word that introduces one, a range is valued by its start, a week
of a month is the week of its n-th Thursday, a Hijri month by the Gregorian month of its
first day, a feast with no direction word or tense is the next one.

    python tests/rules_time_table.py     # counts by kind, and every phrase missed

(Hijri dates as hijridate converts them: 1 Muharram 1443 = 9 August 2021, 12 Rabi I =
18 October 2021, 1 Ramadan 1443 = 2 April 2022, 1 Shawwal = 2 May 2022, 10 Dhu
al-Hijja 1442 = 20 July 2021, 1443 = 9 July 2022.)
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date

DCT = date(2021, 7, 26)

TABLE = """
# --- composition: weekdays anchored to a week, a month or a date; n-th and last of; offsets
composition | [الخميس من الأسبوع المقبل] | DATE 2021-08-05
composition | [اثنين الأسبوع المقبل] | DATE 2021-08-02
composition | [الجمعة من الأسبوع الماضي] | DATE 2021-07-23
composition | [أحد هذا الأسبوع] | DATE 2021-08-01
composition | [الثلاثاء من هذا الأسبوع] | DATE 2021-07-27
composition | [أربعاء الأسبوع القادم] | DATE 2021-08-04
composition | [السبت من الأسبوع الحالي] | DATE 2021-07-31
composition | [الأحد من الأسبوع الجاي] | DATE 2021-08-08
composition | [خميس الأسبوع اللي فات] | DATE 2021-07-22
composition | [الاثنين من الأسبوع المنصرم] | DATE 2021-07-19
composition | [أول جمعة من آب] | DATE 2021-08-06
composition | [آخر جمعة من آب] | DATE 2021-08-27
composition | [ثاني ثلاثاء من أيلول] | DATE 2021-09-14
composition | [الاثنين الأخير من الشهر الجاري] | DATE 2021-07-26
composition | [آخر خميس من الشهر الحالي] | DATE 2021-07-29
composition | [أول أحد من الشهر المقبل] | DATE 2021-08-01
composition | [الأحد الأول من آب] | DATE 2021-08-01
composition | [الجمعة الثانية من تشرين الأول] | DATE 2021-10-08
composition | [آخر يوم من الشهر المقبل] | DATE 2021-08-31
composition | [أول يوم من أيلول] | DATE 2021-09-01
composition | [اليوم الأخير من شهر شباط 2020] | DATE 2020-02-29
composition | [ثالث أربعاء من شهر 11] | DATE 2021-11-17
composition | [آخر سبت من كانون الأول] | DATE 2021-12-25
composition | [الخميس الأول من يناير 2022] | DATE 2022-01-06
composition | [الأسبوع الأول من آب] | DATE 2021-W31
composition | [الأسبوع الأخير من تموز] | DATE 2021-W30
composition | [الأسبوع الأول من أيلول] | DATE 2021-W35
composition | [الأسبوع الثاني من الشهر المقبل] | DATE 2021-W32
composition | [آخر أسبوع من السنة] | DATE 2021-W52
composition | [أول أسبوع من العام المقبل] | DATE 2022-W01
composition | [الأسبوع الأخير من الشهر الحالي] | DATE 2021-W30
composition | [الأيام الأولى من الشهر المقبل] | DATE 2021-08 START
composition | [الأيام الأخيرة من العام الحالي] | DATE 2021 END
composition | [الأسابيع الأولى من العام المقبل] | DATE 2022 START
composition | [الأشهر الأخيرة من عام 2020] | DATE 2020 END
composition | [الأيام الأولى من أيلول] | DATE 2021-09 START
composition | [الأسابيع الأخيرة من هذا العام] | DATE 2021 END
composition | [الثلاثاء 27 تموز] | DATE 2021-07-27
composition | [الجمعة 30 تموز 2021] | DATE 2021-07-30
composition | [السبت، 31 تموز] | DATE 2021-07-31
composition | [الأربعاء الموافق 4 آب] | DATE 2021-08-04
composition | [الخميس 5 آب الجاري] | DATE 2021-08-05
composition | [بعد يومين من عيد الميلاد] | DATE 2021-12-27
composition | [بعد أسبوع من رأس السنة] | DATE 2022-01-08
composition | [قبل عيد الفطر بيومين] | DATE 2022-04-30
composition | [بعد عيد الأضحى بثلاثة أيام] | DATE 2022-07-12
composition | [قبل ثلاثة أيام من 15 آب] | DATE 2021-08-12
composition | [بعد عشرة أيام من 1 أيلول] | DATE 2021-09-11
composition | [قبل أسبوعين من عيد الميلاد] | DATE 2021-12-11
composition | [بعد خمسة أيام من المولد النبوي] | DATE 2021-10-23
composition | [قبل المولد النبوي بأسبوع] | DATE 2021-10-11
composition | [بعد شهرين من 10 آذار 2020] | DATE 2020-05
composition | [قبل يوم من رأس السنة الهجرية] | DATE 2021-08-08
composition | [الخميس المقبل] | DATE 2021-07-29
composition | [الاثنين المقبل] | DATE 2021-08-02
composition | [الأحد الماضي] | DATE 2021-07-25
composition | [الاثنين الماضي] | DATE 2021-07-19
composition | قال الوزير [الأحد] إن | DATE 2021-07-25
composition | سيصل الوفد [الخميس] إلى | DATE 2021-07-29
composition | أعلنت الحكومة [الجمعة] أن | DATE 2021-07-23
composition | من المقرر أن تبدأ المحادثات [الأحد] في | DATE 2021-08-01
composition | تنعقد القمة [الأربعاء] | DATE 2021-07-28
composition | التقى الرئيس نظيره [الثلاثاء] في | DATE 2021-07-20
composition | عاد إلى بغداد [السبت] بعد | DATE 2021-07-24

# --- clock times: fractions, minutes in words, parts of the day before or after
clock | [الساعة الخامسة مساء] | TIME 2021-07-26T17:00
clock | [الساعة الثامنة صباحا] | TIME 2021-07-26T08:00
clock | [الساعة العاشرة والنصف صباحا] | TIME 2021-07-26T10:30
clock | [الساعة الرابعة والربع عصرا] | TIME 2021-07-26T16:15
clock | [الساعة التاسعة إلا ربعا صباحا] | TIME 2021-07-26T08:45
clock | [الساعة السابعة إلا ثلثا مساء] | TIME 2021-07-26T18:40
clock | [الساعة الثانية والثلث ظهرا] | TIME 2021-07-26T14:20
clock | [الساعة الخامسة وعشر دقائق مساء] | TIME 2021-07-26T17:10
clock | [الساعة السابعة وخمس وأربعون دقيقة صباحا] | TIME 2021-07-26T07:45
clock | [الساعة التاسعة إلا خمس دقائق صباحا] | TIME 2021-07-26T08:55
clock | [الساعة الحادية عشرة ليلا] | TIME 2021-07-26T23:00
clock | [الساعة الثانية ليلا] | TIME 2021-07-26T02:00
clock | [الساعة الثانية عشرة ليلا] | TIME 2021-07-26T00:00
clock | [الساعة 12 ظهرا] | TIME 2021-07-26T12:00
clock | [الساعة الواحدة ظهرا] | TIME 2021-07-26T13:00
clock | [الساعة 11 صباحا] | TIME 2021-07-26T11:00
clock | [الساعة 3] | TIME 2021-07-26T15:00
clock | [الساعة الثامنة] | TIME 2021-07-26T08:00
clock | [الساعة 10] | TIME 2021-07-26T10:00
clock | [الساعة الخامسة] | TIME 2021-07-26T17:00
clock | [الساعة 6:30 صباحا] | TIME 2021-07-26T06:30
clock | [الساعة 9:15 مساء] | TIME 2021-07-26T21:15
clock | [15:45] | TIME 2021-07-26T15:45
clock | [08:30] | TIME 2021-07-26T08:30
clock | [9:05 مساء] | TIME 2021-07-26T21:05
clock | [٧:٣٠ صباحا] | TIME 2021-07-26T07:30
clock | [الساعة ٨ مساء] | TIME 2021-07-26T20:00
clock | [الثالثة فجرا] | TIME 2021-07-26T03:00
clock | [الخامسة فجرا] | TIME 2021-07-26T05:00
clock | [العاشرة صباحا] | TIME 2021-07-26T10:00
clock | [السادسة مساء] | TIME 2021-07-26T18:00
clock | [التاسعة ليلا] | TIME 2021-07-26T21:00
clock | [الواحدة بعد الظهر] | TIME 2021-07-26T13:00
clock | [الرابعة عصرا] | TIME 2021-07-26T16:00
clock | [السابعة بعد المغرب] | TIME 2021-07-26T19:00
clock | [الثامنة بعد العشاء] | TIME 2021-07-26T20:00
clock | [الحادية عشرة قبل الظهر] | TIME 2021-07-26T11:00
clock | [الرابعة والنصف] | TIME 2021-07-26T16:30
clock | [الثالثة إلا ربع] | TIME 2021-07-26T14:45
clock | [الخامسة وسبع دقائق] | TIME 2021-07-26T17:07
clock | [السابعة والربع صباحا] | TIME 2021-07-26T07:15
clock | [الثامنة وخمس وعشرون دقيقة مساء] | TIME 2021-07-26T20:25
clock | [العاشرة إلا عشر دقائق ليلا] | TIME 2021-07-26T21:50
clock | [الساعة ثلاثة وثلث] | TIME 2021-07-26T15:20
clock | [الساعة خمسة ونص] | TIME 2021-07-26T17:30
clock | [الساعة سبعة الصبح] | TIME 2021-07-26T07:00
clock | [الساعة اتنين الظهر] | TIME 2021-07-26T14:00
clock | [الساعة تسعة بالليل] | TIME 2021-07-26T21:00
clock | [الساعة عشرة وربع] | TIME 2021-07-26T10:15
clock | [منتصف الليل] | TIME 2021-07-26T24:00
clock | [منتصف النهار] | TIME 2021-07-26T12:00
clock | [صباح الغد الساعة التاسعة] | TIME 2021-07-27T09:00
clock | [الساعة الثامنة من مساء الخميس] | TIME 2021-07-29T20:00
clock | [غدا الساعة 10 صباحا] | TIME 2021-07-27T10:00
clock | يوم [الخميس الساعة 9 مساء] | TIME 2021-07-29T21:00
clock | [الساعة 7 مساء أمس] | TIME 2021-07-25T19:00
clock | [أمس الساعة الرابعة عصرا] | TIME 2021-07-25T16:00
clock | [مساء اليوم في الساعة الثامنة] | TIME 2021-07-26T20:00
clock | [الساعة العاشرة من صباح الأحد] | TIME 2021-07-25T10:00
clock | [الساعة السادسة من مساء الجمعة] | TIME 2021-07-23T18:00
clock | [فجر اليوم الساعة الرابعة] | TIME 2021-07-26T04:00
clock | [بعد غد الساعة 11 صباحا] | TIME 2021-07-28T11:00
clock | [الثلاثاء، الساعة الخامسة مساء] | TIME 2021-07-27T17:00
clock | [الساعة 8 صباح الغد] | TIME 2021-07-27T08:00
clock | [الساعة التاسعة من صباح اليوم] | TIME 2021-07-26T09:00
clock | [ليل الخميس الساعة الحادية عشرة] | TIME 2021-07-29T23:00
clock | [الساعة 3 بعد الظهر] | TIME 2021-07-26T15:00
clock | [الساعة الرابعة بعد العصر] | TIME 2021-07-26T16:00
clock | [الساعة الخامسة إلا ربعا عصرا] | TIME 2021-07-26T16:45
clock | [الساعة 10 و 20 دقيقة] | TIME 2021-07-26T10:20
clock | [الساعة الواحدة وخمس دقائق] | TIME 2021-07-26T13:05
clock | [مساء اليوم] | TIME 2021-07-26TEV
clock | [صباح أمس] | TIME 2021-07-25TMO
clock | [ظهر الخميس] | TIME 2021-07-29TMI
clock | [عصر غد] | TIME 2021-07-27TAF
clock | [فجر الجمعة] | TIME 2021-07-30TMO
clock | [مساء الثلاثاء المقبل] | TIME 2021-07-27TEV
clock | [صباح الأحد الماضي] | TIME 2021-07-25TMO
clock | [الليلة] | TIME 2021-07-26TNI
clock | [هذه الليلة] | TIME 2021-07-26TNI
clock | [مساء الغد] | TIME 2021-07-27TEV
clock | [الساعة العاشرة بتوقيت مكة المكرمة] | TIME 2021-07-26T10:00
clock | [الساعة 9:30 صباحا بتوقيت غرينتش] | TIME 2021-07-26T09:30

# --- colloquial and regional words; month systems
colloquial | [هلق] | DATE PRESENT_REF
colloquial | [هلأ] | DATE PRESENT_REF
colloquial | [دلوقتي] | DATE PRESENT_REF
colloquial | [الحين] | DATE PRESENT_REF
colloquial | [هسه] | DATE PRESENT_REF
colloquial | [دابا] | DATE PRESENT_REF
colloquial | [توة] | DATE PRESENT_REF
colloquial | [الآن] | DATE PRESENT_REF
colloquial | [بكرة] | DATE 2021-07-27
colloquial | [بكرا] | DATE 2021-07-27
colloquial | [بكره] | DATE 2021-07-27
colloquial | [باجر] | DATE 2021-07-27
colloquial | [غدوة] | DATE 2021-07-27
colloquial | [غدا] | DATE 2021-07-27
colloquial | [مبارح] | DATE 2021-07-25
colloquial | [امبارح] | DATE 2021-07-25
colloquial | [إمبارح] | DATE 2021-07-25
colloquial | [البارح] | DATE 2021-07-25
colloquial | [البارحة] | DATE 2021-07-25
colloquial | [أمس] | DATE 2021-07-25
colloquial | [أول امبارح] | DATE 2021-07-24
colloquial | [قبل مبارح] | DATE 2021-07-24
colloquial | [أول أمس] | DATE 2021-07-24
colloquial | [أول من أمس] | DATE 2021-07-24
colloquial | [بعد بكرة] | DATE 2021-07-28
colloquial | [بعد باجر] | DATE 2021-07-28
colloquial | [بعد غد] | DATE 2021-07-28
colloquial | [النهارده] | DATE 2021-07-26
colloquial | [اليوم] | DATE 2021-07-26
colloquial | [الأسبوع الجاي] | DATE 2021-W31
colloquial | [الشهر الجاي] | DATE 2021-08
colloquial | [السنة الجاية] | DATE 2022
colloquial | [الأسبوع اللي فات] | DATE 2021-W29
colloquial | [الشهر اللي فات] | DATE 2021-06
colloquial | [السنة اللي فاتت] | DATE 2020
colloquial | [الخميس الجاي] | DATE 2021-07-29
colloquial | [الجمعة اللي فاتت] | DATE 2021-07-23
colloquial | [السبت الجاي] | DATE 2021-07-31
colloquial | [الأحد اللي فات] | DATE 2021-07-25
colloquial | [العام الجاي] | DATE 2022
colloquial | [الأسبوع الفايت] | DATE 2021-W29
colloquial | [هالأسبوع] | DATE 2021-W30
colloquial | [هالشهر] | DATE 2021-07
colloquial | [هالسنة] | DATE 2021
colloquial | [كانون الثاني 2022] | DATE 2022-01
colloquial | [يناير 2022] | DATE 2022-01
colloquial | [جانفي 2022] | DATE 2022-01
colloquial | [شباط 2021] | DATE 2021-02
colloquial | [فيفري 2021] | DATE 2021-02
colloquial | [أيار 2019] | DATE 2019-05
colloquial | [ماي 2019] | DATE 2019-05
colloquial | [حزيران 2020] | DATE 2020-06
colloquial | [جوان 2020] | DATE 2020-06
colloquial | [تموز 2018] | DATE 2018-07
colloquial | [جويلية 2018] | DATE 2018-07
colloquial | [آب 2017] | DATE 2017-08
colloquial | [أوت 2017] | DATE 2017-08
colloquial | [غشت 2017] | DATE 2017-08
colloquial | [أيلول 2016] | DATE 2016-09
colloquial | [تشرين الأول 2015] | DATE 2015-10
colloquial | [تشرين الثاني 2014] | DATE 2014-11
colloquial | [كانون الأول 2013] | DATE 2013-12
colloquial | [دجنبر 2013] | DATE 2013-12
colloquial | [نيسان أبريل 2021] | DATE 2021-04
colloquial | [آذار (مارس) 2020] | DATE 2020-03
colloquial | [شهر 7] | DATE 2021-07
colloquial | [شهر سبعة] | DATE 2021-07
colloquial | [شهر 12 الماضي] | DATE 2020-12
colloquial | [شهر تسعة] | DATE 2021-09
colloquial | [الشهر التاسع] | DATE 2021-09
colloquial | [شهر ١١] | DATE 2021-11
colloquial | [رمضان 1443 هـ] | DATE 2022-04
colloquial | [شهر رمضان المقبل] | DATE 2022-04
colloquial | [رمضان الماضي] | DATE 2021-04
colloquial | [شهر شوال] | DATE 2021-05
colloquial | [شهر محرم] | DATE 2021-08
colloquial | [رمضان المبارك] | DATE 2021-04
colloquial | خلال [رمضان] | DATE 2021-04
colloquial | [15 شعبان 1443 هـ] | DATE 2022-03-18
colloquial | [محرم 1443 هـ] | DATE 2021-08

# --- numeric dates, Western and Arabic-Indic digits
numeric | [26/7/2021] | DATE 2021-07-26
numeric | [٢٦/٧/٢٠٢١] | DATE 2021-07-26
numeric | [2021/07/26] | DATE 2021-07-26
numeric | [٢٠٢١/٠٧/٢٦] | DATE 2021-07-26
numeric | [2021-07-26] | DATE 2021-07-26
numeric | [31/12/2020] | DATE 2020-12-31
numeric | [1/1/2022] | DATE 2022-01-01
numeric | [05.03.2019] | DATE 2019-03-05
numeric | [5-3-2019] | DATE 2019-03-05
numeric | [٠٥/٠٣/٢٠١٩] | DATE 2019-03-05
numeric | [29/2/2020] | DATE 2020-02-29
numeric | [7/2021] | DATE 2021-07
numeric | [٧/٢٠٢١] | DATE 2021-07
numeric | [12/2020] | DATE 2020-12
numeric | [١٢/٢٠٢٠] | DATE 2020-12
numeric | [03/2022] | DATE 2022-03
numeric | في [15/8] | DATE 2021-08-15
numeric | بتاريخ [١٥/٨] | DATE 2021-08-15
numeric | يوم [1/9] | DATE 2021-09-01
numeric | منذ [٣٠/٦] | DATE 2021-06-30
numeric | حتى [25/12] | DATE 2021-12-25
numeric | [1999/12/31] | DATE 1999-12-31
numeric | [2020-1-5] | DATE 2020-01-05
numeric | [١٩٩٠-٠٨-٠٢] | DATE 1990-08-02
numeric | بتاريخ [10/10/2010] | DATE 2010-10-10
numeric | في [20/3] | DATE 2021-03-20
numeric | [عام 2008] | DATE 2008
numeric | [سنة ٢٠١١] | DATE 2011
numeric | [العام 1990] | DATE 1990
numeric | [2002م] | DATE 2002
numeric | منذ [1990] | DATE 1990
numeric | في [2004] | DATE 2004
numeric | [١٤٤٢ هـ] | DATE 2020
numeric | [عام 1442 هـ] | DATE 2020
numeric | [عام 1443 للهجرة] | DATE 2021
numeric | [15 آب 2020] | DATE 2020-08-15
numeric | [١٥ آب ٢٠٢٠] | DATE 2020-08-15
numeric | [3 كانون الثاني 2020] | DATE 2020-01-03
numeric | [الحادي والعشرين من أيار 2015] | DATE 2015-05-21
numeric | [العاشر من تشرين الأول (أكتوبر) 2019] | DATE 2019-10-10

# --- ranges and durations
range | [من 13 إلى 15 آب] | DATE 2021-08-13
range | [من 13 الى 15 آب] | DATE 2021-08-13
range | [بين 3 و5 أيلول] | DATE 2021-09-03
range | [تموز 13-15] | DATE 2021-07-13
range | [13-15 تموز] | DATE 2021-07-13
range | [من 1 حتى 10 أيلول] | DATE 2021-09-01
range | [من 20 لغاية 25 كانون الأول 2021] | DATE 2021-12-20
range | [من 1 آب إلى 10 آب] | DATE 2021-08-01
range | [من 1 آب لغاية 10 آب] | DATE 2021-08-01
range | [من 5 أيلول حتى 20 أيلول] | DATE 2021-09-05
range | [من الاثنين إلى الأربعاء] | DATE 2021-07-26
range | [من الخميس المقبل حتى الأحد] | DATE 2021-07-29
range | [بين الأحد والثلاثاء المقبلين] | DATE 2021-08-01
range | [من الساعة 9 صباحا حتى الساعة 5 مساء] | TIME 2021-07-26T09:00
range | [من الساعة الثالثة إلى الساعة الرابعة مساء] | TIME 2021-07-26T15:00
range | [من الساعة 8 إلى الساعة 10 ليلا] | TIME 2021-07-26T20:00
range | [من الساعة العاشرة صباحا لغاية الساعة الواحدة ظهرا] | TIME 2021-07-26T10:00
range | [بين الساعة 2 و الساعة 4 بعد الظهر] | TIME 2021-07-26T14:00
range | [من عام 2019 إلى عام 2021] | DATE 2019
range | [من عام 2010 حتى عام 2015] | DATE 2010
range | [من كانون الثاني حتى آذار] | DATE 2021-01
range | [من أيلول إلى تشرين الثاني] | DATE 2021-09
range | [من أمس حتى اليوم] | DATE 2021-07-25
range | [من اليوم حتى الأحد المقبل] | DATE 2021-07-26
range | [الأيام العشرة المقبلة] | DATE 2021-07-27
range | [الأيام الثلاثة الماضية] | DATE 2021-07-23
range | [الأشهر الثلاثة الماضية] | DATE 2021-04
range | [الأشهر الستة المقبلة] | DATE 2021-08
range | [الأسبوعين الماضيين] | DATE 2021-W28
range | [الأسبوعين المقبلين] | DATE 2021-W31
range | [السنوات الخمس المقبلة] | DATE 2022
range | [الأعوام العشرة الماضية] | DATE 2011
range | [اليومين الماضيين] | DATE 2021-07-24
range | [الشهرين المقبلين] | DATE 2021-08
range | [الأيام المقبلة] | DATE FUTURE_REF
range | [الأسابيع الماضية] | DATE PAST_REF
range | [الأشهر المقبلة] | DATE FUTURE_REF
range | [السنوات الماضية] | DATE PAST_REF
duration | [ثلاث ساعات] | DURATION PT3H
duration | [سبع دقائق] | DURATION PT7M
duration | [عشرين دقيقة] | DURATION PT20M
duration | [مئة يوم] | DURATION P100D
duration | [ساعة ونصف] | DURATION PT90M
duration | [ساعتين ونصف] | DURATION PT150M
duration | [نصف ساعة] | DURATION PT30M
duration | [ربع ساعة] | DURATION PT15M
duration | [سنة ونصف] | DURATION P18M
duration | [يومين] | DURATION P2D
duration | [أسبوعين] | DURATION P2W
duration | [خمسة عشر يوما] | DURATION P15D
duration | [شهرين] | DURATION P2M
duration | [عقدين] | DURATION P2DE
duration | [ثلاثة قرون] | DURATION P3CE
duration | في غضون [ثلاثة أيام] | DURATION P3D
duration | خلال [48 ساعة] | DURATION PT48H
duration | لمدة [عشر سنوات] | DURATION P10Y
duration | [بضعة أيام] | DURATION PXD
duration | [ساعات] | DURATION PTXH
duration | [عدة أشهر] | DURATION PXM
duration | [خمسة وعشرين عاما] | DURATION P25Y
duration | [٣٠ يوما] | DURATION P30D
duration | [ثلاثة أسابيع] | DURATION P3W
duration | [أربع سنوات] | DURATION P4Y
duration | [ست ساعات] | DURATION PT6H
duration | [عامين] | DURATION P2Y
duration | [دقيقتين] | DURATION PT2M
duration | [ثماني سنوات] | DURATION P8Y
duration | [أحد عشر شهرا] | DURATION P11M
duration | [نحو ثلاثة أشهر] | DURATION P3M APPROX
duration | [حوالي عشرين دقيقة] | DURATION PT20M APPROX
duration | [قرابة أسبوعين] | DURATION P2W APPROX

# --- holidays: Islamic through the Hijri calendar, Christian and civil
holiday | [عيد الفطر] | DATE 2022-05-02
holiday | [عيد الفطر الماضي] | DATE 2021-05-13
holiday | [عيد الفطر المبارك] | DATE 2022-05-02
holiday | [عيد الفطر 2021] | DATE 2021-05-13
holiday | [عيد الأضحى] | DATE 2022-07-09
holiday | [عيد الأضحى الماضي] | DATE 2021-07-20
holiday | [عيد الأضحى 2020] | DATE 2020-07-31
holiday | [عيد الأضحى المقبل] | DATE 2022-07-09
holiday | احتفل المسلمون ب[عيد الأضحى] في | DATE 2021-07-20
holiday | [المولد النبوي] | DATE 2021-10-18
holiday | [المولد النبوي الشريف] | DATE 2021-10-18
holiday | [رأس السنة الهجرية] | DATE 2021-08-09
holiday | [رأس السنة الهجرية 2019] | DATE 2019-08-31
holiday | [عاشوراء] | DATE 2021-08-18
holiday | [يوم عرفة] | DATE 2022-07-08
holiday | [ليلة القدر] | DATE 2022-04-28
holiday | [الإسراء والمعراج] | DATE 2022-02-28
holiday | [العيد الكبير] | DATE 2022-07-09
holiday | [العيد الصغير] | DATE 2022-05-02
holiday | [عيد الميلاد] | DATE 2021-12-25
holiday | [عيد الميلاد المجيد] | DATE 2021-12-25
holiday | [الكريسماس] | DATE 2021-12-25
holiday | [عيد الميلاد 2019] | DATE 2019-12-25
holiday | [عيد الميلاد الماضي] | DATE 2020-12-25
holiday | [رأس السنة] | DATE 2022-01-01
holiday | [رأس السنة الميلادية] | DATE 2022-01-01
holiday | [ليلة الميلاد] | DATE 2021-12-24
holiday | [عيد الفصح] | DATE 2022-04-17
holiday | [عيد الفصح 2021] | DATE 2021-04-04
holiday | [عيد الفصح المقبل] | DATE 2022-04-17
holiday | [عيد العمال] | DATE 2022-05-01
holiday | [عيد العمال الماضي] | DATE 2021-05-01
holiday | [عيد الحب] | DATE 2022-02-14
holiday | [عيد الأم] | DATE 2022-03-21
holiday | [يوم المرأة العالمي] | DATE 2022-03-08
holiday | [عيد الميلاد المقبل] | DATE 2021-12-25
holiday | [رأس السنة المقبل] | DATE 2022-01-01
holiday | [عيد الفطر 1443] | DATE 2022-05-02

# --- core: dates, relative periods, parts of periods, references, sets
core | [31 كانون الأول (ديسمبر) 2021] | DATE 2021-12-31
core | [5 حزيران يونيو الماضي] | DATE 2021-06-05
core | [الثامن من أيار مايو عام 2020] | DATE 2020-05-08
core | [3 آب المقبل] | DATE 2021-08-03
core | [20 كانون الثاني] | DATE 2021-01-20
core | [الأول من آب] | DATE 2021-08-01
core | [منتصف عام 2014] | DATE 2014 MID
core | [نهاية العام الحالي] | DATE 2021 END
core | [مطلع العام المقبل] | DATE 2022 START
core | [أواخر الشهر الجاري] | DATE 2021-07 END
core | [أوائل تموز] | DATE 2021-07 START
core | [منتصف الشهر المقبل] | DATE 2021-08 MID
core | [بداية العام] | DATE 2021 START
core | [العام الماضي] | DATE 2020
core | [العام المقبل] | DATE 2022
core | [السنة الحالية] | DATE 2021
core | [هذا العام] | DATE 2021
core | [الشهر الماضي] | DATE 2021-06
core | [الشهر الحالي] | DATE 2021-07
core | [هذا الشهر] | DATE 2021-07
core | [الأسبوع المقبل] | DATE 2021-W31
core | [الأسبوع الماضي] | DATE 2021-W29
core | [هذا الأسبوع] | DATE 2021-W30
core | [نهاية الأسبوع] | DATE 2021-W30-WE
core | [نهاية الأسبوع المقبل] | DATE 2021-W31-WE
core | [الربع الأول من عام 2021] | DATE 2021-Q1
core | [الربع الثالث من العام الحالي] | DATE 2021-Q3
core | [النصف الثاني من العام] | DATE 2021-H2
core | [صيف 2020] | DATE 2020-SU
core | [الصيف المقبل] | DATE 2022-SU
core | [شتاء 2019] | DATE 2019-WI
core | [التسعينيات] | DATE 199
core | [الثمانينات] | DATE 198
core | [القرن العشرين] | DATE 19
core | [قبل ثلاثة أيام] | DATE 2021-07-23
core | [بعد أسبوعين] | DATE 2021-W32
core | [قبل شهرين] | DATE 2021-05
core | [بعد عامين] | DATE 2023
core | [قبل خمس سنوات] | DATE 2016
core | [اليوم السابق] | DATE 2021-07-25
core | [اليوم التالي] | DATE 2021-07-27
core | [حاليا] | DATE PRESENT_REF
core | [مؤخرا] | DATE PAST_REF
core | [قريبا] | DATE FUTURE_REF
core | [الوقت الحالي] | DATE PRESENT_REF
core | [الأسابيع المقبلة] | DATE FUTURE_REF
core | [يوميا] | SET P1D
core | [أسبوعيا] | SET P1W
core | [سنويا] | SET P1Y
core | [كل يوم] | SET P1D
core | [كل يوم جمعة] | SET XXXX-WXX-5
core | [كل خميس] | SET XXXX-WXX-4
core | [كل عامين] | SET P2Y
core | [كل ثلاثة أشهر] | SET P3M
core | [كل أسبوع] | SET P1W
core | [شهريا] | SET P1M
core | [1 رمضان 1442 هـ] | DATE 2021-04-13
core | [أواخر آذار] | DATE 2021-03 END
core | [منتصف آب] | DATE 2021-08 MID
core | [نهاية عام 2020] | DATE 2020 END
core | [مطلع 2022] | DATE 2022 START
# added after the development corpora (TimeML silver, Wojood) showed kinds the grammar
# lacked: each written anew, none copied from them
core | [عطلة نهاية الأسبوع] | DATE 2021-W30-WE
core | [الربع القادم] | DATE 2021-Q4
core | [الربع الماضي] | DATE 2021-Q2
core | [آخر ثلاثة أيام] | DATE 2021-07-23
core | [آخر 6 أشهر] | DATE 2021-01
core | [حالا] | DATE PRESENT_REF
core | [عيد الشكر] | DATE 2021-11-25
core | [الهالوين] | DATE 2021-10-31
core | [نص ساعة] | DURATION PT30M
core | [ربع قرن] | DURATION P25Y
core | [نصف قرن] | DURATION P50Y
core | [العقد الثالث من القرن الماضي] | DATE 192
core | [العقد الأخير من القرن العشرين] | DATE 199
core | [أكثر من عقد] | DURATION P1DE MORE_THAN
core | [أقل من ساعتين] | DURATION PT2H LESS_THAN
core | يعاني السكان [هذه الأيام] من الغلاء | DATE PRESENT_REF
core | الزيارات [اليومية] | SET P1D
core | الميزانية [السنوية] | SET P1Y
core | تتساقط الأمطار في [الخريف] | DATE XXXX-FA
core | خلال [فصل الصيف] | DATE XXXX-SU
core | بين العامين [1999] و 2001 | DATE 1999
core | خلال عامي 2015 و[2016] | DATE 2016
core | بتاريخ [14 / 3 / 2008] | DATE 2008-03-14
core | [سنة ( 1967 )] | DATE 1967

# --- written after the grammar passed the lines above, as news sentences. First run: 27 of
# 50 exact; 11 misses were this list's own errors (a preposition or "يوم" inside the
# brackets, which GUIDELINES 6 leaves out; three phrases with no agreed value, dropped),
# 9 were grammar gaps (and 3 bracketed a day without the weekday in apposition, which is
# part of the expression) (thirds of a month, بعد ظهر, قبل الماضي, الأيام القليلة المقبلة,
# هذا الصباح, الساعات الأولى من, منتصف ليل الجمعة, غدا مساء, أول أيام عيد), since fixed
after | أكد المتحدث أن الاجتماع سيعقد [صباح الأربعاء المقبل] | TIME 2021-07-28TMO
after | وصلت الطائرة عند [الساعة الحادية عشرة والنصف ليلا] | TIME 2021-07-26T23:30
after | تنطلق الانتخابات في [العاشر من تشرين الأول المقبل] | DATE 2021-10-10
after | استمر القصف [أربع ساعات] متواصلة | DURATION PT4H
after | عقدت اللجنة اجتماعها [السبت الماضي] | DATE 2021-07-24
after | يبدأ العام الدراسي [منتصف أيلول المقبل] | DATE 2021-09 MID
after | منذ [مطلع العام الحالي] | DATE 2021 START
after | وقع الانفجار [فجر الأحد] | TIME 2021-07-25TMO
after | تستمر الهدنة [72 ساعة] | DURATION PT72H
after | خلال [الشهرين الماضيين] | DATE 2021-05
after | يعود الوفد [بعد غد الأربعاء] | DATE 2021-07-28
after | في [الثلث الأخير من الشهر] | DATE 2021-07 END
after | بدأت الأزمة في [أواخر عام 2019] | DATE 2019 END
after | أغلقت الأسواق يوم [الجمعة الماضي] | DATE 2021-07-23
after | ستعلن النتائج [مساء الخميس] | TIME 2021-07-29TEV
after | [الساعة الثانية عشرة ظهرا بتوقيت بغداد] | TIME 2021-07-26T12:00
after | ولد في [25 كانون الأول 1990] | DATE 1990-12-25
after | [بعد ظهر اليوم] | TIME 2021-07-26TAF
after | حتى [نهاية الشهر المقبل] | DATE 2021-08 END
after | [الأسبوع قبل الماضي] | DATE 2021-W28
after | منذ [ثلاثة أسابيع] | DURATION P3W
after | انتهت المهلة [أمس الأحد] | DATE 2021-07-25
after | [اليوم الاثنين] | DATE 2021-07-26
after | [ليلة أمس] | TIME 2021-07-25TNI
after | يحتفل المسيحيون ب[عيد الفصح] | DATE 2022-04-17
after | [الساعة السابعة والنصف من صباح الغد] | TIME 2021-07-27T07:30
after | في [الأيام القليلة المقبلة] | DATE FUTURE_REF
after | [من الساعة الثامنة صباحا وحتى الساعة الثانية ظهرا] | TIME 2021-07-26T08:00
after | يومي [3 و4 آب] | DATE 2021-08-03
after | عاد [قبل أسبوع] | DATE 2021-W29
after | [هذا الصباح] | TIME 2021-07-26TMO
after | [عيد الأضحى المبارك] | DATE 2022-07-09
after | [الأربعاء الموافق 28 تموز الجاري] | DATE 2021-07-28
after | [ظهر غد] | TIME 2021-07-27TMI
after | في [الساعات الأولى من صباح اليوم] | TIME 2021-07-26TMO START
after | [شهر آب المقبل] | DATE 2021-08
after | [مطلع الأسبوع المقبل] | DATE 2021-W31 START
after | [منتصف ليل الجمعة] | TIME 2021-07-30T24:00
after | [الثلاثاء 3 آب 2021] | DATE 2021-08-03
after | [العقد الماضي] | DATE 201
after | خلال [عشرة أيام] | DURATION P10D
after | في غضون [أسبوع] | DURATION P1W
after | [الساعة 2 فجرا] | TIME 2021-07-26T02:00
after | [غدا مساء] | TIME 2021-07-27TEV
after | [أول أيام عيد الفطر] | DATE 2022-05-02
after | [رابع أيام عيد الأضحى] | DATE 2022-07-12
after | [العام قبل الماضي] | DATE 2019
after | [الخميس صباحا] | TIME 2021-07-29TMO
after | [الثلث الأول من العام المقبل] | DATE 2022 START
after | اللقاء [الأحد بعد المقبل] | DATE 2021-08-08

# --- a second batch written after the rest passed (first run: 24 of 40 exact; 8 grammar
# gaps, since fixed: آخر يوم في السنة, صباح/فجر يوم الجمعة, شتاء العام الماضي, صيف هذا
# العام, مساء أمس الأحد, مرتين في الأسبوع, كل صباح; 4 prepositions or "يوم" inside the
# brackets; an adjective after a duration bracketed inside; 3 phrases without an agreed
# reading, dropped)
after2 | [الساعة الرابعة وخمس وعشرين دقيقة] | TIME 2021-07-26T16:25
after2 | [الخميس القادم الساعة 5 مساء] | TIME 2021-07-29T17:00
after2 | [منتصف الأسبوع المقبل] | DATE 2021-W31 MID
after2 | [الأسبوع بعد المقبل] | DATE 2021-W32
after2 | [ثالث أيام عيد الفطر] | DATE 2022-05-04
after2 | [آخر يوم في السنة] | DATE 2021-12-31
after2 | [أول يوم في الشهر المقبل] | DATE 2021-08-01
after2 | [ليلة الخميس] | TIME 2021-07-29TNI
after2 | [صباح يوم الجمعة] | TIME 2021-07-30TMO
after2 | [السبت المقبل صباحا] | TIME 2021-07-31TMO
after2 | [الساعة 10:00] | TIME 2021-07-26T10:00
after2 | [السابعة والنصف مساء] | TIME 2021-07-26T19:30
after2 | [بعد ثلاثة أسابيع] | DATE 2021-W33
after2 | [قبل عشرة أيام] | DATE 2021-07-16
after2 | [بعد شهر] | DATE 2021-08
after2 | [قبل سنة] | DATE 2020
after2 | خلال [الأسبوع الجاري] | DATE 2021-W30
after2 | [الثلاثاء 3 آب] | DATE 2021-08-03
after2 | يوم [5 أيلول] | DATE 2021-09-05
after2 | [الخامس من أيلول المقبل] | DATE 2021-09-05
after2 | منذ [مطلع الشهر] | DATE 2021-07 START
after2 | [أواخر العام الماضي] | DATE 2020 END
after2 | [النصف الأول من العام المقبل] | DATE 2022-H1
after2 | [الربع الأخير من 2021] | DATE 2021-Q4
after2 | [شتاء العام الماضي] | DATE 2020-WI
after2 | [صيف هذا العام] | DATE 2021-SU
after2 | [ثلاثة أيام] متتالية | DURATION P3D
after2 | [عشر سنوات] | DURATION P10Y
after2 | [كل يوم أحد] | SET XXXX-WXX-7
after2 | [مرتين في الأسبوع] | SET P1W
after2 | [كل صباح] | SET XXXX-XX-XXTMO
after2 | [الساعة الثالثة فجر اليوم] | TIME 2021-07-26T03:00
after2 | [فجر يوم الأحد] | TIME 2021-08-01TMO
after2 | [مساء أمس الأحد] | TIME 2021-07-25TEV
after2 | [ظهيرة اليوم] | TIME 2021-07-26TMI
after2 | في [الثامنة والربع] | TIME 2021-07-26T08:15
after2 | [عام 2021] | DATE 2021
# --- unseen: new combinations of known parts, one group for each kind of rules-time 0.2.0's
# misses on unseen text (issue of 0.3.0). Written by the grammar's author while building 0.3.0
# (most before its operators): development data, not blind. Values by Python date arithmetic
# (and hijridate for Hijri months) from Monday 26 July 2021.
# a year or direction attached after a month, a day or a weekday
unseen | سنلتقي في [العاشر من شهر أيار العام المقبل] | DATE 2022-05-10
unseen | زرناهم في [شهر آذار بسنة 2016] | DATE 2016-03
unseen | [5 آب من العام الماضي] | DATE 2020-08-05
unseen | [تموز السنة الماضية] | DATE 2020-07
unseen | [أيار العام الجاي] | DATE 2022-05
unseen | [الخميس 12 آب من السنة الجاية] | DATE 2022-08-12
unseen | [الخامس عشر من كانون الثاني من العام القادم] | DATE 2022-01-15
unseen | [نيسان من عام 2019] | DATE 2019-04
unseen | [الخميس بالأسبوع الجاي] | DATE 2021-08-05
# ordinals of weekdays within a month or counted from a holiday
unseen | [أول اثنين بعد عيد الفطر] | DATE 2022-05-09
unseen | [الجمعة الثانية بعد عيد الميلاد] | DATE 2022-01-07
unseen | [أول سبت قبل رأس السنة] | DATE 2021-12-25
unseen | [ثاني أربعاء بعد عيد الأضحى] | DATE 2022-07-20
unseen | [تاني خميس من الشهر الجاي] | DATE 2021-08-12
unseen | [ثالث أحد بشهر أيلول] | DATE 2021-09-19
unseen | [آخر جمعة من تشرين الأول المقبل] | DATE 2021-10-29
# a day word before relative days (the head "اليوم الذي" is in the span, "يوم" is not)
unseen | [اليوم اللي قبل امبارح] | DATE 2021-07-24
unseen | [اليوم الذي بعد غد] | DATE 2021-07-28
unseen | [اليوم الي بعد باجر] | DATE 2021-07-28
unseen | [اليوم اللي بعد بكرا] | DATE 2021-07-28
unseen | يوم [بكرة] | DATE 2021-07-27
# ranges whose month is shared (valued by their start)
unseen | [من العاشر وحتى الخامس عشر من شهر حزيران] | DATE 2021-06-10
unseen | [بين الأول والخامس من أيلول] | DATE 2021-09-01
unseen | [من الثالث إلى السابع من آب المقبل] | DATE 2021-08-03
unseen | [من 10 وحتى 14 تشرين الثاني] | DATE 2021-11-10
# a Hijri month with a Gregorian year: the Gregorian month of its first day that year
unseen | [رمضان 2022] | DATE 2022-04
unseen | [شهر رمضان من عام 2023] | DATE 2023-03
unseen | [ذو الحجة 2021] | DATE 2021-07
unseen | [شهر شوال بسنة 2024] | DATE 2024-04
unseen | [محرم 2022] | DATE 2022-07
# a weekday, a numeric date and a clock time in one expression
unseen | [الثلاثاء 27/7/2021 الساعة العاشرة صباحا] | TIME 2021-07-27T10:00
unseen | يوم [الخميس 29/7 الساعة 5 مساء] | TIME 2021-07-29T17:00
unseen | [الأحد 1-8-2021 عند الساعة 18:30] | TIME 2021-08-01T18:30
unseen | [السبت، 31/7/2021 الساعة التاسعة والنصف مساء] | TIME 2021-07-31T21:30
# a day before a clock range (valued by its start)
unseen | [الخميس من الساعة العاشرة إلى الثانية عشرة] | TIME 2021-07-29T10:00
unseen | سيعقد الاجتماع [السبت بين الساعة 9 و 11 صباحا] | TIME 2021-07-31T09:00
unseen | ستقام الورشة [الجمعة من 3 إلى 5 العصر] | TIME 2021-07-30T15:00
unseen | [بكرة من 4 لغاية 6 بعد الظهر] | TIME 2021-07-27T16:00
# half, start or end of a month or year in colloquial forms
unseen | [نص شهر خمسة] | DATE 2021-05 MID
unseen | [نص الشهر الجاي] | DATE 2021-08 MID
unseen | منرجع ب[نص شهر تمانية] | DATE 2021-08 MID
unseen | [أول الشهر الجاي] | DATE 2021-08 START
unseen | [آخر شهر عشرة] | DATE 2021-10 END
unseen | [نص السنة الجاية] | DATE 2022 MID
unseen | [أول شهر تلاتة] | DATE 2021-03 START
# "now" (Duckling-style gold calls it TIME; the Duckling reader converts it)
unseen | مش فاضي [هلأ] | DATE PRESENT_REF
unseen | أنا مشغول [دلوقتي] | DATE PRESENT_REF
# a second group, written after the first passed, in other wordings (first run: 14 of 23;
# its misses led to day-of, colloquial parts of the day, "ل" in clock ranges, آخر الشهر)
unseen | في [السابع من تشرين الأول العام الماضي] | DATE 2020-10-07
unseen | ب[شهر شباط من السنة الجاية] | DATE 2022-02
unseen | في [20 أيار من السنة اللي فاتت] | DATE 2020-05-20
unseen | [الجمعة 3 أيلول بالسنة الجاية] | DATE 2022-09-03
unseen | [حزيران هالسنة] | DATE 2021-06
unseen | [ثاني جمعة من شهر رمضان] | DATE 2021-04-23
unseen | [آخر جمعة من شهر رمضان 1443] | DATE 2022-04-29
unseen | [أول أحد بعد رأس السنة الهجرية] | DATE 2021-08-15
unseen | [آخر خميس قبل عيد الأضحى] | DATE 2022-07-07
unseen | [العاشر من رمضان المقبل] | DATE 2022-04-11
unseen | في [العشرين من الشهر الجاري] | DATE 2021-07-20
unseen | [من 1 حتى 5 من الشهر الجاي] | DATE 2021-08-01
unseen | [من الرابع عشر حتى العشرين من أيار الماضي] | DATE 2021-05-14
unseen | في [ربيع الأول من عام 2022] | DATE 2022-09
unseen | [شهر شعبان 2023] | DATE 2023-02
unseen | [الأحد من الساعة 8 حتى الساعة 10 الصبح] | TIME 2021-08-01T08:00
unseen | [بكرة بين 5 و 7 المسا] | TIME 2021-07-27T17:00
unseen | [الخميس الجاي من 2 ل 4 بعد الظهر] | TIME 2021-07-29T14:00
unseen | [السبت 7/8 عند الساعة الثامنة والربع مساء] | TIME 2021-08-07T20:15
unseen | ب[نص الشهر] | DATE 2021-07 MID
unseen | [آخر الشهر] | DATE 2021-07 END
unseen | [أول الأسبوع الجاي] | DATE 2021-W31 START
unseen | [بعد بكرة الصبح] | TIME 2021-07-28TMO
# a third group, in the style of Duckling's examples (first run: 16 of the 21 written first;
# the misses led to "ل" between clock times, نص الليل, n-th weekdays of a year, weekday
# ranges with "يوم", an offset from "يوم الخميس"; the two "... يوم ..." lines after them)
unseen | [الاربعاء الثالثة من شهر نوفمبر في سنة 2015] | DATE 2015-11-18
unseen | [ثالث خميس من شهر 11 من عام 2022] | DATE 2022-11-17
unseen | [اخر جمعة بشهر ثلاثة سنة 2016] | DATE 2016-03-25
unseen | [اليوم الي قبل امبارح] | DATE 2021-07-24
unseen | [الخميس الجاي الساعة 5 المسا] | TIME 2021-07-29T17:00
unseen | [السبت الموافق 31 تموز الساعة 9 الصبح] | TIME 2021-07-31T09:00
unseen | [من الساعة 2 للساعة 4 العصر] | TIME 2021-07-26T14:00
unseen | [بكرا الساعة ستة المسا] | TIME 2021-07-27T18:00
unseen | [نص الليل] | TIME 2021-07-26T24:00
unseen | [ذو القعدة 2022] | DATE 2022-05
unseen | [شهر محرم بسنة 2023] | DATE 2023-07
unseen | في يوم [الاثنين 2/8/2021 الساعة 10:30] | TIME 2021-08-02T10:30
unseen | [العاشر من ذي الحجة 2022] | DATE 2022-07-09
unseen | [اول اثنين من السنة الجاية] | DATE 2022-01-03
unseen | [من يوم الاحد لغاية يوم الخميس] | DATE 2021-08-01
unseen | [بعد اسبوعين من يوم الخميس] | DATE 2021-08-12
unseen | [اول يوم من شهر رمضان] | DATE 2021-04-13
unseen | [ثالث يوم بعد عيد الفطر] | DATE 2022-05-05
unseen | [أواسط الشهر القادم] | DATE 2021-08 MID
unseen | [منتصف شهر ستة] | DATE 2021-06 MID
unseen | [نص السنة] | DATE 2021 MID
# news kinds found by the error analysis of the news development gold (not its phrases)
unseen | وكان الوزير قد صرح في [وقت سابق] بأن | DATE PAST_REF
unseen | وصل الوفد إلى العاصمة [قبل أيام] | DATE PAST_REF
unseen | غادر قبل [ثلاثة أسابيع] من موعد الانتخابات | DURATION P3W
unseen | استمرت المفاوضات [سنتين وأربعة أشهر] | DURATION P2Y4M
unseen | أنهى السباق في [ساعة و15 دقيقة] | DURATION PT1H15M
unseen | [صباح الأربعاء 4 آب] | TIME 2021-08-04TMO
unseen | تراجعت الأسعار خلال [شهري حزيران] وتموز | DATE 2021-06
unseen | ازدهرت في [تسعينيات القرن العشرين] | DATE 199
unseen | تنتهي المهلة في [تموز الجاري] | DATE 2021-07
unseen | فاز باللقب [عامي 2015] و2016 | DATE 2015

# --- blind3: the third blind batch (121 phrases), written on 6 December 2026 by an annotator who
# saw neither the grammar nor any tagger output, from gold/GUIDELINES.md and this file's header
# alone; weighted to the kinds issue 29 names and to dialects (kind: blind3/KIND/DIALECT).
# Ranges follow GUIDELINES rule 19 (the start alone, valued with the shared month), not the
# whole-range convention of the lines above. First runs: rules-time 0.2.0 52 of 121 exact
# (0.430); 0.3.0, which had not seen them either, 85 of 121 (0.702).
blind3/attach-year/msa | أعلنت الوزارة أن المعرض الدولي للكتاب سيقام في [شهر مارس من العام المقبل] | DATE 2022-03
blind3/attach-year/msa | افتتح المصنع الجديد في [أيلول من العام الماضي] بحضور وزير الصناعة | DATE 2020-09
blind3/attach-year/msa | وقعت الحكومتان اتفاقية التعاون في [مايو من عام 2016] | DATE 2016-05
blind3/attach-year/msa | تعقد الجمعية العامة اجتماعها المقبل في [آخر خميس من نوفمبر من العام الجاري] | DATE 2021-11-25
blind3/attach-year/msa | تبدأ الدورة التدريبية [الجمعة الأولى من شهر فبراير من السنة المقبلة] | DATE 2022-02-04
blind3/attach-year/levantine | رح نسافر ع تركيا ب[شهر تسعة السنة الجاية] | DATE 2022-09
blind3/attach-year/levantine | أنا خلصت الجامعة ب[شهر حزيران سنة 2019] | DATE 2019-06
blind3/attach-year/egyptian | أختي اتجوزت في [شهر أربعة السنة اللي فاتت] | DATE 2020-04
blind3/attach-year/egyptian | الافتتاح هيبقى [أول حد من شهر تلاتة السنة الجاية] | DATE 2022-03-06
blind3/attach-year/gulf | بنخلص المشروع [شهر عشرة السنة الياية] إن شاء الله | DATE 2022-10
blind3/attach-year/maghrebi | تزوجنا في [جويلية العام اللي فات] | DATE 2020-07
blind3/attach-year/maghrebi | غادي نرجعو للمغرب [شتنبر العام الجاي] | DATE 2022-09
blind3/ordinal-weekday/msa | تجرى الانتخابات البلدية في [الأحد الثالث من أكتوبر المقبل] | DATE 2021-10-17
blind3/ordinal-weekday/msa | يصوت الناخبون في [الثلاثاء الأول من نوفمبر المقبل] | DATE 2021-11-02
blind3/ordinal-weekday/msa | عاد آخر أفواج الحجاج إلى بلادهم [أول جمعة بعد عيد الأضحى الماضي] | DATE 2021-07-23
blind3/ordinal-weekday/msa | ستستأنف الجامعة محاضراتها [ثاني خميس بعد رأس السنة الهجرية] | DATE 2021-08-19
blind3/ordinal-weekday/msa | سيعقد المؤتمر [الجمعة الثانية بعد عيد الفطر] | DATE 2022-05-13
blind3/ordinal-weekday/egyptian | الامتحان هيكون [تاني خميس من شهر سبتمبر] | DATE 2021-09-09
blind3/ordinal-weekday/egyptian | هنعمل الحفلة [أول خميس بعد المولد النبوي] | DATE 2021-10-21
blind3/ordinal-weekday/levantine | الاجتماع الجاي [تاني اتنين من شهر أيلول] | DATE 2021-09-13
blind3/ordinal-weekday/levantine | رح نزوركن [أول أحد بعد عيد الميلاد] | DATE 2021-12-26
blind3/ordinal-weekday/levantine | التسليم [رابع خميس من الشهر الجاي] | DATE 2021-08-26
blind3/ordinal-weekday/gulf | بنسوي العزيمة [ثاني جمعة من رمضان الياي] | DATE 2022-04-15
blind3/ordinal-weekday/gulf | الرحلة [أول خميس من ديسمبر الياي] | DATE 2021-12-02
blind3/ordinal-weekday/maghrebi | العرس غادي يكون [السبت الأخير من غشت] | DATE 2021-08-28
blind3/day-word-relative/egyptian | نتقابل يوم [بكرة التلات] إن شاء الله | DATE 2021-07-27
blind3/day-word-relative/egyptian | الامتحان يوم [بعد بكره الأربع] في الكلية | DATE 2021-07-28
blind3/day-word-relative/egyptian | كنا عندهم يوم [أول امبارح السبت] وما لقيناهمش | DATE 2021-07-24
blind3/day-word-relative/levantine | منشوفك يوم [بعد بكرا] إن شاء الله | DATE 2021-07-28
blind3/day-word-relative/levantine | كان عيد ميلادها يوم [مبارح الأحد] | DATE 2021-07-25
blind3/day-word-relative/gulf | بنطلع البر يوم [باجر الثلاثاء] إن شاء الله | DATE 2021-07-27
blind3/day-word-relative/gulf | الزواج يوم [عقب باجر] | DATE 2021-07-28
blind3/day-word-relative/maghrebi | نتلاقاو يوم [بعد غدوة] في القهوة | DATE 2021-07-28
blind3/day-word-relative/msa | تعقد المحكمة جلستها يوم [غد الثلاثاء] | DATE 2021-07-27
blind3/day-word-relative/msa | غادر الوفد العاصمة يوم [أول من أمس السبت] | DATE 2021-07-24
blind3/shared-month-range/msa | يقام المهرجان من [10] حتى 15 أغسطس المقبل | DATE 2021-08-10
blind3/shared-month-range/msa | تنظم الورشة في الفترة من [الخامس] إلى التاسع من سبتمبر المقبل | DATE 2021-09-05
blind3/shared-month-range/msa | يستمر التسجيل من [3] إلى 7 يناير 2022 | DATE 2022-01-03
blind3/shared-month-range/msa | شهدت المنطقة موجة حر بين [18] و22 يونيو الماضي | DATE 2021-06-18
blind3/shared-month-range/msa | تغلق المعابر من [الأول] وحتى العاشر من ديسمبر المقبل | DATE 2021-12-01
blind3/shared-month-range/msa | أقيمت البطولة في الفترة الممتدة من [14] إلى 20 مارس 2019 | DATE 2019-03-14
blind3/shared-month-range/levantine | العطلة من [12] لـ 20 آب | DATE 2021-08-12
blind3/shared-month-range/levantine | رح يكون المعرض من [3] لـ 10 تشرين التاني | DATE 2021-11-03
blind3/shared-month-range/egyptian | الإجازة من [1] لحد 7 سبتمبر | DATE 2021-09-01
blind3/shared-month-range/egyptian | كنت مسافر من [20] لـ 24 الشهر ده | DATE 2021-07-20
blind3/shared-month-range/gulf | الدوام الصيفي من [15] إلين 30 أغسطس | DATE 2021-08-15
blind3/shared-month-range/maghrebi | العطلة ديالي من [20] حتى 31 غشت | DATE 2021-08-20
blind3/shared-month-range/msa | يقام المهرجان من 10 حتى [15 أغسطس المقبل] | DATE 2021-08-15
blind3/shared-month-range/egyptian | الإجازة من 1 لحد [7 سبتمبر] | DATE 2021-09-07
blind3/hijri-gregorian-year/msa | صام المسلمون [رمضان 2020] في ظل إجراءات الحجر الصحي | DATE 2020-04
blind3/hijri-gregorian-year/msa | يتوقع الفلكيون أن يكون [شهر رمضان من عام 2022] ثلاثين يوما | DATE 2022-04
blind3/hijri-gregorian-year/msa | أدى الحجاج مناسكهم في [ذي الحجة 2021] وسط قيود صحية | DATE 2021-07
blind3/hijri-gregorian-year/msa | يبدأ العام الدراسي الجديد في [محرم 2022] | DATE 2022-07
blind3/hijri-gregorian-year/msa | أعلنت المحكمة العليا أن [شوال 2021] بدأ يوم الخميس | DATE 2021-05
blind3/hijri-gregorian-year/msa | احتفل المسلمون بالمولد النبوي في [12 ربيع الأول 2021] | DATE 2021-10-18
blind3/hijri-gregorian-year/msa | كان عيد الأضحى في [10 ذي الحجة 2020] | DATE 2020-07-31
blind3/hijri-gregorian-year/msa | ختم المصلون قراءة القرآن في [27 رمضان 2019] في المسجد الحرام | DATE 2019-06-01
blind3/hijri-gregorian-year/egyptian | [رمضان 2023] هييجي في الربيع | DATE 2023-03
blind3/hijri-gregorian-year/gulf | سافرنا العمرة في [شعبان 2022] | DATE 2022-03
blind3/hijri-gregorian-year/levantine | رح يعملوا العرس ب[رجب 2022] | DATE 2022-02
blind3/hijri-gregorian-year/msa | ارتفعت أسعار المواد الغذائية في [صفر 2021] | DATE 2021-09
blind3/weekday-date-clock/msa | يلتقي الوزيران [الثلاثاء 3 أغسطس الساعة الخامسة والنصف مساء] في الرياض | TIME 2021-08-03T17:30
blind3/weekday-date-clock/msa | تبدأ الجلسة [الساعة العاشرة من صباح الخميس 5 أغسطس] | TIME 2021-08-05T10:00
blind3/weekday-date-clock/msa | يفتح باب الترشح [الاثنين 2/8/2021 الساعة 9:00 صباحا] | TIME 2021-08-02T09:00
blind3/weekday-date-clock/msa | تقام المباراة النهائية [الجمعة 13 أغسطس الساعة 14:30] | TIME 2021-08-13T14:30
blind3/weekday-date-clock/msa | وقع الزلزال [السبت 24 يوليو الساعة 11 ليلا] | TIME 2021-07-24T23:00
blind3/weekday-date-clock/egyptian | الفرح [الحد 1 أغسطس الساعة 8 بالليل] | TIME 2021-08-01T20:00
blind3/weekday-date-clock/egyptian | الميعاد [الخميس 12 أغسطس الساعة 4 العصر] | TIME 2021-08-12T16:00
blind3/weekday-date-clock/levantine | الحفلة [السبت 31 تموز الساعة تسعة المسا] | TIME 2021-07-31T21:00
blind3/weekday-date-clock/levantine | الموعد [الأحد 15 آب الساعة 10 ونص الصبح] | TIME 2021-08-15T10:30
blind3/weekday-date-clock/gulf | الطيارة [الأربعاء 11 أغسطس الساعة 7 الصبح] | TIME 2021-08-11T07:00
blind3/weekday-date-clock/gulf | المقابلة [الخميس 19/8 الساعة 8 بالليل] | TIME 2021-08-19T20:00
blind3/weekday-date-clock/maghrebi | الكونسير على [الساعة السادسة مساء الجمعة 6 أوت] | TIME 2021-08-06T18:00
blind3/weekday-clock-range/msa | تفتح مراكز الاقتراع أبوابها [الأحد الساعة السابعة صباحا] حتى السابعة مساء | TIME 2021-08-01T07:00
blind3/weekday-clock-range/msa | يستقبل المكتب المراجعين [الأربعاء المقبل الساعة التاسعة صباحا] ولغاية الثانية ظهرا | TIME 2021-07-28T09:00
blind3/weekday-clock-range/msa | انقطعت الكهرباء [الجمعة الماضي الساعة الثالثة عصرا] حتى الساعة السادسة مساء | TIME 2021-07-23T15:00
blind3/weekday-clock-range/egyptian | الدكتور هيكون موجود [التلات الجاي الساعة 10 الصبح] لحد 2 الضهر | TIME 2021-07-27T10:00
blind3/weekday-clock-range/egyptian | النت هيفصل [الجمعة الساعة 11 بالليل] لحد 6 الصبح | TIME 2021-07-30T23:00
blind3/weekday-clock-range/levantine | الاجتماع [الخميس الساعة أربعة العصر] لـ ستة المسا | TIME 2021-07-29T16:00
blind3/weekday-clock-range/levantine | المصلح رح يشتغل عنا [التلاتا الساعة تسعة الصبح] لـ الساعة 12 الضهر | TIME 2021-07-27T09:00
blind3/weekday-clock-range/gulf | الدوام [الأحد الياي الساعة ثمان الصبح] لين الساعة وحدة الظهر | TIME 2021-08-01T08:00
blind3/weekday-clock-range/gulf | بيسكرون الشارع [الخميس الساعة 10 الصباح] إلى الساعة 4 العصر | TIME 2021-07-29T10:00
blind3/weekday-clock-range/maghrebi | الحفلة [السبت الجاي الساعة 9 د الليل] حتى الساعة 12 | TIME 2021-07-31T21:00
blind3/mid-month/levantine | بدنا نسافر [نص شهر تمانية] | DATE 2021-08 MID
blind3/mid-month/levantine | رح يخلص الشغل [نص الشهر الجاي] | DATE 2021-08 MID
blind3/mid-month/egyptian | الدراسة هتبدأ [نص شهر عشرة] | DATE 2021-10 MID
blind3/mid-month/egyptian | هنقبض [بداية الشهر الجاي] | DATE 2021-08 START
blind3/mid-month/gulf | بنرجع من السفر [نهاية شهر ثمانية] | DATE 2021-08 END
blind3/mid-month/gulf | بتبدأ المدارس [بداية شهر تسعة] | DATE 2021-09 START
blind3/mid-month/maghrebi | غادي نساليو الخدمة [نص شهر شتنبر] | DATE 2021-09 MID
blind3/mid-month/maghrebi | رجعت من فرنسا [نهاية جوان اللي فات] | DATE 2021-06 END
blind3/mid-month/msa | تنطلق الحملة الانتخابية [منتصف نوفمبر المقبل] | DATE 2021-11 MID
blind3/mid-month/msa | يصدر التقرير النهائي في [أوائل الشهر المقبل] | DATE 2021-08 START
blind3/mid-month/msa | افتتح المشروع في [مطلع أكتوبر 2020] | DATE 2020-10 START
blind3/mid-month/msa | زار الرئيس باريس في [منتصف الشهر الماضي] | DATE 2021-06 MID
blind3/mid-month/msa | سجلت البلاد ارتفاعا في الإصابات [أواخر يونيو الماضي] | DATE 2021-06 END
blind3/now-words/levantine | أنا [هسع] بالشغل | DATE PRESENT_REF
blind3/now-words/levantine | وين إنت [هسّا]؟ | DATE PRESENT_REF
blind3/now-words/levantine | [هلّق] عم ناكل | DATE PRESENT_REF
blind3/now-words/egyptian | أنا [دلوقت] في الشغل | DATE PRESENT_REF
blind3/now-words/gulf | أنا [دحين] في الدوام | DATE PRESENT_REF
blind3/now-words/gulf | وش تسوي [هالحين]؟ | DATE PRESENT_REF
blind3/now-words/maghrebi | راني [ضرك] في الخدمة | DATE PRESENT_REF
blind3/now-words/maghrebi | آنا [توا] في الدار | DATE PRESENT_REF
blind3/now-words/iraqi | شتسوي [هسة]؟ | DATE PRESENT_REF
blind3/now-words/msa | تعمل الحكومة في [الوقت الراهن] على إعداد خطة للتعافي | DATE PRESENT_REF
blind3/now-words/msa | يقيم الكاتب [حاليًا] في لندن | DATE PRESENT_REF
blind3/now-words/msa | لا تتوفر في [الوقت الحاضر] أرقام دقيقة عن عدد الضحايا | DATE PRESENT_REF
blind3/now-words/msa | يواجه قطاع السياحة [راهنا] تحديات كبيرة | DATE PRESENT_REF
blind3/news/msa | وقال المتحدث باسم الوزارة إن الجولة المقبلة من المفاوضات ستعقد في جنيف [الثلاثاء العاشر من أغسطس] بمشاركة وفود من خمس دول | DATE 2021-08-10
blind3/news/msa | أعلنت هيئة الطيران المدني استئناف الرحلات اعتبارا من [منتصف سبتمبر المقبل] بعد توقف دام أكثر من عام | DATE 2021-09 MID
blind3/news/msa | أفادت وكالة الأنباء الرسمية بأن الرئيس سيتوجه إلى القاهرة [صباح الأحد المقبل] في زيارة تستغرق يومين | TIME 2021-08-01TMO
blind3/news/msa | وكانت السلطات قد فرضت حظرا للتجول [مساء السبت 24 يوليو] استمر حتى فجر اليوم التالي | TIME 2021-07-24TEV
blind3/news/msa | ومن المتوقع أن يصل وزير الخارجية إلى بغداد [الساعة الحادية عشرة من صباح الأربعاء 28 يوليو] في أول زيارة له منذ توليه منصبه | TIME 2021-07-28T11:00
blind3/news/msa | وأوضح البيان أن التسجيل للانتخابات يبدأ في [الخامس عشر من ربيع الأول 1443 هـ] ويستمر أسبوعين | DATE 2021-10-21
blind3/news/msa | ارتفعت الصادرات بنسبة 12 في المئة في [النصف الأول من العام الجاري] مقارنة بالفترة نفسها من العام الماضي | DATE 2021-H1
blind3/news/msa | وكان رئيس الوزراء قد استقبل الوفد [ظهر أمس الأحد] في مقر الحكومة بحضور عدد من الوزراء | TIME 2021-07-25TMI
blind3/news/msa | تنتهي المهلة الممنوحة للأطراف [نهاية أغسطس المقبل]، بحسب مصادر دبلوماسية | DATE 2021-08 END
blind3/news/msa | قال شهود عيان إن الاشتباكات تجددت [فجر اليوم الاثنين] في ضواحي المدينة | TIME 2021-07-26TMO
blind3/news/msa | ومن المقرر أن تبدأ محاكمة المتهمين [الخميس الثاني من سبتمبر] أمام محكمة الجنايات | DATE 2021-09-09
blind3/news/msa | وتراجعت مبيعات السيارات في [الشهر قبل الماضي] بنسبة ثمانية في المئة | DATE 2021-05

# --- blind4: the fourth blind batch (115 phrases), written on 6 December 2026 after rules-time
# 0.3.0 was built, by another annotator blind to the grammar, the tagger and the third batch.
# First run of 0.3.0: 74 of 115 exact (0.643); 11 of the 41 misses are ranges whose whole
# extent 0.3.0 marks where rule 19 marks the start alone (value right).
blind4/attach-year/msa | ستجرى الانتخابات البلدية في [الخامس عشر من شهر آذار العام المقبل] | DATE 2022-03-15
blind4/attach-year/msa | وقعت الاتفاقية في [العشرين من شباط من العام الماضي] | DATE 2020-02-20
blind4/attach-year/msa | جرى التوقيع [الجمعة 12 آذار من العام الجاري] في العاصمة | DATE 2021-03-12
blind4/attach-year/msa | أقيم المهرجان [الأحد الأخير من أيلول العام الماضي] | DATE 2020-09-27
blind4/attach-year/levantine | تخرّجت من الجامعة ب[شهر ستة من السنة اللي فاتت] | DATE 2020-06
blind4/attach-year/levantine | رح نفتح المحل ب[تشرين التاني من هالسنة] | DATE 2021-11
blind4/attach-year/egyptian | اتجوزنا في [شهر عشرة السنة اللي فاتت] | DATE 2020-10
blind4/attach-year/egyptian | الامتحانات خلصت في [شهر ستة السنة دي] | DATE 2021-06
blind4/attach-year/gulf | بنسافر لندن [شهر ثمانية السنة الياية] | DATE 2022-08
blind4/attach-year/maghrebi | غادي نرجع للبلاد ف [شتنبر العام الجاي] | DATE 2022-09
blind4/attach-year/maghrebi | نبداو الخدمة في [جانفي تاع العام الجاي] | DATE 2022-01
blind4/attach-year/maghrebi | عرّسنا في [أوت العام اللي فات] | DATE 2020-08
blind4/ordinal-weekday/msa | يعقد المؤتمر [الثلاثاء الأول من شهر أيلول المقبل] | DATE 2021-09-07
blind4/ordinal-weekday/msa | تعقد الجمعية العمومية اجتماعها [رابع خميس من تشرين الثاني المقبل] | DATE 2021-11-25
blind4/ordinal-weekday/msa | تقام المسابقة [الجمعة الثانية من شهر رمضان المقبل] | DATE 2022-04-15
blind4/ordinal-weekday/msa | تنتهي المهلة [السبت الأخير من شهر تشرين الأول المقبل] | DATE 2021-10-30
blind4/ordinal-weekday/msa | اجتمعت اللجنة [آخر خميس من شهر حزيران الماضي] | DATE 2021-06-24
blind4/ordinal-weekday/levantine | الحفلة رح تكون [تالت خميس من الشهر الجاي] | DATE 2021-08-19
blind4/ordinal-weekday/levantine | منلتقي [أول جمعة من محرم الجاي] | DATE 2021-08-13
blind4/ordinal-weekday/egyptian | الفرح [آخر جمعة من شهر تمانية الجاي] | DATE 2021-08-27
blind4/ordinal-weekday/gulf | الاجتماع [ثاني أربعاء من الشهر الياي] | DATE 2021-08-11
blind4/ordinal-weekday/gulf | بنعتمر [آخر جمعة من رمضان الياي] | DATE 2022-04-29
blind4/ordinal-weekday/maghrebi | غادي نتلاقاو [أول سبت من شتنبر الجاي] | DATE 2021-09-04
blind4/ordinal-weekday/maghrebi | الحفلة [ثاني أحد من ديسمبر الجاي] | DATE 2021-12-12
blind4/day-word-relative/msa | يصل الوفد يوم [غد الثلاثاء] إلى القاهرة | DATE 2021-07-27
blind4/day-word-relative/msa | أعلنت الوزارة يوم [أمس الأول السبت] عن خطة جديدة | DATE 2021-07-24
blind4/day-word-relative/levantine | رح نلتقي يوم [بكرا التلاتا] | DATE 2021-07-27
blind4/day-word-relative/levantine | وصلت يوم [مبارح الأحد] | DATE 2021-07-25
blind4/day-word-relative/egyptian | الامتحان يوم [بكرة التلات] | DATE 2021-07-27
blind4/day-word-relative/egyptian | هنسافر يوم [بعد بكرة الأربع] | DATE 2021-07-28
blind4/day-word-relative/egyptian | رجعنا يوم [أول امبارح السبت] | DATE 2021-07-24
blind4/day-word-relative/egyptian | [النهارده الاتنين] عندنا اجتماع | DATE 2021-07-26
blind4/day-word-relative/gulf | يوم [باجر الثلاثاء] عندنا اجتماع | DATE 2021-07-27
blind4/day-word-relative/gulf | بنروح يوم [عقب باجر الأربعاء] | DATE 2021-07-28
blind4/day-word-relative/maghrebi | غادي نجي [غدا الثلاث] إن شاء الله | DATE 2021-07-27
blind4/day-word-relative/maghrebi | نمشيو للبحر [بعد غدوة الإربعاء] | DATE 2021-07-28
blind4/day-word-relative/maghrebi | جا [البارح الحد] | DATE 2021-07-25
blind4/shared-month-range/msa | تقام الدورة من [10] حتى 15 آب المقبل | DATE 2021-08-10
blind4/shared-month-range/msa | يستمر المعرض من [الخامس] إلى الثاني عشر من أيلول المقبل | DATE 2021-09-05
blind4/shared-month-range/msa | أجريت الاختبارات بين [3] و7 أيار الماضي | DATE 2021-05-03
blind4/shared-month-range/msa | تغلق المدارس من [الأول] حتى العاشر من كانون الثاني 2022 | DATE 2022-01-01
blind4/shared-month-range/msa | تعقد الدورة من [25] إلى 30 تشرين الثاني (نوفمبر) المقبل | DATE 2021-11-25
blind4/shared-month-range/levantine | المعرض من [10] لـ 15 الشهر الجاي | DATE 2021-08-10
blind4/shared-month-range/egyptian | الإجازة من [5] لحد 20 شهر 8 الجاي | DATE 2021-08-05
blind4/shared-month-range/gulf | الدوام موقوف من [12] إلى 18 الشهر الياي | DATE 2021-08-12
blind4/shared-month-range/maghrebi | العطلة من [1] حتى 15 غشت الجاي | DATE 2021-08-01
blind4/shared-month-range/maghrebi | المهرجان كان من [20] حتى 25 جوان اللي فات | DATE 2021-06-20
blind4/hijri-gregorian-year/msa | صام المسلمون [رمضان عام 2020] في ظل الحجر الصحي | DATE 2020-04
blind4/hijri-gregorian-year/msa | بلغت الأسعار ذروتها في [شعبان 2021] | DATE 2021-03
blind4/hijri-gregorian-year/msa | أدى الحجاج مناسكهم في [شهر ذي الحجة من عام 2020] | DATE 2020-07
blind4/hijri-gregorian-year/msa | تبدأ الدورة الجديدة في [محرم 2022] | DATE 2022-07
blind4/hijri-gregorian-year/msa | وصلت البعثة في [الأول من رمضان 2021] | DATE 2021-04-13
blind4/hijri-gregorian-year/msa | صدر القرار في [تموز 1442 هـ] | DATE 2021-07
blind4/hijri-gregorian-year/msa | افتتح المستشفى في [حزيران (يونيو) 1441 هـ] | DATE 2020-06
blind4/hijri-gregorian-year/levantine | ب[رمضان 2019] كنا بتركيا | DATE 2019-05
blind4/hijri-gregorian-year/egyptian | [رمضان سنة ألفين وعشرين] كان غريب أوي | DATE 2020-04
blind4/hijri-gregorian-year/gulf | بنروح عمرة في [رمضان 2022] | DATE 2022-04
blind4/hijri-gregorian-year/gulf | بيتزوج أخوي في [ربيع الأول 2021] | DATE 2021-10
blind4/hijri-gregorian-year/maghrebi | ف [رمضان ديال 2023] غادي نكونو فالمغرب | DATE 2023-03
blind4/weekday-date-clock/msa | تنطلق الجلسة [الثلاثاء 3 آب 2021 الساعة الخامسة والنصف مساء] | TIME 2021-08-03T17:30
blind4/weekday-date-clock/msa | يبدأ التسجيل [الخميس 12 آب المقبل الساعة العاشرة صباحا] | TIME 2021-08-12T10:00
blind4/weekday-date-clock/msa | تعقد الندوة [الأربعاء 18 آب (أغسطس) 2021 الساعة 9:00 صباحا] | TIME 2021-08-18T09:00
blind4/weekday-date-clock/msa | وقع الزلزال [الجمعة 16 تموز 2021 الساعة الثالثة فجرا] | TIME 2021-07-16T03:00
blind4/weekday-date-clock/msa | موعد المقابلة [الاثنين 2 آب 2021 الساعة 14:30] | TIME 2021-08-02T14:30
blind4/weekday-date-clock/levantine | العرس [الجمعة 6/8/2021 الساعة تمانية المسا] | TIME 2021-08-06T20:00
blind4/weekday-date-clock/levantine | الموعد [التلاتا 27/7/2021 الساعة عشرة ونص الصبح] | TIME 2021-07-27T10:30
blind4/weekday-date-clock/egyptian | الحفلة [السبت 14/8/2021 الساعة سبعة ونص بالليل] | TIME 2021-08-14T19:30
blind4/weekday-date-clock/gulf | الاجتماع [الأحد 1/8/2021 الساعة 4 العصر] | TIME 2021-08-01T16:00
blind4/weekday-date-clock/maghrebi | العرس [الحد 8 غشت 2021 الساعة الخمسة د العشية] | TIME 2021-08-08T17:00
blind4/weekday-date-clock/maghrebi | الرندفو [الخميس 29/07/2021 الساعة 10 الصباح] | TIME 2021-07-29T10:00
blind4/weekday-clock-range/msa | يفتح المركز أبوابه [السبت المقبل الساعة التاسعة صباحا] وحتى الساعة الثالثة عصرا | TIME 2021-07-31T09:00
blind4/weekday-clock-range/msa | أغلقت الطرق [الجمعة الساعة السادسة صباحا] حتى الساعة الثامنة مساء | TIME 2021-07-23T06:00
blind4/weekday-clock-range/msa | ستبث الحلقة [الثلاثاء الساعة 8 مساء] إلى الساعة 11 ليلا | TIME 2021-07-27T20:00
blind4/weekday-clock-range/msa | يستقبل الوزير المراجعين [الأحد المقبل الساعة الحادية عشرة صباحا] حتى الواحدة ظهرا | TIME 2021-08-01T11:00
blind4/weekday-clock-range/levantine | رح كون بالعيادة [الأربعا الساعة تسعة الصبح] لحد الساعة وحدة الضهر | TIME 2021-07-28T09:00
blind4/weekday-clock-range/egyptian | هنكون في المكتب [الخميس الساعة عشرة الصبح] لحد اتنين الضهر | TIME 2021-07-29T10:00
blind4/weekday-clock-range/egyptian | كنا في النادي [الجمعة الساعة خمسة العصر] لحد عشرة بالليل | TIME 2021-07-23T17:00
blind4/weekday-clock-range/gulf | بنجتمع [الأحد الساعة ثمان الصبح] إلى الساعة عشر | TIME 2021-08-01T08:00
blind4/weekday-clock-range/maghrebi | غادي نخدمو [السبت الساعة 9 د الصباح] حتى ل 12 | TIME 2021-07-31T09:00
blind4/weekday-clock-range/maghrebi | بش نحلو [السبت الساعة عشرة الصباح] حتى الساعة ستة العشية | TIME 2021-07-31T10:00
blind4/mid-month/msa | [منتصف شهر تشرين الأول من العام المقبل] | DATE 2022-10 MID
blind4/mid-month/msa | يكتمل المشروع [أواخر شهر آب المقبل] | DATE 2021-08 END
blind4/mid-month/msa | تبدأ المرحلة الثانية [مطلع كانون الأول المقبل] | DATE 2021-12 START
blind4/mid-month/msa | انتهت الأعمال [نهاية شهر أيار الماضي] | DATE 2021-05 END
blind4/mid-month/levantine | رح نسافر ب[نص شهر خمسة الجاي] | DATE 2022-05 MID
blind4/mid-month/levantine | رح يرجع ب[بداية الشهر الجاي] | DATE 2021-08 START
blind4/mid-month/egyptian | المرتب هينزل [نص الشهر الجاي] | DATE 2021-08 MID
blind4/mid-month/egyptian | هنخلص الشغل [نهاية شهر تسعة الجاي] | DATE 2021-09 END
blind4/mid-month/gulf | بنرجع الكويت [نص شهر عشرة الياي] | DATE 2021-10 MID
blind4/mid-month/maghrebi | غادي نتزوج ف [نص غشت الجاي] | DATE 2021-08 MID
blind4/mid-month/maghrebi | نرجعو [بداية سبتمبر الجاي] | DATE 2021-09 START
blind4/now-words/levantine | أنا [هلّأ] بالطريق | DATE PRESENT_REF
blind4/now-words/levantine | وين انت [هسّا]؟ | DATE PRESENT_REF
blind4/now-words/levantine | أنا [هسّع] بالشغل | DATE PRESENT_REF
blind4/now-words/egyptian | أنا [دلوقت] في البيت | DATE PRESENT_REF
blind4/now-words/gulf | أنا [دحين] في الدوام | DATE PRESENT_REF
blind4/now-words/gulf | وين رايح [الحين]؟ | DATE PRESENT_REF
blind4/now-words/maghrebi | راني [دروك] في الخدمة | DATE PRESENT_REF
blind4/now-words/maghrebi | أنا [توّا] في الدار | DATE PRESENT_REF
blind4/now-words/msa | يعمل الفريق في [الوقت الراهن] على إعداد التقرير | DATE PRESENT_REF
blind4/now-words/msa | يقيم اللاجئون في [الوقت الحاضر] في مخيمات مؤقتة | DATE PRESENT_REF
blind4/now-words/msa | لم تعلن النتائج حتى [الان] | DATE PRESENT_REF
blind4/now-words/msa | تمر البلاد في [اللحظة الراهنة] بأزمة اقتصادية | DATE PRESENT_REF
blind4/news/msa | أعلنت وزارة التربية أن الدوام في المدارس سيبدأ في [منتصف شهر أيلول من العام الجاري] | DATE 2021-09 MID
blind4/news/msa | قالت الهيئة إن المعرض الدولي للكتاب سيقام من [الثامن] حتى الثامن عشر من تشرين الأول المقبل | DATE 2021-10-08
blind4/news/msa | وأكد المتحدث أن الوفد سيغادر إلى جنيف [صباح غد الثلاثاء] | TIME 2021-07-27TMO
blind4/news/msa | ومن المقرر أن يعقد المجلس جلسته الطارئة [الخميس 29 تموز الجاري الساعة الحادية عشرة صباحا] | TIME 2021-07-29T11:00
blind4/news/msa | وأشار التقرير إلى أن حجاج بيت الله الحرام أدوا مناسكهم في [ذي الحجة 1442 هـ] | DATE 2021-07
blind4/news/msa | ويصادف [الجمعة الأولى من شهر آب المقبل] ذكرى تأسيس الجمعية | DATE 2021-08-06
blind4/news/msa | وتبدأ حملة التطعيم في المدارس [مطلع تشرين الثاني من العام الجاري] | DATE 2021-11 START
blind4/news/msa | وأضاف أن المفاوضات ستستأنف [الأحد المقبل الساعة العاشرة صباحا] وتستمر حتى الثانية ظهرا | TIME 2021-08-01T10:00
blind4/news/msa | وأعلنت الحكومة أن الدوائر الرسمية ستعطل في [الأول من محرم 1443 هـ] | DATE 2021-08-09
blind4/news/msa | وأوضح البيان أن الانتخابات التشريعية ستجرى في [العاشر من شهر تشرين الأول (أكتوبر) من العام الجاري] | DATE 2021-10-10
blind4/news/msa | وتوقع الخبراء أن يبلغ عدد الإصابات ذروته [أواخر الشهر المقبل] | DATE 2021-08 END
blind4/news/msa | وكانت الشرطة قد اعتقلت المشتبه به [مساء أول من أمس السبت] في حي الكرادة | TIME 2021-07-24TEV
"""


@dataclass(frozen=True)
class Case:
    kind: str
    text: str
    start: int
    end: int
    type: str
    value: str
    mod: str | None

    @property
    def expression(self) -> str:
        return self.text[self.start:self.end]


def cases() -> list[Case]:
    out = []
    for line in TABLE.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, marked, expected = (part.strip() for part in line.split("|"))
        m = re.search(r"\[(.+?)\]", marked)
        if m is None:
            text, start, end = marked, 0, len(marked)
        else:
            text = marked[:m.start()] + m.group(1) + marked[m.end():]
            start, end = m.start(), m.start() + len(m.group(1))
        label, value, *mod = expected.split()
        out.append(Case(kind, text, start, end, label, value, mod[0] if mod else None))
    return out


def found(case: Case) -> list[tuple[str, str, str | None, str | None]]:
    """What rules-time finds in the case's text: (expression, type, value, mod)."""
    from bench.extractors.rules_time import tag

    return [(case.text[s:e], t.type, t.value, t.mod) for s, e, t, _ in tag(case.text, DCT)]


def exact(case: Case) -> bool:
    return (case.expression, case.type, case.value, case.mod) in found(case)


def main() -> int:
    table = cases()
    total, right = Counter(), Counter()
    missed = []
    for case in table:
        total[case.kind] += 1
        if exact(case):
            right[case.kind] += 1
        else:
            missed.append(case)
    print(f"rules-time coverage table: {len(table)} phrases, document date {DCT}\n")
    print("| kind | phrases | exact | share |\n|---|---|---|---|")
    for kind in total:
        print(f"| {kind} | {total[kind]} | {right[kind]} | {right[kind] / total[kind]:.3f} |")
    n, r = sum(total.values()), sum(right.values())
    print(f"| **all** | {n} | {r} | {r / n:.3f} |")
    if missed:
        print("\nmissed (expected -> found):")
        for case in missed:
            print(f"  {case.kind}: {case.expression} -> {case.type} {case.value} {case.mod or ''}"
                  f"  found {found(case)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
    sys.exit(main())
