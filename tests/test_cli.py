"""The ``bench`` command's interface: what each command parses (options, values, defaults),
what its help says, one module per command, and the ``arabench`` name."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

from bench.cli import COMMANDS, build_parser, command_module, main
from bench.cli.parser import Parser
from bench.scoring import CLITICS, SCHEMES, UNITS, Settings

BIN = Path(sys.executable).parent
FLAGS = (argparse._StoreTrueAction, argparse._HelpAction, argparse._VersionAction)


def subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def options(p: argparse.ArgumentParser) -> set[str]:
    return {o for a in p._actions for o in a.option_strings} - {"-h", "--help"}


def parse(*argv: str) -> dict:
    args = vars(build_parser().parse_args(argv))
    assert args.pop("func") is sys.modules[f"bench.cli.{_module(args['command'])}"].run
    return args


def _module(command: str) -> str:
    return {"list": "list_"}.get(command, command)


def test_python_m_bench_help():
    out = subprocess.run([sys.executable, "-m", "bench", "--help"], capture_output=True,
                         text=True, check=True).stdout
    assert out.startswith("usage: bench ")
    for name in COMMANDS:
        assert f"    {name} " in out


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


# one module per command ------------------------------------------------------------------

def test_every_command_module_registers_exactly_its_command():
    for module in map(command_module, COMMANDS):
        sub = Parser(prog="bench").add_subparsers(dest="command")
        module.register(sub)
        assert list(sub.choices) == [module.NAME], module.__name__
        assert sub.choices[module.NAME].get_default("func") is module.run
        assert module.__name__ == f"bench.cli.{_module(module.NAME)}"
    assert list(subparsers(build_parser())) == [
        "validate", "stats", "convert", "list", "run", "suite", "train", "score", "report",
        "check", "diff", "baseline", "agree"]


# what each command accepts ---------------------------------------------------------------

READERS = {"--labels", "--nesting", "--all"}  # the commands that read a corpus
STATISTICS = {"--resamples", "--trials", "--seed"}
RUNS = {"--timeout", "--jobs", "--engine", "--address", "--cache", "--no-cache", "--backend"}
OPTIONS = {
    "validate": READERS | {"--corpus", "--predictions"},
    "stats": READERS | {"--json"},
    "convert": READERS | {"--from", "--to"},
    "list": {"--json", "--check"},
    "run": READERS | RUNS | {"--corpus", "--out", "--device", "--gpus-per-actor"},
    "suite": RUNS | STATISTICS | {"--out", "--all", "--allow-skipped"},
    "train": READERS | {"--corpus", "--model", "--out", "--seed", "--cv", "--resamples",
                        "--features", "--clusters-from", "--holdout"},
    "score": READERS | STATISTICS | {"--name", "--labels-of", "--json", "--alignment",
                                     "--clitics", "--scheme", "--unit", "--shard-documents",
                                     "--compat", "--scheme-tags"},
    "report": READERS | STATISTICS | {"--corpus", "--runs", "--out"},
    "check": {"--baseline", "--results", "--tolerance", "--no-ci", "--allow-skipped",
              "--format", "--trend"},
    "diff": {"--tolerance", "--no-ci", "--format", "--trend"},
    "agree": {"--name", "--labels", "--json", "--out", "--common"},
    "baseline": {"--baseline", "--results"},
}


def test_each_command_has_exactly_its_options():
    assert {name: options(p) for name, p in subparsers(build_parser()).items()} == OPTIONS


@pytest.mark.parametrize("argv", [
    ["score", "gold", "pred", "--jobs", "2"], ["report", "--timeout", "9"],
    ["train", "--corpus", ".", "--out", "m", "--jobs", "2"], ["stats", "--engine", "ray"],
    ["check", "--nesting", "outer"], ["list", "--all"], ["baseline", "update", "--labels", "x"]])
def test_options_of_other_commands_are_usage_errors(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "unrecognized arguments" in err


DEFAULTS = Settings()
STATS = {"resamples": DEFAULTS.resamples, "trials": DEFAULTS.trials, "seed": DEFAULTS.seed}
READ = {"labels": None, "nesting": None, "all": False}
RUN = {"timeout": 300.0, "jobs": None, "engine": "local", "address": None, "cache": None,
       "no_cache": False, "backend": None}


@pytest.mark.parametrize(("argv", "expected"), [
    (["validate"], {**READ, "paths": [], "corpus": None, "predictions": False}),
    (["stats"], {**READ, "corpus": ".", "json": False}),
    (["convert", "a", "b"], {**READ, "src": "a", "dst": "b", "from_format": None, "to": None}),
    (["list"], {"json": False, "check": None}),
    (["run"], {**READ, **RUN, "corpus": ".", "out": "runs", "device": None,
               "gpus_per_actor": 0.0}),
    (["suite", "run", "s.toml"], {**RUN, **STATS, "action": "run", "suite": "s.toml",
                                  "out": None, "all": False, "allow_skipped": False}),
    (["train", "--corpus", "c", "--out", "m"], {**READ, "corpus": "c", "out": "m",
                                                 "model": "crf", "seed": 0, "cv": None,
                                                 "resamples": 200, "features": None,
                                                 "clusters_from": [], "holdout": None}),
    (["score", "g", "p"], {**READ, **STATS, "gold": "g", "predictions": ["p"], "name": None,
                           "labels_of": None, "json": None, "alignment": None,
                           "clitics": "both", "scheme": None, "unit": "auto",
                           "shard_documents": None, "compat": None, "scheme_tags": "IOB2"}),
    (["report"], {**READ, **STATS, "corpus": None, "runs": "reports/runs", "out": "reports"}),
    (["check"], {"baseline": "reports/baseline.json", "results": "reports/results.json",
                 "tolerance": 0.02, "no_ci": False, "allow_skipped": False, "format": None,
                 "trend": None}),
    (["baseline", "update"], {"action": "update", "baseline": "reports/baseline.json",
                              "results": "reports/results.json"}),
])
def test_defaults_of_each_command(argv, expected):
    assert parse(*argv) == {"command": argv[0], **expected}


def test_values_are_parsed():
    got = parse("run", "--backend", "a", "--backend", "m:C", "--corpus", "conll:x", "--jobs",
                "3", "--timeout", "2.5", "--engine", "ray", "--address", "h:1", "--cache", "d",
                "--no-cache", "--nesting", "outer", "--gpus-per-actor", "0.5", "--all")
    assert (got["backend"], got["corpus"], got["jobs"], got["timeout"], got["engine"],
            got["address"], got["cache"], got["no_cache"], got["nesting"],
            got["gpus_per_actor"], got["all"]) == (
        ["a", "m:C"], "conll:x", 3, 2.5, "ray", "h:1", "d", True, "outer", 0.5, True)
    got = parse("score", "g", "p1", "p2", "--name", "a", "--name", "b", "--labels-of",
                "PERSON,LOC", "--labels-of", "all", "--scheme", "exact", "--scheme", "type",
                "--clitics", "strict", "--unit", "document", "--shard-documents", "4",
                "--resamples", "0", "--trials", "7", "--seed", "1", "--compat", "seqeval-strict",
                "--scheme-tags", "BILOU")
    assert got == {
        **READ, "command": "score", "gold": "g", "predictions": ["p1", "p2"],
        "name": ["a", "b"], "labels_of": ["PERSON,LOC", "all"], "json": None,
        "alignment": None, "scheme": ["exact", "type"], "clitics": "strict",
        "unit": "document", "shard_documents": 4, "resamples": 0, "trials": 7, "seed": 1,
        "compat": "seqeval-strict", "scheme_tags": "BILOU"}
    assert parse("check", "--tolerance", "0.5", "--no-ci")["tolerance"] == 0.5
    assert parse("train", "--corpus", "c", "--out", "m", "--cv", "5")["cv"] == 5


def test_choices_come_from_the_scoring_constants():
    score = subparsers(build_parser())["score"]
    choices = {a.dest: tuple(a.choices) for a in score._actions if a.choices}
    assert choices == {"scheme": SCHEMES, "clitics": (*CLITICS, "both"), "unit": UNITS}
    scheme = next(a for a in score._actions if a.dest == "scheme")
    assert scheme.choices is SCHEMES  # the constant itself, not a copy typed out


# help: every default shown, equal to the parser's ----------------------------------------

def help_lines(command: str, capsys, monkeypatch) -> str:
    """``bench COMMAND --help`` as printed, each option's entry on one line."""
    monkeypatch.setenv("COLUMNS", "1000")  # no wrapping within a help text
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return re.sub(r"\n {3,}", " ", capsys.readouterr().out)  # long names: help below


