"""The ``jixiao`` command line: extract and check budget-performance documents.

Exit codes are part of the interface, so that scripts and CI pipelines can rely on them:
0 clean, 1 a finding at or above ``--fail-on`` (``error`` by default), 2 an input that
could not be read (named, with the reason, on one line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from jixiao import __version__

SEVERITY_ORDER = ["error", "rounding", "warning", "info"]
SEVERITY_LABEL = {"error": "错误 error", "rounding": "舍入 rounding", "warning": "存疑 warning", "info": "提示 info"}
SEVERITY_STYLE = {"error": "bold red", "rounding": "yellow", "warning": "magenta", "info": "cyan"}

DESCRIPTION = """\
jixiao 绩效 — read, check and index China's budget-performance documents
(绩效目标申报表, 绩效自评表, 绩效运行监控报告, 绩效评价报告) from PDF, DOCX, XLSX,
HTML, Markdown or text.

  jixiao check report.pdf          find arithmetic and consistency errors
  jixiao extract report.pdf -o out  write the normalised JSON (one file per input)
  jixiao extract report.pdf -       print the JSON to stdout
"""


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _fail(console, file: str, message: str) -> None:
    console.print(f"[bold red]jixiao:[/] {message}" if message.startswith(file) else f"[bold red]jixiao:[/] {file}: {message}")


def _read_all(paths: list[Path], run, err) -> tuple[list[tuple[Path, object]], int]:
    """Run ``run(path)`` over the inputs; unreadable ones are reported and skipped."""
    from extractor.errors import ExtractionError

    done, failed = [], 0
    for path in paths:
        try:
            done.append((path, run(path)))
        except ExtractionError as e:
            failed += 1
            _fail(err, path.name, str(e))
        except Exception as e:  # a parser bug must not hide the other files
            failed += 1
            _fail(err, path.name, f"internal error while reading ({type(e).__name__}: {e})")
    return done, failed


def cmd_extract(args: argparse.Namespace) -> int:
    from jixiao.pipeline import extract, output_names, write_atomic

    err = _console(stderr=True)
    paths = [Path(p) for p in args.files]
    done, failed = _read_all(paths, lambda p: extract(p, max_pages=args.max_pages), err)
    if args.output == "-":
        if len(done) == 1:
            sys.stdout.write(done[0][1].to_json())
        else:
            sys.stdout.write(json.dumps([r.model_dump(mode="json") for _, r in done], ensure_ascii=False, indent=2) + "\n")
    else:
        out = Path(args.output)
        names = output_names([p for p, _ in done])
        inputs = {p.resolve() for p in paths}
        for path, report in done:
            target = out / names[path]
            if target.resolve() in inputs:
                _fail(err, path.name, f"refusing to overwrite an input file: {target}")
                failed += 1
                continue
            write_atomic(target, report.to_json())
            n_ind = sum(len(pr.indicators) for pr in report.projects)
            err.print(f"{path.name} → {target}  ({report.document.kind}, {len(report.projects)} 个项目, {n_ind} 个指标, {len(report.tables)} 张表)")
    return 2 if failed else 0


def _location(f) -> str:
    parts = []
    for loc in f.locations[:3]:
        bits = []
        if loc.page is not None:
            bits.append(f"第{loc.page}页")
        if loc.table:
            bits.append(loc.table)
        if loc.row is not None:
            bits.append(f"行{loc.row}")
        parts.append(" ".join(bits))
    return "; ".join(p for p in parts if p) or "—"


def _print_findings(console, path: Path, report) -> None:
    from rich.table import Table

    kind = report.document.kind
    n_ind = sum(len(p.indicators) for p in report.projects)
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_ORDER}
    summary = "  ".join(f"{SEVERITY_LABEL[s].split()[0]} {counts[s]}" for s in SEVERITY_ORDER)
    console.rule(f"[bold]{path.name}[/]  {kind} · {len(report.projects)} 个项目 · {n_ind} 个指标 · {summary}")
    if not report.findings:
        console.print("  未发现问题 (no findings)")
        return
    for sev in SEVERITY_ORDER:
        items = [f for f in report.findings if f.severity == sev]
        if not items:
            continue
        table = Table(title=f"{SEVERITY_LABEL[sev]} ({len(items)})", title_style=SEVERITY_STYLE[sev],
                      show_lines=False, expand=False, title_justify="left")
        table.add_column("规则 rule", style="dim", no_wrap=True)
        table.add_column("位置 where", no_wrap=True)
        table.add_column("说明 message", overflow="fold")
        for f in items:
            table.add_row(f.rule, _location(f), f.message)
        console.print(table)


def cmd_check(args: argparse.Namespace) -> int:
    from jixiao.pipeline import process, write_atomic

    out = _console()
    err = _console(stderr=True)
    paths = [Path(p) for p in args.files]
    done, failed = _read_all(paths, lambda p: process(p, max_pages=args.max_pages), err)
    if args.json:
        payload = [r.model_dump(mode="json") for _, r in done]
        sys.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for path, report in done:
            _print_findings(out, path, report)
    if args.output:
        from jixiao.pipeline import output_names

        names = output_names([p for p, _ in done])
        for path, report in done:
            write_atomic(Path(args.output) / names[path], report.to_json())
    if failed:
        return 2
    threshold = SEVERITY_ORDER.index(args.fail_on)
    worst = [SEVERITY_ORDER.index(f.severity) for _, r in done for f in r.findings]
    return 1 if worst and min(worst) <= threshold else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jixiao", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="write the normalised JSON of each input (contract v1)",
                       description="Read each file and write one normalised JSON per input.")
    p.add_argument("files", nargs="+", metavar="FILE", help="PDF, DOCX, XLSX, HTML, MD or TXT files")
    p.add_argument("-o", "--output", default="out", metavar="DIR|-",
                   help="output folder (default: out), or - for stdout")
    p.add_argument("--max-pages", type=int, default=None, help="read at most this many pages per PDF")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("check", help="find arithmetic and consistency errors",
                       description="Check each file: sums against 合计/小计, 得分 ≤ 分值, 执行率, "
                                   "prose against tables, grade against score. Exit 0 clean, "
                                   "1 findings at or above --fail-on, 2 unreadable input.")
    p.add_argument("files", nargs="+", metavar="FILE", help="documents, or contract JSON files to re-check")
    p.add_argument("--json", action="store_true", help="print the reports with findings as JSON")
    p.add_argument("-o", "--output", default=None, metavar="DIR", help="also write each report's JSON here")
    p.add_argument("--fail-on", choices=SEVERITY_ORDER, default="error",
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--max-pages", type=int, default=None, help="read at most this many pages per PDF")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("jixiao: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
