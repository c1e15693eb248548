"""Every sub-command takes the configuration and the common options; language, colour and plurals."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_cli import RIGHT, WRONG, run


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A configured project with one wrong article; the locale says nothing."""
    (tmp_path / "hedui.toml").write_text('disable = ["wording.doubling-typo"]\ncache = false\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rules_list_honours_the_configuration(capsys, project):
    """A rule the configuration disables is listed as off, in the chosen language."""
    code, out, _ = run(capsys, "rules", "list", "--lang", "en")
    line = next(line for line in out.splitlines() if line.startswith("wording.doubling-typo"))
    assert code == 0 and " off " in line and "翻一番 means doubling" in line
    _, out, _ = run(capsys, "rules", "list")
    line = next(line for line in out.splitlines() if line.startswith("wording.doubling-typo"))
    assert "关闭" in line and "警告" in line and "翻一番即增加到原来的2倍" in line


def test_rules_list_reads_the_configured_rule_folder(capsys, project):
    """A rule folder named in the configuration adds its rules to `rules list` and `rules show`."""
    rule = Path("myrules/wording/my-rule.yaml")
    rule.parent.mkdir(parents=True)
    rule.write_text("kind: wording\nseverity: info\nmessage: 自定\ndescription: 自定义规则的说明文字。\n"
                    "params:\n  pattern: 某某\n  suggest: 某\n", encoding="utf-8")
    Path("hedui.toml").write_text('rules = ["myrules"]\n', encoding="utf-8")
    code, out, err = run(capsys, "rules", "list")
    assert code == 0, err
    assert "wording.my-rule" in out
    code, out, _ = run(capsys, "rules", "show", "wording.my-rule")
    assert code == 0 and "自定义规则的说明文字" in out


def test_rules_show_prints_description_examples_and_parameters(capsys, project):
    """`rules show` gives the description, the examples, the parameters and the references."""
    code, out, _ = run(capsys, "rules", "show", "growth.increase-by-vs-to", "--lang", "en")
    assert code == 0 and out.startswith("growth.increase-by-vs-to\n")
    assert "increase *by* X times" in out and "bad: 产量从2020年" in out and "good:" in out
    assert "parameters:" in out and "problem: increase-by-vs-to" in out and "GB/T 15835-2011" in out
    code, out, _ = run(capsys, "rules", "show", "growth.increase-by-vs-to")
    assert "用“倍”表述变化时" in out and "参数:" in out
    code, _, err = run(capsys, "rules", "show", "growth.no-such-rule")
    assert code == 2 and "unknown rule id" in err


@pytest.mark.parametrize("argv", [
    ["extract", "a.md", "--config", "hedui.toml", "--quiet", "--rules", "myrules"],
    ["rules", "list", "--config", "hedui.toml", "--quiet", "--rules", "myrules"],
    ["config", "--config", "hedui.toml", "--quiet", "--lang", "en"],
    ["claims", "a.md", "--config", "hedui.toml", "--quiet", "--lang", "en", "--color", "never"],
])
def test_every_command_takes_the_common_options(capsys, project, argv):
    """--config, --rules, --quiet, --lang and --color are accepted by every command."""
    Path("myrules").mkdir()
    code, _, err = run(capsys, *argv)
    assert code == 0, err


def test_language_follows_the_locale_and_plurals_are_right(capsys, project, monkeypatch):
    """An English locale gives English severities and summary with singular and plural nouns; else Chinese."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, _ = run(capsys, "check", "a.md")
    assert code == 1 and "  error  " in out and "1 document, 4 claims" in out and ": 1 error, 0 warnings" in out
    Path("b.md").write_text(RIGHT, encoding="utf-8")
    _, out, _ = run(capsys, "check", "a.md", "b.md")
    assert "2 documents" in out
    monkeypatch.setenv("LANG", "C.UTF-8")
    _, out, _ = run(capsys, "check", "a.md")
    assert "  错误  " in out and "1 篇文章" in out and "计算:" in out


@pytest.mark.parametrize("env,argv,coloured", [
    ({}, ["--color", "always"], True),
    ({"NO_COLOR": "1"}, ["--color", "always"], True),
    ({"NO_COLOR": "1"}, [], False),
    ({"FORCE_COLOR": "1"}, [], True),
    ({"FORCE_COLOR": "1"}, ["--color", "never"], False),
    ({}, [], False),  # captured output is no terminal
])
def test_colour_follows_the_option_then_the_environment(capsys, project, monkeypatch, env, argv, coloured):
    """--color wins; in auto, NO_COLOR turns colour off and FORCE_COLOR on; a pipe gets none."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _, out, _ = run(capsys, "check", "a.md", *argv)
    assert ("\x1b[" in out) == coloured


def test_each_command_is_registered_by_its_owner_alone():
    """The start-up's map of commands to modules names every command, and each module's own commands."""
    from checker.cli.main import COMMAND_OWNERS, _build_parser

    every = _build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(every) == set(COMMAND_OWNERS)
    for command in COMMAND_OWNERS:
        alone = _build_parser(command)._subparsers._group_actions[0].choices  # type: ignore[union-attr]
        assert command in alone
