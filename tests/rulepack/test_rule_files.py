"""Rule files: validation errors located as file:line:column, the minimal form,
overrides of the default pack, selection, `rules test`, and YAML safety."""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest

from contentcheck.api import check_text
from contentcheck.rulepack import RulePack, RulePackError

from ..conftest import REPO, cli_env, rule_ids, run_cli, run_json, write_rules

VALID_RULE = """
  - id: green-apple
    category: test
    severity: warning
    message: Green apple
    kind: phrase
    phrases: ["green apple"]
"""


def load_errors(tmp_path, text: str, name: str = "rules.yaml") -> tuple[str, list]:
    path = write_rules(tmp_path, text, name)
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(path)], use_default=False)
    return str(path), info.value.errors


def one_error(tmp_path, text: str):
    path, errors = load_errors(tmp_path, text)
    assert len(errors) == 1, [str(e) for e in errors]
    err = errors[0]
    assert err.path == path
    assert str(err).startswith(f"{path}:{err.line}:{err.column}: ")
    return err


# ---------------------------------------------------------------- schema errors

def test_unknown_key_with_did_you_mean(tmp_path):
    err = one_error(tmp_path, """
        rules:
          - id: green-apple
            category: test
            message: Green apple
            kind: phrase
            phrases: ["green apple"]
            fuzy: 80
        """)
    assert (err.line, err.column) == (7, 5)
    assert "fuzy" in err.message
    assert "did you mean 'fuzzy'" in err.message


def test_unknown_common_key_with_did_you_mean(tmp_path):
    err = one_error(tmp_path, """
        rules:
          - id: green-apple
            category: test
            severty: error
            message: Green apple
            kind: phrase
            phrases: ["green apple"]
        """)
    assert (err.line, err.column) == (4, 5)
    assert "did you mean 'severity'" in err.message


@pytest.mark.parametrize("key_line,line,column,words", [
    ("severity: 3", 5, 15, "expected text"),
    ("severity: fatal", 5, 15, "must be one of"),
    ("standalone: \"yes\"", 5, 17, "true or false"),
    ("weight: heavy", 5, 13, "number"),
    ("fuzzy: 150", 5, 12, "between 0 and 100"),
    ("phrases: {a: b}", 5, 14, "list"),
])
def test_wrong_type(tmp_path, key_line, line, column, words):
    text = ("rules:\n  - id: green-apple\n    category: test\n    message: Green apple\n"
            f"    {key_line}\n    kind: phrase\n")
    if not key_line.startswith("phrases"):
        text += "    phrases: [green apple]\n"
    err = one_error(tmp_path, text)
    assert (err.line, err.column) == (line, column)
    assert words in err.message
    assert err.message.startswith(key_line.split(":")[0] + ":")


def test_duplicate_id_in_one_file(tmp_path):
    err = one_error(tmp_path, "rules:" + VALID_RULE + VALID_RULE)
    assert (err.line, err.column) == (9, 9)
    assert "duplicate rule id 'green-apple'" in err.message
    assert "line 2" in err.message


def test_duplicate_id_across_user_files(tmp_path):
    first = write_rules(tmp_path, "rules:" + VALID_RULE, "a.yaml")
    second = write_rules(tmp_path, "rules:" + VALID_RULE, "b.yaml")
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(first), str(second)], use_default=False)
    (err,) = info.value.errors
    assert err.path == str(second)
    assert str(first) in err.message


@pytest.mark.parametrize("bad_id", ["Green_Apple", "green apple", "-green", "green--apple"])
def test_bad_id(tmp_path, bad_id):
    err = one_error(tmp_path, VALID_RULE.replace("green-apple", f'"{bad_id}"', 1).join(["rules:", ""]))
    assert (err.line, err.column) == (2, 9)
    assert "lower-case" in err.message


