"""A warm `check` replays what the full run printed, byte for byte, and never replays after an input changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import checker
from checker.cli import recording, replay
from checker.text.project import forget_project_roots
from checker.text.rulesdir import find_rules_dir

WRONG = "某市新能源汽车产量从2020年的4.3万辆增至2024年的95.3万辆，四年增长22.2倍。\n"
OTHER = "---\ndate: 2025-03-02\n---\n据统计，某市2024年新能源汽车产量为95.3万辆，比上年增长12%。\n"
# The subprocesses import the same hedui as the tests (a checkout or the installed wheel).
ENV = {**os.environ, "PYTHONPATH": str(Path(checker.__file__).resolve().parents[1]), "LANG": "C.UTF-8"}
for _name in replay.ENVIRONMENT:
    if _name != "LANG":
        ENV.pop(_name, None)


def hedui(cwd: Path, *argv: str) -> tuple[int, bytes, bytes]:
    """Run `hedui` in a fresh process; (exit code, stdout, stderr) as bytes."""
    done = subprocess.run([sys.executable, "-m", "checker.cli.main", *argv], cwd=cwd, capture_output=True,
                          env=ENV, timeout=300, check=False)
    return done.returncode, done.stdout, done.stderr


def entries(project: Path) -> list[Path]:
    """The recorded runs of a project's cache."""
    folder = project / ".hedui-cache" / "recall"
    return sorted(folder.glob("*.rec")) if folder.is_dir() else []


def full_run(project: Path, *argv: str) -> tuple[int, bytes, bytes]:
    """The same check with nothing to replay: the recorded runs are removed first."""
    shutil.rmtree(project / ".hedui-cache" / "recall", ignore_errors=True)
    return hedui(project, *argv)


# Runs `hedui check` in process and says on stderr whether it ran in full (a replay never loads the parser's
# check module).
FULL_OR_REPLAY = ("import sys; from checker.cli.main import main; code = main(sys.argv[1:]); "
                  "sys.stderr.write('\\nfull run\\n' if 'checker.cli.check' in sys.modules else '\\nreplay\\n'); "
                  "sys.exit(code)")


def run_with(project: Path, path: list[Path], *argv: str) -> tuple[int, bytes, bytes, str]:
    """Run `hedui` with folders put first on the import path: exit code, stdout, stderr and "full run" or
    "replay"."""
    env = {**ENV, "PYTHONPATH": os.pathsep.join([*map(str, path), ENV["PYTHONPATH"]])}
    done = subprocess.run([sys.executable, "-c", FULL_OR_REPLAY, *argv], cwd=project, capture_output=True, env=env,
                          timeout=300, check=False)
    err, _, how = done.stderr.rstrip(b"\n").rpartition(b"\n")
    return done.returncode, done.stdout, err, how.decode()


def warm_up(project: Path, path: list[Path], *argv: str) -> tuple[int, bytes, bytes, str]:
    """Run until the check replays (the store filled, the output recorded, its stamps trusted); the replay."""
    for _ in range(4):
        done = run_with(project, path, *argv)
        if done[3] == "replay":
            return done
        time.sleep(recording.RACY_S + 0.1)  # a recording right after a change trusts no stamp at first
    raise AssertionError("never replayed")


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A project with two articles, a user rule folder and a user lexicon, its cache already warm."""
    tmp_path = tmp_path_factory.mktemp("warm")
    (tmp_path / "hedui.toml").write_text('rules = ["myrules"]\nlexicons = ["local.yaml"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "b.md").write_text(OTHER, encoding="utf-8")
    rule = (find_rules_dir() / "growth" / "increase-by-vs-to.yaml").read_text(encoding="utf-8")
    (tmp_path / "myrules" / "growth").mkdir(parents=True)
    (tmp_path / "myrules" / "growth" / "mine.yaml").write_text(rule, encoding="utf-8")
    (tmp_path / "local.yaml").write_text("subjects:\n  渝: 重庆\n", encoding="utf-8")
    code, _, err = hedui(tmp_path, "check", "a.md", "b.md", "--quiet")
    assert code == 1, err.decode()
    return tmp_path


@pytest.fixture
def project(warm: Path, tmp_path: Path) -> Path:
    """A copy of the warm project (its analysis store too), without recorded runs."""
    shutil.copytree(warm, tmp_path / "p")
    shutil.rmtree(tmp_path / "p" / ".hedui-cache" / "recall", ignore_errors=True)
    return tmp_path / "p"


def test_a_replay_prints_what_the_full_run_printed(project):
    """Every format: the warm full run records, the next run replays the same bytes and exit code."""
    for count, report in enumerate(["text", "json", "sarif", "junit", "github", "html"], start=1):
        argv = ("check", "a.md", "b.md", "--format", report, "--quiet")
        full = hedui(project, *argv)
        assert len(entries(project)) == count
        assert run_with(project, [], *argv) == (*full, "replay") and full[0] == 1 and full[1], report


def test_a_cold_run_records_nothing(tmp_path):
    """A run that analysed an article keeps no recording (a cold run's messages are not a warm run's)."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    hedui(tmp_path, "check", "a.md", "--quiet")
    assert entries(tmp_path) == []
    hedui(tmp_path, "check", "a.md", "--quiet")
    assert len(entries(tmp_path)) == 1


