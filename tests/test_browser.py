"""index.html in a real headless browser, at 1400 px and in a 400 px frame: no console
errors, no horizontal page overflow, each leaderboard's best score in view, every link
target present, no two plot labels overlapping, a wrong value drawn apart from a match.

Skipped with the reason when no Chromium is installed (apt-get install chromium).
Screenshots are kept as test artefacts in tests/artifacts/report-1400.png and
report-400.png.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT

from bench.extractors.runner import run
from bench.loader import load_corpus
from bench.pipeline import benchmark, write_reports

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BACKENDS = ["rules-time", "gazetteer-ner", "toy_backends:WrongMonday",
            "toy_backends:DeclaresTime"]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine "
                                                         "(apt-get install chromium)")]

PROBE = """<script>
addEventListener('load', () => {
  const W = innerWidth, out = {width: document.documentElement.scrollWidth, viewport: W};
  out.best = [...document.querySelectorAll('table.leaderboard')].map(t => {
    const cell = t.querySelector('tbody tr td:nth-child(3)');
    const r = cell.getBoundingClientRect();
    return {text: cell.textContent, inside: r.left >= 0 && r.right <= W + 0.5};
  });
  out.missing = [...document.querySelectorAll("a[href^='#']")]
    .map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id));
  out.files = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))
    .filter(h => !h.startsWith('#'));
  out.overlaps = [];
  for (const svg of document.querySelectorAll('svg')) {
    const boxes = [...svg.querySelectorAll('text')].map(t => [t.textContent,
      t.getBoundingClientRect()]).filter(b => b[1].width > 0);
    out.labels = (out.labels || 0) + boxes.length;
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i][1], b = boxes[j][1];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 0.5 && h > 0.5) out.overlaps.push([boxes[i][0], boxes[j][0]]);
    }
  }
  const bg = s => { const e = document.querySelector(s);
                    return e ? getComputedStyle(e).backgroundColor : null; };
  out.match = bg('.doc span.m'); out.wrong = bg('.doc span.value_error');
  out.fonts = [...document.querySelectorAll('svg text')].map(t =>
    t.getBoundingClientRect().height).filter(h => h > 0);
  (parent === window ? document.body : parent.document.body).dataset.probe =
    JSON.stringify(out);
});
</script></body>"""


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=90)


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    """The seed's report with a backend that gets a value wrong, and a probe script."""
    out = tmp_path_factory.mktemp("browser")
    run(BACKENDS, load_corpus(ROOT), out / "runs", timeout=60, progress=False)
    write_reports(benchmark(str(ROOT), out / "runs", resamples=200, trials=200), out)
    html = (out / "index.html").read_text("utf-8")
    (out / "probed.html").write_text(html.replace("</body>", PROBE), "utf-8")
    (out / "frame.html").write_text(
        "<!DOCTYPE html><html><body style='margin:0'><iframe src='probed.html' "
        "style='width:400px;height:3000px;border:0'></iframe></body></html>", "utf-8")
    return out


def probe(dom: str) -> dict:
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[:300]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def check(found: dict, folder: Path) -> None:
    assert found["width"] <= found["viewport"], found  # no horizontal page overflow
    assert found["best"] and all(b["inside"] for b in found["best"]), found["best"]
    assert not found["missing"], found["missing"]  # every #anchor exists
    for href in found["files"]:
        assert (folder / href).is_file(), href  # errors/<backend>.md
    assert found["labels"] >= 10 and not found["overlaps"], found["overlaps"]
    assert found["match"] and found["wrong"] and found["match"] != found["wrong"]
    assert min(found["fonts"]) >= 8, sorted(found["fonts"])[:5]  # plot text stays legible


def test_report_at_1400px(page):
    uri = (page / "probed.html").as_uri()
    dom = chromium("--enable-logging=stderr", "--v=0", "--window-size=1400,1200",
                   "--virtual-time-budget=5000", "--dump-dom", uri)
    console = [ln for ln in dom.stderr.splitlines() if "CONSOLE" in ln]
    assert not [ln for ln in console if re.search(r"error|uncaught", ln, re.I)], console
    assert 'class="view on" data-view="gold"' in dom.stdout  # the script chose the views
    assert 'class="view on" data-view="rules-time"' in dom.stdout
    found = probe(dom.stdout)
    assert found["viewport"] == 1400
    check(found, page)
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "report-1400.png"
    chromium(f"--screenshot={shot}", "--window-size=1400,1800", (page / "index.html").as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_in_a_400px_frame(page):
    """Headless Chromium's window is at least 500 px wide: the page is measured in a
    400 px frame."""
    dom = chromium("--window-size=600,1200", "--virtual-time-budget=5000",
                   "--allow-file-access-from-files", "--dump-dom",
                   (page / "frame.html").as_uri()).stdout
    found = probe(dom)
    assert found["viewport"] == 400
    check(found, page)
    shot = ROOT / "tests" / "artifacts" / "report-400.png"
    shot.parent.mkdir(exist_ok=True)
    chromium(f"--screenshot={shot}", "--window-size=520,2400", "--allow-file-access-from-files",
             (page / "frame.html").as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