def test_unknown_kind_with_suggestion(tmp_path):
    err = one_error(tmp_path, "rules:" + VALID_RULE.replace("kind: phrase", "kind: phrse"))
    assert (err.line, err.column) == (6, 11)
    assert "unknown kind 'phrse'" in err.message
    assert "did you mean 'phrase'" in err.message


def test_regex_that_does_not_compile(tmp_path):
    err = one_error(tmp_path, """
        rules:
          - id: broken-pattern
            category: test
            message: Broken
            kind: pattern
            pattern: "(unclosed"
        """)
    assert (err.line, err.column) == (6, 14)
    assert "does not compile" in err.message


def test_yaml_syntax_error(tmp_path):
    err = one_error(tmp_path, "rules:\n  - id: green-apple\n    category: [test\n    message: x\n")
    assert "invalid YAML" in err.message
    assert err.line >= 3


def test_tab_indentation_is_a_yaml_error(tmp_path):
    err = one_error(tmp_path, "rules:\n  - id: green-apple\n\tcategory: test\n")
    assert "invalid YAML" in err.message
    assert err.line == 3


def test_empty_file(tmp_path):
    err = one_error(tmp_path, "")
    assert (err.line, err.column) == (1, 1)
    assert "empty" in err.message


def test_comment_only_file_is_empty(tmp_path):
    err = one_error(tmp_path, "# nothing yet\n")
    assert "empty" in err.message


@pytest.mark.parametrize("text", ["- id: green-apple\n  category: test\n", "rule:\n  - id: x\n", "just text\n"])
def test_missing_top_level_rules(tmp_path, text):
    _, errors = load_errors(tmp_path, text)
    assert any("'rules:'" in e.message for e in errors)
    assert all((e.line, e.column) == (1, 1) for e in errors)


def test_rules_must_be_a_list(tmp_path):
    err = one_error(tmp_path, "rules:\n  id: green-apple\n")
    assert "must be a list" in err.message


def test_rule_missing_message(tmp_path):
    err = one_error(tmp_path, """
        rules:
          - id: no-message
            category: test
            kind: phrase
            phrases: ["green apple"]
        """)
    assert err.line == 2
    assert "no-message" in err.message
    assert "missing message" in err.message


def test_kind_without_its_required_key(tmp_path):
    err = one_error(tmp_path, "rules:\n  - id: no-phrases\n    category: t\n    message: m\n    kind: phrase\n")
    assert "needs 'phrases'" in err.message


def test_all_schema_problems_of_a_file_in_one_pass(tmp_path):
    path, errors = load_errors(tmp_path, """
        rules:
          - id: good-rule
            category: test
            message: hi
            kind: phrase
            phrases: [a b]
            fuzy: 80
          - id: Bad_ID
            category: test
            severity: 3
            message: hi
            kind: phrase
            phrases: [x]
          - id: good-rule
            category: test
            message: dup
            kind: phrase
            phrases: [y]
          - id: kinder
            category: test
            message: k
            kind: phrse
          - id: re-bad
            category: test
            message: k
            kind: pattern
            pattern: "(unclosed"
        """)
    where = [(e.line, e.column) for e in errors]
    assert where == [(7, 5), (8, 9), (10, 15), (14, 9), (22, 11), (27, 14)]
    assert all(e.path == path for e in errors)


# Regression: a missing required key used to be reported only after every other
# problem of the file was fixed.
def test_missing_message_reported_with_other_problems(tmp_path):
    _, errors = load_errors(tmp_path, """
        rules:
          - id: no-message
            category: test
            kind: phrase
            phrases: ["green apple"]
          - id: typo-key
            category: test
            message: m
            kind: phrase
            phrases: ["red pear"]
            standalon: true
        """)
    messages = " | ".join(e.message for e in errors)
    assert "standalon" in messages
    assert "missing message" in messages


def test_problems_in_several_files_are_all_reported(tmp_path):
    a = write_rules(tmp_path, "rules:\n  - id: a\n    category: t\n    message: m\n    kind: phrse\n", "a.yaml")
    b = write_rules(tmp_path, "", "b.yaml")
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(a), str(b)], use_default=False)
    assert sorted(e.path for e in info.value.errors) == [str(a), str(b)]


