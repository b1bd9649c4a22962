"""jieba segmentation with the domain dictionary, its prefix dictionary read one first character at a time.

jieba looks words up in one prefix dictionary (``FREQ``: every word and every prefix of a
word, 499,429 entries with ``data/indicator_dict.txt``) and loads all of it before the
first cut: 0.8–1.3 s and ~70 MB for a process that may segment five lines (issue 18).
Every lookup jieba makes while cutting a text is of a piece of that text (``get_DAG``,
``calc``, the HMM's ``FREQ.get(buf)``, ``cut_for_search``'s 2- and 3-grams), so a text
needs only the entries that start with one of its own characters or character pairs.
``LazyTokenizer`` is a ``jieba.Tokenizer`` whose ``FREQ`` is filled, before each cut, with
the entries under the text's characters and pairs it has not seen yet, from a cache file
that holds the whole dictionary cut into blocks by first character and, inside a block, by
second character; ``total`` (the sum of all frequencies) is the whole dictionary's from the
start. Segmentation is therefore jieba's, word for word. (Blocks by first character alone
were tried: the 346 characters of the phrase matcher's subjects pull in 118,000 entries,
0.1 s; by pairs, a few hundred.)

The cache is built once from jieba's own dictionary and the user dictionary loaded the way
the project always has (``jieba.Tokenizer().load_userdict``, so even its quirks stay: a
line tagged ``zb2`` is not parsed by jieba's user-dictionary pattern and becomes a word with
spaces in it) and is named after a hash of what it was built from, so a changed dictionary
or jieba version builds a new one. It lives in ``$JIXIAO_CACHE_DIR``, else
``$XDG_CACHE_HOME/jixiao`` or ``~/.cache/jixiao``, else the temporary directory; where none
can be written the tokenizer falls back to the whole dictionary in memory. ``make install``
builds it, so that the first ``jixiao check`` does not pay the 2–5 s of building.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import operator
import os
import struct
import sys
import tempfile
import threading
from array import array
from collections.abc import Iterable
from functools import cache, lru_cache
from math import log
from pathlib import Path

from patterns import lexicon

_FORMAT = b"jixiao-jieba-by-pair-2"
_HEAD = struct.Struct("<Q")  # length of the marshalled (total, index) that follows it


def _import_jieba():
    """``import jieba`` without ``pkg_resources`` (0.2 s of start-up for nothing).

    jieba's ``_compat`` tries ``pkg_resources`` first and falls back to plain file reads when
    it cannot be imported; a ``None`` in ``sys.modules`` makes that import fail for the
    moment of jieba's own import only, and is removed at once.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(60)
    return jieba


