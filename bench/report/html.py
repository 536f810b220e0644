"""``index.html``: one self-contained offline page (no external resources).

A table of contents, then per kind (entities, temporal) a leaderboard (best first, its
verdict against the best), a forest plot (F1 and 95% CI per backend) and a heatmap
(backend x type, F1 as colour and number), then every document rendered right to left
in two panes side by side (each with its own picker: the gold or a backend): colours
mark matches, wrong values, misses, false alarms, boundary errors and type confusions,
and a document's wrong values are listed under it. Each backend's section links to its
error list. Everything is inline: no network, no external file.
"""

from __future__ import annotations

import html

from bench.report import markdown as md
from bench.report import tables as t
from bench.report.plots import forest
from bench.report.tables import Table
from bench.runs import Benchmark

CSS = """
body{font-family:system-ui,sans-serif;margin:1em;color:#222;font-size:15px}
nav.toc{font-size:14px;line-height:1.8}nav.toc a{margin-right:.8em;white-space:nowrap}
.kind{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}
.kind>*{flex:1 1 380px;min-width:0;max-width:100%}
td.heat{text-align:right;font-variant-numeric:tabular-nums}
.panes{display:flex;flex-wrap:wrap;gap:1em}.pane{flex:1 1 380px;min-width:0}
.value_error{background:#ffb3d1;text-decoration:underline wavy #b0004f}
ul.valerr{direction:ltr;font-size:14px}
.scroll{overflow-x:auto;max-width:100%;margin:.5em 0}
table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;white-space:nowrap}
th{background:#f3f3f3}
figure{margin:.5em 0}figure svg{width:100%;height:auto;max-width:640px}
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
for(const pane of document.querySelectorAll('.pane')){
const pick=pane.querySelector('select');
const show=()=>{for(const d of pane.querySelectorAll('.view')){
d.classList.toggle('on',d.dataset.view===pick.value)}};
pick.addEventListener('change',show);show();}
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


def _css(item) -> str:
    if item.kind == "match":
        return "value_error" if item.value_ok is False else "m"
    return item.kind  # out_of_scope: grey


def _value_errors(items) -> str:
    wrong = [i for i in items if i.value_ok is False]
    if not wrong:
        return ""
    return "<ul class='valerr'>" + "".join(
        f"<li>wrong value: «{html.escape(i.span)}» predicted "
        f"{html.escape(md._ann(i.pred))}, gold {html.escape(md._ann(i.gold))}</li>"
        for i in wrong) + "</ul>"


def _views(bench: Benchmark) -> str:
    """The documents as the gold has them and as each backend got them, in two panes."""
    docs = bench.corpus.documents
    views = []
    gold_html = "".join(
        f"<h3>{html.escape(d.doc_id)}</h3><div class='doc'>" + _render_doc(d.text, [
            (a.start, a.end, "gold", f"{a.label}" + (f" = {a.value}" if a.value else ""))
            for a in d.annotations]) + "</div>" for d in docs)
    views.append(("gold", gold_html))
    for system in bench.results.systems:
        by_doc: dict[str, list] = {}
        items_of: dict[str, list] = {}
        for item in system.alignment:
            spans = [a for a in (item.gold, item.pred) if a]
            start = min(a["start"] for a in spans)
            end = max(a["end"] for a in spans)
            by_doc.setdefault(item.doc_id, []).append((start, end, _css(item), _title(item)))
            items_of.setdefault(item.doc_id, []).append(item)
        body = "".join(f"<h3>{html.escape(d.doc_id)}</h3><div class='doc'>"
                       + _render_doc(d.text, by_doc.get(d.doc_id, [])) + "</div>"
                       + _value_errors(items_of.get(d.doc_id, [])) for d in docs)
        views.append((system.name, body))
    legend = ("<p class='legend'><span class='m'>match</span><span class='value_error'>"
              "match, wrong value</span><span class='missed'>miss</span><span "
              "class='false_alarm'>false alarm</span><span class='boundary'>boundary error"
              "</span><span class='type'>type confusion</span><span class='gold'>gold</span>"
              "<span class='out_of_scope'>out of scope (a type the backend does not "
              "declare: not counted)</span></p>")
    panes = []
    for k, first in enumerate((views[1][0] if len(views) > 1 else "gold", "gold")):
        options = "".join(f"<option value='{html.escape(n)}'"
                          f"{' selected' if n == first else ''}>{html.escape(n)}</option>"
                          for n, _ in views)
        blocks = "".join(f"<div class='view' data-view='{html.escape(n)}'>{b}</div>"
                         for n, b in views)
        panes.append(f"<div class='pane'><label>{'Left' if k == 0 else 'Right'}: <select "
                     f"aria-label='view {k + 1}'>{options}</select></label>{blocks}</div>")
    return legend + "<div class='panes'>" + "".join(panes) + "</div>"


def _heat(f1: float | None) -> str:
    """A cell's background: red (0) through yellow to green (1)."""
    if f1 is None:
        return ""
    return f" style='background:hsl({round(120 * f1)},70%,80%)'"


