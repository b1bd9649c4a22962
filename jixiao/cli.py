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

from extractor.severity import SEVERITIES
from extractor.sniff import SUFFIXES
from jixiao import __version__

SEVERITY_ORDER = list(SEVERITIES)
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

    # stderr lines are never wrapped: a one-line error must stay one line for scripts
    return Console(stderr=stderr, highlight=False, soft_wrap=stderr)


def _fail(console, file: str, message: str) -> None:
    """One line on stderr: ``jixiao: FILE: what is wrong``."""
    from rich.markup import escape

    text = message if message.startswith(file) else f"{file}: {message}"
    console.print(f"[bold red]jixiao:[/] {escape(' '.join(text.split()))}")


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
    if len(args.files) > 1 and args.files[-1] == "-":  # `jixiao extract FILE... -` as the issue writes it
        args.files, args.output = args.files[:-1], "-"
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
    """Findings grouped by severity, each a headline (rule, where) and its Chinese message.

    A block per finding rather than a table: Chinese messages are long and a table's
    narrow column breaks them every few characters on an 80-column terminal.
    """
    from rich.markup import escape

    kind = report.document.kind
    n_ind = sum(len(p.indicators) for p in report.projects)
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_ORDER}
    console.print(f"[bold]{escape(path.name)}[/]  [dim]{kind} · {len(report.projects)} 个项目 · {n_ind} 个指标 · "
                  f"{len(report.tables)} 张表[/]")
    if not report.findings:
        console.print("  [green]未发现问题[/] (no findings)\n")
        return
    console.print("  " + "  ".join(f"[{SEVERITY_STYLE[s]}]{SEVERITY_LABEL[s]} {counts[s]}[/]"
                                   for s in SEVERITY_ORDER if counts[s]))
    for sev in SEVERITY_ORDER:
        items = [f for f in report.findings if f.severity == sev]
        if not items:
            continue
        console.print(f"\n  [{SEVERITY_STYLE[sev]}]{SEVERITY_LABEL[sev]} ({len(items)})[/]")
        for f in items:
            console.print(f"  [{SEVERITY_STYLE[sev]}]●[/] [dim]{escape(f.rule)}[/]  {escape(_location(f))}")
            console.print(f"    {escape(f.message)}")
    console.print()


def _write_reviews(done: list, fmt: str, folder: Path, err) -> int:
    """One self-contained HTML review or one XLSX of findings per report; 1 when the extra is missing."""
    from jixiao.pipeline import output_names, write_atomic

    try:
        if fmt == "html":
            from jixiao.web.review import review_html
        from jixiao.web.exports import findings_xlsx
    except ImportError as e:
        err.print(f"[bold red]jixiao:[/] --format {fmt} needs the web extra: pip install 'jixiao[web]' ({e})")
        return 1
    names = output_names([p for p, _ in done])
    for path, report in done:
        stem = names[path].removesuffix(".json")
        data = report.model_dump(mode="json")
        if fmt == "html":
            target = folder / f"{stem}.review.html"
            write_atomic(target, review_html(data, path.name))
        else:
            target = folder / f"{stem}.findings.xlsx"
            write_atomic(target, findings_xlsx(data))
        err.print(f"{path.name} → {target}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from jixiao.pipeline import process, write_atomic

    out = _console()
    err = _console(stderr=True)
    paths = [Path(p) for p in args.files]
    done, failed = _read_all(paths, lambda p: process(p, max_pages=args.max_pages), err)
    fmt = "json" if args.json else args.format
    if fmt == "json":
        payload = [r.model_dump(mode="json") for _, r in done]
        sys.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2) + "\n")
    else:
        for path, report in done:
            _print_findings(out, path, report)
    if fmt in ("html", "xlsx"):
        failed += _write_reviews(done, fmt, Path(args.output or "out"), err)
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


SUPPORTED = SUFFIXES | {".json"}  # a contract JSON can be checked again


def _walk(items: list[str]) -> list[Path]:
    """Files given, and every supported file under the folders given, in a stable order."""
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED
                              and not f.name.startswith(".")))
        else:
            out.append(p)
    return out


def cmd_index(args: argparse.Namespace) -> int:
    from corpus.api import index_report, open_corpus
    from jixiao.pipeline import extract

    err = _console(stderr=True)
    corpus = open_corpus(args.db)
    paths = _walk(args.files)
    done, failed = _read_all(paths, lambda p: extract(p, max_pages=args.max_pages), err)
    tally: dict[str, int] = {}
    for path, report in done:
        what = index_report(corpus, report, key=str(path.resolve()))
        tally[what] = tally.get(what, 0) + 1
        n = sum(len(p.indicators) for p in report.projects)
        err.print(f"{path.name}: {what} ({n} 个指标)")
    c = corpus.counts()
    err.print(f"corpus {args.db or 'default'}: {c['documents']} 份文件, {c['indicators']} 个指标 "
              f"({', '.join(f'{k} {v}' for k, v in sorted(tally.items()))})")
    corpus.close()
    return 2 if failed else 0


