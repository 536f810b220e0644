"""Backends that misbehave on purpose, for the isolation tests (imported by module:Class)."""

from __future__ import annotations

import os
import time

from bench.extractors.base import span
from bench.model import Annotation


class Toy:
    name = "toy"
    version = "0"
    labels = ("LOC",)
    label_map = {"GPE": "LOC"}

    def available(self):
        return True, ""

    def extract(self, document):
        i = document.text.find("بغداد")
        return [span(document, i, i + 5, "LOC")] if i >= 0 else []


class Raises(Toy):
    name = "raises"

    def extract(self, document):
        raise RuntimeError("model exploded")


class Hangs(Toy):
    name = "hangs"

    def extract(self, document):
        time.sleep(3600)


class Crashes(Toy):
    name = "crashes"

    def extract(self, document):
        os._exit(3)


class OutOfRange(Toy):
    name = "out-of-range"

    def extract(self, document):
        n = len(document.text)
        return [Annotation("x", n - 2, n + 5, "LOC", document.text[n - 2:])]


class WrongLabel(Toy):
    name = "wrong-label"

    def extract(self, document):
        return [Annotation("x", 0, 5, "FAC", document.text[:5])]


class NativeLabels(Toy):
    """Emits its own label GPE; ``label_map`` turns it into LOC."""

    name = "native-labels"

    def extract(self, document):
        i = document.text.find("بغداد")
        return [span(document, i, i + 5, "GPE")] if i >= 0 else []


class Unavailable(Toy):
    name = "unavailable"

    def available(self):
        return False, "needs the model files: pip install toy-models"


class DeclaresTime(Toy):
    """Declares TIME but never finds one: its TIME cell is 0.000, not "not declared"."""

    name = "declares-time"
    labels = ("LOC", "TIME")


class Slow(Toy):
    """Finds بغداد, slowly if asked (``TOY_DELAY`` seconds per document), logging each
    document it extracts to ``TOY_LOG``: the cache and resume tests count them.
    ``TOY_VERSION`` sets its version."""

    name = "slow"
    version = os.environ.get("TOY_VERSION", "1")

    def extract(self, document):
        log = os.environ.get("TOY_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as fh:
                fh.write(document.doc_id + "\n")
        time.sleep(float(os.environ.get("TOY_DELAY", "0")))
        return super().extract(document)


class DiesOnce(Slow):
    """Like Slow, but the process extracting document ``TOY_DIE_ON`` dies the first time
    (a flag file ``TOY_DIE_FLAG`` records it): an engine must retry on another worker."""

    name = "dies-once"

    def extract(self, document):
        flag = os.environ.get("TOY_DIE_FLAG")
        if flag and document.doc_id == os.environ.get("TOY_DIE_ON") and \
                not os.path.exists(flag):
            open(flag, "w").close()
            os._exit(9)
        return super().extract(document)


class Drops(Toy):
    """Finds بغداد; drops, as a model backend does, and counts in ``note()`` every قمة
    (type MISC) and مؤتمر (type EVENT), which have no canonical label, and two mentions
    "not in the text" per document that names الاثنين: the counts over the documents this
    process tagged."""

    name = "drops"

    def __init__(self):
        from bench.extractors.models.common import Dropped

        self.dropped = Dropped()
        self.not_found = 0

    def extract(self, document):
        for word, kind in (("قمة", "MISC"), ("مؤتمر", "EVENT")):
            for _ in range(document.text.count(word)):
                self.dropped.canonical(kind)
        self.not_found += 2 * document.text.count("الاثنين")
        return super().extract(document)

    def note(self):
        parts = [self.dropped.note()] + (
            [f"{self.not_found} mention(s) not in the text: dropped"] if self.not_found else [])
        return "; ".join(p for p in parts if p)


class WrongMonday(Toy):
    """Finds each الاثنين as a DATE a week late (2021-08-02): a right span, a wrong value."""

    name = "wrong-monday"
    labels = ("DATE",)

    def extract(self, document):
        found, i = [], document.text.find("الاثنين")
        while i >= 0:
            found.append(span(document, i, i + 7, "DATE", value="2021-08-02", form="relative"))
            i = document.text.find("الاثنين", i + 7)
        return found


class Half(Toy):
    """Finds بغداد in documents whose id ends in an even digit only."""

    name = "half"

    def extract(self, document):
        return super().extract(document) if document.doc_id[-1] in "02468" else []


class AlsoNorp(Toy):
    """Finds بغداد (LOC) and calls الوفد a NORP: a label a LOC-only corpus cannot judge."""

    name = "also-norp"
    labels = ("LOC", "NORP")

    def extract(self, document):
        i = document.text.find("الوفد")
        return super().extract(document) + ([span(document, i, i + 5, "NORP")] if i >= 0 else [])


class Spec(Toy):
    """Named as a KIND:ARG spec is (sklearn-ner:models/anercorp): not a folder name."""
    name = "toy:models/v1"