@pytest.mark.parametrize("command", list(OPTIONS))
def test_help_shows_every_default_as_the_parser_has_it(command, capsys, monkeypatch):
    text = help_lines(command, capsys, monkeypatch)
    for action in subparsers(build_parser())[command]._actions:
        if isinstance(action, FLAGS[1:]):
            continue
        if action.option_strings:
            name = action.option_strings[0]
        else:
            name = action.metavar or (f"{{{','.join(action.choices)}}}" if action.choices
                                      else action.dest)
        line = re.search(rf"^  {re.escape(name)}(?![\w-]).*$", text, re.M)
        assert line, (command, name)
        shown = re.findall(r"\(default: ([^)]*)\)", line.group())
        # (argparse marks a positional of nargs="*" without a default required: it is not)
        if action.required if action.option_strings else action.nargs in (None, "+"):
            assert not shown, (command, name, line.group())  # nothing to default
        elif isinstance(action, FLAGS):
            assert not shown, (command, name, line.group())  # off unless given
        elif action.default is None or isinstance(action.default, list):
            assert shown or "default: " in line.group(), (command, name, line.group())
        else:  # the value itself, as the parser has it
            assert shown == [str(action.default)], (command, name, line.group())


def test_statistics_defaults_are_the_scoring_settings(capsys, monkeypatch):
    text = help_lines("score", capsys, monkeypatch)
    for option, value in (("--resamples", DEFAULTS.resamples), ("--trials", DEFAULTS.trials),
                          ("--seed", DEFAULTS.seed), ("--unit", DEFAULTS.unit)):
        assert re.search(rf"^  {option} .*\(default: {value}\)$", text, re.M), option


