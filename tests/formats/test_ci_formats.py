"""CI report formats (SARIF, GitHub annotations, JUnit, GitLab Code Quality), end to end.

Every test runs ``python -m contentcheck check`` in a subprocess, on samples/
(from the repository root) or on small documents written into tmp_path (from
tmp_path, so the reported paths are relative, as they are in CI).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest

from contentcheck.formats.base import printable

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = "samples"
# Shipped with the tests (schemas/README.md says where they come from), so they never skip.
SCHEMAS = Path(__file__).resolve().parent / "schemas"
SARIF_SCHEMA = SCHEMAS / "sarif-schema-2.1.0.json"
JUNIT_SCHEMA = SCHEMAS / "junit-10.xsd"

RULES_YAML = r"""rules:
  - id: house-plug
    category: house-style
    severity: warning
    message: "100% sure: plug here, remove\nit\x01 now"
    description: A newsletter plug in the body.
    kind: phrase
    phrases: ["Subscribe to our newsletter"]
"""
PLUG_MESSAGE = "100% sure: plug here, remove\nit\x01 now"

# Written into tmp_path/docs: a path with a space and a comma, one with a
# colon and a percent sign, an info-only document, a clean one, binary junk.
DOCS = {
    "docs/a b,c.md": "# Harbour news\n\nExperts say the harbour will reopen.\n\n"
                     "Subscribe to our newsletter today.\n",
    "docs/x:y 100%.md": "By Ada Lovelace\n\nThe ferry is late.\n\nSubscribe to our newsletter now.\n",
    "docs/info-only.md": "By Jane Smith\n\nThe new bridge opened on Monday and cost £3.5 million to build.\n",
    "docs/clean.txt": "By Jane Smith\n\nThe library opens at nine on weekdays, the council said.\n",
    "docs/binary.txt": "abc\0def\0ghi\0",
}


def run_cli(*args, cwd=ROOT, env=None, check_rc=(0, 1, 2)):
    full_env = dict(os.environ)
    full_env.pop("GITHUB_STEP_SUMMARY", None)
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), full_env.get("PYTHONPATH")]))
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "contentcheck", "check", "--no-progress", *args],
                          cwd=cwd, env=full_env, capture_output=True, text=True, encoding="utf-8")
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in check_rc, (proc.returncode, proc.stderr)
    return proc


@pytest.fixture
def workdir(tmp_path):
    for name, text in DOCS.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    (tmp_path / "rules.yaml").write_text(RULES_YAML, encoding="utf-8")
    return tmp_path


def check_docs(workdir, *args, **kw):
    return run_cli("docs", "--rules", "rules.yaml", *args, cwd=workdir, **kw)


def json_report(*args, cwd=ROOT):
    return json.loads(run_cli(*args, "--format", "json", cwd=cwd).stdout)


def json_findings(report):
    return {f["fingerprint"]: (d["path"], f) for d in report["documents"] for f in d["findings"]}


# ------------------------------------------------------------------ SARIF

def sarif_validator():
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def assert_valid_sarif(log):
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_samples_validate_and_describe_rules():
    from contentcheck.rulepack import RulePack

    log = json.loads(run_cli(SAMPLES, "--format", "sarif").stdout)
    assert_valid_sarif(log)
    assert log["version"] == "2.1.0" and log["$schema"].startswith("https://")
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "contentcheck" and driver["version"] and driver["informationUri"]
    pack = RulePack.load()
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert {r.id for r in pack.rules} <= set(ids)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for rule in pack.rules:
        desc = driver["rules"][ids.index(rule.id)]
        assert desc["shortDescription"]["text"] == rule.message
        assert desc["fullDescription"]["text"] == (" ".join(rule.description.split()) or rule.message)
        assert desc["defaultConfiguration"]["level"] == levels[rule.severity]
        assert desc["help"]["text"] and desc["help"]["markdown"]
        assert desc["properties"]["tags"] == [rule.category]
        assert desc["name"]
    assert run["results"], "the samples have findings"
    for res in run["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note") and res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert loc["artifactLocation"]["uri"].startswith("samples/")
        assert loc["region"]["startLine"] >= 1
    assert run["invocations"][0]["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in run["invocations"][0]
    text = json.dumps(log)
    assert str(ROOT) not in text, "no absolute paths in the report"


def test_sarif_regions_match_json_report(tmp_path):
    out_json = tmp_path / "report.json"
    log = json.loads(run_cli(SAMPLES, "--format", "sarif", "--output-json", str(out_json)).stdout)
    findings = json_findings(json.loads(out_json.read_text(encoding="utf-8")))
    results = log["runs"][0]["results"]
    assert len(results) == len(findings)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for res in results:
        path, f = findings[res["partialFingerprints"]["contentcheck/v1"]]
        loc = res["locations"][0]["physicalLocation"]
        region = loc["region"]
        assert unquote(loc["artifactLocation"]["uri"]) == path
        assert res["ruleId"] == f["rule"] and res["message"]["text"] == f["message"]
        assert res["level"] == levels[f["severity"]]
        assert (region["startLine"], region["startColumn"]) == (f["line"], f["column"])
        assert (region["endLine"], region["endColumn"]) == (f["end_line"], f["end_column"])
        assert region["endLine"] > region["startLine"] or region["endColumn"] >= region["startColumn"]
        if f["text"]:
            assert region["snippet"]["text"] == f["text"]
        else:
            assert "snippet" not in region


def test_sarif_tmp_documents_extra_rules_and_unreadable(workdir):
    log = json.loads(check_docs(workdir, "--format", "sarif").stdout)
    assert_valid_sarif(log)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert rules["house-plug"]["shortDescription"]["text"] == PLUG_MESSAGE
    assert rules["house-plug"]["fullDescription"]["text"] == "A newsletter plug in the body."
    assert rules["house-plug"]["properties"]["tags"] == ["house-style"]
    uris = {res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for res in run["results"]}
    assert "docs/a%20b,c.md" in uris
    assert "docs/x%3Ay%20100%25.md" in uris  # no scheme-like "x:", "%" encoded
    for uri in uris:
        assert not re.search(r"[ \"<>\\^`{|}]", uri)
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("docs/binary.txt: ")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/binary.txt"


def test_sarif_lists_rule_ids_not_in_pack(tmp_path):
    (tmp_path / "bad.md").write_text("---\ntitle: [unclosed\n---\n\nBy Jane Smith\n\nHello.\n", encoding="utf-8")
    report = json_report("bad.md", cwd=tmp_path)
    rules_seen = {f["rule"] for d in report["documents"] for f in d["findings"]}
    assert "invalid-front-matter" in rules_seen
    log = json.loads(run_cli("bad.md", "--format", "sarif", cwd=tmp_path).stdout)
    assert_valid_sarif(log)
    driver_ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rules_seen <= set(driver_ids)
    extra = log["runs"][0]["tool"]["driver"]["rules"][driver_ids.index("invalid-front-matter")]
    assert extra["properties"]["tags"] == ["input"] and extra["shortDescription"]["text"]
    for res in log["runs"][0]["results"]:
        assert driver_ids[res["ruleIndex"]] == res["ruleId"]


def test_sarif_fingerprints_stable_across_runs_and_edits(workdir):
    first = check_docs(workdir, "--format", "sarif").stdout
    second = check_docs(workdir, "--format", "sarif").stdout
    assert first == second, "same input, same bytes"

    def by_fp(text, path):
        out = {}
        for res in json.loads(text)["runs"][0]["results"]:
            loc = res["locations"][0]["physicalLocation"]
            if unquote(loc["artifactLocation"]["uri"]) == path:
                out[res["partialFingerprints"]["contentcheck/v1"]] = loc["region"]["startLine"]
        return out

    before = by_fp(first, "docs/a b,c.md")
    assert len(before) >= 2
    doc = workdir / "docs" / "a b,c.md"
    doc.write_text("\n\n\n" + doc.read_text(encoding="utf-8"), encoding="utf-8")
    after = by_fp(check_docs(workdir, "--format", "sarif").stdout, "docs/a b,c.md")
    assert set(after) == set(before)
    shifted = [fp for fp in before if after[fp] == before[fp] + 3]
    assert shifted, (before, after)


# ------------------------------------------------------------ all at once

def test_all_reports_in_one_run(workdir):
    (workdir / "out").mkdir()
    proc = check_docs(workdir, "--format", "text", "--output-sarif", "out/r.sarif", "--output-junit", "out/r.xml",
                      "--output-json", "out/r.json", "--output-gitlab", "out/gl.json", check_rc=(2,))
    assert "could not check" in proc.stdout and "finding" in proc.stdout
    report = json.loads((workdir / "out/r.json").read_text(encoding="utf-8"))
    sarif = json.loads((workdir / "out/r.sarif").read_text(encoding="utf-8"))
    gitlab = json.loads((workdir / "out/gl.json").read_text(encoding="utf-8"))
    junit = ET.parse(workdir / "out/r.xml").getroot()
    assert_valid_sarif(sarif)
    n_findings = report["summary"]["findings"]
    assert len(sarif["runs"][0]["results"]) == n_findings
    assert len(gitlab) == n_findings + report["summary"]["unreadable"]
    assert int(junit.get("tests")) == report["summary"]["documents"]
    leftovers = [p.name for p in (workdir / "out").iterdir() if p.name.startswith(".")]
    assert not leftovers


def test_reports_are_deterministic(workdir):
    for fmt in ("sarif", "github", "junit", "gitlab"):
        a = check_docs(workdir, "--format", fmt).stdout
        b = check_docs(workdir, "--format", fmt, "--jobs", "2").stdout
        assert a == b, fmt
        assert str(workdir) not in a, fmt


# ----------------------------------------------------------------- GitHub

# https://docs.github.com/actions/reference/workflow-commands-for-github-actions
_COMMAND = re.compile(r"^::(?P<cmd>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<msg>.*)$")
_PROPERTY_KEYS = {"file", "line", "col", "endLine", "endColumn", "title"}


def _unescape_data(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(s):
    return _unescape_data(s.replace("%3A", ":").replace("%2C", ","))


def parse_annotations(stdout):
    annotations, plain = [], []
    for line in stdout.splitlines():
        m = _COMMAND.match(line)
        if not m:
            assert not line.startswith("::"), line
            plain.append(line)
            continue
        props = {}
        for item in (m["props"] or "").split(","):
            key, sep, value = item.partition("=")
            assert sep and key in _PROPERTY_KEYS, item
            assert ":" not in value and "," not in value
            props[key] = _unescape_property(value)
        annotations.append((m["cmd"], props, _unescape_data(m["msg"])))
    return annotations, plain


def test_github_annotations_round_trip(workdir):
    report = json_report("docs", "--rules", "rules.yaml", cwd=workdir)
    out = check_docs(workdir, "--format", "github").stdout
    assert "\r" not in out
    annotations, plain = parse_annotations(out)
    assert plain and plain[-1].startswith("contentcheck: ") and "finding" in plain[-1]
    expected = []
    commands = {"error": "error", "warning": "warning", "info": "notice"}
    for doc in report["documents"]:
        if doc["error"] is not None and doc["score"] is None:
            expected.append(("error", {"file": doc["path"]}, f"could not check: {doc['error']}"))
        for f in doc["findings"]:
            expected.append((commands[f["severity"]],
                             {"file": doc["path"], "line": str(f["line"]), "col": str(f["column"]),
                              "endLine": str(f["end_line"]), "endColumn": str(f["end_column"]),
                              "title": f["rule"]},
                             printable(f["message"], keep_newlines=True)
                             + (f"\n{f['help_uri']}" if f.get("help_uri") else "")))
    # Control characters other than CR and LF (which GitHub's toolkit escapes) are written as \xNN.
    assert annotations == expected
    files = {props["file"] for _, props, _ in annotations}
    assert {"docs/a b,c.md", "docs/x:y 100%.md", "docs/binary.txt"} <= files
    plugs = [msg for _, props, msg in annotations if props.get("title") == "house-plug"]
    assert plugs and all(msg == printable(PLUG_MESSAGE, keep_newlines=True) for msg in plugs)


def test_github_samples(tmp_path):
    annotations, _ = parse_annotations(run_cli(SAMPLES, "--format", "github").stdout)
    report = json_report(SAMPLES)
    assert len(annotations) == report["summary"]["findings"]
    assert {cmd for cmd, _, _ in annotations} == {"error", "warning", "notice"}


def test_github_step_summary_is_appended(workdir):
    summary_file = workdir / "step-summary.md"
    summary_file.write_text("# Earlier step\n\nkept\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary_file)}
    check_docs(workdir, "--format", "github", env=env)
    once = summary_file.read_text(encoding="utf-8")
    assert once.startswith("# Earlier step\n\nkept\n")
    assert "## contentcheck report" in once
    assert "| error |" in once and "| warning |" in once and "| info |" in once
    assert "| house-style | " in once
    # Worst documents, lowest score first.
    report = json_report("docs", "--rules", "rules.yaml", cwd=workdir)
    scored = sorted((d["score"], d["path"]) for d in report["documents"] if d["score"] is not None)
    rows = re.findall(r"^\| `([^`]+)` \| ([0-9.]+) \| (\d+) \|$", once, re.M)
    assert [r[0] for r in rows] == [p for _, p in sorted(scored, key=lambda sp: sp[0])]
    assert [float(r[1]) for r in rows] == sorted(float(r[1]) for r in rows)
    assert "- `docs/a b,c.md:5` warning `house-plug` 100% sure: plug here, remove it now" in once
    assert "docs/binary.txt" in once  # unreadable documents are named
    check_docs(workdir, "--format", "github", env=env)
    twice = summary_file.read_text(encoding="utf-8")
    assert twice.startswith(once) and twice.count("## contentcheck report") == 2


def test_github_step_summary_limits(tmp_path):
    for i in range(30):
        (tmp_path / f"doc{i:02d}.md").write_text(
            "# Title\n\n" + "Experts say it works. Studies show it helps.\n\n" * (i % 4 + 1), encoding="utf-8")
    summary_file = tmp_path / "summary.md"
    run_cli(".", "--format", "github", cwd=tmp_path, env={"GITHUB_STEP_SUMMARY": str(summary_file)})
    text = summary_file.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `[^`]+` \| ([0-9.]+) \| \d+ \|$", text, re.M)
    assert len(rows) == 20
    assert [float(s) for s in rows] == sorted(float(s) for s in rows)
    items = re.findall(r"^- `[^`]+:\d+` (?:error|warning|info) ", text, re.M)
    assert len(items) == 50


# ------------------------------------------------------------------ JUnit

def test_junit_counts_and_failures(workdir):
    report = json_report("docs", "--rules", "rules.yaml", cwd=workdir)
    out = check_docs(workdir, "--format", "junit").stdout
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert "\x01" not in out
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("name") == "contentcheck"
    (suite,) = root.findall("testsuite")
    docs = report["documents"]
    unreadable = [d for d in docs if d["error"] is not None and d["score"] is None]
    failing = [d for d in docs if any(f["severity"] == "error" for f in d["findings"])]  # --fail-on error
    for el in (root, suite):
        assert int(el.get("tests")) == len(docs)
        assert int(el.get("failures")) == len(failing)
        assert int(el.get("errors")) == len(unreadable)
    assert suite.get("skipped") == "0"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == [d["path"] for d in docs]
    for doc in docs:
        case = cases[doc["path"]]
        assert case.get("classname") == "contentcheck" and case.get("file") is None
        failure, error, system_out = case.find("failure"), case.find("error"), case.find("system-out")
        lines = [f"{doc['path']}:{f['line']}:{f['column']} {f['severity']} {f['rule']} "
                 f"{f['message'].replace(chr(1), '')}"
                 + (f" ({f['help_uri']})" if f.get("help_uri") else "") for f in doc["findings"]]
        if doc in unreadable:
            assert error is not None and failure is None and doc["error"] in error.get("message")
        elif doc in failing:
            assert failure is not None and error is None
            n = len(doc["findings"])
            assert failure.get("message") == f"{n} finding{'s' if n != 1 else ''}"
            assert failure.get("type") == "contentcheck"
            assert failure.text == "\n".join(lines)
        else:
            assert failure is None and error is None
            if doc["findings"]:
                assert system_out is not None and system_out.text == "\n".join(lines)
    info_only = cases["docs/info-only.md"]
    assert info_only.find("failure") is None and "info unsourced-statistic" in info_only.find("system-out").text


def assert_valid_junit(text: str) -> None:
    import xmlschema

    schema = xmlschema.XMLSchema(str(JUNIT_SCHEMA))
    errors = list(schema.iter_errors(text))
    assert not errors, "\n".join(str(e.reason) + " at " + str(e.path) for e in errors[:5])


@pytest.mark.parametrize("args,code,failed", [
    ((), 0, []),                                          # warnings only: the gate passes, so does every case
    (("--fail-on", "warning"), 1, ["docs/a b,c.md", "docs/x:y 100%.md"]),
    (("--fail-on", "info"), 1, ["docs/a b,c.md", "docs/x:y 100%.md", "docs/info-only.md"]),
    (("--fail-on", "never", "--fail-under", "95"), 1, ["docs/a b,c.md", "docs/x:y 100%.md"]),
])
def test_junit_validates_against_junit_10_xsd_and_failures_follow_the_gate(workdir, args, code, failed):
    (workdir / "docs" / "binary.txt").unlink()
    proc = check_docs(workdir, "--format", "junit", *args)
    assert proc.returncode == code
    assert_valid_junit(proc.stdout)
    root = ET.fromstring(proc.stdout.encode("utf-8"))
    assert sorted(c.get("name") for c in root.iter("testcase") if c.find("failure") is not None) == sorted(failed)
    assert int(root.get("failures")) == len(failed)
    if "--fail-under" in args:
        assert "below --fail-under 95" in root.find(".//failure").get("message")


def test_junit_with_an_unreadable_document_validates(workdir):
    proc = check_docs(workdir, "--format", "junit", check_rc=(2,))
    assert_valid_junit(proc.stdout)
    assert int(ET.fromstring(proc.stdout.encode("utf-8")).get("errors")) == 1


def test_junit_samples():
    out = run_cli(SAMPLES, "--format", "junit").stdout
    assert_valid_junit(out)
    root = ET.fromstring(out.encode("utf-8"))
    report = json_report(SAMPLES)
    assert int(root.get("tests")) == report["summary"]["documents"]
    assert int(root.get("errors")) == 0
    failed = root.findall(".//testcase/failure")
    assert len(failed) == int(root.get("failures")) > 0


# ----------------------------------------------------------------- GitLab

REQUIRED_GITLAB = {"description", "check_name", "fingerprint", "severity", "location"}


def assert_gitlab_issues(issues):
    assert isinstance(issues, list)
    for issue in issues:
        assert REQUIRED_GITLAB <= set(issue), issue
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str)
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["lines"]["begin"] >= 1
        assert issue.get("type", "issue") == "issue"
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(fingerprints) == len(set(fingerprints)), "fingerprints must be unique"


def test_gitlab_code_quality(workdir):
    report = json_report("docs", "--rules", "rules.yaml", cwd=workdir)
    issues = json.loads(check_docs(workdir, "--format", "gitlab").stdout)
    assert_gitlab_issues(issues)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    expected = []
    for doc in report["documents"]:
        if doc["error"] is not None and doc["score"] is None:
            expected.append(("contentcheck-unreadable", "blocker", doc["path"], 1))
        for f in doc["findings"]:
            expected.append((f["rule"], severities[f["severity"]], doc["path"], f["line"]))
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"])
            for i in issues] == expected
    found = {f["fingerprint"] for d in report["documents"] for f in d["findings"]}
    assert found <= {i["fingerprint"] for i in issues}


def test_gitlab_duplicate_fingerprints_are_disambiguated(workdir):
    # The same document twice (once on standard input, named like the file)
    # gives every finding the same fingerprint twice.
    doc = workdir / "docs" / "a b,c.md"
    proc = subprocess.run(
        [sys.executable, "-m", "contentcheck", "check", "--no-progress", "--rules", "rules.yaml",
         "--format", "gitlab", "--stdin-name", "docs/a b,c.md", "-", "docs/a b,c.md"],
        cwd=workdir, input=doc.read_bytes(), capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert proc.returncode in (0, 1), proc.stderr
    issues = json.loads(proc.stdout)
    assert len(issues) >= 4 and len(issues) % 2 == 0
    assert_gitlab_issues(issues)
    half = len(issues) // 2
    assert [i["check_name"] for i in issues[:half]] == [i["check_name"] for i in issues[half:]]
    again = json.loads(subprocess.run(
        [sys.executable, "-m", "contentcheck", "check", "--no-progress", "--rules", "rules.yaml",
         "--format", "gitlab", "--stdin-name", "docs/a b,c.md", "-", "docs/a b,c.md"],
        cwd=workdir, input=doc.read_bytes(), capture_output=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout)
    assert again == issues, "disambiguation is deterministic"


def test_gitlab_samples_and_empty():
    issues = json.loads(run_cli(SAMPLES, "--format", "gitlab").stdout)
    assert_gitlab_issues(issues)
    assert len(issues) == json_report(SAMPLES)["summary"]["findings"]
    clean = json.loads(run_cli("samples/clean-post.md", "--format", "gitlab").stdout)
    assert clean == []
