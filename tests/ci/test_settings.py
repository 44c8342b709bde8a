"""ci.settings.resolve: the configuration and the command line's flags merged into one run's settings."""

from __future__ import annotations

import pytest

from contentcheck.ci.config import Config
from contentcheck.ci.settings import CheckFlags, SettingsError, resolve


def test_defaults_without_configuration_or_flags():
    settings, rules = resolve(CheckFlags(paths=["content"]), Config())
    assert (settings.format, settings.fail_on, settings.fail_under) == ("text", "error", None)
    assert settings.max_file_size == 20 * 1024 * 1024
    assert settings.progress is None and settings.backend == "local"
    assert rules.paths == [] and rules.use_default and rules.select == [] and rules.ignore == []


def test_flags_win_over_the_configuration():
    cfg = Config("/project/contentcheck.yaml", {"format": "json", "fail-on": "warning", "jobs": 4,
                                                 "max-file-size": 5, "default-rules": False})
    settings, rules = resolve(CheckFlags(paths=["."], format="sarif", jobs=1, max_file_size=2,
                                         no_default_rules=False), cfg)
    assert (settings.format, settings.fail_on, settings.jobs) == ("sarif", "warning", 1)
    assert settings.max_file_size == 2 * 1024 * 1024
    assert rules.use_default


def test_lists_add_up_except_select_which_replaces():
    cfg = Config("/project/contentcheck.yaml", {"rules": ["/project/house.yaml"], "ignore": ["a"],
                                                 "select": ["b"], "exclude": ["drafts/**"]})
    settings, rules = resolve(CheckFlags(paths=["."], rules=["extra.yaml"], ignore=["c,d"], select=["e", "f,g"],
                                         exclude=["tmp/**"]), cfg)
    assert rules.paths == ["/project/house.yaml", "extra.yaml"]
    assert rules.ignore == ["c", "d", "a"]
    assert rules.select == ["e", "f", "g"]
    assert settings.exclude == ("drafts/**", "tmp/**")
    assert resolve(CheckFlags(paths=["."]), cfg)[1].select == ["b"]


def test_a_new_baseline_is_not_compared_with_the_configured_one():
    cfg = Config("/p/contentcheck.yaml", {"baseline": "/p/base.json"})
    assert resolve(CheckFlags(paths=["."]), cfg)[0].baseline == "/p/base.json"
    assert resolve(CheckFlags(paths=["."], write_baseline="new.json"), cfg)[0].baseline is None
    assert resolve(CheckFlags(paths=["."], baseline="b.json", write_baseline="new.json"), cfg)[0].baseline == "b.json"


def test_waivers_are_found_next_to_the_configuration(tmp_path):
    (tmp_path / "contentcheck-waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    cfg = Config(str(tmp_path / "contentcheck.yaml"), {})
    assert resolve(CheckFlags(paths=["."]), cfg)[0].waivers == str(tmp_path / "contentcheck-waivers.yaml")
    assert resolve(CheckFlags(paths=["."], waivers="w.yaml"), cfg)[0].waivers == "w.yaml"


@pytest.mark.parametrize("flags, message", [
    (CheckFlags(paths=["."], format="xml"), "unknown --format 'xml'"),
    (CheckFlags(paths=["."], fail_on="fatal"), "unknown --fail-on 'fatal'"),
    (CheckFlags(paths=["."], engine="spark"), "unknown --engine 'spark'"),
    (CheckFlags(paths=["."], stdin_format="pdf"), "unknown --stdin-format 'pdf'"),
])
def test_values_that_make_no_sense_are_refused(flags, message):
    with pytest.raises(SettingsError, match=message):
        resolve(flags, Config())


def test_a_configured_format_is_checked_too():
    with pytest.raises(SettingsError, match="unknown --format 'yaml'"):
        resolve(CheckFlags(paths=["."]), Config("c.yaml", {"format": "yaml"}))
