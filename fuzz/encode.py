"""The inverse of ``targets.document``: bytes that decode to a given table.

Seeds for the table and checker targets come from the real tables in ``samples/``;
a fuzzer that starts from a real 一级/二级/三级指标 table reaches the interpreter's
deep branches in seconds instead of hours. Text that is not in the vocabulary is
carried as raw UTF-8 chunks; a cell keeps at most four chunks (what ``Reader.text``
reads), which is enough for headers and values.
"""

from __future__ import annotations

from fuzz.decode import words


def _int(value: int, lo: int, hi: int) -> bytes:
    """Bytes that ``Reader.int(lo, hi)`` reads back as ``value`` (clamped into range)."""
    v = min(max(value, lo), hi) - lo
    return bytes([v >> 8, v & 255]) if hi - lo + 1 > 256 else bytes([v])


def _raw(text: str) -> list[bytes]:
    """Raw chunks of at most 8 UTF-8 bytes, cut on character boundaries."""
    chunks, cur = [], b""
    for ch in text:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > 8:
            chunks.append(cur)
            cur = b""
        cur += b
    return chunks + ([cur] if cur else [])


def text(value: str, max_parts: int) -> bytes:
    """Bytes for ``Reader.text(max_parts)``: longest vocabulary words first, raw chunks between."""
    vocab = words()
    index = {w: i for i, w in enumerate(vocab)}
    by_len = sorted((w for w in vocab if w), key=len, reverse=True)
    parts: list[bytes] = []
    i, pending = 0, ""
    while i < len(value) and len(parts) < max_parts:
        hit = next((w for w in by_len if value.startswith(w, i)), None)
        if hit is None:
            pending += value[i]
            i += 1
            continue
        for chunk in _raw(pending):
            parts.append(b"\x00" + _int(len(chunk), 0, 8) + chunk)
        pending = ""
        parts.append(b"\x01" + _int(index[hit], 0, len(vocab) - 1))
        i += len(hit)
    for chunk in _raw(pending):
        parts.append(b"\x00" + _int(len(chunk), 0, 8) + chunk)
    parts = parts[:max_parts]
    return _int(len(parts), 0, max_parts) + b"".join(parts)


def document(table, blocks: list[str], title: int = 0) -> bytes:
    """Bytes that ``targets.document`` decodes to ``table`` (cut to 24 × 10) after ``blocks``."""
    n_rows, n_cols = min(table.n_rows, 24), min(table.n_cols, 10)
    out = _int(title, 0, 5) + _int(len(blocks[:3]), 0, 3)
    for b in blocks[:3]:
        out += text(b, 8)
    out += _int(n_rows, 1, 24) + _int(n_cols, 1, 10)
    origin = {(c.row, c.col): c for c in table.cells}
    covered = set()
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                if (r, k) != (c.row, c.col):
                    covered.add((r, k))
    for r in range(n_rows):
        for k in range(n_cols):
            if (r, k) in covered:
                continue
            c = origin.get((r, k))
            if c is None:
                out += b"\x00"
                continue
            rs, cs = min(c.rowspan, n_rows - r), min(c.colspan, n_cols - k)
            out += b"\x01" + (b"\x04" + _int(rs - 1, 0, 23) if rs > 1 else b"\x00\x00")
            out += b"\x05" + _int(cs - 1, 0, 9) if cs > 1 else b"\x00\x00"
            out += b"\x01" if c.checked is None else b"\x00" + _int(1 if c.checked else 2, 0, 2)
            out += text(c.text, 4)
    return out + b"\x00" + _int(table.header_rows, 0, 2) + _int(len(blocks[:3]) + (1 if title != 5 else 0), 0, 4)
