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
not in the text, with a label that is not canonical, or with a ``value`` that is not a
TIMEX3 value of its type (:func:`bench.timex.value_problem`, e.g. a DATE "the 26th") is
dropped and counted; the counts are the run record's note. Documents go to the server
``concurrency`` at a time; after one fails, the documents not yet sent are not sent.
The prompt's hash is part of ``version``, so a new prompt misses the prediction cache.

Talking to the server (options are class attributes: ``timeout``, ``retries``,
``max_wait``, ``max_total_wait``):

- ``timeout`` (60 s) bounds each reply as a whole, from connecting to the last byte of
  the body (:class:`_Watchdog` shuts the socket down at the deadline), so a server that
  trickles its reply cannot hold a document longer.
- A request is sent at most ``retries + 1`` (3) times. Asked again: a malformed JSON
  reply, a reply slower than ``timeout``, a dropped or refused connection, HTTP 408,
  429 and 5xx. Before asking again, HTTP 429 and 503 wait as their ``Retry-After``
  says (seconds or an HTTP date; 1 s when absent or unreadable); connection failures
  and the other HTTP errors asked again wait 1 s, malformed and slow replies not at
  all. Each wait is at most ``max_wait`` (30 s) and the waits of one document together
  at most ``max_total_wait`` (60 s): a server asking for more is given up at once. Any
  other HTTP error (400, 401, 404 ...) fails at once. Giving up fails the run with one
  line naming the document and the reason.
- Redirects are followed only within the origin of the base URL (same scheme, host
  and port; 307/308 keep the method and body): a redirect to another origin is not
  followed, so the API key never leaves the server it was given for, and the run fails
  (or the backend is unavailable, for the first check) naming the redirect target.
"""

from __future__ import annotations

import email.utils
import functools
import hashlib
import http.client
import json
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from urllib.parse import urlsplit

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


class RedirectRefused(Exception):
    """A redirect out of the base URL's origin: not followed, so the key is not sent."""


def retry_after(header: str | None) -> float | None:
    """Seconds to wait by a ``Retry-After`` header (delay-seconds or an HTTP date; a date
    past is 0), or None when it is absent or unreadable."""
    header = (header or "").strip()
    if header.isascii() and header.isdigit():
        return float(header)
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    except ValueError:  # a port that is no number: no origin of ours
        return (None, url)
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


class _Watchdog:
    """The total deadline of one request: its sockets are shut down when it passes (a
    socket timeout bounds each read only, so a reply sent a byte at a time evades it)."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        return max(self.deadline - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    """Wakes every read of ``sock`` (the descriptor's shutdown, also under TLS)."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:  # closed already
        pass


class _Watched:
    """An HTTP(S) connection whose sockets (the TCP one, then the TLS one) a
    :class:`_Watchdog` watches; its socket timeout is the time left."""

    def __init__(self, *args, watchdog: _Watchdog, **kwargs) -> None:
        kwargs["timeout"] = watchdog.left()
        super().__init__(*args, **kwargs)
        self._watchdog = watchdog
        connect = self._create_connection
        self._create_connection = lambda *a, **k: watchdog.watch(connect(*a, **k))

    def connect(self) -> None:
        super().connect()
        self._watchdog.watch(self.sock)


@functools.cache
def _watched(base: type) -> type:
    return type("Watched" + base.__name__, (_Watched, base), {})


class _WatchedOpen:
    def __init__(self, watchdog: _Watchdog) -> None:
        super().__init__()
        self.watchdog = watchdog

    def do_open(self, http_class, req, **kwargs):
        return super().do_open(functools.partial(_watched(http_class), watchdog=self.watchdog),
                               req, **kwargs)


class _HTTPHandler(_WatchedOpen, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_WatchedOpen, urllib.request.HTTPSHandler):
    pass


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect within the request's origin only (307/308 keep the method and
    the body); any other raises :class:`RedirectRefused`."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if _origin(newurl) != _origin(req.full_url):
            fp.close()
            scheme, host, port = _origin(req.full_url)
            raise RedirectRefused(f"redirected to {newurl}, outside "
                                  f"{scheme}://{host}:{port}: not followed (the API key is "
                                  "sent to the base URL's origin only)")
        if code in (307, 308) and req.data is not None:
            return urllib.request.Request(newurl, data=req.data, headers=dict(req.headers),
                                          origin_req_host=req.origin_req_host,
                                          unverifiable=True, method=req.get_method())
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _mentions(raw: bytes) -> list[dict]:
    """The mentions of a chat completion's body; ValueError, KeyError ... when malformed."""
    content = json.loads(raw.decode("utf-8"))["choices"][0]["message"]["content"]
    mentions = json.loads(content)["mentions"]
    if not isinstance(mentions, list) or not all(
            isinstance(m, dict) and isinstance(m.get("text"), str) and
            isinstance(m.get("label"), str) for m in mentions):
        raise ValueError("mentions must be a list of {text, label} objects")
    return mentions


