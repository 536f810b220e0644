"""index.html in a real headless browser: no console errors, RTL article, highlights.

Skipped with the reason when no Chromium is installed (apt-get install chromium).
The screenshot is kept as a test artefact in tests/artifacts/report.png.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT
from test_pipeline import reports  # noqa: F401  (the shared fixture)

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine "
                                                         "(apt-get install chromium)")]


def chromium(*args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=60)


def test_report_renders_without_console_errors(reports):  # noqa: F811
    page = (reports / "index.html").as_uri()
    dom = chromium("--enable-logging=stderr", "--v=0", "--dump-dom", page)
    console = [ln for ln in dom.stderr.splitlines() if "CONSOLE" in ln]
    assert not [ln for ln in console if re.search(r"error|uncaught", ln, re.I)], console
    html = dom.stdout
    assert 'class="view on" data-view="gold"' in html  # the script ran and chose a view
    for name in ("gold", "rules-time", "gazetteer-ner"):
        view = re.search(rf'data-view="{name}">(.*?)</div></div>', html, re.S)
        assert view, name
        assert len(re.findall(r'<span class="', view.group(1))) >= 5, name
    assert "direction:rtl" in html
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    shot = artifacts / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1280,2400", page)
    assert shot.exists() and shot.stat().st_size > 10_000
    assert Path(shot).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_fits_a_400px_screen(reports, tmp_path):  # noqa: F811
    """Nothing is cut off at 400 px: the page never gets wider than the screen (tables
    scroll inside their own box, plots scale). Headless Chromium's window is at least
    500 px wide, so the page is measured inside a 400 px frame."""
    page = (reports / "index.html").read_text("utf-8")
    probe = ("<script>addEventListener('load',()=>parent.postMessage("
             "document.documentElement.scrollWidth+' '+innerWidth,'*'))</script></body>")
    (tmp_path / "narrow.html").write_text(page.replace("</body>", probe), "utf-8")
    host = tmp_path / "host.html"
    host.write_text("<!DOCTYPE html><html><body><iframe src='narrow.html' "
                    "style='width:400px;height:900px;border:0'></iframe><script>"
                    "addEventListener('message',e=>{document.body.dataset.width=e.data})"
                    "</script></body></html>", "utf-8")
    dom = chromium("--window-size=800,1000", "--virtual-time-budget=5000",
                   "--allow-file-access-from-files", "--dump-dom", host.as_uri()).stdout
    found = re.search(r'data-width="(\d+) (\d+)"', dom)
    assert found, dom[:500]
    page_width, viewport = map(int, found.groups())
    assert viewport == 400 and page_width <= viewport
