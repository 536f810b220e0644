"""The llm backend against hostile OpenAI-compatible servers the tests start on
127.0.0.1 (free ports): redirects do not carry the API key to another origin, a reply
sent a byte at a time is bounded by the timeout as a whole, Retry-After and dropped
connections are retried within bounds, an invalid TIMEX3 value drops one mention."""

from __future__ import annotations

import email.utils
import json
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from test_cli_errors import bench

from bench.extractors.record import safe_name
from bench.io.native import write_jsonl
from bench.loader import load_corpus, load_predictions
from bench.model import Document

TEXT = "قال الكاظمي يوم الاثنين في بغداد ان الاجتماع يوم الثلاثاء"
FOUND = [{"text": "الكاظمي", "label": "PERSON"}, {"text": "بغداد", "label": "LOC"}]
KEY = "sk-test-secret"


@contextmanager
def serve(handle):
    """A server calling ``handle(handler, method)`` per request; yields its URL, the log
    of (method, path, headers with lower-case names, monotonic time) and a stop event."""
    log: list[tuple[str, str, dict, float]] = []
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            log.append(("GET", self.path, {k.lower(): v for k, v in self.headers.items()},
                        time.monotonic()))
            handle(self, "GET")

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            log.append(("POST", self.path, {k.lower(): v for k, v in self.headers.items()},
                        time.monotonic()))
            handle(self, "POST")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log, stop
    finally:
        stop.set()
        server.shutdown()
        server.server_close()


def chat_body(mentions: list[dict]) -> bytes:
    content = json.dumps({"mentions": mentions}, ensure_ascii=False)
    return json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]},
                      ensure_ascii=False).encode()


def send(h: BaseHTTPRequestHandler, body: bytes, code: int = 200, **headers: str) -> None:
    h.send_response(code)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        h.send_header(name.replace("_", "-"), value)
    h.end_headers()
    h.wfile.write(body)


def answer(h: BaseHTTPRequestHandler, method: str, mentions: list[dict] = FOUND) -> None:
    send(h, b'{"data": [{"id": "tiny"}]}' if method == "GET" else chat_body(mentions))


def run(tmp_path: Path, backend: str, expect: int, cwd: Path | None = None):
    """``bench run`` of ``backend`` on the one-document corpus; the output and record."""
    corpus = tmp_path / "c.jsonl"
    write_jsonl([Document("d1", TEXT, "2021-07-26")], corpus)
    out = tmp_path / "out"
    done = bench("run", "--backend", backend, "--corpus", str(corpus), "--out", str(out),
                 "--no-cache", cwd=cwd, expect=expect)
    record = json.loads((out / "run.json").read_text("utf-8"))["backends"][0] \
        if (out / "run.json").exists() else {}
    return done.stdout + done.stderr, record


def predicted(tmp_path: Path, backend: str) -> list[tuple[str, str, str | None]]:
    preds = load_predictions(tmp_path / "out" / safe_name(backend),
                             load_corpus(tmp_path / "c.jsonl"))
    return [(a.text, a.label, a.value) for a in preds.documents[0].annotations]


# 1. the API key stays with the base URL's origin
@pytest.mark.slow
@pytest.mark.parametrize("redirected", ["GET", "POST"])
def test_a_redirect_to_another_origin_is_not_followed_and_gets_no_key(tmp_path, monkeypatch,
                                                                     redirected):
    monkeypatch.setenv("BENCH_LLM_API_KEY", KEY)
    with serve(answer) as (other, other_log, _):
        def redirect(h, method):
            if method == redirected or method == "POST":
                h.send_response(302)
                h.send_header("Location", other + h.path)
                h.send_header("Content-Length", "0")
                h.end_headers()
            else:
                answer(h, method)

        with serve(redirect) as (url, log, _):
            text, record = run(tmp_path, f"llm:tiny@{url}/v1", expect=1)
    assert log and log[0][2]["authorization"] == f"Bearer {KEY}"  # its own server has it
    assert not [h for *_, h, _ in other_log if "authorization" in h]
    assert f"redirected to {other}/v1/" in text
    assert ("document d1: " in text) == (redirected == "POST")  # GET: the first check
    assert "Traceback" not in text


@pytest.mark.slow
def test_a_redirect_within_the_origin_keeps_the_method_body_and_key(tmp_path, monkeypatch):
    monkeypatch.setenv("BENCH_LLM_API_KEY", KEY)

    def moved(h, method):
        if h.path == "/v1/chat/completions":
            h.send_response(307)
            h.send_header("Location", "/v2/chat/completions")
            h.send_header("Content-Length", "0")
            h.end_headers()
        else:
            answer(h, method)

    with serve(moved) as (url, log, _):
        run(tmp_path, f"llm:tiny@{url}/v1", expect=0)
    assert [(m, p, h.get("authorization")) for m, p, h, _ in log if m == "POST"] == [
        ("POST", "/v1/chat/completions", f"Bearer {KEY}"),
        ("POST", "/v2/chat/completions", f"Bearer {KEY}")]
    assert predicted(tmp_path, f"llm:tiny@{url}/v1") == [("الكاظمي", "PERSON", None),
                                                         ("بغداد", "LOC", None)]


# 2. the timeout bounds a reply as a whole
QUICK = """import os

from bench.extractors.models.llm import ChatLLM


class Quick(ChatLLM):
    timeout, retries = 2.0, 0

    def __init__(self):
        super().__init__("tiny@" + os.environ["QUICK_LLM_URL"])
"""


