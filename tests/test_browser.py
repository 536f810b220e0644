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

pytestmark = pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine "
                                                        "(apt-get install chromium)")


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