def test_missing_rule_file(tmp_path):
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(tmp_path / "absent.yaml")], use_default=False)
    assert "not found" in info.value.errors[0].message


def test_broken_rule_file_on_the_cli(tmp_path):
    path = write_rules(tmp_path, "rules:" + VALID_RULE.replace("kind: phrase", "kind: phrse"), "house.yaml")
    proc = run_cli("rules", "validate", str(path))
    assert proc.returncode == 2
    assert f"{path}:6:11:" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout


# ---------------------------------------------------------------- valid packs

README_MINIMAL = """
rules:
  - id: house-newsletter-plug          # unique, lower-case words joined by '-'
    category: template-leftover        # free text; the default pack uses the four above
    severity: error                    # error | warning | info (default warning)
    message: Newsletter plug left in the body
    kind: phrase                       # the check kind that runs this rule
    phrases: ["Subscribe to our weekly newsletter"]
"""


def test_minimal_rule_form_from_the_readme(tmp_path):
    path = write_rules(tmp_path, README_MINIMAL)
    pack = RulePack.load([str(path)], use_default=False)
    assert [r.id for r in pack.rules] == ["house-newsletter-plug"]
    result = check_text("Title\n\nGood story.\n\nSubscribe to our weekly newsletter!\n", pack, fmt="text")
    (f,) = result.findings
    assert (f.rule, f.category, f.severity, f.line, f.column) == \
        ("house-newsletter-plug", "template-leftover", "error", 5, 1)
    assert f.message == "Newsletter plug left in the body"


def test_severity_defaults_to_warning(tmp_path):
    path = write_rules(tmp_path, "rules:\n  - id: x-rule\n    category: t\n    message: m\n"
                                 "    kind: phrase\n    phrases: [green apple]\n")
    pack = RulePack.load([str(path)], use_default=False)
    assert pack.rules[0].severity == "warning"


def test_rules_folder_is_read_recursively(tmp_path):
    write_rules(tmp_path, "rules:" + VALID_RULE, "house/a.yaml")
    write_rules(tmp_path, "rules:" + VALID_RULE.replace("green-apple", "red-pear"), "house/sub/b.yml")
    write_rules(tmp_path, "not: [valid", "house/.hidden/c.yaml")
    pack = RulePack.load([str(tmp_path / "house")], use_default=False)
    assert sorted(r.id for r in pack.rules) == ["green-apple", "red-pear"]


def test_default_pack_loads():
    pack = RulePack.load()
    ids = {r.id for r in pack.all_rules}
    assert {"fiction-disclaimer", "missing-author", "related-content-widget", "weasel-attribution"} <= ids
    categories = {r.category for r in pack.all_rules}
    assert categories == {"fiction-disclaimer", "missing-author", "template-leftover", "unattributed-claim"}


def test_partial_override_of_a_default_rule(tmp_path):
    path = write_rules(tmp_path, "rules:\n  - id: missing-author\n    severity: info\n")
    pack = RulePack.load([str(path)])
    rule = pack.by_id["missing-author"]
    default = RulePack.load().by_id["missing-author"]
    assert rule.severity == "info"
    assert (rule.kind, rule.message, rule.params["field"]) == (default.kind, default.message, "author")
    result = check_text("Council approves budget\n\nThe council approved the budget.\n", pack, fmt="text")
    assert [(f.rule, f.severity) for f in result.findings] == [("missing-author", "info")]


def test_override_disables_a_default_rule(tmp_path):
    path = write_rules(tmp_path, "rules:\n  - id: related-content-widget\n    enabled: false\n")
    pack = RulePack.load([str(path)])
    assert "related-content-widget" not in {r.id for r in pack.rules}
    result = check_text("Title\n\nBy Jane Doe\n\nText.\n\nYou May Also Like\n", pack, fmt="text")
    assert "related-content-widget" not in rule_ids(result)


