"""``llm:<model>@<base URL>``: a prompted LLM behind an OpenAI-compatible chat server.

vLLM, llama.cpp's server, Ollama (``/v1``) and hosted APIs all speak it; the key, if
any, comes from ``BENCH_LLM_API_KEY``. The prompt (:func:`prompt`) gives the label set
and the conventions of ``gold/GUIDELINES.md`` (proclitics outside spans, the article
kept, TIMEX3 values for temporal labels against the document date) and asks for
``{"mentions": [{"text", "label", "value"}]}`` in order of appearance, with
``response_format`` JSON, temperature 0 and a fixed seed.

Each mention is located in the text in order (:func:`locate`): the next occurrence at
or after the previous mention that starts and ends on word boundaries (after a
proclitic prefix counts), so repeated mentions resolve left to right; "الولايات" is
also found fused as "للولايات" (from the second ل, as the guidelines want). A mention
not in the text, or with a label that is not canonical, is dropped and counted.
Malformed JSON is asked again up to ``retries`` times, as is a reply slower than
``timeout``; then the run fails naming the document and the reason. Documents go to
the server ``concurrency`` at a time. The prompt's hash is part of ``version``, so a
new prompt misses the prediction cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from bench.arabic import is_proclitic_prefix, is_word_char, word_start
from bench.extractors.models.common import Dropped
from bench.model import LABELS, TEMPORAL_LABELS, Annotation, Document

PROMPT = """You annotate Arabic news text. Find every mention of these types:
PERSON (people), ORG (organisations), LOC (places: countries, cities, regions, facilities),
NORP (nationalities, religious and political groups, as adjectives or nouns),
DATE, TIME, DURATION, SET (temporal expressions).
Conventions:
- Copy each mention exactly as it is written in the text.
- Leave proclitics outside the mention: the conjunctions و ف and the prepositions ب ك ل
  ("وبغداد" -> "بغداد"); keep the article ال ("العراق").
- Leave out quotes, brackets and punctuation around a mention; do not nest mentions.
- For DATE, TIME, DURATION and SET give a TIMEX3 value ("2021-07-26", "2021-W30",
  "PT3H", "P2D", "XXXX-WXX-1"), resolved against the document date {dct}.