def _edit_article(project: Path) -> None:
    """Make the wrong article right."""
    (project / "a.md").write_text(WRONG.replace("增长22.2倍", "增长到22.2倍"), encoding="utf-8")


def _edit_rule(project: Path) -> None:
    """Change the user rule's message."""
    path = project / "myrules" / "growth" / "mine.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("与数据不符", "与数据对不上"), encoding="utf-8")


def _edit_lexicon(project: Path) -> None:
    """Add a subject to the user lexicon."""
    (project / "local.yaml").write_text("subjects:\n  渝: 重庆\n  某市: 某市\n", encoding="utf-8")


def _edit_config(project: Path) -> None:
    """Switch the user rule off in the configuration."""
    path = project / "hedui.toml"
    path.write_text(path.read_text(encoding="utf-8") + 'disable = ["growth.mine"]\n', encoding="utf-8")


def _write_baseline(project: Path) -> None:
    """Baseline every current finding."""
    code, _, err = hedui(project, "baseline", "a.md", "b.md", "--output", "base.json", "--quiet")
    assert code == 0, err.decode()
    path = project / "hedui.toml"
    path.write_text(path.read_text(encoding="utf-8") + 'baseline = "base.json"\n', encoding="utf-8")


def _write_decisions(project: Path) -> None:
    """Dismiss every current finding in the decisions file."""
    _, out, _ = full_run(project, "check", "a.md", "b.md", "--format", "json", "--quiet")
    lines = "".join(f"  {f['fingerprint']}:\n    decision: dismissed\n    reason: ok\n"
                    f"    doc: {f['claims'][0]['doc']}\n" for f in json.loads(out)["findings"])
    (project / "hedui-decisions.yaml").write_text("decisions:\n" + lines, encoding="utf-8")


@pytest.mark.parametrize("change", [_edit_article, _edit_rule, _edit_lexicon, _edit_config, _write_baseline,
                                    _write_decisions])
def test_a_changed_input_is_never_replayed(project, change):
    """After an edit the warm run prints what a run with nothing to replay prints, and so does the next one."""
    argv = ("check", "a.md", "b.md", "--quiet")
    before = hedui(project, *argv)
    assert entries(project)
    change(project)
    after = hedui(project, *argv)
    again = hedui(project, *argv)
    reference = full_run(project, *argv)
    assert after == again == reference
    if change is not _edit_lexicon:
        # These edits change the report: a stale replay would have printed the old one.
        assert after != before


@pytest.mark.parametrize("option", [("--date", "2024-05-01"), ("--lang", "en"), ("--format", "json"),
                                    ("--fail-on", "info")])
def test_an_option_is_part_of_the_key(project, option):
    """Another --date, --lang, --format or --fail-on gets its own run, the same as a full one."""
    argv = ("check", "a.md", "b.md", "--quiet")
    hedui(project, *argv)
    changed = hedui(project, *argv, *option)
    assert changed == full_run(project, *argv, *option)


def _add_article(project: Path) -> None:
    """A new wrong article in the walked folder."""
    (project / "news" / "c.md").write_text(WRONG.replace("某市", "某县"), encoding="utf-8")


