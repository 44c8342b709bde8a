"""WARC input: each HTML response record of a ``.warc`` / ``.warc.gz`` file is
a document, named ``FILE#<target URI>`` in the report.

FastWARC is used when installed (``pip install contentcheck[warc]``), warcio
otherwise; records are read one at a time, so an archive never has to fit
in memory.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..loaders import DEFAULT_MAX_FILE_SIZE
from .discover import Input

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xhtml")


class WarcUnavailable(Exception):
    pass


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
    """Inputs (with their bytes) for the HTML response records of one archive."""
    try:
        reader = _reader()
    except WarcUnavailable as exc:
        yield Input(item.path, item.display, None, str(exc))
        return
    try:
        with open(item.path, "rb") as fh:
            for uri, ctype, language, body in reader(fh):
                if ctype and not ctype.split(";")[0].strip().lower().startswith(_HTML_TYPES):
                    continue
                name = f"{item.display}#{uri}"
                if max_size and len(body) > max_size:
                    yield Input(item.path, name, "html", f"record is {len(body):,} bytes, more than "
                                                         f"--max-file-size {max_size:,}")
                    continue
                yield Input(item.path, name, "html", data=body, language=language or None)
    except OSError as exc:
        yield Input(item.path, item.display, None, f"cannot read WARC file: {exc.strerror or exc}")
    except Exception as exc:  # a corrupt archive: report it, keep the records read so far
        yield Input(item.path, item.display, None, f"corrupt WARC file ({type(exc).__name__}: {exc})")


def expand_archives(items: Iterable[Input], max_size: int = DEFAULT_MAX_FILE_SIZE) -> Iterator[Input]:
    """WARC files become one Input per HTML response record, read lazily."""
    for item in items:
        if item.error is None and item.data is None and is_warc(item.path):
            yield from iter_records(item, max_size)
        else:
            yield item
