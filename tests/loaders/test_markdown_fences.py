"""Code fences in Markdown: code is not checked, but a fence nothing closes hides the writer's text."""

from __future__ import annotations

import pytest

from contentcheck.api import check_text
from contentcheck.rulepack import RulePack

from ..conftest import assert_maps_back, found


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


def test_the_text_after_a_fence_never_closed_is_checked(default_pack):
    result = check_text(README_PASTE, default_pack, fmt="markdown")
    assert [line for line, _, _ in found(result, "chat-interface-text")] == [10]
    assert [line for line, _, _ in found(result, "chat-ai-self-reference")] == [14]
    assert_maps_back(README_PASTE, result, "markdown")


def test_code_in_a_closed_fence_is_still_not_checked(default_pack):
    closed = README_PASTE.replace("pip install pyspark\n", "pip install pyspark\n```\n", 1)
    closed = closed.replace("bash\nCopy code\ngit clone", "```bash\ngit clone").replace(".git\n", ".git\n```\n")
    closed = closed.replace("As an AI language model", "```\nAs an AI language model") + "```\n"
    result = check_text(closed, default_pack, fmt="markdown")
    assert [f.rule for f in result.findings if f.category == "template-leftover" or f.category == "input"] == []


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
    # closed, the line is code; open, it is the writer's text, checked
    assert bool(findings_of(source, default_pack, "chat-ai-self-reference")) is not closes


def test_each_fence_never_closed_is_reported_and_the_text_between_read(default_pack):
    source = "# T\n\n```sql\nSELECT 1\n\nAs an AI language model, I cannot.\n\n```sql\nSELECT 2\n"
    assert [line for line, _, _ in findings_of(source, default_pack, "unclosed-code-fence")] == [3, 8]
    assert [line for line, _, _ in findings_of(source, default_pack, "chat-ai-self-reference")] == [6]


def test_a_fence_closed_further_down_still_holds_its_code(default_pack):
    # The second "```" closes the first; the third opens a block the fourth closes.
    source = "# T\n\n```\nAs an AI language model, I cannot.\n```\n\nText.\n\n```\nAs an AI, I cannot.\n```\n"
    result = check_text(source, default_pack, fmt="markdown")
    assert [f.rule for f in result.findings if f.category in ("template-leftover", "input")] == []


def test_many_fences_never_closed_are_read_in_one_pass(default_pack):
    # Each line opens a fence nothing closes: reported one by one, the file read once.
    source = "# T\n\n" + "```x\nline\n" * 2000
    result = check_text(source, default_pack, fmt="markdown")
    assert len([f for f in result.findings if f.rule == "unclosed-code-fence"]) == 2000
