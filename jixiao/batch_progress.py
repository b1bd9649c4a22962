"""What a batch shows while it runs: a live bar for people, one line per file for logs."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from rich.markup import escape

if TYPE_CHECKING:
    from jixiao.batch_summary import BatchRow


class QuietLines:
    """``--quiet``: one plain line per file, greppable in a CI or cron log."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def start(self, total: int, skipped: int) -> None:
        print(f"jixiao batch: {total} files, {skipped} unchanged since the last run", file=self.stream, flush=True)

    def advance(self, row: BatchRow) -> None:
        pages = f"{row.pages}p " if row.pages else ""
        what = row.error if row.error else (
            f"{row.kind} {pages}{row.projects} 项目 {row.indicators} 指标 "
            f"{sum(row.findings.values())} findings")
        print(f"{row.status:<7} {row.path}  {what}  {row.seconds or 0:.2f}s", file=self.stream, flush=True)

    def stop(self) -> None:
        pass


class RichBar:
    """A rich.progress bar: files done of all, pages per second and the time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class PagesPerSecond(ProgressColumn):
            def render(self, task) -> Text:
                elapsed = task.elapsed or 0
                rate = task.fields.get("pages", 0) / elapsed if elapsed > 0 else 0
                return Text(f"{rate:.1f} pages/s", style="cyan")

        self.progress = Progress(BarColumn(bar_width=24), MofNCompleteColumn(), TextColumn("files"),
                                 PagesPerSecond(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 TextColumn("[red]{task.fields[failed]} failed[/]"),
                                 console=Console(stderr=True, highlight=False, soft_wrap=True), transient=False)
        self.task = None
        self.pages = 0
        self.failed = 0

    def start(self, total: int, skipped: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("batch", total=total, completed=skipped, pages=0, failed=0)

    def advance(self, row: BatchRow) -> None:
        self.pages += row.pages or 1
        if row.status in ("failed", "timeout"):
            self.failed += 1
            self.progress.console.print(f"[red]{row.status}[/] {escape(row.error or '')}")
        self.progress.update(self.task, advance=1, pages=self.pages, failed=self.failed)

    def stop(self) -> None:
        self.progress.stop()
