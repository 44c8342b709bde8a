"""What a project decides about findings after they are found: per-path rule
changes, waivers kept outside the content, and a baseline of accepted debt.

Applied in the main process as results arrive, so what is used (a waiver, a
baseline entry) is known across all documents.
"""

from __future__ import annotations

import fnmatch
import json
import os
from dataclasses import replace

from ..atomic import AtomicWriter, read_text_file
from ..engine.scoring import score
from ..results import RunNotes
from ..text.normalize import normalize

BASELINE_VERSION = 1


class PolicyError(Exception):
    pass


def _glob(path: str, pattern: str) -> bool:
    """fnmatch, where ``*`` also crosses folders, and ``dir/**`` is everything under dir."""
    if fnmatch.fnmatch(path, pattern):
        return True
    return pattern.endswith("/**") and path.startswith(pattern[:-3] + "/")


class Waiver:
    def __init__(self, path: str, rule: str, text: str | None, reason: str, line: int):
        self.path, self.rule, self.reason, self.line = path, rule, reason, line
        self.text = normalize(text) if text is not None else None
        self.used = 0

    def covers(self, doc_path: str, finding) -> bool:
        if finding.rule != self.rule and finding.category != self.rule:
            return False
        if not _glob(doc_path, self.path):
            return False
        return self.text is None or normalize(finding.text) == self.text


def load_waivers(path: str) -> list[Waiver]:
    import yaml

    from .. import safe_yaml
    from ..rulepack.schema import Invalid, mapping_items, v_nonempty_str, v_str

    try:
        root = safe_yaml.compose(read_text_file(path, "waivers"))
    except OSError as exc:
        raise PolicyError(f"{path}:1:1: cannot read the waivers: {exc.strerror or exc}") from None
    except safe_yaml.YamlError as exc:
        raise PolicyError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from None
    if root is None:
        return []
    waivers = []
    try:
        items = dict((k.value, v) for k, v in mapping_items(root))
        node = items.get("waivers")
        if not isinstance(node, yaml.SequenceNode):
            raise Invalid(root, "expected a top-level 'waivers:' list")
        for item in node.value:
            fields = {}
            for knode, vnode in mapping_items(item):
                key = v_nonempty_str(knode)
                if key not in ("path", "rule", "text", "reason"):
                    raise Invalid(knode, f"unknown waiver key {key!r}; use path, rule, text, reason")
                fields[key] = v_str(vnode)
            for key in ("path", "rule", "reason"):
                if not fields.get(key, "").strip():
                    raise Invalid(item, f"a waiver needs {key!r} (the reason is what reviewers read)")
            waivers.append(Waiver(fields["path"], fields["rule"], fields.get("text"), fields["reason"],
                                  item.start_mark.line + 1))
    except Invalid as exc:
        mark = exc.node.start_mark
        raise PolicyError(f"{path}:{mark.line + 1}:{mark.column + 1}: {exc.message}") from None
    return waivers


def load_baseline(path: str) -> dict[str, int]:
    try:
        data = json.loads(read_text_file(path, "baseline"))
        entries = data["findings"]
        counts: dict[str, int] = {}
        for e in entries:
            counts[e["fingerprint"]] = counts.get(e["fingerprint"], 0) + 1
        return counts
    except FileNotFoundError:
        raise PolicyError(f"{path}: baseline file not found (create it with --write-baseline {path})") from None
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except RecursionError:
        raise PolicyError(f"{path}: not a contentcheck baseline (nested too deeply); write a new one with "
                          f"--write-baseline") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise PolicyError(f"{path}: not a contentcheck baseline ({exc}); write a new one with "
                          f"--write-baseline") from None


def write_baseline(path: str, entries: list[dict]) -> None:
    entries.sort(key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]))
    w = AtomicWriter(path, "baseline")
    try:
        w.write(json.dumps({"contentcheck_baseline": BASELINE_VERSION, "findings": entries},
                           indent=1, ensure_ascii=False) + "\n")
        w.commit()
    except BaseException:
        w.abort()
        raise


class Policy:
    def __init__(self, *, per_path: list[dict] | None = None, waivers: list[Waiver] | None = None,
                 baseline: dict[str, int] | None = None, pack=None,
                 record_baseline: bool = False):
        self.per_path = per_path or []
        self.waivers = waivers or []
        self.baseline = dict(baseline) if baseline is not None else None
        self.baseline_matched = 0
        self.pack = pack  # for rule weights when a score is recomputed
        self.recorded: list[dict] | None = [] if record_baseline else None

    @property
    def active(self) -> bool:
        return bool(self.per_path or self.waivers or self.baseline is not None or self.recorded is not None)

    def apply(self, result):
        if result.score is None or not self.active:
            return result
        findings = result.findings
        for entry in self.per_path:
            if any(_glob(result.path, p) for p in entry["paths"]):
                ignore = set(entry.get("ignore", ()))
                select = set(entry.get("select", ()))
                findings = [f for f in findings
                            if f.rule not in ignore and f.category not in ignore
                            and (not select or f.rule in select or f.category in select)]
        if self.waivers:
            kept = []
            for f in findings:
                waiver = next((w for w in self.waivers if w.covers(result.path, f)), None)
                if waiver is None:
                    kept.append(f)
                else:
                    waiver.used += 1
            findings = kept
        if self.recorded is not None:
            self.recorded.extend({"path": result.path, "rule": f.rule, "fingerprint": f.fingerprint,
                                  "line": f.line, "text": f.text} for f in findings)
        if self.baseline is not None:
            kept = []
            for f in findings:
                if self.baseline.get(f.fingerprint, 0) > 0:
                    self.baseline[f.fingerprint] -= 1
                    self.baseline_matched += 1
                else:
                    kept.append(f)
            findings = kept
        if findings is result.findings:
            return result
        weights = self.pack.weights if self.pack is not None else {}
        return replace(result, findings=findings, score=score(findings, weights))

    def notes(self, waivers_path: str | None = None) -> RunNotes:
        return RunNotes(self.summary_extra(), tuple(self.summary_lines(waivers_path)))

    def summary_extra(self) -> dict:
        extra: dict = {}
        if self.baseline is not None:
            extra["baseline"] = {"matched": self.baseline_matched,
                                 "no_longer_found": sum(self.baseline.values())}
        if self.waivers:
            extra["unused_waivers"] = [{"path": w.path, "rule": w.rule, "line": w.line, "reason": w.reason}
                                       for w in self.waivers if not w.used]
        return extra

    def summary_lines(self, waivers_path: str | None = None) -> list[str]:
        lines = []
        if self.baseline is not None:
            gone = sum(self.baseline.values())
            lines.append(f"baseline: {self.baseline_matched} known finding(s) not shown"
                         + (f"; {gone} no longer found (refresh it with --write-baseline)" if gone else ""))
        for w in self.waivers:
            if not w.used:
                where = os.path.relpath(waivers_path) if waivers_path else "waivers"
                lines.append(f"{where}:{w.line}: waiver for {w.rule} on {w.path} matches nothing; remove it")
        return lines