def heatmap(results, group: str, ids: dict[str, str]) -> str:
    """Backend x type F1 of one kind as a coloured table, best backend first."""
    columns = t.kind_columns(results, group)
    names = t.display_names(results)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    rows = []
    for st in t.standings(results, "strict", group):
        cells = []
        for c in columns:
            row = t.type_f1(st.system, st.system.scores["strict"], c)
            text = (t.NOT_DECLARED if not t.declares(st.system, c)
                    else t.UNDEFINED if row is None else f"{row.f1:.2f}")
            cells.append(f"<td class='heat'{_heat(row.f1 if row else None)}>{text}</td>")
        rows.append(f"<tr><th><a href='#{ids[st.system.name]}'>"
                    f"{html.escape(names[st.system.name])}</a></th>{''.join(cells)}</tr>")
    return (f"<div class='scroll'><table class='heatmap'><thead><tr><th>F1 by type</th>"
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _linked(table: Table, results, ids: dict[str, str]) -> str:
    """The leaderboard's first four columns as HTML, each backend linked to its section
    (the per-type detail is the heatmap beside it)."""
    names = {v: k for k, v in t.display_names(results).items()}
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers[:4])
    body = []
    for row in table.rows:
        full = names[row[1]]
        cells = [f"<td>{html.escape(row[0])}</td>",
                 f"<td><a href='#{ids[full]}' title='{html.escape(full)}'>"
                 f"{html.escape(row[1])}</a></td>"]
        cells += [f"<td>{html.escape(c)}</td>" for c in row[2:4]]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<div class='scroll'><table class='leaderboard'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _figure(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"


def render_html(bench: Benchmark) -> str:
    res = bench.results
    ids = {s.name: f"backend-{k}" for k, s in enumerate(res.systems, 1)}
    groups = md.kinds(res)
    toc = ([f"<a href='#kind-{g}'>Leaderboard: {g}</a>" for g in groups]
           + ["<a href='#documents'>Documents</a>"]
           + [f"<a href='#{ids[s.name]}'>{html.escape(s.name)}</a>" for s in res.systems]
           + ["<a href='#signatures'>Signatures</a>"] * bool(res.systems))
    parts = ["<h1 id='top'>Benchmark report</h1>",
             f"<p>Corpus <code>{html.escape(str(res.gold['name']))}</code>: "
             f"{res.gold['documents']} document(s), {res.gold['annotations']} gold annotations. "
             f"arabench {html.escape(res.version)}.</p>",
             f"<nav class='toc'>Contents: {' '.join(toc)}</nav>",
             f"<p>{html.escape(t.statistics_note(res))} Strict matching; each backend is "
             "scored on the labels it declares.</p>"]
    if not res.systems:
        parts += ["<h2>Nothing was scored</h2>", f"<p>{html.escape(md.nothing_scored(bench))}</p>"]
    names = t.display_names(res)
    for group in groups:
        standings = t.standings(res, "strict", group)
        parts += [f"<h2 id='kind-{group}'>Leaderboard: {group}</h2>",
                  "<div class='kind'><div>",
                  _linked(t.leaderboard(res, "strict", group), res, ids),
                  heatmap(res, group, ids), "</div>",
                  _figure(forest(standings, names, f"{group} F1, strict (dot) and 95% CI "
                                                   "(line)"),
                          "Best first. A backend is compared with the best only when both "
                          "are scored on the same labels.") + "</div>"]
        lenient = t.lenient_table(res, group)
        if lenient.rows:
            parts += ["<details><summary>Clitic-lenient matching</summary>", lenient.html(),
                      "</details>"]
    parts += ["<h2 id='documents'>Documents</h2>", _views(bench)]
    for s in res.systems:
        parts += [f"<h2 id='{ids[s.name]}'>{html.escape(s.name)}</h2>",
                  f"<p><a href='{html.escape(md.errors_file(s.name))}'>Errors</a> · "
                  "<a href='#top'>contents</a></p>"]
        for title, body in md.backend_sections(bench, s):
            parts += ([f"<h3>{html.escape(title)}</h3>"] if title else []) + \
                [body.html() if isinstance(body, Table) else f"<p>{html.escape(body)}</p>"]
    missing = md.not_scored(bench)
    if missing:
        parts += ["<h2>Backends not scored</h2>", missing.html()]
    if res.systems:
        parts += ["<h2 id='signatures'>Signatures</h2>", "<ul>" + "".join(
            f"<li><code>{html.escape(sc.signature)}</code></li>"
            for sc in res.systems[0].scores.values()) + "</ul>"]
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            "<title>arabench report</title>"
            f"<style>{CSS}</style></head><body>{''.join(parts)}"
            f"<script>{SCRIPT}</script></body></html>\n")