def test_override_enables_a_disabled_default_rule(tmp_path):
    path = write_rules(tmp_path, "rules:\n  - id: fiction-without-disclaimer\n    enabled: true\n")
    pack = RulePack.load([str(path)])
    assert "fiction-without-disclaimer" in {r.id for r in pack.rules}
    assert "fiction-without-disclaimer" not in {r.id for r in RulePack.load().rules}


def test_full_override_replaces_a_default_rule(tmp_path):
    path = write_rules(tmp_path, """
        rules:
          - id: related-content-widget
            category: template-leftover
            severity: error
            message: House widget heading
            kind: phrase
            standalone: true
            phrases: ["Our picks"]
        """)
    pack = RulePack.load([str(path)])
    result = check_text("Title\n\nBy Jane Doe\n\nText.\n\nYou May Also Like\n\nOur picks\n", pack, fmt="text")
    assert [(f.rule, f.line, f.severity) for f in result.findings] == [("related-content-widget", 9, "error")]


SELECT_DOC = ("Council approves budget\n\nExperts say the budget is fine.\n\nYou May Also Like\n")


def test_select_and_ignore_by_id_and_category():
    def ids(**kwargs):
        return sorted(set(rule_ids(check_text(SELECT_DOC, RulePack.load(**kwargs), fmt="text"))))

    assert ids() == ["missing-author", "related-content-widget", "weasel-attribution"]
    assert ids(select=["missing-author"]) == ["missing-author"]
    assert ids(select=["template-leftover", "weasel-attribution"]) == ["related-content-widget",
                                                                        "weasel-attribution"]
    assert ids(ignore=["unattributed-claim"]) == ["missing-author", "related-content-widget"]
    assert ids(ignore=["missing-author", "related-content-widget"]) == ["weasel-attribution"]
    assert ids(select=["template-leftover"], ignore=["related-content-widget"]) == []


