"""The desk endpoints of the review server: guards, bulk decisions, comments, undo, re-runs, editor links."""

from __future__ import annotations

import json

import pytest

from checker.errors import HeduiError
from checker.review.editor import check_editor_url, editor_link
from checker.review.session import build_session
from checker.triage.decisions import load_decisions, load_entries
from tests.test_review_server import TOKEN, call, queue, result, serving  # noqa: F401 (fixture)
from tests.test_review_support import check_corpus, make_corpus

POSTS = ["/api/decisions", "/api/comment", "/api/undo"]


@pytest.fixture
def server(result, tmp_path):  # noqa: F811 (fixture)
    """A review server writing decisions into tmp_path."""
    with serving(build_session(result, tmp_path / "hedui-decisions.yaml", TOKEN, "测试编辑")) as srv:
        yield srv


def post(server, path: str, body: dict, headers: dict | None = None) -> tuple[int, dict]:
    """POST JSON with the token header (unless other headers are given); return status and answer."""
    status, answer = call(server, "POST", path, body, headers={"X-Hedui-Token": TOKEN} if headers is None else headers)
    return status, json.loads(answer)


@pytest.mark.parametrize("path", POSTS)
@pytest.mark.parametrize("headers", [{}, {"X-Hedui-Token": "wrong"},
                                     {"X-Hedui-Token": TOKEN, "Origin": "http://evil.example"}])
def test_desk_posts_need_the_token_header_and_our_origin(server, tmp_path, path, headers):
    """Bulk, comment and undo requests without the header token, or from another origin, are 403 and write nothing."""
    fingerprints = [f["fingerprint"] for f in queue(server)["findings"]]
    body = {"fingerprints": fingerprints, "fingerprint": fingerprints[0], "decision": "accepted", "comment": "x"}
    status, _ = post(server, path + f"?token={TOKEN}", body, headers=headers)
    assert status == 403 and not (tmp_path / "hedui-decisions.yaml").exists()


def test_state_needs_token_and_host(server):
    """The polled state endpoint has the same guards as every GET."""
    assert call(server, "GET", "/api/state")[0] == 403
    assert call(server, "GET", f"/api/state?token={TOKEN}", host="evil.example")[0] == 403
    status, body = call(server, "GET", f"/api/state?token={TOKEN}")
    assert status == 200 and json.loads(body)["version"] == 1


def test_bulk_comment_and_undo_round_trip(server, tmp_path):
    """A bulk dismissal is one undo step; a comment on an undecided finding is a note; undo restores each."""
    path = tmp_path / "hedui-decisions.yaml"
    findings = queue(server)["findings"]
    some = [f["fingerprint"] for f in findings[:3]]
    assert post(server, "/api/decisions", {"fingerprints": some, "decision": "dismissed"})[0] == 400
    status, answer = post(server, "/api/decisions", {"fingerprints": some, "decision": "dismissed", "reason": "同上"})
    assert status == 200 and set(answer["decisions"]) == set(some) and answer["undo"] == 1
    other = findings[3]["fingerprint"]
    status, answer = post(server, "/api/comment", {"fingerprint": other, "comment": "待核"})
    assert status == 200 and answer["comments"] == {other: "待核"} and other not in answer["decisions"]
    assert set(load_decisions(path)) == set(some) and load_entries(path)[other].comment == "待核"
    status, answer = post(server, "/api/undo", {})
    assert status == 200 and answer["undone"] == [other] and answer["comments"] == {}
    status, answer = post(server, "/api/undo", {})
    assert status == 200 and sorted(answer["undone"]) == sorted(some) and answer["decisions"] == {}
    assert load_entries(path) == {}
    assert post(server, "/api/undo", {})[0] == 409
    assert post(server, "/api/decisions", {"fingerprints": ["nope"], "decision": "accepted"})[0] == 404
    assert post(server, "/api/comment", {"fingerprint": other, "comment": "长" * 2001})[0] == 400


def test_an_edited_article_is_checked_again_on_the_next_poll(tmp_path):
    """When an article's file changes, /api/state re-runs the check and the queue's version goes up."""
    seeds = make_corpus(tmp_path)
    runs = []

    def rerun():
        """Check the folder again, counting the runs."""
        runs.append(1)
        return check_corpus(seeds)

    session = build_session(check_corpus(seeds), tmp_path / "d.yaml", TOKEN, "x", rerun=rerun)
    with serving(session) as srv:
        assert json.loads(call(srv, "GET", f"/api/state?token={TOKEN}")[1])["version"] == 1 and runs == []
        article = seeds / "001_d50660e1f1101acb.txt"
        article.write_text(article.read_text(encoding="utf-8").replace("增长22.2倍", "增长到22.2倍"), encoding="utf-8")
        assert json.loads(call(srv, "GET", f"/api/state?token={TOKEN}")[1])["version"] == 2
        assert json.loads(call(srv, "GET", f"/api/state?token={TOKEN}")[1])["version"] == 2 and runs == [1]
        texts = [f["text"] for f in queue(srv)["findings"] if f["rule"] == "growth.increase-by-vs-to"]
        assert "22.2倍" not in texts


@pytest.mark.parametrize("template", ["javascript:alert(1)//{path}", "data:text/html,{path}", "file-{path}",
                                      "vscode://file/{line}", "vscode://file/{path}:{evil}"])
def test_unsafe_or_broken_editor_templates_are_refused(template):
    """Templates that could run script, lack a scheme or {path}, or name unknown placeholders are refused."""
    with pytest.raises(HeduiError, match="editor-url"):
        check_editor_url(template, "hedui.toml")


def test_editor_links_fill_path_line_and_column(tmp_path):
    """The link carries the absolute, percent-encoded path and the line and column."""
    article = tmp_path / "新 闻.md"
    link = editor_link(check_editor_url("vscode://file/{path}:{line}:{col}", "x"), str(article), 30, 44)
    assert link == f"vscode://file/{str(tmp_path)}/%E6%96%B0%20%E9%97%BB.md:30:44"


def test_review_reads_the_editor_template_from_the_configuration(tmp_path, monkeypatch, capsys):
    """A javascript: template in hedui.toml stops `hedui review` with exit 2, naming the file."""
    from checker.cli.main import main

    seeds = make_corpus(tmp_path)
    (tmp_path / "hedui.toml").write_text('editor-url = "javascript:alert(1)//{path}"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["review", str(seeds), "--no-browser", "--no-cache", "--quiet"])
    assert code == 2 and "hedui.toml" in capsys.readouterr().err
