"""What a score depends on besides the data: one frozen object, and its signature.

:class:`Settings` holds every option of :func:`bench.scoring.score` with its default
(the CLI and the pipeline take their defaults from here); :class:`Signature` is the
short string printed under every table and kept in the results and the baseline, so
two numbers are comparable exactly when their signatures are equal (as sacreBLEU does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from bench.problems import InputError
from bench.schema import CANONICAL, Schema, native_schema, schema_file
from bench.scoring.keys import CLITICS, SCHEMES, ScoreKey
from bench.version import __version__

UNITS = ("auto", "document", "paragraph")
MIN_DOCUMENT_UNITS = 30
"""``unit="auto"`` resamples documents when the corpus has at least this many."""


@dataclass(frozen=True)
class Signature:
    """The settings a score was made under, written ``arabench:0.1.0|task:news|scheme:strict
    |clitics:strict|labels:canonical|gold:159773256600|unit:paragraph|boot:1000|seed:12345
    |zd:0`` (no ``task:`` part without a task); :meth:`parse` reads that back."""

    version: str
    scheme: str
    clitics: str
    labels: str
    gold: str
    """The gold's sha256; its first 12 characters in the string form (and after :meth:`parse`)."""
    unit: str
    resamples: int
    seed: int
    zero_division: float
    task: str = ""
    compat: str = ""
    """The published scorer whose semantics were reproduced (:mod:`bench.scoring.compat`);
    empty for arabench's own scoring (the string form then has no ``compat:`` part)."""

    def parts(self) -> dict[str, str]:
        """The tagged parts of the string form, in its order: ``{"arabench": version,
        "compat": ..., "task": ..., "scheme": ..., ..., "zd": ...}``."""
        parts = {"arabench": self.version, "compat": self.compat, "task": self.task,
                 "scheme": self.scheme,
                 "clitics": self.clitics, "labels": self.labels, "gold": self.gold[:12],
                 "unit": self.unit, "boot": str(self.resamples), "seed": str(self.seed),
                 "zd": f"{self.zero_division:g}"}
        for optional in ("compat", "task"):
            if not parts[optional]:
                del parts[optional]
        return parts

    def __str__(self) -> str:
        return "|".join(f"{tag}:{value}" for tag, value in self.parts().items())

    @classmethod
    def parse(cls, text: str) -> Signature:
        """The Signature whose string form is ``text`` (``str(Signature.parse(s)) == s``);
        ValueError for any other text."""
        found = _SIGNATURE.fullmatch(text)
        try:
            if found is None:
                raise ValueError
            part = found.groupdict()
            signature = cls(version=part["arabench"], scheme=part["scheme"],
                            clitics=part["clitics"], labels=part["labels"], gold=part["gold"],
                            unit=part["unit"], resamples=int(part["boot"]),
                            seed=int(part["seed"]), zero_division=float(part["zd"]),
                            task=part["task"] or "", compat=part["compat"] or "")
        except ValueError:
            raise ValueError(f"not a signature: {text!r}") from None
        if str(signature) != text:  # e.g. boot:01, zd:0.0: not as arabench writes it
            raise ValueError(f"not a signature as arabench writes it: {text!r} (would be "
                             f"{str(signature)!r})")
        return signature


_SIGNATURE = re.compile(r"arabench:(?P<arabench>[^|]*)\|(?:compat:(?P<compat>[^|]+)\|)?"
                        r"(?:task:(?P<task>.+?)\|)?"
                        r"scheme:(?P<scheme>.*?)\|clitics:(?P<clitics>.*?)\|labels:(?P<labels>.*)"
                        r"\|gold:(?P<gold>[0-9a-f]*)\|unit:(?P<unit>[^|]*)\|boot:(?P<boot>[^|]*)"
                        r"\|seed:(?P<seed>[^|]*)\|zd:(?P<zd>[^|]*)", re.DOTALL)
"""A signature's parts; a label mapping (a file's path) may hold ``|`` and ``:``."""


@dataclass(frozen=True)
class Settings:
    """Options of a scoring run, checked when made (an :class:`InputError` names the bad one).

    * ``schemes``: any of ``strict``, ``exact``, ``partial``, ``type`` (SemEval-2013 9.1);
    * ``clitics``: ``strict`` and/or ``lenient`` boundaries;
    * ``resamples``: bootstrap resamples for the CIs, ``trials``: approximate
      randomisation trials, both seeded by ``seed``; 0 turns them off;
    * ``unit``: resampling unit, ``document``, ``paragraph`` or ``auto`` (documents when
      the corpus has at least 30, else paragraphs, i.e. lines);
    * ``zero_division``: the value of a 0/0 precision, recall or F1;
    * ``label_mapping``: the name of the gold's label mapping, for the signature;
    * ``task``: the suite task scored (``bench.suite``), named in the signature.
    """

    schemes: tuple[str, ...] = SCHEMES
    clitics: tuple[str, ...] = CLITICS
    resamples: int = 1000
    trials: int = 1000
    seed: int = 12345
    unit: str = "auto"
    zero_division: float = 0.0
    label_mapping: str = "canonical"
    task: str = ""
    ci_level: float = field(default=0.95, init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "schemes", tuple(self.schemes))
        object.__setattr__(self, "clitics", tuple(self.clitics))
        for name in ("resamples", "trials"):
            n = getattr(self, name)
            if type(n) is not int or n < 0:
                raise InputError.one(name, f"must be a whole number >= 0, got {n!r}")
        if self.unit not in UNITS:
            raise InputError.one("unit", f"unknown unit {self.unit!r} (known: {', '.join(UNITS)})")
        unknown = [s for s in self.schemes if s not in SCHEMES] + \
            [c for c in self.clitics if c not in CLITICS]
        if unknown:
            raise InputError.one("schemes", f"unknown {', '.join(map(repr, unknown))} (schemes: "
                                            f"{', '.join(SCHEMES)}; clitics: {', '.join(CLITICS)})")

    def schema(self, labels: Iterable[str]) -> Schema:
        """The label schema the tables follow: for ``--labels native`` the corpus's own
        (:func:`bench.schema.native_schema` of the ``labels`` scored), for a schema file
        that file's, else the canonical one (a mapped corpus's labels are canonical, or
        kept names in no group)."""
        if self.label_mapping == "native":
            return native_schema(labels)
        return schema_file(self.label_mapping) or CANONICAL

    def keys(self) -> list[ScoreKey]:
        """Every table: ``strict``, ``exact`` ..., ``strict+lenient`` ..."""
        return ScoreKey.of(self.schemes, self.clitics)

    def resolved_unit(self, n_documents: int) -> str:
        if self.unit != "auto":
            return self.unit
        return "document" if n_documents >= MIN_DOCUMENT_UNITS else "paragraph"

    def signature(self, scheme: str, clitics: str, gold_sha256: str, unit: str) -> Signature:
        return Signature(version=__version__, scheme=scheme, clitics=clitics,
                         labels=self.label_mapping, gold=gold_sha256, unit=unit,
                         resamples=self.resamples, seed=self.seed,
                         zero_division=self.zero_division, task=self.task)

    def to_dict(self, unit: str) -> dict:
        """The ``settings`` of ``results.json``, with the unit actually used."""
        out = asdict(self)
        out.update(schemes=list(self.schemes), clitics=list(self.clitics), unit=unit)
        return out