@pytest.mark.slow
@pytest.mark.parametrize("where", ["body", "headers"])
def test_a_reply_sent_a_byte_at_a_time_fails_at_the_timeout(tmp_path, monkeypatch, where):
    """Each byte comes well within the 2 s timeout; the whole reply would take 40 s."""
    (tmp_path / "quick_llm.py").write_text(QUICK, "utf-8")
    body = b" " * (80 - len(chat_body(FOUND))) + chat_body(FOUND) if where == "body" else b""

    def drip(h, method):
        if method == "GET":
            return answer(h, method)
        if where == "body":
            head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            slow = body
        else:
            head, slow = b"HTTP/1.1 200 OK\r\nX-Slow: ", b"a" * 80
        try:
            h.wfile.write(head)
            for i in range(len(slow)):
                if stop.wait(0.5):
                    return
                h.wfile.write(slow[i:i + 1])
        except OSError:  # the client gave up
            pass

    with serve(drip) as (url, log, stop):
        monkeypatch.setenv("QUICK_LLM_URL", url + "/v1")
        started = time.monotonic()
        text, record = run(tmp_path, "quick_llm:Quick", expect=1, cwd=tmp_path)
        elapsed = time.monotonic() - started
    assert elapsed < 20, elapsed  # not the 40 s of the drip
    assert "document d1: no reply within 2 s (after 1 attempts)" in record["reason"]


# 3. Retry-After and dropped connections: retried within bounds, then the document named
def http_date(seconds_from_now: float) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


def test_retry_after_reads_seconds_and_http_dates():
    from bench.extractors.models.llm import retry_after

    assert retry_after("120") == 120.0
    assert retry_after(http_date(-60)) == 0.0
    assert 50 < retry_after(http_date(60)) <= 60
    assert retry_after(None) is None and retry_after("soon") is None


@pytest.mark.slow
@pytest.mark.parametrize("code, after", [(429, "1"), (503, "date")])
def test_a_busy_server_is_asked_again_after_its_retry_after(tmp_path, code, after):
    def busy_once(h, method):
        if method == "POST" and sum(m == "POST" for m, *_ in log) == 1:
            send(h, b"{}", code, Retry_After=http_date(2) if after == "date" else after)
        else:
            answer(h, method)

    with serve(busy_once) as (url, log, _):
        run(tmp_path, f"llm:tiny@{url}/v1", expect=0)
    posts = [t for m, *_, t in log if m == "POST"]
    assert len(posts) == 2 and posts[1] - posts[0] >= 0.8  # it waited as asked
    assert predicted(tmp_path, f"llm:tiny@{url}/v1")[1] == ("بغداد", "LOC", None)


@pytest.mark.slow
def test_a_retry_after_beyond_the_cap_fails_at_once_naming_the_document(tmp_path):
    def busy(h, method):
        if method == "POST":
            send(h, b"{}", 503, Retry_After="3600")
        else:
            answer(h, method)

    with serve(busy) as (url, log, _):
        text, record = run(tmp_path, f"llm:tiny@{url}/v1", expect=1)
    assert [m for m, *_ in log].count("POST") == 1
    assert record["reason"].endswith(
        "document d1: server answered HTTP 503 Service Unavailable, retry after 3600 s: "
        "more than the 30 s of waiting allowed (after 1 attempt(s))")


@pytest.mark.slow
@pytest.mark.parametrize("drops", [1, 99])
def test_a_dropped_connection_is_retried_a_bounded_number_of_times(tmp_path, drops):
    def dropping(h, method):
        if method == "POST" and sum(m == "POST" for m, *_ in log) <= drops:
            h.close_connection = True  # no reply: the socket is closed
        else:
            answer(h, method)

    with serve(dropping) as (url, log, _):
        text, record = run(tmp_path, f"llm:tiny@{url}/v1", expect=0 if drops == 1 else 1)
    posts = [m for m, *_ in log].count("POST")
    if drops == 1:
        assert posts == 2 and predicted(tmp_path, f"llm:tiny@{url}/v1")
    else:
        assert posts == 3  # retries = 2
        assert "document d1: connection lost (RemoteDisconnected: " in record["reason"]
        assert record["reason"].endswith("(after 3 attempts)")


# 4. an invalid TIMEX3 value drops its mention, counted; the others are kept
@pytest.mark.slow
def test_an_invalid_timex_value_drops_one_mention_and_counts_it(tmp_path):
    mentions = [{"text": "الكاظمي", "label": "PERSON"},
                {"text": "يوم الاثنين", "label": "DATE", "value": "the 26th"},
                {"text": "بغداد", "label": "LOC"},
                {"text": "يوم الثلاثاء", "label": "DATE", "value": "2021-07-27"}]
    with serve(lambda h, method: answer(h, method, mentions)) as (url, _, _):
        _, record = run(tmp_path, f"llm:tiny@{url}/v1", expect=0)
    assert predicted(tmp_path, f"llm:tiny@{url}/v1") == [
        ("الكاظمي", "PERSON", None), ("بغداد", "LOC", None),
        ("يوم الثلاثاء", "DATE", "2021-07-27")]
    assert record["status"] == "ok"
    assert "dropped (invalid TIMEX3 value): 1 DATE" in record["reason"]
