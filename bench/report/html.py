"""``index.html``: one self-contained offline page (no external resources).

Tables as in ``summary.md``, the plots inline (SVG), and every document rendered
right to left with the gold's and each backend's spans highlighted: a picker
chooses the view; colours mark matches, misses, false alarms, boundary errors and
type confusions; hovering a span shows its labels and values.
"""

from __future__ import annotations

import html

from bench.report import markdown as md
from bench.report import tables as t
from bench.report.plots import f1_by_type, precision_recall
from bench.report.tables import Table
from bench.runs import Benchmark

CSS = """
body{font-family:system-ui,sans-serif;margin:1em;max-width:1200px;color:#222;font-size:15px}
.scroll{overflow-x:auto;max-width:100%;margin:.5em 0}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;white-space:nowrap}
th{background:#f3f3f3}
figure{margin:.5em 0}figure svg{width:100%;height:auto;max-width:900px}
figcaption{font-size:13px;color:#555}code{overflow-wrap:anywhere}
.doc{direction:rtl;font-family:'Noto Naskh Arabic','Amiri','DejaVu Sans',serif;font-size:19px;
line-height:2.1;border:1px solid #ddd;padding:1em;white-space:pre-wrap;background:#fcfcfc;
overflow-wrap:anywhere}
.view{display:none}.view.on{display:block}
.m{background:#c8f0c8}.missed{background:#f7c6c6}.false_alarm{background:#ffdca8}
.boundary{background:#c9dcff}.type,.boundary\\+type{background:#e3c9f5}.gold{background:#fff3a8}
.out_of_scope{background:#e4e4e4;color:#666}
.doc span span{outline:1px solid rgba(0,0,0,.5);outline-offset:-1px;padding:3px 0}
.doc span span span{outline:1px dashed rgba(0,0,0,.75);outline-offset:-4px}
.legend span{padding:0 .5em;margin:0 .5em .3em 0;display:inline-block}
"""

SCRIPT = """
function show(v){for(const d of document.querySelectorAll('.view')){
d.classList.toggle('on',d.dataset.view===v)}}
document.getElementById('picker').addEventListener('change',e=>show(e.target.value));
show(document.getElementById('picker').value);
"""


def _title(item) -> str:
    parts = [] if item.level is None else [f"level {item.level}"]
    for who, a in (("gold", item.gold), ("predicted", item.pred)):
        if a:
            value = f" = {a['value']}" if a.get("value") else ""
            parts.append(f"{who}: {a['label']}{value}")
    return f"{item.kind}: " + "; ".join(parts)


def _render_doc(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """Text with (start, end, css class, title) spans marked. Nested spans are drawn as
    boxes inside boxes; where two spans cross, the inner one is cut in pieces. The text
    is cut where any span starts or ends, and each piece is wrapped in the spans that
    cover it, outermost first (a flat document gives one element per span)."""
    spans = sorted(set(spans), key=lambda s: (s[0], -s[1], s[2], s[3]))
    cuts = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
    out, active, k = [], [], 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [s for s in active if s[1] > a]
        while k < len(spans) and spans[k][0] == a:
            active.append(spans[k])
            k += 1
        piece = html.escape(text[a:b])
        for _, _, css, title in reversed(active):
            piece = f'<span class="{css}" title="{html.escape(title)}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _views(bench: Benchmark) -> str:
    docs = bench.corpus.documents
    views = []
    gold_html = "".join(
        f"<h3>{html.escape(d.doc_id)}</h3><div class='doc'>" + _render_doc(d.text, [
            (a.start, a.end, "gold", f"{a.label}" + (f" = {a.value}" if a.value else ""))
            for a in d.annotations]) + "</div>" for d in docs)
    views.append(("gold", gold_html))
    for system in bench.results.systems:
        by_doc: dict[str, list] = {}
        for item in system.alignment:
            spans = [a for a in (item.gold, item.pred) if a]
            start = min(a["start"] for a in spans)
            end = max(a["end"] for a in spans)
            css = "m" if item.kind == "match" else item.kind  # out_of_scope: grey
            by_doc.setdefault(item.doc_id, []).append((start, end, css, _title(item)))
        body = "".join(f"<h3>{html.escape(d.doc_id)}</h3><div class='doc'>"
                       + _render_doc(d.text, by_doc.get(d.doc_id, [])) + "</div>"
                       for d in docs)
        views.append((system.name, body))
    options = "".join(f"<option value='{html.escape(n)}'>{html.escape(n)}</option>"
                      for n, _ in views)
    blocks = "".join(f"<div class='view' data-view='{html.escape(n)}'>{b}</div>"
                     for n, b in views)
    legend = ("<p class='legend'><span class='m'>match</span><span class='missed'>miss"
              "</span><span class='false_alarm'>false alarm</span><span class='boundary'>"
              "boundary error</span><span class='type'>type confusion</span>"
              "<span class='gold'>gold</span><span class='out_of_scope'>out of scope (a type "
              "the backend does not declare: not counted)</span></p>")
    return (f"<label>View: <select id='picker'>{options}</select></label>{legend}{blocks}")


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"


def render_html(bench: Benchmark) -> str:
    res = bench.results
    parts = ["<h1>Benchmark report</h1>",
             f"<p>Corpus <code>{html.escape(str(res.gold['name']))}</code>: "
             f"{res.gold['documents']} document(s), {res.gold['annotations']} gold annotations. "
             f"arabench {html.escape(res.version)}.</p>",
             f"<p>{html.escape(t.statistics_note(res))}</p>"]
    if not res.systems:
        parts += ["<h2>Nothing was scored</h2>", f"<p>{html.escape(md.nothing_scored(bench))}</p>"]
    for key, title in (("strict", "strict matching"), ("strict+lenient", "clitic-lenient")):
        if res.systems and key in res.systems[0].scores:
            parts += [f"<h2>Leaderboard: {title}</h2>", t.leaderboard(res, key).html()]
    if res.systems:
        parts += ["<h2>F1 by type (95% CI)</h2>", _figure(
            f1_by_type(res), "No bar: the backend does not declare the type. A hatched stub "
                             "marked 0: it declares the type and scored F1 0."),
                  "<h2>Precision and recall</h2>", _figure(
            precision_recall(res), "Each point is one type a backend declares, named beside "
                                   "it.")]
    parts += ["<h2>Documents</h2>", _views(bench)]
    for s in res.systems:
        parts.append(f"<h2>{html.escape(s.name)}</h2>")
        for title, body in md.backend_sections(bench, s):
            parts += ([f"<h3>{html.escape(title)}</h3>"] if title else []) + \
                [body.html() if isinstance(body, Table) else f"<p>{html.escape(body)}</p>"]
    missing = md.not_scored(bench)
    if missing:
        parts += ["<h2>Backends not scored</h2>", missing.html()]
    if res.systems:
        parts += ["<h2>Signatures</h2>", "<ul>" + "".join(
            f"<li><code>{html.escape(sc.signature)}</code></li>"
            for sc in res.systems[0].scores.values()) + "</ul>"]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>arabench report</title>"
            f"<style>{CSS}</style></head><body>{''.join(parts)}"
            f"<script>{SCRIPT}</script></body></html>\n")
