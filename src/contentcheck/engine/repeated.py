"""Repeated text per site (``kind: repeated``, ``check --sites``): the engine's two halves.

On each document, ``set_aside`` takes the kind's matches (one per main-content block, its keys
in the message) out of the findings: they are candidates, kept in ``DocumentResult.pending``,
after the rule's conditions and the document's suppressions were applied like any finding's.
Once every document is read, ``BlockCounts`` knows on how many pages of each site each key is,
and ``decide`` turns the candidates that recur enough into findings, scores the document again
and gives its findings their fingerprints.

Memory: counts, never texts. A Bloom filter of ``BLOOM_BITS`` bits (8 MB) remembers the keys seen
once; only keys seen again get an exact counter (a dict entry, about 150 bytes). Unique article
paragraphs, the bulk of a crawl, cost bits; repeated blocks cost entries. A key that the filter
wrongly takes for seen (about 1 in 7,000 at 100,000 documents of 15 blocks) is counted one too
many, which cannot make a unique block reach ``min_documents``.
"""

from __future__ import annotations

from dataclasses import replace
from hashlib import blake2b

from ..results import DocumentResult, Finding
from .fingerprints import assign as assign_fingerprints
from .scoring import score

BLOOM_BITS = 1 << 26
_MASK = BLOOM_BITS - 1
_SHAPE_SALT = 0x5A5A_5A5A_5A5A_5A5A_5A5A_5A5A_5A5A_5A5A


def repeated_ids(pack) -> frozenset[str]:
    ids = getattr(pack, "_repeated_ids", None)
    if ids is None:
        ids = frozenset(r.id for r in pack.rules if r.kind == "repeated")
        try:
            pack._repeated_ids = ids
        except AttributeError:
            pass
    return ids


def set_aside(findings: list[Finding], ids: frozenset[str]) -> tuple[list[Finding], list[Finding]]:
    """(findings, candidates): the repeated rules' matches are candidates, not findings yet."""
    if not ids:
        return findings, []
    kept, pending = [], []
    for f in findings:
        (pending if f.rule in ids else kept).append(f)
    return kept, pending


def candidates(pending: list[Finding], pack) -> list[tuple[int, int, Finding | None]]:
    """(key, shape key, finding with the rule's message) for each candidate; the finding is None
    for a block a suppression hides (its rule id was emptied), which still counts as on the page."""
    out = []
    by_id = pack.by_id if pending else {}
    for f in pending:
        key, _, shape = f.message.partition(" ")
        shown = replace(f, message=by_id[f.rule].message) if f.rule else None
        out.append((int(key, 16), int(shape, 16), shown))
    return out


def _salt(site: str) -> int:
    return int.from_bytes(blake2b(site.encode("utf-8", "surrogatepass"), digest_size=16).digest(), "big")


class BlockCounts:
    """On how many documents of each site each block key (and each shape key) is."""

    def __init__(self) -> None:
        self.documents: dict[str | None, int] = {}
        self._seen = bytearray(BLOOM_BITS // 8)
        self._many: dict[int, int] = {}
        self._salts: dict[str, int] = {}

    def _site_salt(self, site: str) -> int:
        salt = self._salts.get(site)
        if salt is None:
            salt = self._salts[site] = _salt(site)
        return salt

    def add(self, result: DocumentResult) -> None:
        site = result.site
        self.documents[site] = self.documents.get(site, 0) + 1
        if site is None or not result.pending:
            return
        salt = self._site_salt(site)
        keys = {key ^ salt for key, _, _ in result.pending}
        keys.update(shape ^ salt ^ _SHAPE_SALT for _, shape, _ in result.pending)
        seen, many = self._seen, self._many
        for key in keys:
            n = many.get(key)
            if n is not None:
                many[key] = n + 1
                continue
            bits = (key & _MASK, (key >> 26) & _MASK, (key >> 52) & _MASK)
            if all(seen[b >> 3] & (1 << (b & 7)) for b in bits):
                many[key] = 2
            else:
                for b in bits:
                    seen[b >> 3] |= 1 << (b & 7)

    def count(self, site: str, key: int, shape: bool = False) -> int:
        """Documents of ``site`` carrying the key: exact from 2 up, 1 otherwise (or 0 if never seen)."""
        full = key ^ self._site_salt(site) ^ (_SHAPE_SALT if shape else 0)
        n = self._many.get(full)
        if n is not None:
            return n
        bits = (full & _MASK, (full >> 26) & _MASK, (full >> 52) & _MASK)
        return 1 if all(self._seen[b >> 3] & (1 << (b & 7)) for b in bits) else 0

    @property
    def entries(self) -> int:
        return len(self._many)


def decide(result: DocumentResult, counts: BlockCounts, pack) -> DocumentResult:
    """The document with the candidates that recur enough on its site as findings."""
    pending, result.pending = result.pending, []
    site = result.site
    if not pending or site is None:
        return result
    total = counts.documents.get(site, 0)
    by_id = pack.by_id
    added: list[Finding] = []
    for key, shape, f in pending:
        if f is None:
            continue
        params = by_id[f.rule].params
        n = counts.count(site, key)
        if n < params["min_documents"] or n < params["min_share"] * total:
            continue
        if counts.count(site, shape, shape=True) - n >= 2:
            continue  # the same line with other names on other pages: a credit or a byline
        if any(_overlap(f, g) for g in result.findings if g.category == f.category):
            continue  # a rule of the pack already reports it: one problem, one finding
        added.append(replace(f, message=f"{f.message} (on {n} of {total} pages of {site})"))
    if not added:
        return result
    findings = sorted(result.findings + added, key=Finding.sort_key)
    findings = assign_fingerprints(result.path, findings)
    return replace(result, findings=findings, score=score(findings, pack.weights))


def _overlap(a: Finding, b: Finding) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)