class ChatLLM:
    label_map: dict = {}
    labels = LABELS
    retries = 2
    timeout = 60.0
    max_wait = 30.0
    max_total_wait = 60.0
    concurrency = 4
    seed = 0

    def __init__(self, arg: str) -> None:
        model, sep, url = arg.rpartition("@")
        self.model, self.url = (model, url) if sep else (arg, "")
        self.name = f"llm:{arg}"
        self.dropped = Dropped()
        self.bad_values: Counter = Counter()
        self.not_found = 0
        self.overlapping = 0
        self._lock = threading.Lock()  # documents are annotated in threads

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
        except RedirectRefused as exc:
            return False, f"server {self.url}: {exc}"
        except urllib.error.HTTPError as exc:
            exc.close()
            return True, ""  # it answers (some servers have no /models)
        except (OSError, http.client.HTTPException) as exc:
            return False, (f"server {self.url} unreachable ({getattr(exc, 'reason', exc)}): "
                           "start it (e.g. vllm serve MODEL, llama-server -m FILE, "
                           "ollama serve) or check the URL")
        return True, ""

    def _request(self, method: str, path: str, body: dict | None, timeout: float) -> bytes:
        """The body of the reply, all of it within ``timeout`` seconds (else TimeoutError);
        redirects as the module docstring says."""
        headers = {"Content-Type": "application/json"}
        key = os.environ.get("BENCH_LLM_API_KEY")
        if key:
            headers["Authorization"] = f"Bearer {key}"
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url.rstrip("/") + path, data=data, headers=headers,
                                     method=method)
        watchdog = _Watchdog(timeout)
        opener = urllib.request.build_opener(_HTTPHandler(watchdog), _HTTPSHandler(watchdog),
                                             _SameOriginRedirects())
        try:
            with opener.open(req, timeout=timeout) as resp:
                raw = resp.read()
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if watchdog.expired:  # the socket was shut down under the read
                raise TimeoutError(f"no reply within {timeout:g} s") from exc
            raise
        finally:
            watchdog.cancel()
        if watchdog.expired:  # a reply without a length ends where the socket was shut
            raise TimeoutError(f"no reply within {timeout:g} s")
        return raw

    def _ask(self, doc: Document) -> list[dict]:
        """The mentions of the model's reply, with the retries and waits of the module
        docstring; RuntimeError naming the document when it gives up."""
        body = {"model": self.model, "temperature": 0, "seed": self.seed,
                "response_format": {"type": "json_object"},
                "messages": [{"role": "system", "content": prompt(doc.dct)},
                             {"role": "user", "content": doc.text}]}
        problem, waited = "", 0.0
        for attempt in range(1, self.retries + 2):
            wait = 0.0
            try:
                return _mentions(self._request("POST", "/chat/completions", body,
                                               self.timeout))
            except RedirectRefused as exc:
                raise RuntimeError(f"document {doc.doc_id}: {exc}") from None
            except urllib.error.HTTPError as exc:
                exc.close()
                problem = f"server answered HTTP {exc.code} {exc.reason}"
                if exc.code < 500 and exc.code not in (408, 429):  # asking again won't help
                    raise RuntimeError(f"document {doc.doc_id}: {problem}") from None
                asked = retry_after(exc.headers.get("Retry-After")) \
                    if exc.code in (429, 503) else None
                wait = 1.0 if asked is None else asked
            except TimeoutError:
                problem = f"no reply within {self.timeout:g} s"
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    problem = f"no reply within {self.timeout:g} s"
                else:
                    problem, wait = f"connection failed: {exc.reason}", 1.0
            except (OSError, http.client.HTTPException) as exc:
                problem, wait = f"connection lost ({type(exc).__name__}: {exc})", 1.0
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                problem = f"malformed JSON reply: {exc}"
            if attempt <= self.retries and wait:
                cap = min(self.max_wait, self.max_total_wait - waited)
                if wait > cap:
                    raise RuntimeError(f"document {doc.doc_id}: {problem}, retry after "
                                       f"{wait:g} s: more than the {cap:g} s of waiting "
                                       f"allowed (after {attempt} attempt(s))")
                time.sleep(wait)
                waited += wait
        raise RuntimeError(f"document {doc.doc_id}: {problem} "
                           f"(after {self.retries + 1} attempts)")

    def _document(self, doc: Document) -> list[Annotation]:
        from bench.timex import guess_form, value_problem

        mentions = self._ask(doc)
        pairs = [(m["text"], m["label"]) for m in mentions]
        offsets, missing = locate(doc.text, pairs)
        dropped, bad_values, out = Dropped(), Counter(), []
        for m, hit in zip(mentions, offsets, strict=True):
            label = m["label"] if m["label"] in LABELS else dropped.canonical(m["label"])
            if hit is None or label is None:
                continue
            s, e = hit
            extra = {}
            if label in TEMPORAL_LABELS:
                value = m.get("value")
                if value is not None and (not isinstance(value, str) or
                                          value_problem(label, value) is not None):
                    bad_values[label] += 1
                    continue
                extra = {"value": value, "form": guess_form(doc.text[s:e], label, value)}
            out.append(Annotation(f"E{len(out) + 1}", s, e, label, doc.text[s:e], **extra))
        kept, overlapping = _without_overlaps(out)
        with self._lock:
            self.not_found += missing
            self.overlapping += overlapping
            self.dropped.counts.update(dropped.counts)
            self.bad_values.update(bad_values)
        return kept

    def extract_batch(self, documents: list[Document]) -> list[list[Annotation]]:
        pool = ThreadPoolExecutor(max_workers=self.concurrency)
        try:
            return list(pool.map(self._document, documents))
        finally:  # after a failure, the documents not yet sent are not sent
            pool.shutdown(cancel_futures=True)

    def extract(self, document: Document) -> list[Annotation]:
        return self._document(document)

    def note(self) -> str:
        parts = [self.dropped.note()] + ([f"{self.not_found} mention(s) not in the text: "
                                          "dropped"] if self.not_found else []) + (
            [f"{self.overlapping} mention(s) inside a longer one: dropped"]
            if self.overlapping else []) + (
            ["dropped (invalid TIMEX3 value): " + ", ".join(
                f"{n} {k}" for k, n in sorted(self.bad_values.items()))]
            if self.bad_values else [])
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