def test_select_and_ignore_on_the_cli(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(SELECT_DOC, encoding="utf-8")

    def ids(*args):
        _, report = run_json("check", str(doc), *args)
        return sorted({f["rule"] for f in report["documents"][0]["findings"]})

    assert ids("--select", "missing-author,template-leftover") == ["missing-author", "related-content-widget"]
    assert ids("--ignore", "unattributed-claim", "--ignore", "missing-author") == ["related-content-widget"]


# ---------------------------------------------------------------- rules test

def test_rules_test_passes_on_the_default_pack():
    proc = run_cli("rules", "test")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 failed" in proc.stdout


def test_rules_test_fails_when_an_example_does_not_match(tmp_path):
    path = write_rules(tmp_path, """
        rules:
          - id: green-apple
            category: test
            message: Green apple
            kind: phrase
            phrases: ["green apple"]
            examples:
              match:
                - "A green apple fell."
                - "A red pear fell."
              no_match:
                - "A greenish apple fell."
        """)
    proc = run_cli("rules", "test", str(path))
    assert proc.returncode == 1
    assert "FAIL green-apple" in proc.stdout
    assert "A red pear fell." in proc.stdout
    assert "2 passed, 1 failed" in proc.stdout


def test_rules_test_fails_when_a_no_match_example_fires(tmp_path):
    path = write_rules(tmp_path, "rules:" + VALID_RULE + "    examples:\n      no_match: [\"A green apple.\"]\n")
    proc = run_cli("rules", "test", str(path))
    assert proc.returncode == 1
    assert "should not match" in proc.stdout


def test_rules_validate_ok(tmp_path):
    path = write_rules(tmp_path, README_MINIMAL)
    proc = run_cli("rules", "validate", str(path))
    assert proc.returncode == 0
    assert "1 rules OK" in proc.stdout or "1 rule OK" in proc.stdout


# ---------------------------------------------------------------- YAML safety

BILLION_LAUGHS = """\
rules:
  - id: lol
    category: test
    message: lol
    kind: phrase
    description: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    examples:
      match: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
      no_match: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    when:
      labels: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    unless:
      labels: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    phrases: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    help: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    scope: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    weight: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

CLASSIC_BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
rules:
  - id: lol
    category: test
    message: lol
    kind: phrase
    phrases: *i
"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, CLASSIC_BILLION_LAUGHS], ids=["in-rule", "classic"])
def test_billion_laughs_rule_file_is_refused_quickly(tmp_path, text):
    path = tmp_path / "lol.yaml"
    path.write_text(text, encoding="utf-8")
    started = time.monotonic()
    proc = run_cli("rules", "validate", str(path), timeout=30)
    assert time.monotonic() - started < 10
    assert proc.returncode == 2
    assert f"{path}:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_many_aliases_are_refused_with_a_clear_message(tmp_path):
    refs = ",".join(["*p"] * 150)
    path = write_rules(tmp_path, f"rules:\n  - id: lol\n    category: &p test\n    message: lol\n"
                                 f"    kind: phrase\n    phrases: [{refs}]\n")
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(path)], use_default=False)
    (err,) = info.value.errors
    assert "alias" in err.message
    assert err.line == 6


def _limit_memory():  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))


# Regression: 82 aliases (under the alias bound) in Markdown front matter used to
# be expanded by the front-matter reader (9**9 items): the check hung.
def test_billion_laughs_front_matter_does_not_hang(tmp_path):
    lines = ['a0: &a0 "lol"'] + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    doc = tmp_path / "bomb.md"
    doc.write_text("---\n" + "\n".join(lines) + "\ntags: *a9\n---\n\nBy Jane Doe\n\nText.\n", encoding="utf-8")
    try:
        proc = subprocess.run([sys.executable, "-m", "contentcheck", "check", str(doc), "--format", "json"],
                              cwd=str(REPO), capture_output=True, timeout=5, env=cli_env(),
                              preexec_fn=_limit_memory)
    except subprocess.TimeoutExpired:
        pytest.fail("checking a document with a billion-laughs front matter took more than 5 s")
    assert proc.returncode in (0, 1), proc.stderr.decode()[-500:]


@pytest.mark.parametrize("tagged", [
    'message: !!python/object:os.system "touch {marker}"',
    'message: !!python/object/apply:os.system ["touch {marker}"]',
    'message: !!python/name:os.system ""',
])
def test_python_tags_are_refused(tmp_path, tagged):
    marker = tmp_path / "PWNED"
    path = write_rules(tmp_path, "rules:\n  - id: evil\n    category: test\n    "
                                 + tagged.format(marker=marker) + "\n    kind: phrase\n    phrases: [x]\n")
    with pytest.raises(RulePackError) as info:
        RulePack.load([str(path)], use_default=False)
    (err,) = info.value.errors
    assert err.line == 4
    assert not marker.exists()
    proc = run_cli("rules", "validate", str(path))
    assert proc.returncode == 2
    assert f"{path}:4:" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not marker.exists()


def test_python_tag_in_front_matter_is_not_run(tmp_path):
    marker = tmp_path / "PWNED"
    pack = RulePack.load(select=["missing-author"])
    source = f'---\nauthor: !!python/object/apply:os.system ["touch {marker}"]\n---\n\nText.\n'
    result = check_text(source, pack, fmt="markdown")
    assert not marker.exists()
    assert "invalid-front-matter" in rule_ids(result)


def test_scope_main_is_the_body_scope(tmp_path):
    # `inspect` calls the body zone "main"; a rule written with that name reads the same text.
    from contentcheck.rulepack import RulePack

    rules = tmp_path / "r.yaml"
    rules.write_text("rules:\n  - id: x\n    category: c\n    severity: warning\n    message: m\n"
                     "    kind: phrase\n    scope: main\n    phrases: [harbour plan]\n", encoding="utf-8")
    pack = RulePack.load([str(rules)], use_default=False)
    assert [r.scope for r in pack.rules] == ["body"]
