"""WARC input: each HTML response record of a ``.warc`` / ``.warc.gz`` file is
a document, named ``FILE#<target URI>`` in the report.

FastWARC is used when installed (``pip install contentcheck[warc]``), warcio
otherwise; records are read one at a time, so an archive never has to fit
in memory.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import replace
from typing import Iterable, Iterator

from ..loaders import DEFAULT_MAX_FILE_SIZE
from .discover import Input
from .sites import host_of

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")


_LENGTH = re.compile(rb"(?im)^content-length:[ \t]*(\d{1,18})[ \t]*$")


class WarcUnavailable(Exception):
    pass


class CheckedStream:
    """The archive's bytes as the reader asks for them, decompressed here (a ``.gz`` file may hold
    many gzip members), with the WARC framing followed on the way. What the readers let pass
    silently is noticed: a truncated gzip member, a record whose Content-Length runs past the end
    of the file (it swallows the records after it), bytes where a record should start (a file
    that is not a WARC file at all)."""

    CHUNK = 1 << 16
    MAX_HEADER = 1 << 20

    def __init__(self, fh, compressed: bool):
        self.fh = fh
        self.z = zlib.decompressobj(31) if compressed else None
        self.member_started = False
        self.buffer = b""  # decompressed bytes not yet handed to the reader
        self.eof = False
        self.records = 0  # complete records followed so far
        self.position = 0  # bytes handed to the reader
        self.problem: str | None = None
        self._head = b""  # a record header cut by the end of a chunk
        self._skip = 0  # bytes left of the current record's block and its trailing CRLF CRLF

    # -- the file-like side the readers use
    def read(self, size: int = -1) -> bytes:
        while not self.eof and (size < 0 or len(self.buffer) < size):
            self._fill()
        if size < 0 or size >= len(self.buffer):
            data, self.buffer = self.buffer, b""
        else:
            data, self.buffer = self.buffer[:size], self.buffer[size:]
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def drain(self) -> None:
        """Follow the framing to the end of the file, past where the reader stopped."""
        self.buffer = b""
        try:
            while not self.eof:
                self._fill()
                self.buffer = b""
        except zlib.error as exc:
            self.problem = self.problem or f"the gzip data is damaged ({exc})"
            self.eof = True

    def _fill(self) -> None:
        raw = self.fh.read(self.CHUNK)
        if not raw:
            self._end()
            return
        data = raw
        if self.z is not None:
            data = b""
            while raw:
                data += self.z.decompress(raw)
                self.member_started = True
                if self.z.eof:  # the next gzip member starts in what is left
                    raw = self.z.unused_data
                    self.z = zlib.decompressobj(31)
                    self.member_started = False
                else:
                    raw = b""
        self._follow(data)
        self.buffer += data

    def _end(self) -> None:
        self.eof = True
        if self.problem:
            return
        if self.z is not None and self.member_started:
            self.problem = "the gzip data is truncated (the file ends inside a compressed record)"
        elif self._skip > 4:  # a missing final CRLF CRLF is forgiven
            self.problem = (f"record {self.records + 1} runs past the end of the file "
                            f"({self._skip - 4:,} bytes of its Content-Length are missing)")
        elif self._head.strip():
            self.problem = f"the file ends inside the header of record {self.records + 1}"

    def _follow(self, data: bytes) -> None:
        i, n = 0, len(data)
        while i < n and self.problem is None:
            if self._skip:
                take = min(self._skip, n - i)
                self._skip -= take
                i += take
                if not self._skip:
                    self.records += 1
                continue
            if self._head:
                data, i = self._head + data[i:], 0
                n = len(data)
                self._head = b""
            k = data.find(b"\r\n\r\n", i)
            if k == -1:
                self._head = data[i:]
                start = self._head.lstrip(b"\r\n")[:5]
                if len(start) == 5 and start != b"WARC/":
                    self._header(start)  # says what is wrong
                elif len(self._head) > self.MAX_HEADER:
                    self.problem = f"no WARC record header where record {self.records + 1} should start"
                break
            self._header(data[i:k])
            i = k + 4

    def _header(self, header: bytes) -> None:
        header = header.lstrip(b"\r\n")
        if not header.startswith(b"WARC/"):
            self.problem = (f"not a WARC record where record {self.records + 1} should start"
                            + (" (this is not a WARC file)" if not self.records else ""))
            return
        m = _LENGTH.search(header)
        if m is None:
            self.problem = f"record {self.records + 1} has no Content-Length"
            return
        self._skip = int(m.group(1)) + 4


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def _records_fastwarc(fh) -> Iterator[tuple[str, str, str, bytes]]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
        uri = record.headers.get("WARC-Target-URI") or ""
        http = record.http_headers
        ctype = (http.get("Content-Type") or "") if http else ""
        language = (http.get("Content-Language") or "") if http else ""
        yield uri, ctype, language, record.reader.read()


def _records_warcio(fh) -> Iterator[tuple[str, str, str, bytes]]:
    from warcio.archiveiterator import ArchiveIterator

    for record in ArchiveIterator(fh):
        if record.rec_type != "response":
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        http = record.http_headers
        ctype = http.get_header("Content-Type") if http else ""
        language = http.get_header("Content-Language") if http else ""
        yield uri, ctype or "", language or "", record.content_stream().read()


def _reader():
    try:
        import fastwarc.warc  # noqa: F401

        return _records_fastwarc
    except ImportError:
        pass
    try:
        import warcio  # noqa: F401

        return _records_warcio
    except ImportError:
        raise WarcUnavailable("reading WARC files needs FastWARC or warcio: "
                              "pip install 'contentcheck[warc]'") from None


def iter_records(item: Input, max_size: int) -> Iterator[Input]:
    """Inputs (with their bytes) for the HTML response records of one archive, then, when the
    archive is damaged, an Input with the error and the number of records read before it."""
    try:
        reader = _reader()
    except WarcUnavailable as exc:
        yield Input(item.path, item.display, None, str(exc))
        return
    read = 0
    problem = None
    try:
        with open(item.path, "rb") as fh:
            stream = CheckedStream(fh, compressed=item.path.lower().endswith(".gz"))
            try:
                for uri, ctype, language, body in reader(stream):
                    if stream.problem and not uri:
                        continue  # the reader's guess at what follows the damage: not a record
                    if ctype and not ctype.split(";")[0].strip().lower().startswith(_HTML_TYPES):
                        continue
                    read += 1
                    name = f"{item.display}#{uri}"
                    if max_size and len(body) > max_size:
                        yield replace(item, display=name, format="html", site=host_of(uri),
                                      error=f"record is {len(body):,} bytes, more than --max-file-size {max_size:,}")
                        continue
                    yield replace(item, display=name, format="html", site=host_of(uri), data=body,
                                  language=language or None)
                stream.drain()
            except Exception as exc:  # noqa: BLE001 - a reader's error on a damaged archive
                stream.drain()
                problem = stream.problem or f"{type(exc).__name__}: {exc}"
            problem = problem or stream.problem
    except OSError as exc:
        yield Input(item.path, item.display, None, f"cannot read WARC file: {exc.strerror or exc}")
        return
    if problem:
        yield Input(item.path, item.display, None,
                    f"damaged WARC file: {problem}; {read:,} HTML record(s) read before it")


def expand_archives(items: Iterable[Input], max_size: int = DEFAULT_MAX_FILE_SIZE) -> Iterator[Input]:
    """WARC files become one Input per HTML response record, read lazily."""
    for item in items:
        if item.error is None and item.data is None and is_warc(item.path):
            yield from iter_records(item, max_size)
        else:
            yield item