def _user_dictionary_bytes() -> bytes:
    """``data/indicator_dict.txt`` without comment and blank lines, as jieba is handed it."""
    lines = "\n".join(
        line for line in (lexicon.DATA / "indicator_dict.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    return lines.encode("utf-8")


def full_tokenizer():
    """A private ``jieba.Tokenizer`` with the whole dictionary and the domain words loaded (jieba's way).

    What the cache is built from, and the fallback where no cache can be written.
    jieba's global tokenizer (``jieba.dt``) stays untouched.
    """
    jieba = _import_jieba()
    tok = jieba.Tokenizer()
    tok.load_userdict(io.BytesIO(_user_dictionary_bytes()))
    return tok


def _source_key() -> str:
    """A hash of everything the dictionary is built from: format, jieba version and dictionary, user words."""
    jieba = _import_jieba()
    dict_file = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    # version and size, not the modification time: every virtual environment installs its own
    # copy of the same dict.txt, and they should share one cache
    h = hashlib.sha256(_FORMAT)
    h.update(f"{jieba.__version__}:{dict_file.stat().st_size}".encode())
    h.update(_user_dictionary_bytes())
    return h.hexdigest()[:16]


def _cache_dirs() -> list[Path]:
    """Where the cache may be, in order; ``$JIXIAO_CACHE_DIR``, when set, alone."""
    if os.environ.get("JIXIAO_CACHE_DIR"):
        return [Path(os.environ["JIXIAO_CACHE_DIR"])]
    dirs = [Path(tempfile.gettempdir()) / "jixiao"]
    xdg = os.environ.get("XDG_CACHE_HOME")
    try:
        dirs.insert(0, Path(xdg) / "jixiao" if xdg else Path.home() / ".cache" / "jixiao")
    except RuntimeError:  # no home directory (a service account): the temporary directory only
        pass
    return dirs


def _pack(ends: list[int]) -> bytes:
    return array("Q", ends).tobytes()


def _unpack(raw: bytes) -> array:
    out = array("Q")
    out.frombytes(raw)
    return out


def write_cache(tok, path: Path) -> None:
    """The prefix dictionary of ``tok`` in blocks by first and second character, written atomically.

    Layout: the format tag, the head's length, the head ``(total, first characters, block
    ends)``, then one block per first character: ``(its own entry's frequency or None,
    second characters, bucket ends, buckets)``, a bucket being the marshalled
    ``{word: freq}`` of one character pair. Reading a block makes four objects, whatever
    its size; the words are made only for the pairs a text holds.
    """
    pairs: dict[str, dict[str, dict[str, int]]] = {}
    for word, freq in tok.FREQ.items():
        pairs.setdefault(word[0], {}).setdefault(word[1:2], {})[word] = freq
    body = io.BytesIO()
    firsts, block_ends = [], []
    for ch, by_second in pairs.items():
        single = by_second.pop("", {}).get(ch)
        data, ends = io.BytesIO(), []
        for words in by_second.values():
            data.write(marshal.dumps(words))
            ends.append(data.tell())
        body.write(marshal.dumps((single, "".join(by_second), _pack(ends), data.getvalue())))
        firsts.append(ch)
        block_ends.append(body.tell())
    head = marshal.dumps((tok.total, "".join(firsts), _pack(block_ends)))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_FORMAT + _HEAD.pack(len(head)) + head + body.getvalue())
        os.chmod(tmp, 0o644)  # a dictionary, nothing private: other users of a shared temporary directory may read it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_head(path: Path) -> tuple[int, str, array, int] | None:
    """(total, first characters, block ends, offset of the first block) of a cache file; None when it is not one."""
    try:
        with open(path, "rb") as f:
            if f.read(len(_FORMAT)) != _FORMAT:
                return None
            (n,) = _HEAD.unpack(f.read(_HEAD.size))
            total, firsts, ends = marshal.loads(f.read(n))
            return total, firsts, _unpack(ends), len(_FORMAT) + _HEAD.size + n
    except (OSError, EOFError, ValueError, TypeError, struct.error):
        return None


def cache_path() -> Path | None:
    """The cache file for the current dictionaries, built if missing; None when nowhere is writable."""
    name = f"jieba-{_source_key()}.bin"
    for d in _cache_dirs():
        path = d / name
        if path.is_file() and _read_head(path) is not None:
            return path
    tok = None
    for d in _cache_dirs():
        try:
            tok = tok or full_tokenizer()
            write_cache(tok, d / name)
            return d / name
        except OSError:
            continue
    return None


@lru_cache(maxsize=8192)
def _hmm_cut(run: str) -> tuple[str, ...]:
    """jieba's HMM words of a run of characters no dictionary word covers (``finalseg.cut``, a
    pure function of the run): memoised, as a document prints its names and places again
    and again, and Viterbi in Python is a tenth of segmenting."""
    from jieba import finalseg

    return tuple(finalseg.cut(run))


def _run_words(run: str, freq: dict) -> Iterable[str]:
    """The words of a run of single characters jieba's best path left (``__cut_DAG``'s rule):
    a run of two or more no dictionary word spells goes through the HMM, else each character."""
    return _hmm_cut(run) if len(run) > 1 and not freq.get(run) else run


def _tokenizer_class():
    jieba = _import_jieba()

    class LazyTokenizer(jieba.Tokenizer):
        """``jieba.Tokenizer`` whose prefix dictionary is read, first character by first character, as texts need it."""

        def __init__(self, path: Path) -> None:
            super().__init__()
            # kept open for the process's life: a long-running process (the web app, a batch
            # worker) reads on after the file is removed or replaced by another build
            self._fd = os.open(path, os.O_RDONLY)
            total, firsts, ends, base = _read_head(path) or (0, "", array("Q"), 0)
            self._base, self._ends = base, ends
            self._firsts = {ch: k for k, ch in enumerate(firsts)}
            self._blocks: dict[str, tuple] = {}  # first character → (its frequency, seconds, bucket ends, buckets)
            self._loaded: set[str] = set()  # characters and pairs whose entries are in FREQ
            self._load_lock = threading.Lock()
            self.total = total
            self.initialized = True  # jieba must never load its own dictionary into this one

        def _block(self, ch: str) -> tuple:
            k = self._firsts.get(ch)
            if k is None:
                return (None, "", array("Q"), b"")
            start = self._ends[k - 1] if k else 0
            raw = os.pread(self._fd, self._ends[k] - start, self._base + start)  # no shared file position
            single, seconds, ends, data = marshal.loads(raw)
            return single, seconds, _unpack(ends), data

        def _load(self, text: str) -> None:
            """Put into FREQ every entry that starts with a character or a character pair of ``text``."""
            wanted = set(text)
            wanted.update(map(operator.add, text, text[1:]))  # the pairs, without a Python loop
            missing = wanted - self._loaded
            if not missing:
                return
            with self._load_lock:
                missing -= self._loaded
                firsts = sorted({key[0] for key in missing} - self._blocks.keys())
                for ch in firsts:
                    self._blocks[ch] = self._block(ch)
                freq = self.FREQ
                for key in missing:
                    single, seconds, ends, data = self._blocks[key[0]]
                    if len(key) == 1:
                        if single is not None:
                            freq[key] = single
                        continue
                    j = seconds.find(key[1])
                    if j >= 0:
                        freq.update(marshal.loads(data[ends[j - 1] if j else 0:ends[j]]))
                self._loaded |= missing  # only once their words are in FREQ

        def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):  # noqa: N803 — jieba's signature
            """jieba's ``cut``, once the words starting with the sentence's characters are loaded."""
            self._load(sentence)
            return super().cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)

        def _route(self, sentence: str) -> list[int]:
            """Where jieba's best path from each position ends (``route[k][1] + 1``): its
            ``get_DAG`` and ``calc`` in one backward pass.

            The same words tried (every prefix that the dictionary holds, from each position),
            the same scores summed in the same order (``log(freq) - log(total) + best rest``,
            so the floats are equal) and the same winner (the highest score, then the later
            end, as ``max`` over (score, end) pairs picks); without the DAG dict, the
            generator per position and the second dictionary lookup per prefix that make
            jieba's version a third of segmenting.
            """
            get = self.FREQ.get
            n = len(sentence)
            logtotal = log(self.total)
            score = [0.0] * (n + 1)  # route[k][0]
            end = [0] * (n + 1)  # route[k][1] + 1
            score[n] = 0  # jieba's route[N] = (0, 0)
            for k in range(n - 1, -1, -1):
                best: tuple[float, int] | None = None
                i, frag = k, sentence[k]
                while i < n:
                    f = get(frag)
                    if f is None:
                        break
                    if f:
                        cand = (log(f) - logtotal + score[i + 1], i)
                        if best is None or cand > best:
                            best = cand
                    i += 1
                    frag = sentence[k:i + 1]
                if best is None:  # no word starts here: the character alone, as jieba's DAG has it
                    best = (log(get(sentence[k:k + 1]) or 1) - logtotal + score[k + 1], k)
                score[k], end[k] = best[0], best[1] + 1
            return end

        def _Tokenizer__cut_DAG(self, sentence: str):  # noqa: N802 — jieba's private method, which its ``cut`` calls
            """jieba's ``__cut_DAG`` (best path, then the HMM over runs of single characters no
            word holds), over :meth:`_route`."""
            end = self._route(sentence)
            freq = self.FREQ
            x = 0
            buf = ""
            n = len(sentence)
            while x < n:
                y = end[x]
                l_word = sentence[x:y]
                if y - x == 1:
                    buf += l_word
                else:
                    if buf:
                        yield from _run_words(buf, freq)
                        buf = ""
                    yield l_word
                x = y
            if buf:
                yield from _run_words(buf, freq)

        def freq(self, word: str) -> int:
            """How often ``word`` occurs in the dictionary (0: only a prefix of words, or absent)."""
            if not word:
                return 0
            self._load(word[:2])
            return self.FREQ.get(word, 0)

    return LazyTokenizer


@cache
def segmenter():
    """The process's one jieba tokenizer with the domain dictionary (jieba's global one stays unloaded).

    Used by the prose recogniser (``patterns.phrases``) and the corpus (``corpus.tokens``);
    ``freq(word)`` answers whether a string is a dictionary word.
    """
    path = cache_path()
    if path is None:
        tok = full_tokenizer()
        tok.freq = lambda word: tok.FREQ.get(word, 0)
        return tok
    return _tokenizer_class()(path)
