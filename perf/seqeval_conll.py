"""seqeval on two CoNLL files, as a user runs it: read ``token ... TAG`` lines (a blank
line ends a sentence, ``-DOCSTART-`` too; a line of one field, a tag without a token, is
skipped), then ``classification_report`` (default mode, conlleval's rules).

    python perf/seqeval_conll.py GOLD PRED            # prints the report
    python perf/seqeval_conll.py GOLD PRED --counts   # prints per-type tp/pred/gold (JSON)

``--counts`` takes the chunks of seqeval's ``get_entities``, as its report does, for the
agreement check of ``perf/conll.py`` (not timed there).
"""

from __future__ import annotations

import json
import sys
from collections import Counter


def read_tags(path: str) -> list[list[str]]:
    sentences: list[list[str]] = [[]]
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts or parts[0] == "-DOCSTART-":
                if sentences[-1]:
                    sentences.append([])
            elif len(parts) >= 2:
                sentences[-1].append(parts[-1])
    return [s for s in sentences if s]


def main() -> int:
    gold, pred = read_tags(sys.argv[1]), read_tags(sys.argv[2])
    if "--counts" in sys.argv[3:]:
        from seqeval.metrics.sequence_labeling import get_entities

        true, found = set(get_entities(gold)), set(get_entities(pred))
        counts = {"tp": Counter(e[0] for e in true & found), "pred": Counter(e[0] for e in found),
                  "gold": Counter(e[0] for e in true)}
        print(json.dumps({k: dict(sorted(v.items())) for k, v in counts.items()}))
        return 0
    from seqeval.metrics import classification_report

    print(classification_report(gold, pred, digits=4))
    return 0


if __name__ == "__main__":
    sys.exit(main())
