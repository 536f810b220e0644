"""``index.html``: one self-contained offline page (no external resources).

Tables as in ``summary.md``, the plots inline (SVG), and every document rendered
right to left with the gold's and each backend's spans highlighted: a picker
chooses the view; colours mark matches, misses, false alarms, boundary errors and
type confusions; hovering a span shows its labels and values.
"""

from __future__ import annotations

import html
import re

from tabulate import tabulate

from bench.report import markdown as md
from bench.report.plots import f1_by_type, precision_recall

CSS = """
body{font-family:system-ui,sans-serif;margin:1.5em;max-width:1200px;color:#222}
table{border-collapse:collapse;font-size:13px;margin:.5em 0}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}
th{background:#f3f3f3}
.doc{direction:rtl;font-family:'Noto Naskh Arabic','Amiri','DejaVu Sans',serif;font-size:19px;
line-height:2.1;border:1px solid #ddd;padding:1em;white-space:pre-wrap;background:#fcfcfc}
.view{display:none}.view.on{display:block}
.m{background:#c8f0c8}.missed{background:#f7c6c6}.false_alarm{background:#ffdca8}
.boundary{background:#c9dcff}.type,.boundary\\+type{background:#e3c9f5}.gold{background:#fff3a8}
.legend span{padding:0 .5em;margin-right:.5em}
"""

SCRIPT = """
function show(v){for(const d of document.querySelectorAll('.view')){
d.classList.toggle('on',d.dataset.view===v)}}
document.getElementById('picker').addEventListener('change',e=>show(e.target.value));
show(document.getElementById('picker').value);
"""


def _table(markdown_table: str) -> str:
    """A github-style table from tabulate as HTML (one renderer of the numbers)."""
    lines = [ln for ln in markdown_table.splitlines() if ln.strip()]
    rows = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines
            if not re.fullmatch(r"\|[-:| ]+\|", ln)]
    return tabulate(rows[1:], headers=rows[0], tablefmt="html", disable_numparse=True) \
        if rows else ""


def _title(item) -> str:
    parts = []
    for who, a in (("gold", item.gold), ("predicted", item.pred)):
        if a:
            value = f" = {a['value']}" if a.get("value") else ""
            parts.append(f"{who}: {a['label']}{value}")
    return f"{item.kind}: " + "; ".join(parts)


def _render_doc(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """Text with non-overlapping (start, end, css class, title) spans marked."""
    out, pos = [], 0
    for start, end, css, title in sorted(spans):
        if start < pos:  # overlaps the previous mark: skip rather than nest
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f'<span class="{css}" title="{html.escape(title)}">'
                   f"{html.escape(text[start:end])}</span>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _views(bench) -> str:
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
            css = "m" if item.kind == "match" else item.kind
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
              "<span class='gold'>gold</span></p>")
    return (f"<label>View: <select id='picker'>{options}</select></label>{legend}{blocks}")


def render_html(bench) -> str:
    res = bench.results
    parts = ["<h1>Benchmark report</h1>",
             f"<p>Corpus <code>{html.escape(str(res.gold['name']))}</code>: "
             f"{res.gold['documents']} document(s), {res.gold['annotations']} gold annotations. "
             f"arabench {html.escape(res.version)}.</p>"]
    for key, title in (("strict", "strict matching"), ("strict+lenient", "clitic-lenient")):
        if res.systems and key in res.systems[0].scores:
            parts += [f"<h2>Leaderboard: {title}</h2>", _table(md.leaderboard(res, key))]
    if res.systems:
        parts += ["<h2>F1 by type (95% CI)</h2>", f1_by_type(res),
                  "<h2>Precision and recall</h2>", precision_recall(res)]
    parts += ["<h2>Documents</h2>", _views(bench)]
    for s in res.systems:
        run = next((r for r in bench.runs if r.backend == s.name), None)
        parts += [f"<h2>{html.escape(s.name)}</h2>",
                  _table(md.backend_table(s, run.labels if run else None)),
                  "<h3>Date values</h3>", _table(md.values_table(s).split("\n\n")[0])]
    missing = [r for r in bench.runs if r.status != "ok"]
    if missing:
        parts += ["<h2>Backends not scored</h2>", tabulate(
            [[r.backend, r.status, r.reason] for r in missing],
            headers=["backend", "status", "reason"], tablefmt="html")]
    if res.systems:
        parts += ["<h2>Signatures</h2>", "<ul>" + "".join(
            f"<li><code>{html.escape(sc.signature)}</code></li>"
            for sc in res.systems[0].scores.values()) + "</ul>"]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<title>arabench report</title>"
            f"<style>{CSS}</style></head><body>{''.join(parts)}"
            f"<script>{SCRIPT}</script></body></html>\n")
