"""atheris entry point for one target: ``python -m fuzz.harness TARGET [libFuzzer flags] CORPUS...``.

A Python exception does not stop the run: it is recorded once per signature (exception
type and the innermost frame in our code) into ``fuzz/crashes/TARGET/`` -- the input
as ``crash-<sig>`` and its traceback beside it as ``crash-<sig>.txt`` -- and fuzzing
goes on, so one shallow bug cannot hide the deeper ones in a 5-minute budget.
Timeouts and memory blow-ups are libFuzzer's to catch (``-timeout``, ``-rss_limit_mb``);
they end the process and ``fuzz/run.py`` starts it again for the time left.
"""

from __future__ import annotations

import hashlib
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRASHES = ROOT / "fuzz" / "crashes"
# Modules whose coverage guides each target (our code always; the parsing library for readers).
LIBRARIES = {"extract_pdf": ["pdfplumber", "pdfminer"], "extract_docx": ["docx"], "extract_xlsx": ["openpyxl"],
             "extract_xls": ["xlrd"]}


def signature(exc: BaseException) -> str:
    """``Type at file:line in function`` for the innermost frame in the repository (not .venv)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename
            and "/fuzz/" not in f.filename]
    f = (ours or frames)[-1] if frames else None
    where = f"{Path(f.filename).relative_to(ROOT) if f.filename.startswith(str(ROOT)) else f.filename}:" \
            f"{f.lineno} in {f.name}" if f else "?"
    return f"{type(exc).__name__} at {where}"


def record(target: str, exc: BaseException, data: bytes) -> bool:
    """Save ``data`` and its traceback under the signature's hash; False if already known."""
    sig = signature(exc)
    folder = CRASHES / target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{hashlib.sha1(sig.encode()).hexdigest()[:12]}"
    if path.exists():
        return False
    path.write_bytes(data)
    tb = "".join(traceback.format_exception(exc))
    path.with_suffix(".txt").write_text(f"{sig}\n\n{tb}", encoding="utf-8")
    print(f"\n#### NEW CRASH in {target}: {sig}\n{tb}", file=sys.stderr, flush=True)
    return True


def main() -> None:
    import atheris

    target = sys.argv[1]
    sys.path.insert(0, str(ROOT))
    include = ["extractor", "patterns", "checker", *LIBRARIES.get(target, [])]
    with atheris.instrument_imports(include=include):
        import checker.rules  # noqa: F401
        import extractor.docx
        import extractor.html
        import extractor.legacy
        import extractor.markdown
        import extractor.pdf
        import extractor.text
        import extractor.xlsx  # noqa: F401
        import patterns.recognise  # noqa: F401
        for lib in LIBRARIES.get(target, []):
            __import__(lib)
    from fuzz.targets import TARGETS

    fn = TARGETS[target]

    def one_input(data: bytes) -> None:
        try:
            fn(data)
        except Exception as exc:  # noqa: BLE001 - every exception is a finding, recorded once
            record(target, exc, data)

    one_input(b"")  # warm-up outside the clock's view: jieba and the phrase matcher load on first use
    atheris.Setup([sys.argv[0], *sys.argv[2:]], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
