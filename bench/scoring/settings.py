"""What a score depends on besides the data: one frozen object, and its signature.

:class:`Settings` holds every option of :func:`bench.scoring.score` with its default
(the CLI and the pipeline take their defaults from here); :class:`Signature` is the
short string printed under every table and kept in the results and the baseline, so
two numbers are comparable exactly when their signatures are equal (as sacreBLEU does).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from bench.problems import InputError
from bench.version import __version__

SCHEMES = ("strict", "exact", "partial", "type")
CLITICS = ("strict", "lenient")
UNITS = ("auto", "document", "paragraph")
MIN_DOCUMENT_UNITS = 30
"""``unit="auto"`` resamples documents when the corpus has at least this many."""


@dataclass(frozen=True)
class Signature:
    version: str
    scheme: str
    clitics: str
    labels: str
    gold: str
    unit: str
    resamples: int
    seed: int
    zero_division: float
    task: str = ""

    def __str__(self) -> str:
        task = f"task:{self.task}|" if self.task else ""
        return (f"arabench:{self.version}|{task}scheme:{self.scheme}|clitics:{self.clitics}"
                f"|labels:{self.labels}|gold:{self.gold[:12]}|unit:{self.unit}"
                f"|boot:{self.resamples}|seed:{self.seed}|zd:{self.zero_division:g}")


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

    def keys(self) -> list[tuple[str, str, str]]:
        """(key, scheme, clitics) of every table: ``strict``, ``strict+lenient``, ...

        Clitic leniency only changes boundaries, so ``type`` has no lenient variant.
        """
        return score_keys(self.schemes, self.clitics)

    def resolved_unit(self, n_documents: int) -> str:
        if self.unit != "auto":
            return self.unit
        return "document" if n_documents >= MIN_DOCUMENT_UNITS else "paragraph"

    def signature(self, scheme: str, clitics: str, gold_sha256: str, unit: str) -> Signature:
        return Signature(__version__, scheme, clitics, self.label_mapping, gold_sha256, unit,
                         self.resamples, self.seed, self.zero_division, self.task)

    def to_dict(self, unit: str) -> dict:
        """The ``settings`` of ``results.json``, with the unit actually used."""
        out = asdict(self)
        out.update(schemes=list(self.schemes), clitics=list(self.clitics), unit=unit)
        return out


def score_keys(schemes, clitics) -> list[tuple[str, str, str]]:
    """(key, scheme, clitics) of every table of ``schemes`` under ``clitics`` modes."""
    keys = []
    for mode in clitics:
        for scheme in schemes:
            if mode == "strict":
                keys.append((scheme, scheme, mode))
            elif scheme != "type":
                keys.append((f"{scheme}+{mode}", scheme, mode))
    return keys