def cmd_batch(args: argparse.Namespace) -> int:
    """A whole folder, in parallel and resumable; exit 2 while any file has no report (failed now or before)."""
    import os

    from jixiao.batch import BatchOptions, run_batch
    from jixiao.batch_progress import QuietLines, RichBar

    workers = (os.cpu_count() or 1) if args.workers is None else args.workers
    opts = BatchOptions(workers=workers, timeout=args.timeout, max_memory_mb=args.max_memory,
                        scheduler=args.scheduler, index=args.index, check=not args.no_check)
    err = _console(stderr=True)
    try:
        result = run_batch(args.in_dir, args.output, opts, progress=QuietLines() if args.quiet else RichBar())
    except (NotADirectoryError, RuntimeError) as e:  # no such folder; workers that cannot start
        _fail(err, args.in_dir, str(e))
        return 2
    t = result.summary.totals
    by = t.files_by_status
    err.print(f"{t.files} files: {by['ok']} ok, {by['failed']} failed, {by['timeout']} timeout, "
              f"{by['skipped']} unchanged; {t.pages} pages, {t.indicators} 指标 in {result.wall_seconds:.1f} s "
              f"→ {Path(args.output) / 'summary.xlsx'}", markup=False)
    return 2 if result.failed else 0


def _filters(args: argparse.Namespace) -> dict:
    return {"level1": args.level1, "year": args.year, "region": args.region, "unit": args.unit, "kind": args.kind}