# the arabench name -----------------------------------------------------------------------

def test_arabench_is_the_same_command():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts == {"bench": "bench.cli:main", "arabench": "bench.cli:main"}
    script = BIN / "arabench"
    assert script.exists(), "pip install -e . --no-deps --no-build-isolation installs it"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: arabench ")
    assert all(f"    {name} " in done.stdout for name in COMMANDS)
    done = subprocess.run([str(script), "stats", str(ROOT), "--json"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and json.loads(done.stdout)["documents"] >= 1
    done = subprocess.run([str(script), "stats", "--bogus"], capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stderr) == (
        2, "arabench stats: unrecognized arguments: --bogus (see arabench stats --help)\n")


def test_plugins_of_both_entry_point_groups(tmp_path):
    """``arabench.extractors`` plugins are found; a name in both groups is the
    ``bench.extractors`` plugin's (the other refused), unless both name one class."""
    site = tmp_path / "site"
    (site / "toyplug-0.0.1.dist-info").mkdir(parents=True)
    (site / "toyplug-0.0.1.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: toyplug\nVersion: 0.0.1\n")
    (site / "toyplug-0.0.1.dist-info" / "entry_points.txt").write_text(textwrap.dedent("""
        [bench.extractors]
        twin = toyplug:Old
        same = toyplug:Old
        [arabench.extractors]
        ara-only = toyplug:New
        twin = toyplug:New
        same = toyplug:Old
        rules-time = toyplug:New
    """))
    (site / "toyplug.py").write_text(textwrap.dedent("""
        class Old:
            name, version, labels, label_map = "old", "1", ("LOC",), {}
            def available(self):
                return True, ""
            def extract(self, document):
                return []

        class New(Old):
            name, version = "new", "2"
    """))
    env = {**os.environ, "PYTHONPATH": str(site)}
    code = ("import json; from bench.extractors.registry import known, refused; "
            "print(json.dumps([{k: v for k, v in known().items() if 'toyplug' in v}, "
            "refused()]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    plugins, refused = json.loads(done.stdout)
    assert plugins == {"same": "toyplug:Old", "twin": "toyplug:Old", "ara-only": "toyplug:New"}
    assert refused == [["rules-time", "toyplug:New"], ["twin", "toyplug:New"]]
    done = subprocess.run([sys.executable, "-m", "bench", "list", "--check", "ara-only"],
                          capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (
        0, "ara-only: available (version 2; labels LOC)\n"), done.stderr

