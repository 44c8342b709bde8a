"""scale/cache.py: results kept by path, file stamp and content digest, one index per rule pack."""

from __future__ import annotations

import os

from contentcheck.engine.check import check_input
from contentcheck.inputs.discover import Input
from contentcheck.rulepack import RulePack
from contentcheck.scale.cache import ResultCache

TEXT = "Title\n\nAs an AI language model, I cannot say.\n"


def _run(folder, path, pack):
    cache = ResultCache(str(folder), pack.hash)
    item = Input(str(path), "doc.txt", "text")
    hit, token = cache.lookup(item, 0)
    result = hit if hit is not None else check_input(item, pack)
    if hit is None:
        cache.store(item.display, token, result)
    cache.save()
    return cache, result


def test_a_second_run_is_answered_from_the_cache(tmp_path):
    pack = RulePack.load()
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    first, result = _run(tmp_path / "cache", doc, pack)
    assert (first.hits, first.misses) == (0, 1)
    second, cached = _run(tmp_path / "cache", doc, pack)
    assert (second.hits, second.misses) == (1, 0)
    assert cached.to_dict() == result.to_dict()
    assert [f.offset for f in cached.findings] == [f.offset for f in result.findings]


def test_same_content_new_stamp_is_a_hit_changed_content_a_miss(tmp_path):
    pack = RulePack.load()
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    _run(tmp_path / "cache", doc, pack)
    os.utime(doc, ns=(1, 1))
    assert _run(tmp_path / "cache", doc, pack)[0].hits == 1
    doc.write_text(TEXT.replace("AI", "A.I."), encoding="utf-8")
    assert _run(tmp_path / "cache", doc, pack)[0].misses == 1


def test_a_damaged_index_is_set_aside_and_rebuilt(tmp_path):
    pack = RulePack.load()
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    cache, _ = _run(tmp_path / "cache", doc, pack)
    with open(cache.path, "w", encoding="utf-8") as fh:
        fh.write("{not a database" * 100)
    again, _ = _run(tmp_path / "cache", doc, pack)
    assert again.misses == 1 and "damaged" in again.warning
    third, _ = _run(tmp_path / "cache", doc, pack)
    assert (third.hits, third.misses, third.warning) == (1, 0, None)
    assert not [p for p in os.listdir(tmp_path / "cache") if p.endswith(".tmp")]
