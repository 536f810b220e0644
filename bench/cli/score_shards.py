"""``bench score --shard-documents N``: scoring N gold documents at a time."""

from __future__ import annotations

import argparse

from bench.cli.output import print_notes
from bench.cli.scopes import known_scopes, label_scopes


def score_in_shards(args: argparse.Namespace, names: list[str], settings):
    """Gold and predictions read and scored N gold documents at a time
    (:func:`bench.loader.iter_shards`, :func:`bench.scoring.score_shards`); the listing is
    written shard by shard, one temporary file per system."""
    import shutil
    import tempfile
    from pathlib import Path

    from bench.io.atomic import atomic_path
    from bench.loader import iter_shards
    from bench.scoring.api import score_shards
    from bench.scoring.results import write_listing

    notes: dict[str, list] = {}
    scopes = label_scopes(names, args.predictions, args.labels_of)
    gold_labels: set[str] = set()

    def shards():  # the gold's labels seen on the way, for known_scopes
        for gold, systems in iter_shards(args.gold, dict(zip(names, args.predictions,
                                                             strict=True)),
                                         args.shard_documents, args.labels, args.nesting,
                                         notes):
            gold_labels.update(gold.vocab["label"])
            yield gold, systems

    if not args.alignment:
        results = score_shards(shards(), settings, scopes=scopes)
        known_scopes(scopes, args.labels_of, gold_labels)
    else:
        target = Path(args.alignment)
        with tempfile.TemporaryDirectory(dir=target.parent if target.parent.is_dir() else None
                                         ) as tmp:
            parts = {name: open(Path(tmp) / f"{i}.jsonl", "wb") for i, name in enumerate(names)}
            try:
                results = score_shards(shards(), settings, scopes=scopes,
                                       listing=lambda name, items: write_listing(parts[name],
                                                                                 items))
            finally:
                for fh in parts.values():
                    fh.close()
            known_scopes(scopes, args.labels_of, gold_labels)
            with atomic_path(target) as out, open(out, "wb") as fh:
                for i in range(len(names)):
                    with open(Path(tmp) / f"{i}.jsonl", "rb") as part:
                        shutil.copyfileobj(part, fh)
    print_notes(notes.get("", []), str(args.gold), args.all)
    for name, path in zip(names, args.predictions, strict=True):
        print_notes(notes.get(name, []), str(path), args.all)
    return results
