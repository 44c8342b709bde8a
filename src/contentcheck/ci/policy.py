"""What a project decides about findings after they are found: per-path rule
changes, waivers kept outside the content, and a baseline of accepted debt.

Applied in the main process as results arrive, so what is used (a waiver, a
baseline entry) is known across all documents.
"""

from __future__ import annotations

import fnmatch
import json
import os
from dataclasses import dataclass, field, replace

from ..atomic import AtomicWriter, read_text_file
from ..engine.scoring import score
from ..results import RunNotes
from ..text.normalize import normalize

BASELINE_VERSION = 1


class PolicyError(Exception):
    pass


def _shown(path: str) -> str:
    """A file's name for people: relative to the working directory when under it, else absolute."""
    rel = os.path.relpath(os.path.abspath(path))
    return os.path.abspath(path) if rel == ".." or rel.startswith(".." + os.sep) else rel


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


@dataclass
class Baseline:
    """Accepted findings: how many of each fingerprint, and the file each was found in (a fingerprint
    holds its path, so an entry can only match in its own file)."""

    counts: dict[str, int] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)


def load_baseline(path: str) -> Baseline:
    try:
        data = json.loads(read_text_file(path, "baseline"))
        entries = data["findings"]
        baseline = Baseline()
        for e in entries:
            baseline.counts[e["fingerprint"]] = baseline.counts.get(e["fingerprint"], 0) + 1
            baseline.paths[e["fingerprint"]] = str(e.get("path", ""))
        return baseline
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
                 baseline: Baseline | None = None, pack=None,
                 record_baseline: bool = False):
        self.per_path = per_path or []
        self.waivers = waivers or []
        self.baseline = dict(baseline.counts) if baseline is not None else None
        self.baseline_paths = baseline.paths if baseline is not None else {}
        self.baseline_matched = 0
        self.checked: set[str] = set()  # the files this run read: only their entries can be "no longer found"
        self.pack = pack  # for rule weights when a score is recomputed
        self.recorded: list[dict] | None = [] if record_baseline else None

    @property
    def active(self) -> bool:
        return bool(self.per_path or self.waivers or self.baseline is not None or self.recorded is not None)

    def apply(self, result):
        if result.score is None or not self.active:
            return result
        self.checked.add(result.path)
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

    def baseline_gone(self) -> int:
        """Entries not matched in a file this run checked: a run on some files (a hook, --changed-since)
        says nothing of the others' entries, nor of a deleted file's (a full --write-baseline drops them)."""
        return sum(left for fp, left in (self.baseline or {}).items()
                   if left and self.baseline_paths.get(fp) in self.checked)

    def notes(self, waivers_path: str | None = None, config_path: str | None = None) -> RunNotes:
        """The policy's notes, and the configuration in use (so one found upwards never applies unseen)."""
        lines = tuple(self.summary_lines(waivers_path))
        shown = _shown(config_path) if config_path else None
        if shown:
            lines += (f"configuration: {shown}",)
        return RunNotes({"config": shown, **self.summary_extra()}, lines)

    def summary_extra(self) -> dict:
        extra: dict = {}
        if self.baseline is not None:
            extra["baseline"] = {"matched": self.baseline_matched, "no_longer_found": self.baseline_gone()}
        if self.waivers:
            extra["unused_waivers"] = [{"path": w.path, "rule": w.rule, "line": w.line, "reason": w.reason}
                                       for w in self.waivers if not w.used]
        return extra

    def summary_lines(self, waivers_path: str | None = None) -> list[str]:
        lines = []
        if self.baseline is not None:
            gone = self.baseline_gone()
            lines.append(f"baseline: {self.baseline_matched} known finding(s) not shown"
                         + (f"; {gone} no longer found (refresh it with --write-baseline)" if gone else ""))
        for w in self.waivers:
            if not w.used:
                where = os.path.relpath(waivers_path) if waivers_path else "waivers"
                lines.append(f"{where}:{w.line}: waiver for {w.rule} on {w.path} matches nothing; remove it")
        return lines