def _add_subfolder(project: Path) -> None:
    """A new folder with a wrong article."""
    (project / "news" / "sub").mkdir()
    (project / "news" / "sub" / "d.md").write_text(WRONG.replace("某市", "某区"), encoding="utf-8")


def _ignore_article(project: Path) -> None:
    """A .gitignore in the folder leaving the wrong article out."""
    (project / "news" / ".gitignore").write_text("a.md\n", encoding="utf-8")


def _configure_subfolder(project: Path) -> None:
    """A configuration in the folder: a project root of its own, its fingerprints and rules change."""
    (project / "news" / "hedui.toml").write_text('fail-on = "info"\n', encoding="utf-8")


@pytest.mark.parametrize("argv", [("check", "news", "--quiet", "--format", "json"), ("check", "--quiet")])
def test_a_walked_folder_that_changes_is_never_replayed(project, argv):
    """A folder (or the configuration's include) is walked anew: new files, folders and ignores are seen."""
    (project / "news").mkdir()
    shutil.move(project / "a.md", project / "news" / "a.md")
    shutil.move(project / "b.md", project / "news" / "b.md")
    with (project / "hedui.toml").open("a", encoding="utf-8") as handle:
        handle.write('include = ["news/**/*.md"]\n')
    hedui(project, *argv)
    before = hedui(project, *argv)
    assert entries(project) and before[0] == 1
    assert hedui(project, *argv) == before
    for change in (_add_article, _add_subfolder, _ignore_article, _configure_subfolder, _edit_config):
        change(project)
        after = hedui(project, *argv)
        assert after == hedui(project, *argv) == full_run(project, *argv), change.__name__
        if not (change is _configure_subfolder and "news" not in argv):
            # The report changes: a stale replay would have printed the old one.
            assert after != before, change.__name__
        before = after


def test_a_named_configuration_is_an_input(project):
    """Editing the file given with --config is never answered with the old output."""
    (project / "other.toml").write_text((project / "hedui.toml").read_text(encoding="utf-8"), encoding="utf-8")
    argv = ("check", "a.md", "b.md", "--quiet", "--config", "other.toml")
    before = hedui(project, *argv)
    assert entries(project) and before[0] == 1
    with (project / "other.toml").open("a", encoding="utf-8") as handle:
        handle.write('fail-on = "info"\ndisable = ["growth.mine", "growth.increase-by-vs-to"]\n')
    after = hedui(project, *argv)
    assert after == full_run(project, *argv) and after != before


def test_the_recording_names_every_input(project):
    """The entry depends on the articles, hedui's own files, both rule folders (the default pack as a tree of its
    own in a checkout, inside hedui's when installed), the lexicon, the decisions file and the markers."""
    hedui(project, "check", "a.md", "b.md", "--quiet")
    entry = replay.read_entry(str(entries(project)[0]))
    assert entry is not None
    deps = {tuple(d) for d in entry["deps"]}
    root = os.path.realpath(project)
    program = os.path.dirname(os.path.abspath(checker.__file__))
    for expected in [("file", f"{root}/a.md"), ("file", f"{root}/b.md"), ("tree", program),
                     ("tree", f"{root}/myrules"), ("file", f"{root}/local.yaml"),
                     ("file", f"{root}/hedui-decisions.yaml"), ("file", f"{root}/hedui.toml"),
                     ("file", f"{root}/.git")]:
        assert expected in deps, expected
    rules = str(find_rules_dir())
    assert ("tree", rules) in deps or rules.startswith(program + os.sep)


def test_a_replay_imports_no_heavy_module(project):
    """A replay imports neither YAML, pint, dateparser, jieba, attrs, argparse, TOML, json, a hash module, the
    rule engine nor the recording side (once its stamps are older than the racy window)."""
    hedui(project, "check", "a.md", "--quiet")
    time.sleep(recording.RACY_S + 0.1)
    hedui(project, "check", "a.md", "--quiet")  # the files are hashed once more, the stamps kept afresh
    script = ("import sys; from checker.cli.main import main; code = main(['check', 'a.md', '--quiet']); "
              "print(code, sorted(m for m in sys.modules if m.split('.')[0] in "
              "('yaml', 'pint', 'dateparser', 'jieba', 'attrs', 'attr', 'pathspec', 'sqlite3', 'argparse', 'tomllib',"
              " 'json', 'hashlib', '_blake2') "
              "or m.startswith(('checker.engine', 'checker.claims', 'checker.extract', 'checker.run', "
              "'checker.cli.recording', 'checker.text'))))")
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, env=ENV,
                          timeout=300, check=False)
    assert done.stdout.strip().splitlines()[-1] == "1 []", done.stderr


