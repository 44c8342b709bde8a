"""Code fences in Markdown: code is not checked, and a fence nothing closes, which hides the rest of the text, is reported."""

from __future__ import annotations

import pytest

from contentcheck.api import check_text
from contentcheck.rulepack import RulePack

from ..conftest import assert_maps_back, found, run_cli


@pytest.fixture(scope="module")
def default_pack():
    return RulePack.load(None)


def findings_of(source, pack, rule):
    return found(check_text(source, pack, fmt="markdown"), rule)


README_PASTE = """# etl-factory

A small ETL library.

```bash
pip install pyspark

Clone the repository:

bash
Copy code
git clone https://github.com/acme/etl-factory.git

As an AI language model, I cannot run the commands for you.
"""


def test_a_fence_never_closed_is_reported_where_it_opens(default_pack):
    result = check_text(README_PASTE, default_pack, fmt="markdown")
    (fence,) = [f for f in result.findings if f.rule == "unclosed-code-fence"]
    assert (fence.line, fence.column, fence.severity) == (5, 1, "warning")
    assert "never closed" in fence.message


def test_the_text_after_a_fence_never_closed_is_code_as_a_reader_sees_it(default_pack):
    result = check_text(README_PASTE, default_pack, fmt="markdown")
    assert [f.rule for f in result.findings if f.category == "template-leftover"] == []
    closed = README_PASTE.replace("pip install pyspark\n", "pip install pyspark\n```\n", 1)
    result = check_text(closed, default_pack, fmt="markdown")  # closed, the writer's text is read
    assert [line for line, _, _ in found(result, "chat-interface-text")] == [11]
    assert [line for line, _, _ in found(result, "chat-ai-self-reference")] == [15]
    assert "unclosed-code-fence" not in [f.rule for f in result.findings]
    assert_maps_back(closed, result, "markdown")


def test_a_fence_never_closed_still_hands_over_code(default_pack):
    source = "Here is the updated script:\n\n```python\nimport os\nAPI_KEY = \"[YOUR_API_KEY]\"\n"
    rules = [f.rule for f in check_text(source, default_pack, fmt="markdown").findings]
    assert "unclosed-code-fence" in rules and "chat-preamble-code" in rules and "placeholder-text" not in rules


def test_a_fence_in_a_list_item_is_closed_by_the_item(default_pack):
    source = "# T\n\n- step one\n\n  ```bash\n  make\n\n- step two\n"
    assert findings_of(source, default_pack, "unclosed-code-fence") == []


@pytest.mark.parametrize("opening, closing, closes", [
    ("```", "```", True),
    ("```", "````", True),  # a longer run closes
    ("````", "```", False),  # a shorter one does not
    ("~~~", "~~~~", True),
    ("~~~", "```", False),  # another character does not
    ("```sql", "```sql", False),  # a line with an info string opens, it never closes
])
def test_what_closes_a_fence(default_pack, opening, closing, closes):
    source = f"# T\n\nText.\n\n{opening}\nAs an AI language model, I cannot.\n{closing}\n\nMore text.\n"
    assert bool(findings_of(source, default_pack, "unclosed-code-fence")) is not closes
    # closed or not, the line inside is code
    assert findings_of(source, default_pack, "chat-ai-self-reference") == []


def test_an_indented_fence_is_reported_at_its_backticks(default_pack):
    source = "# T\n\n   ```\ncode\n"
    assert [(line, col) for line, col, _ in findings_of(source, default_pack, "unclosed-code-fence")] == [(3, 4)]


def test_a_fence_closed_further_down_still_holds_its_code(default_pack):
    # The second "```" closes the first; the third opens a block the fourth closes.
    source = "# T\n\n```\nAs an AI language model, I cannot.\n```\n\nText.\n\n```\nAs an AI, I cannot.\n```\n"
    result = check_text(source, default_pack, fmt="markdown")
    assert [f.rule for f in result.findings if f.category in ("template-leftover", "input")] == []


def test_the_closers_of_many_fences_are_found_in_one_pass(default_pack):
    # Every other line opens a fence no later line closes: the first is reported, and the file is read once.
    source = "# T\n\n" + "```x\nline\n" * 20000
    result = check_text(source, default_pack, fmt="markdown")
    assert [f.line for f in result.findings if f.rule == "unclosed-code-fence"] == [3]


def test_ignore_turns_the_report_off(tmp_path):
    (tmp_path / "a.md").write_text("# T\n\nBy Ann Lee\n\n```bash\nmake\n")
    shown = run_cli("check", "--no-config", "--format", "concise", "a.md", cwd=tmp_path).stdout
    assert "unclosed-code-fence" in shown
    for ignore in ("unclosed-code-fence", "input"):
        quiet = run_cli("check", "--no-config", "--format", "concise", "--ignore", ignore, "a.md", cwd=tmp_path).stdout
        assert "unclosed-code-fence" not in quiet
