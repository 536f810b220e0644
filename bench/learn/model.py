"""The two taggers, their training, saving and loading (no pickle), and tagging.

A model folder holds ``model.json`` (what it is: kind, tags, feature version and groups,
the training corpus's hash, parameters, library versions, training time, the clitic
convention learned from the corpus), the weights: ``linear.npz`` (numpy arrays: the
classifier's coefficients over hashed features, loaded with ``allow_pickle=False``) or
``crf.npz`` (the CRF's weights as numpy arrays, :class:`Decoder`), and the tables its feature groups
learned: ``clusters.tsv`` and ``names.tsv`` (a word, then its fields, tab-separated).
Nothing executes code on load. A folder whose recorded format, feature version or
groups, library version or files differ from what this installation reads is refused
with the reason.
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
CRF_PARAMS = {"algorithm": "lbfgs", "c1": 0.05, "c2": 0.05, "max_iterations": 100}


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


TABLES = {"clusters": "clusters.tsv", "names": "names.tsv"}
"""The learned table of each feature group that has one, and its file in a model folder."""


def write_table(table: dict[str, tuple[str, ...]], path: Path) -> None:
    """One word a line, then its fields, tab-separated, words sorted (the same bytes for
    the same table; tokens never hold a tab or a line break)."""
    path.write_text("".join(f"{w}\t{chr(9).join(v)}\n" for w, v in sorted(table.items())),
                    "utf-8")


def read_table(path: Path) -> dict[str, tuple[str, ...]]:
    out = {}
    for n, line in enumerate(path.read_text("utf-8").split("\n")[:-1], 1):
        word, *fields = line.split("\t")
        if not word or not fields:
            raise InputError.one(f"{path}:{n}", "corrupt table line (a word, TAB, fields)")
        out[word] = tuple(fields)
    return out


@dataclass
class Tagger:
    kind: ModelKind
    meta: dict
    features: ft.Featurizer
    classes: list[str] = field(default_factory=list)
    coef: np.ndarray | None = None
    intercept: np.ndarray | None = None
    crf: Decoder | None = None

    # --- training -----------------------------------------------------------------------
    @classmethod
    def train(cls, kind: ModelKind, feats: list[list[list[str]]], tags: list[list[str]],
              seed: int, meta: dict, features: ft.Featurizer) -> Tagger:
        """A tagger of ``kind`` over the features ``feats`` of the training sentences
        (an ``InputError`` naming the extra when it is missing); ``features`` makes those
        of the sentences it will tag."""
        kind = require(kind)
        t0 = time.perf_counter()
        if kind is ModelKind.CRF:
            import sklearn_crfsuite

            crf = sklearn_crfsuite.CRF(**CRF_PARAMS, all_possible_transitions=True)
            crf.fit(feats, tags)
            model = cls(kind, meta, features, classes=list(crf.classes_),
                        crf=Decoder.of(crf, list(crf.classes_), features))
            params = dict(CRF_PARAMS)
        else:
            from sklearn.feature_extraction import FeatureHasher
            from sklearn.linear_model import SGDClassifier

            hasher = FeatureHasher(N_FEATURES, input_type="string", alternate_sign=False)
            x = hasher.transform(f for s in feats for f in s)
            y = [t for s in tags for t in s]
            clf = SGDClassifier(loss="hinge", alpha=2e-5, max_iter=20, tol=None,
                                random_state=seed, average=True)
            clf.fit(x, y)
            model = cls(kind, meta, features, classes=list(clf.classes_),
                        coef=clf.coef_.astype(np.float32),
                        intercept=clf.intercept_.astype(np.float32))
            params = {"hasher": N_FEATURES, "loss": "hinge", "alpha": 2e-5, "max_iter": 20,
                      "average": True, "seed": seed}
        model.meta.update(params=params, training_seconds=round(time.perf_counter() - t0, 2))
        return model

    # --- tagging ------------------------------------------------------------------------
    def tag(self, sents: list[list[str]]) -> list[list[str]]:
        if self.kind is ModelKind.CRF:
            return self.crf.tag(sents)
        feats = [self.features.sentence(s) for s in sents]
        from sklearn.feature_extraction import FeatureHasher

        hasher = FeatureHasher(N_FEATURES, input_type="string", alternate_sign=False)
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
            self.crf.save(folder / "crf.npz")
        else:
            np.savez_compressed(folder / "linear.npz", coef=self.coef, intercept=self.intercept)
        weights = folder / _weights_file(self.kind)
        meta = {**self.meta, "format": FORMAT, "kind": self.kind, "tags": self.classes,
                "weights_sha256": _sha256(weights), "features": ft.VERSION,
                "feature_groups": list(self.features.groups)}
        tables = {"clusters": self.features.clusters,
                  "names": {w: (v,) for w, v in self.features.names.items()}}
        for group, name in TABLES.items():
            if group in self.features.groups:
                write_table(tables[group], folder / name)
                meta[f"{group}_sha256"] = _sha256(folder / name)
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
        elif not isinstance(meta.get("feature_groups"), list) or \
                set(meta["feature_groups"]) - set(ft.GROUPS):
            problems.append(f"trained with feature groups {meta.get('feature_groups')!r}, "
                            f"this arabench has {', '.join(ft.GROUPS)}: train it again")
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
        features = ft.Featurizer(meta["feature_groups"], **_tables(folder, meta))
        try:
            data = np.load(weights, allow_pickle=False)
            if kind is ModelKind.CRF:
                crf = Decoder(data["attrs"].tobytes().decode("utf-8").split("\n"),
                              data["state"], data["trans"], list(meta["tags"]), features)
                return cls(kind, meta, features, classes=list(meta["tags"]), crf=crf)
            coef, intercept = data["coef"], data["intercept"]
        except Exception as exc:
            raise InputError.one(str(weights), f"corrupt model file: {exc}") from None
        return cls(kind, meta, features, classes=list(meta["tags"]), coef=coef,
                   intercept=intercept)


class Decoder:
    """A trained CRF's weights and its Viterbi path in numpy, several times faster than
    crfsuite's tagger, and saved as numpy arrays (``crf.npz``: the attributes, UTF-8,
    one a line; a weight per attribute and tag; the transitions).

    Every feature of a token is a function of one word at one offset
    (:meth:`.features.Featurizer.word`), so a word's score for each tag, as the token
    itself and as each of its neighbours, is a sum of weights done once and cached; a
    sentence's state scores are sums of those rows, and Viterbi runs over all sentences
    at once, position by position. The same path as crfsuite's (the same weights, the
    first best on ties), up to float rounding."""

    def __init__(self, attrs: list[str], state: np.ndarray, trans: np.ndarray,
                 classes: list[str], features: ft.Featurizer) -> None:
        if state.shape != (len(attrs), len(classes)) or trans.shape != (len(classes),) * 2:
            raise ValueError("weights of the wrong shape")
        self.attrs, self.state, self.trans = attrs, state, trans
        self._padded = np.vstack([state, np.zeros((1, len(classes)))])  # its last row: 0
        self.row_of = {a: i for i, a in enumerate(attrs)}
        self.classes = classes
        self.features = features
        self.edge = self._sums([ft.EDGE[d] for d in ft.WINDOW])
        self._rows: dict[str, np.ndarray] = {}

    @classmethod
    def of(cls, crf, classes: list[str], features: ft.Featurizer) -> Decoder:
        """The weights of a trained ``sklearn_crfsuite.CRF``, attributes sorted."""
        info = crf.tagger_.info()
        col = {c: i for i, c in enumerate(classes)}
        attrs = sorted({a for a, _ in info.state_features})
        row = {a: i for i, a in enumerate(attrs)}
        state = np.zeros((len(attrs), len(classes)))
        for (attr, label), w in info.state_features.items():
            state[row[attr], col[label]] = w
        trans = np.zeros((len(classes), len(classes)))
        for (a, b), w in info.transitions.items():
            trans[col[a], col[b]] = w
        return cls(attrs, state, trans, classes, features)

    def save(self, path: Path) -> None:
        attrs = np.frombuffer("\n".join(self.attrs).encode("utf-8"), dtype=np.uint8)
        np.savez_compressed(path, attrs=attrs, state=self.state, trans=self.trans)

    def _sums(self, groups: list[list[str]]) -> np.ndarray:
        """(len(groups), tags): the summed weights of each list of attributes (one
        gather and one segmented sum; each segment starts with the zero row, so none is
        empty)."""
        zero, get = len(self.attrs), self.row_of.get
        rows, starts = [], []
        for feats in groups:
            starts.append(len(rows))
            rows.append(zero)
            rows += [r for r in map(get, feats) if r is not None]
        return np.add.reduceat(self._padded[rows], starts, axis=0)

    def _fill(self, words: list[str]) -> None:
        """Cache each word's scores as itself and as each neighbour: (1 + len(WINDOW),
        tags)."""
        new = [w for w in words if w not in self._rows]
        if len(self._rows) + len(new) > 300_000:
            self._rows.clear()
            new = words
        groups = []
        for w in new:
            own, ctx = self.features.word(w)
            groups += [own] + [ctx[d] for d in ft.WINDOW]
        if new:
            sums = self._sums(groups).reshape(len(new), 1 + len(ft.WINDOW), -1)
            self._rows.update(zip(new, sums, strict=True))

    def tag(self, sents: list[list[str]]) -> list[list[str]]:
        lengths = np.array([len(s) for s in sents], dtype=np.int64)
        n = int(lengths.sum())
        if not n:
            return [[] for _ in sents]
        index: dict[str, int] = {}
        ids = np.array([index.setdefault(w, len(index)) for s in sents for w in s])
        self._fill(list(index))
        table = np.stack([self._rows[w] for w in index])
        offsets = np.cumsum(lengths) - lengths
        pos = np.arange(n) - np.repeat(offsets, lengths)
        size = np.repeat(lengths, lengths)
        state = table[ids, 0].copy()
        for k, d in enumerate(ft.WINDOW):
            inside = (pos + d >= 0) & (pos + d < size)
            near = table[ids[np.clip(np.arange(n) + d, 0, n - 1)], k + 1]
            state += np.where(inside[:, None], near, self.edge[k])
        order = np.argsort(-lengths, kind="stable")
        lens, offs = lengths[order], offsets[order]
        live = int(np.count_nonzero(lens))
        lens, offs = lens[:live], offs[:live]
        back = np.zeros((n, len(self.classes)), dtype=np.int64)
        final = np.empty((live, len(self.classes)))
        delta = state[offs]
        for t in range(1, int(lens[0])):
            a = int(np.count_nonzero(lens > t))
            final[a:len(delta)] = delta[a:]
            cand = delta[:a, :, None] + self.trans[None]
            best = cand.argmax(axis=1)
            back[offs[:a] + t] = best
            delta = np.take_along_axis(cand, best[:, None, :], axis=1)[:, 0] + state[offs[:a] + t]
        final[:len(delta)] = delta
        out = np.empty(n, dtype=np.int64)
        out[offs + lens - 1] = final.argmax(axis=1)
        for t in range(int(lens[0]) - 2, -1, -1):
            nxt = offs[:int(np.count_nonzero(lens > t + 1))] + t + 1
            out[nxt - 1] = back[nxt, out[nxt]]
        names = np.array(self.classes, dtype=object)[out]
        return [list(names[o:o + k]) for o, k in zip(offsets, lengths, strict=True)]


def _tables(folder: Path, meta: dict) -> dict[str, dict]:
    """The tables of the model's feature groups, each checked against its sha256."""
    out = {}
    for group, name in TABLES.items():
        if group not in meta["feature_groups"]:
            continue
        path = folder / name
        if not path.is_file():
            raise InputError.one(str(path), f"missing: the model was trained with the {group} "
                                            f"feature group")
        if _sha256(path) != meta.get(f"{group}_sha256"):
            raise InputError.one(str(path), "corrupt model file (its sha256 differs from "
                                            "model.json's)")
        table = read_table(path)
        out[group] = {w: v[0] for w, v in table.items()} if group == "names" else table
    return out


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _weights_file(kind: ModelKind) -> str:
    return "crf.npz" if kind is ModelKind.CRF else "linear.npz"