def test_an_edited_module_of_hedui_is_never_replayed(project, tmp_path):
    """An edit of any of hedui's installed files (the same size with its modification time put back too) gets
    a full run: the replay knows every module by its stamp."""
    site = tmp_path / "site"
    shutil.copytree(Path(checker.__file__).parent, site / "checker", ignore=shutil.ignore_patterns("__pycache__"))
    if not (site / "checker" / "rules").is_dir():
        # A checkout keeps the default pack beside checker/ (checker.text.rulesdir).
        shutil.copytree(find_rules_dir(), site / "rules")
    argv = ("check", "a.md", "b.md", "--quiet")
    before = warm_up(project, [site], *argv)
    assert before[0] == 1 and before[1]
    module = site / "checker" / "report" / "json_report.py"
    with module.open("a", encoding="utf-8") as handle:
        handle.write("# edited\n")
    assert run_with(project, [site], *argv) == (*before[:3], "full run")
    assert warm_up(project, [site], *argv) == before
    info = module.stat()
    module.write_text(module.read_text(encoding="utf-8").replace("# edited", "# EDITED"), encoding="utf-8")
    os.utime(module, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert module.stat().st_size == info.st_size and module.stat().st_mtime_ns == info.st_mtime_ns
    assert run_with(project, [site], *argv) == (*before[:3], "full run")


def test_another_version_of_a_dependency_is_never_replayed(project, tmp_path):
    """Installing another version of any distribution beside an analysing package (its NAME-VERSION.dist-info
    replaced) gets a full run."""
    import attrs

    site = tmp_path / "deps"
    shutil.copytree(Path(attrs.__file__).parent, site / "attrs", ignore=shutil.ignore_patterns("__pycache__"))
    (site / "attrs-1.0.dist-info").mkdir()
    argv = ("check", "a.md", "b.md", "--quiet")
    before = warm_up(project, [site], *argv)
    (site / "attrs-1.0.dist-info").rename(site / "attrs-2.0.dist-info")
    assert run_with(project, [site], *argv) == (*before[:3], "full run")
    assert warm_up(project, [site], *argv) == before
    (site / "regex-2099.1.dist-info").mkdir()  # a dependency's dependency upgraded beside it
    assert run_with(project, [site], *argv) == (*before[:3], "full run")


def replayable(ticket: replay.Ticket) -> dict | None:
    """The entry a replay prints (as checker.cli.main finds it): looked up by stamps, moved ones hashed again."""
    entry = replay.lookup(ticket)
    return recording.confirm(ticket, entry) if entry is not None and entry["moved"] else entry


def _ticket(tmp_path: Path, *argv: str) -> replay.Ticket | None:
    """The ticket of `hedui check a.md` in tmp_path with extra words (configuration looked for anew, as by main)."""
    forget_project_roots()
    return replay.make_ticket(["check", "a.md", *argv], cwd=str(tmp_path))


def test_lookup_refuses_a_changed_file_tree_or_damaged_entry(tmp_path):
    """Changing a file, adding one to a tree or damaging the entry each make the lookup miss."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text("kind: growth\n", encoding="utf-8")
    ticket = _ticket(tmp_path)
    assert ticket is not None
    deps = recording.dependencies([str(tmp_path / "a.md")], [tmp_path / "rules"], [tmp_path / "decisions.yaml"])
    recording.record(ticket, deps, recording.snapshot(deps), recording.stamps(deps, time.time()),
                  [["out", "report\n"], ["err", "warning\n"]], 1)
    assert replayable(ticket)["writes"] == [["out", "report\n"], ["err", "warning\n"]]
    for change in (lambda: (tmp_path / "rules" / "new.yaml").write_text("", encoding="utf-8"),
                   lambda: (tmp_path / "decisions.yaml").write_text("decisions: {}\n", encoding="utf-8"),
                   lambda: (tmp_path / "a.md").write_text(WRONG + "。", encoding="utf-8")):
        change()
        assert replayable(ticket) is None
        recording.record(ticket, deps, recording.snapshot(deps), recording.stamps(deps, time.time()),
                         [["out", "report\n"]], 1)
        assert replayable(ticket) is not None
    path = Path(ticket.entry)
    path.write_text(path.read_text(encoding="utf-8").replace("report", "forged"), encoding="utf-8")
    assert replayable(ticket) is None


def test_a_stamp_spares_the_bytes_but_never_hides_an_edit(tmp_path):
    """An untouched file is trusted by its stamp; an edit of the same size with its old mtime put back is seen."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    (tmp_path / "rules" / "kind").mkdir(parents=True)
    (tmp_path / "rules" / "kind" / "r.yaml").write_text("kind: growth\n", encoding="utf-8")
    ticket = _ticket(tmp_path)
    assert ticket is not None
    deps = recording.dependencies([str(tmp_path / "a.md")], [tmp_path / "rules"], [])
    # Recorded as if ten seconds later: no file is too recent to be trusted by its stamp.
    marks = recording.stamps(deps, time.time() + 10)
    tree = marks[deps.index(["tree", str(tmp_path / "rules")])]
    assert marks[0] is not None and tree is not None and tree.startswith("stat:")
    recording.record(ticket, deps, recording.snapshot(deps), marks, [["out", "report\n"]], 1)
    assert replayable(ticket) is not None
    os.utime(tmp_path / "a.md")  # touched, not changed: hashed again, the same
    assert replayable(ticket) is not None
    for path, text in ((tmp_path / "rules" / "kind" / "r.yaml", "kind: wrongs\n"), (tmp_path / "a.md", WRONG[::-1])):
        info = path.stat()
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns
        assert replayable(ticket) is None
        recording.record(ticket, deps, recording.snapshot(deps), recording.stamps(deps, time.time() + 10),
                      [["out", "report\n"]], 1)


def test_a_recent_change_is_never_trusted_by_its_stamp(tmp_path):
    """A file changed just before the recording keeps no stamp: every replay hashes it."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    deps = recording.dependencies([str(tmp_path / "a.md")], [], [])
    assert recording.stamps(deps, time.time())[0] is None
    assert recording.stamps(deps, time.time() + 10)[0] is not None


def test_a_link_loop_in_a_rule_folder_ends(tmp_path):
    """A symbolic link back up a rule folder is walked once."""
    (tmp_path / "rules" / "kind").mkdir(parents=True)
    (tmp_path / "rules" / "kind" / "r.yaml").write_text("kind: growth\n", encoding="utf-8")
    (tmp_path / "rules" / "kind" / "up").symlink_to(tmp_path / "rules")
    assert recording.snapshot([["tree", str(tmp_path / "rules")]])[0].startswith("tree:")


def test_tickets_differ_by_word_and_configuration(tmp_path):
    """Each word of the command line and each configuration byte gives another key; stdin gets none."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    plain = _ticket(tmp_path)
    assert plain is not None and plain.folder == os.path.realpath(tmp_path / ".hedui-cache")
    assert _ticket(tmp_path, "--lang", "en").key != plain.key  # type: ignore[union-attr]
    assert _ticket(tmp_path).key == plain.key  # type: ignore[union-attr]
    (tmp_path / "hedui.toml").write_text("fail-on = 'info'\n", encoding="utf-8")
    assert _ticket(tmp_path).key != plain.key  # type: ignore[union-attr]
    assert _ticket(tmp_path, "-") is None
    assert replay.make_ticket(["claims", "a.md"], cwd=str(tmp_path)) is None


def test_only_a_report_on_files_and_folders_is_recorded(tmp_path):
    """--fix, --output, --against, missing paths and the other options that do more than report are never recorded."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    options = {"command": "check", "paths": ["a.md"], "lang": "en", "fix": False}
    assert recording.recallable(options, cwd=str(tmp_path))
    for name in recording.UNRECALLED:
        assert not recording.recallable({**options, name: True}, cwd=str(tmp_path)), name
    assert not recording.recallable({**options, "engine": "dask"}, cwd=str(tmp_path))
    assert recording.recallable({**options, "paths": ["."]}, cwd=str(tmp_path))
    assert recording.recallable({**options, "paths": []}, cwd=str(tmp_path))
    assert not recording.recallable({**options, "paths": ["missing.md"]}, cwd=str(tmp_path))


@pytest.mark.parametrize(("config", "folder"), [
    ("cache-dir = 'elsewhere'\n", "elsewhere"),
    ('"\\u0063ache-dir" = "escaped"\n', "escaped"),
    ("cache = false\n", None),
    ("[tool.hedui]\ncache-dir = 'py'\n", "py"),
])
def test_the_ticket_finds_the_configured_cache(tmp_path, config, folder):
    """The cache folder is the configuration's (escaped keys too), and there is none when caching is off."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    name = "pyproject.toml" if config.startswith("[tool") else "hedui.toml"
    (tmp_path / name).write_text(config, encoding="utf-8")
    ticket = _ticket(tmp_path)
    assert (ticket.folder if ticket else None) == (os.path.realpath(tmp_path / folder) if folder else None)


def test_an_analysing_package_is_a_dependency_and_part_of_the_store_digest(tmp_path, monkeypatch):
    """A reinstalled pint (its first module rewritten), or one put earlier on the import path, is another
    program: no replay, and no stored analysis reused."""
    from checker.run.pipeline import rules_digest

    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    site = tmp_path / "site"
    (site / "pint").mkdir(parents=True)
    (site / "pint" / "__init__.py").write_text("version = 1\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "early"), str(site)] + sys.path)
    before_digest = rules_digest([], [])
    ticket = _ticket(tmp_path)
    assert ticket is not None
    deps = recording.dependencies([str(tmp_path / "a.md")], [], [])
    assert ["file", str(site / "pint" / "__init__.py")] in deps and ["listing", str(site)] in deps
    assert ["file", str(tmp_path / "early")] in deps  # no folder yet: a file that is absent

    def record() -> None:
        """Record the check as if ten seconds later (every stamp trusted)."""
        recording.record(ticket, deps, recording.snapshot(deps), recording.stamps(deps, time.time() + 10),
                         [["out", "report\n"]], 1)

    record()
    assert replayable(ticket) is not None
    (site / "pint" / "__init__.py").unlink()
    (site / "pint" / "__init__.py").write_text("version = 22\n", encoding="utf-8")
    assert replayable(ticket) is None and rules_digest([], []) != before_digest
    record()
    (tmp_path / "early").mkdir()
    assert replayable(ticket) is None  # a folder where none was: pint may be in it
    deps = recording.dependencies([str(tmp_path / "a.md")], [], [])
    assert ["listing", str(tmp_path / "early")] in deps
    record()
    (tmp_path / "early" / "pint.py").write_text("version = 3\n", encoding="utf-8")
    assert replayable(ticket) is None


@given(st.lists(st.binary(max_size=40), max_size=8))
def test_the_checksum_of_pieces_is_that_of_the_bytes_they_join_to(pieces):
    """An entry written a piece at a time has the checksum of its whole bytes."""
    assert replay.checksum_of_pieces(pieces) == replay.checksum(b"".join(pieces))


def test_writes_kept_as_pieces_are_replayed_as_one_text(tmp_path):
    """A stream's writes kept one by one (a lone surrogate and NULs among them) come back as the text they make."""
    (tmp_path / "a.md").write_text(WRONG, encoding="utf-8")
    ticket = _ticket(tmp_path)
    assert ticket is not None
    deps = recording.dependencies([str(tmp_path / "a.md")], [], [])
    pieces = ["{\"documents\": [", "\"路径\udc80\", ", "\0", "]}\n"]
    recording.record(ticket, deps, recording.snapshot(deps), recording.stamps(deps, time.time()),
                     [["out", pieces], ["err", ["warn", "ing\n"]]], 1)
    assert replayable(ticket)["writes"] == [["out", "".join(pieces)], ["err", "warning\n"]]