def cmd_search(args: argparse.Namespace) -> int:
    from rich.table import Table

    from corpus.api import export, find, highlight, open_corpus

    corpus = open_corpus(args.db)
    hits = find(corpus, args.query, _filters(args), args.limit)
    corpus.close()
    if args.export:
        export(hits, Path(args.export).suffix.lstrip(".") or "csv", Path(args.export))
    if args.json:
        sys.stdout.write(json.dumps(hits, ensure_ascii=False, indent=2) + "\n")
        return 0
    out = _console()
    table = Table(title=f"“{args.query}” — {len(hits)} 条", title_justify="left")
    for col in ("指标 indicator", "一级/二级", "目标 target", "实际 actual", "分值/得分", "来源 source"):
        table.add_column(col, overflow="fold")
    for h in hits:
        mark = highlight(h["name"], args.query, "[bold yellow]", "[/]")
        score = "/".join("—" if h[k] is None else f"{h[k]:g}" for k in ("weight", "score"))
        where = f"{h['file']}" + (f" 第{h['page']}页" if h["page"] else "")
        table.add_row(mark, f"{h['level1'] or '—'} / {h['level2'] or '—'}", h["target_text"] or "—",
                      h["actual_text"] or "—", score, where)
    out.print(table)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from corpus.api import open_corpus, stats

    corpus = open_corpus(args.db)
    st = stats(corpus, args.query, _filters(args))
    corpus.close()
    if args.json:
        sys.stdout.write(json.dumps(asdict(st), ensure_ascii=False, indent=2) + "\n")
        return 0
    out = _console()
    out.rule(f"[bold]{st.query}[/] — {st.count} 个指标, {st.documents} 份文件")
    if not st.count:
        return 0
    width = max(n for _, n in st.values)
    for label, n in st.values:
        out.print(f"  {label:<16} {'█' * max(1, round(24 * n / width))} {n}")
    out.print(f"  比较方式 op: {', '.join(f'{k} {v}' for k, v in st.ops.items())}")
    if st.weight_median is not None:
        out.print(f"  分值 weight: 中位数 {st.weight_median:g}; 常见 " + ", ".join(f"{w:g}×{n}" for w, n in st.weight_common))
    out.print(f"  完成 met: {st.met}  未完成 missed: {st.missed}  未知 unknown: {st.unknown}")
    out.print("  归类 filed under: " + "; ".join(f"{k} ({v})" for k, v in st.filed_under))
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    from corpus.api import open_corpus, suggest

    corpus = open_corpus(args.db)
    groups = suggest(corpus, args.text, args.limit)
    corpus.close()
    if args.json:
        sys.stdout.write(json.dumps(groups, ensure_ascii=False, indent=2) + "\n")
        return 0
    out = _console()
    if not groups:
        out.print("没有相似项目 (no similar projects in the corpus)")
    for group, items in groups.items():
        out.print(f"[bold]{group}[/]")
        for it in items:
            out.print(f"  {it['name']}  [dim]常用目标[/] {it['target']}  [dim]×{it['uses']}[/]")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from corpus.api import export, find, open_corpus

    corpus = open_corpus(args.db)
    rows = find(corpus, args.query or "", _filters(args), None)
    corpus.close()
    data = export(rows, args.format, Path(args.output) if args.output != "-" else None)
    if args.output == "-":
        sys.stdout.buffer.write(data)
    else:
        _console(stderr=True).print(f"{len(rows)} rows → {args.output}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """The reviewers' web app; local only unless --host says otherwise."""
    try:
        import uvicorn

        from jixiao.web import Settings, create_app
    except ImportError as e:
        print(f"jixiao serve needs the web extra: pip install 'jixiao[web]' ({e})", file=sys.stderr)
        return 2
    settings = Settings(max_upload_mb=args.max_upload_mb, max_pages=args.max_pages, workers=args.workers,
                        host=args.host, **({"data_dir": Path(args.data)} if args.data else {}))
    _console(stderr=True).print(f"jixiao serve: http://{args.host}:{args.port}/  (data: {settings.data_dir})")
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return 0


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
    p.add_argument("--json", action="store_true", help="print the reports with findings as JSON (= --format json)")
    p.add_argument("--format", choices=["table", "json", "html", "xlsx"], default="table",
                   help="table (default); json to stdout; html: a self-contained review per document, "
                        "xlsx: a sheet of findings per document, both written into -o DIR (default out/)")
    p.add_argument("-o", "--output", default=None, metavar="DIR", help="also write each report's JSON here")
    p.add_argument("--fail-on", choices=SEVERITY_ORDER, default="error",
                   help="lowest severity that makes the exit code 1 (default: error)")
    p.add_argument("--max-pages", type=int, default=None, help="read at most this many pages per PDF")
    p.set_defaults(func=cmd_check)

    db_help = "corpus database: a SQLite file (default ~/.local/share/jixiao/corpus.sqlite) or postgresql://…"

    p = sub.add_parser("index", help="add reports (or their JSON) to the searchable indicator corpus")
    p.add_argument("files", nargs="+", metavar="FILE|DIR")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--max-pages", type=int, default=None)
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("batch", help="a whole folder in parallel: one JSON per file, summary.xlsx, resumable",
                       description="Walk IN_DIR for every PDF, DOCX, XLSX, HTML, MD and TXT file and write "
                                   "OUT_DIR/<relative path>.json for each, plus summary.json and summary.xlsx. "
                                   "A second run skips files that are unchanged; Ctrl-C stops cleanly.")
    p.add_argument("in_dir", metavar="IN_DIR")
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    p.add_argument("--workers", type=int, default=None,
                   help="local worker processes (default: one per CPU; 0: in this process, for debugging)")
    p.add_argument("--index", metavar="DB", default=None, help="also add each report to this corpus; " + db_help)
    p.add_argument("--scheduler", metavar="tcp://host:8786", default=None,
                   help="run on this Dask cluster instead (pip install 'jixiao[dask]')")
    p.add_argument("--timeout", type=float, default=None, metavar="S",
                   help="give up on a file after S seconds (local workers only)")
    p.add_argument("--max-memory", type=int, default=None, metavar="MB",
                   help="address-space limit per worker (local workers only)")
    p.add_argument("--no-check", action="store_true",
                   help="extract only: JSON as `jixiao extract` writes it, no findings")
    p.add_argument("--quiet", action="store_true", help="one line per file instead of a progress bar")
    p.set_defaults(func=cmd_batch)

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", default=None, help=db_help)
        p.add_argument("--level1", help="一级指标, e.g. 满意度指标")
        p.add_argument("--year", type=int)
        p.add_argument("--region", help="e.g. 闵行")
        p.add_argument("--unit", help="e.g. %%")
        p.add_argument("--kind", help="document kind, e.g. evaluation_report")
        p.add_argument("--json", action="store_true", help="print JSON")

    p = sub.add_parser("search", help="search indicators in the corpus (bm25-ranked)")
    p.add_argument("query")
    filters(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--export", metavar="FILE.xlsx|csv|jsonl", help="also export the hits")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("stats", help="how targets for an indicator are set, weighted and met")
    p.add_argument("query")
    filters(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("suggest", help="indicators that similar projects used")
    p.add_argument("text", metavar="DESCRIPTION")
    p.add_argument("--db", default=None, help=db_help)
    p.add_argument("--limit", type=int, default=30)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("export", help="export the corpus (or a search) as xlsx, csv or jsonl")
    p.add_argument("--format", choices=["xlsx", "csv", "jsonl"], default="xlsx")
    p.add_argument("-o", "--output", required=True, metavar="FILE|-")
    p.add_argument("--query", default="", help="only indicators matching this search")
    filters(p)
    p.set_defaults(func=cmd_export)
    p = sub.add_parser("serve", help="a local web app for reviewers: upload, findings on the page, corpus search",
                       description="Serve the review web app (pip install 'jixiao[web]'). Binds to 127.0.0.1 "
                                   "unless --host says otherwise; every file it stores stays under --data.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--data", default=None, metavar="DIR",
                   help="where uploads, results, page images and the corpus live (default ~/.local/share/jixiao/web)")
    p.add_argument("--max-upload-mb", type=float, default=50.0, help="largest file accepted (default: 50)")
    p.add_argument("--max-pages", type=int, default=300, help="PDFs with more pages are refused (default: 300)")
    p.add_argument("--workers", type=int, default=2, help="files processed at the same time (default: 2)")
    p.set_defaults(func=cmd_serve)
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
