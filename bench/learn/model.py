"""The two taggers, their training, saving and loading (no pickle), and tagging.

A model folder holds ``model.json`` (what it is: kind, tags, feature version, the
training corpus's hash, parameters, library versions, training time, the clitic
convention learned from the corpus) and the weights: ``linear.npz`` (numpy arrays:
the classifier's coefficients over hashed features, loaded with ``allow_pickle=False``)
or ``crf.crfsuite`` (crfsuite's own binary format). Nothing executes code on load.
A folder whose recorded format, feature version or library version differs from this
installation's is refused with the reason.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from enum import StrEnum
from importlib.util import find_spec
from pathlib import Path

import numpy as np

from bench.install import install_hint
from bench.learn import features as ft
from bench.problems import InputError
from bench.tags import encode

FORMAT = 1
N_FEATURES = 2 ** 18


class ModelKind(StrEnum):
    """The two taggers; the caller always names one (recorded as ``kind`` in model.json)."""

    LINEAR = "linear"  # scikit-learn's SGDClassifier over hashed features (a core package)
    CRF = "crf"  # a linear-chain CRF: sklearn-crfsuite, the ``train`` extra


MODELS = tuple(k.value for k in ModelKind)


def require(kind: ModelKind | str) -> ModelKind:
    """``kind`` as a :class:`ModelKind`, or an ``InputError`` naming what is missing: an
    unknown kind, or the ``train`` extra for a crf (never another kind instead)."""
    try:
        kind = ModelKind(kind)
    except ValueError:
        raise InputError.one("model kind", f"{kind!r}: give {' or '.join(MODELS)}") from None
    if kind is ModelKind.CRF and find_spec("sklearn_crfsuite") is None:
        raise InputError.one("crf model", "needs sklearn-crfsuite, not installed: "
                                          + install_hint("train"))
    return kind


def library_versions(kind: ModelKind) -> dict[str, str]:
    from importlib.metadata import version

    out = {"scikit-learn": version("scikit-learn"), "numpy": np.__version__}
    if kind == ModelKind.CRF:
        out["python-crfsuite"] = version("python-crfsuite")
    return out


def sentences(text: str) -> list[list[tuple[int, int]]]:
    """Token offsets of each line of a text (lines are sentences, as the readers make them)."""
    out, pos = [], 0
    for line in text.split("\n"):
        toks = [(pos + s, pos + e) for s, e in ft.tokens(line)]
        if toks:
            out.append(toks)
        pos += len(line) + 1
    return out


def bio_tags(toks: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    """The IOB2 tag of each token (:func:`bench.tags.encode`): B- on the token where a span
    starts, I- on the others it covers, O elsewhere (a span starting inside a token after
    a proclitic tags it B)."""
    return encode(toks, spans, "iob2")


@dataclass
class Tagger:
    kind: ModelKind
    meta: dict
    classes: list[str] = field(default_factory=list)
    coef: np.ndarray | None = None
    intercept: np.ndarray | None = None
    crf: object = None

    # --- training -----------------------------------------------------------------------
    @classmethod
    def train(cls, kind: ModelKind, sents: list[list[str]], tags: list[list[str]], seed: int,
              meta: dict) -> Tagger:
        """A tagger of ``kind`` (an ``InputError`` naming the extra when it is missing)."""
        kind = require(kind)
        t0 = time.perf_counter()
        feats = [ft.sentence_features(s) for s in sents]
        if kind is ModelKind.CRF:
            import sklearn_crfsuite

            crf = sklearn_crfsuite.CRF(algorithm="lbfgs", c1=0.05, c2=0.05, max_iterations=100,
                                       all_possible_transitions=True)
            crf.fit(feats, tags)
            model = cls(kind, meta, classes=list(crf.classes_), crf=crf)
            params = {"algorithm": "lbfgs", "c1": 0.05, "c2": 0.05, "max_iterations": 100}
        else:
            from sklearn.feature_extraction import FeatureHasher
            from sklearn.linear_model import SGDClassifier

            hasher = FeatureHasher(N_FEATURES, input_type="dict", alternate_sign=False)
            x = hasher.transform(f for s in feats for f in s)
            y = [t for s in tags for t in s]
            clf = SGDClassifier(loss="hinge", alpha=2e-5, max_iter=20, tol=None,
                                random_state=seed, average=True)
            clf.fit(x, y)
            model = cls(kind, meta, classes=list(clf.classes_),
                        coef=clf.coef_.astype(np.float32),
                        intercept=clf.intercept_.astype(np.float32))
            params = {"hasher": N_FEATURES, "loss": "hinge", "alpha": 2e-5, "max_iter": 20,
                      "average": True, "seed": seed}
        model.meta.update(params=params, training_seconds=round(time.perf_counter() - t0, 2))
        return model

    # --- tagging ------------------------------------------------------------------------
    def tag(self, sents: list[list[str]]) -> list[list[str]]:
        feats = [ft.sentence_features(s) for s in sents]
        if self.kind is ModelKind.CRF:
            return [list(t) for t in self.crf.predict(feats)]
        from sklearn.feature_extraction import FeatureHasher

        hasher = FeatureHasher(N_FEATURES, input_type="dict", alternate_sign=False)
        flat = [f for s in feats for f in s]
        if not flat:
            return [[] for _ in sents]
        scores = hasher.transform(flat) @ self.coef.T + self.intercept
        best = np.asarray(scores).argmax(axis=1)
        out, k = [], 0
        for s in sents:
            out.append([self.classes[i] for i in best[k:k + len(s)]])
            k += len(s)
        return out

    # --- files --------------------------------------------------------------------------
    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        if self.kind is ModelKind.CRF:
            import sklearn_crfsuite  # noqa: F401

            src = Path(self.crf.modelfile.name)
            (folder / "crf.crfsuite").write_bytes(src.read_bytes())
        else:
            np.savez_compressed(folder / "linear.npz", coef=self.coef, intercept=self.intercept)
        weights = folder / _weights_file(self.kind)
        meta = {**self.meta, "format": FORMAT, "kind": self.kind, "tags": self.classes,
                "weights_sha256": hashlib.sha256(weights.read_bytes()).hexdigest()}
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1,
                                                      sort_keys=True) + "\n", "utf-8")

    @classmethod
    def load(cls, folder: Path) -> Tagger:
        where = str(folder / "model.json")
        try:
            meta = json.loads((folder / "model.json").read_text("utf-8"))
        except FileNotFoundError:
            raise InputError.one(str(folder), "not a model folder of bench train "
                                              "(no model.json)") from None
        except ValueError as exc:
            raise InputError.one(where, f"corrupt model metadata: {exc}") from None
        kind = meta.get("kind")
        problems = []
        if meta.get("format") != FORMAT or kind not in MODELS:
            problems.append(f"model format {meta.get('format')!r}/{kind!r}, this arabench "
                            f"reads format {FORMAT} (linear or crf): train it again")
        elif meta.get("features") != ft.VERSION:
            problems.append(f"trained with features {meta.get('features')!r}, this arabench "
                            f"has {ft.VERSION!r}: train it again")
        else:
            kind = require(kind)
            now = library_versions(kind)
            for lib, ver in (meta.get("libraries") or {}).items():
                if now.get(lib) is not None and now[lib].split(".")[:2] != ver.split(".")[:2]:
                    problems.append(f"trained with {lib} {ver}, installed {now[lib]}: train it "
                                    "again (or install that version)")
        if problems:
            raise InputError.one(where, "; ".join(problems))
        weights = folder / _weights_file(kind)
        try:
            raw = weights.read_bytes()
        except FileNotFoundError:
            raise InputError.one(str(weights), "missing model weights") from None
        if hashlib.sha256(raw).hexdigest() != meta.get("weights_sha256"):
            raise InputError.one(str(weights), "corrupt model file (its sha256 differs from "
                                               "model.json's)")
        if kind is ModelKind.CRF:
            import sklearn_crfsuite

            try:
                crf = sklearn_crfsuite.CRF(model_filename=str(weights))
            except Exception as exc:
                raise InputError.one(str(weights), f"corrupt model file: {exc}") from None
            return cls(kind, meta, classes=list(meta["tags"]), crf=crf)
        try:
            data = np.load(weights, allow_pickle=False)
            coef, intercept = data["coef"], data["intercept"]
        except Exception as exc:
            raise InputError.one(str(weights), f"corrupt model file: {exc}") from None
        return cls(kind, meta, classes=list(meta["tags"]), coef=coef, intercept=intercept)


def _weights_file(kind: ModelKind) -> str:
    return "crf.crfsuite" if kind is ModelKind.CRF else "linear.npz"
