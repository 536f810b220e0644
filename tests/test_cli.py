from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

from bench.cli import main


def test_python_m_bench_help():
    out = subprocess.run([sys.executable, "-m", "bench", "--help"], capture_output=True,
                         text=True, check=True).stdout
    for command in ("validate", "stats"):
        assert command in out


def test_stats_json_counts_every_annotation(capsys):
    assert main(["stats", str(ROOT), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    gold = json.loads((ROOT / "gold" / "000_8ba17c093c48657a.json").read_text("utf-8"))
    assert stats["annotations"] + stats["optional"] == len(gold["annotations"])
    assert sum(stats["per_label"].values()) == stats["annotations"]
    temporal = sum(stats["per_label"].get(k, 0) for k in ("DATE", "TIME", "DURATION", "SET"))
    assert sum(stats["per_date_type"].values()) == temporal


def test_stats_table_and_bad_corpus(capsys, tmp_path):
    assert main(["stats", str(ROOT)]) == 0
    assert "| PERSON" in capsys.readouterr().out
    assert main(["stats", str(tmp_path)]) == 2
    assert "not a corpus directory" in capsys.readouterr().err