Answer with JSON only: {{"mentions": [{{"text": "...", "label": "LOC"}}, ...]}}, the mentions
in the order they appear; "value" only for temporal types."""


def prompt(dct: str | None) -> str:
    return PROMPT.format(dct=dct or "(unknown: leave relative values out)")


def locate(text: str, mentions: list[tuple[str, str]]) -> tuple[list[tuple[int, int]], int]:
    """Offsets of each mention (None where it is not in the text), searched in order from
    the end of the previous one found; and how many were not found."""
    found: list = []
    cursor, missing = 0, 0
    for phrase, _ in mentions:
        hit = _find(text, phrase, cursor)
        if hit is None:
            hit = _find(text, phrase, 0)  # out of order: the first free occurrence
        found.append(hit)
        if hit is None:
            missing += 1
        else:
            cursor = hit[1]
    return found, missing


def _find(text: str, phrase: str, start: int) -> tuple[int, int] | None:
    phrase = phrase.strip()
    if not phrase:
        return None
    forms = [phrase] + (["ل" + phrase[2:]] if phrase.startswith("ال") else [])
    for form in forms:  # fused ل + ال: "للولايات" holds "لولايات", from the second ل
        i = text.find(form, start)
        while i >= 0:
            end = i + len(form)
            if _starts_word(text, i) and (end == len(text) or not is_word_char(text[end])):
                return i, end
            i = text.find(form, i + 1)
    return None


def _starts_word(text: str, i: int) -> bool:
    """At a word start, or right after proclitics (و ف ب ك ل, up to two letters)."""
    k = word_start(text, i, limit=3)
    return k == i or is_proclitic_prefix(text[k:i]) and (k == 0 or not is_word_char(text[k - 1]))


class ChatLLM:
    label_map: dict = {}
    labels = LABELS
    retries = 2
    timeout = 60.0
    concurrency = 4
    seed = 0

    def __init__(self, arg: str) -> None:
        model, sep, url = arg.rpartition("@")
        self.model, self.url = (model, url) if sep else (arg, "")
        self.name = f"llm:{arg}"
        self.dropped = Dropped()
        self.not_found = 0
        self.overlapping = 0

    @property
    def version(self) -> str:
        return "prompt:" + hashlib.sha256(PROMPT.encode()).hexdigest()[:12]

    @property
    def settings(self) -> dict:
        return {"model": self.model, "url": self.url, "seed": self.seed, "temperature": 0}

    def available(self) -> tuple[bool, str]:
        if not self.model or not self.url.startswith(("http://", "https://")):
            return False, "give llm:<model>@<base URL>, e.g. llm:qwen2.5@http://127.0.0.1:8000/v1"
        try:
            self._request("GET", "/models", None, timeout=5)
        except urllib.error.HTTPError:
            return True, ""  # it answers (some servers have no /models)
        except (OSError, urllib.error.URLError) as exc:
            return False, (f"server {self.url} unreachable ({getattr(exc, 'reason', exc)}): "
                           "start it (e.g. vllm serve MODEL, llama-server -m FILE, "
                           "ollama serve) or check the URL")
        return True, ""

    def _request(self, method: str, path: str, body: dict | None, timeout: float) -> dict:
        headers = {"Content-Type": "application/json"}
        key = os.environ.get("BENCH_LLM_API_KEY")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url.rstrip("/") + path, data=data, headers=headers,
                                     method=method)
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))

    def _ask(self, doc: Document) -> list[dict]:
        body = {"model": self.model, "temperature": 0, "seed": self.seed,
                "response_format": {"type": "json_object"},
                "messages": [{"role": "system", "content": prompt(doc.dct)},
                             {"role": "user", "content": doc.text}]}
        problem = ""
        for _ in range(self.retries + 1):
            try:
                reply = self._request("POST", "/chat/completions", body, self.timeout)
                content = reply["choices"][0]["message"]["content"]
                mentions = json.loads(content)["mentions"]
                if not isinstance(mentions, list) or not all(
                        isinstance(m, dict) and isinstance(m.get("text"), str) and
                        isinstance(m.get("label"), str) for m in mentions):
                    raise ValueError("mentions must be a list of {text, label} objects")
                return mentions
            except TimeoutError:
                problem = f"no reply within {self.timeout:g} s"
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    problem = f"no reply within {self.timeout:g} s"
                else:
                    problem = f"server error: {exc}"
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                problem = f"malformed JSON reply: {exc}"
        raise RuntimeError(f"document {doc.doc_id}: {problem} "
                           f"(after {self.retries + 1} attempts)")

    def _document(self, doc: Document) -> list[Annotation]:
        from bench.timex import guess_form

        mentions = self._ask(doc)
        pairs = [(m["text"], m["label"]) for m in mentions]
        offsets, missing = locate(doc.text, pairs)
        self.not_found += missing
        out = []
        for m, hit in zip(mentions, offsets, strict=True):
            label = m["label"] if m["label"] in LABELS else self.dropped.canonical(m["label"])
            if hit is None or label is None:
                continue
            s, e = hit
            extra = {}
            if label in TEMPORAL_LABELS:
                value = m.get("value") if isinstance(m.get("value"), str) else None
                extra = {"value": value, "form": guess_form(doc.text[s:e], label, value)}
            out.append(Annotation(f"E{len(out) + 1}", s, e, label, doc.text[s:e], **extra))
        kept, overlapping = _without_overlaps(out)
        self.overlapping += overlapping
        return kept

    def extract_batch(self, documents: list[Document]) -> list[list[Annotation]]:
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(self._document, documents))

    def extract(self, document: Document) -> list[Annotation]:
        return self._document(document)

    def note(self) -> str:
        parts = [self.dropped.note()] + ([f"{self.not_found} mention(s) not in the text: "
                                          "dropped"] if self.not_found else []) + (
            [f"{self.overlapping} mention(s) inside a longer one: dropped"]
            if self.overlapping else [])
        return "; ".join(p for p in parts if p)


def _without_overlaps(anns: list[Annotation]) -> tuple[list[Annotation], int]:
    """The longer of two overlapping mentions is kept (an LLM may nest or repeat one),
    and the number dropped."""
    out: list[Annotation] = []
    for a in sorted(anns, key=lambda a: (a.start, -a.end)):
        if out and a.start < out[-1].end:
            continue
        out.append(a)
    return out, len(anns) - len(out)
