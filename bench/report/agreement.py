"""``bench agree``'s report: per pair of annotation sets, span agreement per label and
group, TIMEX3 value and mod agreement, Cohen's kappa, and every disagreement."""

from __future__ import annotations

from bench.report.tables import Table, fmt, md_escape
from bench.scoring.agreement import Agreement


def render(result: Agreement) -> str:
    parts = [f"# Agreement of {', '.join(result.names)}",
             f"{result.documents} document(s). Span F1 is the positive specific agreement "
             "(symmetric); value and mod agreement are over the TIMEX3 both sets mark alike "
             "(same extent and label); kappa is over whitespace tokens, each labelled by "
             "the span that covers it, else O."]
    if result.fleiss is not None:
        parts.append(f"Fleiss' kappa over all {len(result.names)} sets: {fmt(result.fleiss)}.")
    for p in result.pairs:
        rows = [[row, str(a), str(b), fmt(p.f1["strict"].get(row)),
                 fmt(p.f1["partial"].get(row))] for row, (a, b) in p.support.items()]
        groups = [[g, "", "", fmt(p.f1["strict"][g]), fmt(p.f1["partial"].get(g))]
                  for g in ("entities", "temporal") if g in p.f1["strict"]]
        parts += [f"## {md_escape(p.a)} and {md_escape(p.b)}",
                  Table(["row", f"spans {p.a}", f"spans {p.b}", "strict F1", "partial F1"],
                        rows + groups).markdown(),
                  f"TIMEX3 marked alike: {p.timex_matched}; value agreement {fmt(p.value)}, "
                  f"mod agreement {fmt(p.mod)}. Cohen's kappa (tokens): {fmt(p.kappa)}.",
                  f"### Disagreements: {len(p.disagreements)}"]
        if p.disagreements:
            def ann(a: dict | None) -> str:
                if not a:
                    return ""
                extra = "".join(f" {k}={a[k]}" for k in ("value", "mod") if a.get(k))
                return f"{a['label']} «{a['text']}»{extra}"
            parts.append(Table(["document", "kind", p.a, p.b, "context"], [
                [i.doc_id, i.kind, ann(i.gold), ann(i.pred),
                 f"{i.left}[{i.span}]{i.right}"] for i in p.disagreements]).markdown())
    return "\n\n".join(parts) + "\n"
