"""Limits and locations of one ``jixiao serve`` instance, in one place the tests can shrink."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path.home() / ".local" / "share" / "jixiao" / "web"


@dataclass
class Settings:
    """What the server may accept and where it keeps what it made.

    Every file the app writes lives under ``data_dir``; uploads are stored under generated
    names there, never under the name the browser sent.
    """

    data_dir: Path = field(default_factory=lambda: DEFAULT_DATA)
    max_upload_mb: float = 50.0  # per file
    max_pages: int = 300  # a PDF with more pages is refused before any parsing
    max_files: int = 20  # per upload request
    workers: int = 2  # background threads reading reports
    dpi: int = 100  # page images
    host: str = "127.0.0.1"  # the address served on; requests must name it (or a loopback name) in Host
    allowed_hosts: tuple[str, ...] = ()  # further names the app may be reached by (behind a proxy, on a LAN)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).expanduser().resolve()

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def jobs_dir(self) -> Path:
        return self.data_dir / "jobs"

    @property
    def corpus_db(self) -> Path:
        return self.data_dir / "corpus.sqlite"
