"""--output-format concise, one line per finding; a page per rule of the default pack, up to date
and linked from SARIF."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from .test_ci_formats import ROOT, SAMPLES, assert_valid_sarif, json_report, run_cli

LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) (?P<rule>[\w-]+) "
                  r"(?P<message>.+)$")


def test_concise_is_one_line_per_finding_path_line_col_severity_rule_message():
    proc = run_cli(SAMPLES, "--output-format", "concise")
    lines = proc.stdout.splitlines()
    report = json_report(SAMPLES)
    expected = [(d["path"], f["line"], f["column"], f["severity"], f["rule"], f["message"])
                for d in report["documents"] for f in d["findings"]]
    parsed = [LINE.match(x) for x in lines]
    assert all(parsed), [x for x, m in zip(lines, parsed, strict=True) if not m]
    assert [(m["path"], int(m["line"]), int(m["col"]), m["severity"], m["rule"], m["message"]) for m in parsed] \
        == expected
    assert proc.returncode == 1 and len(lines) == report["summary"]["findings"]
    assert run_cli(SAMPLES, "-f", "concise").stdout == proc.stdout


def test_concise_escapes_control_characters_and_names_unreadable_files(tmp_path):
    (tmp_path / "bad\nname.md").write_text("As an AI language model, I cannot.\n")
    (tmp_path / "bin.txt").write_bytes(b"abc\0def\0")
    proc = run_cli(".", "--output-format", "concise", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    assert any(x.startswith("bad\\x0aname.md:") for x in lines)
    assert "bin.txt:1:1: error unreadable could not check:" in proc.stdout
    assert all(LINE.match(x) or "unreadable" in x for x in lines)


def test_every_rule_of_the_default_pack_has_an_up_to_date_page():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "rules_doc.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    listed = subprocess.run([sys.executable, "-m", "contentcheck", "rules", "list"], capture_output=True,
                            text=True, cwd=ROOT).stdout.split()
    for page in (ROOT / "docs" / "rules").glob("*.md"):
        if page.name != "README.md":
            assert page.stem in listed


def test_sarif_rules_link_their_pages():
    log = json.loads(run_cli(SAMPLES, "--format", "sarif").stdout)
    assert_valid_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules
    for rule in rules:
        uri = rule.get("helpUri")
        if rule["id"] in ("invalid-front-matter", "unclosed-code-fence"):
            continue
        assert uri and uri.endswith(f"/docs/rules/{rule['id']}.md"), rule
        assert (ROOT / "docs" / "rules" / f"{rule['id']}.md").is_file()


def test_a_user_rule_has_no_page_to_link(tmp_path):
    (tmp_path / "r.yaml").write_text("rules:\n  - id: house-plug\n    category: house\n    severity: warning\n"
                                     "    message: plug\n    kind: phrase\n    phrases: [Subscribe now]\n")
    (tmp_path / "a.md").write_text("# T\n\nBy Jo Doe\n\nSubscribe now.\n")
    log = json.loads(run_cli("a.md", "-r", "r.yaml", "--format", "sarif", cwd=tmp_path).stdout)
    (house,) = [r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "house-plug"]
    assert "helpUri" not in house


def test_json_markdown_and_html_link_each_default_rule_to_its_page(tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules:\n  - id: house-style\n    category: style\n    severity: warning\n"
                     "    message: house style\n    kind: phrase\n    phrases: [council]\n")
    args = (SAMPLES, "-r", str(rules))
    findings = [f for d in json.loads(run_cli(*args, "-f", "json").stdout)["documents"] for f in d["findings"]]
    assert {f["rule"] for f in findings} >= {"house-style", "chat-preamble"}
    for f in findings:
        if f["rule"] == "house-style":  # a user's rule has no page of ours
            assert "help_uri" not in f
        else:
            assert f["help_uri"].endswith(f"/docs/rules/{f['rule']}.md"), f
            assert (ROOT / "docs" / "rules" / f"{f['rule']}.md").is_file()
    lines = [json.loads(line) for line in run_cli(*args, "-f", "jsonl").stdout.splitlines()]
    assert any(f.get("help_uri") for d in lines if "findings" in d for f in d["findings"])
    markdown = run_cli(*args, "-f", "markdown").stdout
    assert re.search(r"\[`chat-preamble`\]\(https://\S+/docs/rules/chat-preamble\.md\)", markdown)
    assert "`house-style`" in markdown and "[`house-style`]" not in markdown
    page = run_cli(*args, "-f", "html").stdout
    assert re.search(r'<a href="https://\S+/docs/rules/chat-preamble\.md" rel="help"><code class="rule">'
                     r"chat-preamble</code></a>", page)
    assert '<code class="rule">house-style</code>' in page and "rules/house-style.md" not in page


PAGE = re.compile(r"https://\S+/docs/rules/(?P<rule>[\w-]+)\.md")


def _house_rule(tmp_path):
    rules = tmp_path / "mine.yaml"
    rules.write_text("rules:\n  - id: house-style\n    category: style\n    severity: warning\n"
                     "    message: house style\n    kind: phrase\n    phrases: [council]\n")
    return (SAMPLES, "-r", str(rules))


def test_text_report_lists_the_page_of_each_rule_it_reported_and_links_ids_on_a_terminal(tmp_path):
    args = _house_rule(tmp_path)
    reported = {f["rule"] for d in json.loads(run_cli(*args, "-f", "json").stdout)["documents"]
                for f in d["findings"]}
    plain = run_cli(*args, "--color", "never").stdout
    footer = plain.split("Rule pages:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    listed = {line.split()[0]: line.split()[1] for line in footer}
    assert set(listed) == reported - {"house-style"}, footer  # once per rule; a user's rule has no page
    for rule, url in listed.items():
        assert PAGE.fullmatch(url)["rule"] == rule and (ROOT / "docs" / "rules" / f"{rule}.md").is_file()
    assert "\033]8;;" not in plain
    colour = run_cli(*args, "--color", "always").stdout
    assert re.search(r"\033\]8;;https://\S+/docs/rules/chat-preamble\.md\033\\chat-preamble\033\]8;;\033\\",
                     colour)
    assert "\033]8;;" not in colour.split("house-style", 1)[0].rsplit("\n", 1)[-1]
    stats = run_cli(*args, "--statistics").stdout
    assert re.search(r"^\s+\d+\s+chat-preamble\s+https://\S+/docs/rules/chat-preamble\.md$", stats, re.M)


def test_concise_links_rule_ids_only_on_a_colour_terminal():
    plain = run_cli(SAMPLES, "-f", "concise", "--color", "never").stdout
    colour = run_cli(SAMPLES, "-f", "concise", "--color", "always").stdout
    assert "\033" not in plain and "\033]8;;https://" in colour
    unlinked = re.sub(r"\033\]8;;[^\033]*\033\\", "", colour)
    assert unlinked == plain


def test_ci_formats_give_each_finding_its_rule_page(tmp_path):
    args = _house_rule(tmp_path)
    junit = run_cli(*args, "-f", "junit").stdout
    lines = [x for x in junit.splitlines() if re.search(r":\d+:\d+ (error|warning|info) ", x)]
    assert lines
    for line in lines:
        page = PAGE.search(line)
        assert (page is None) == (" house-style " in line), line
        if page:
            assert f" {page['rule']} " in line
    issues = json.loads(run_cli(*args, "-f", "gitlab").stdout)
    for issue in issues:
        if issue["check_name"] == "house-style":
            assert "content" not in issue
        else:
            assert PAGE.search(issue["content"]["body"])["rule"] == issue["check_name"], issue
    github = run_cli(*args, "-f", "github").stdout.splitlines()
    annotations = [x for x in github if x.startswith("::")]
    for line in annotations:
        rule = re.search(r"title=([\w-]+)::", line).group(1)
        message = line.split("::", 2)[2]
        if rule == "house-style":
            assert "%0A" not in message
        else:
            assert PAGE.search(message.split("%0A")[-1])["rule"] == rule, line
