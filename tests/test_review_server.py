"""The review server's guards and API: token, token header, Host, paths, escaping, decisions."""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from checker.errors import HeduiError
from checker.review.server import start_server
from checker.review.session import build_session
from checker.triage.decisions import load_decisions
from tests.test_review_support import IMG_TAG, SCRIPT_TAG, check_corpus, make_corpus

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    """The check result over the seeds and the hostile article."""
    return check_corpus(make_corpus(tmp_path_factory.mktemp("corpus")))


@contextlib.contextmanager
def serving(session):
    """Run a review server for a session on a free loopback port, in a thread."""
    srv = start_server(session, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def server(result, tmp_path):
    """A review server writing decisions into tmp_path."""
    with serving(build_session(result, tmp_path / "hedui-decisions.yaml", TOKEN, "测试编辑")) as srv:
        yield srv


def call(server, method: str, path: str, body=None, headers=None, host=None) -> tuple[int, bytes]:
    """Send one raw request (the path is sent exactly as given); return status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    all_headers = {"Host": f"127.0.0.1:{server.port}" if host is None else host, **(headers or {})}
    data = json.dumps(body).encode("utf-8") if isinstance(body, dict) else body
    if data is not None:
        all_headers.setdefault("Content-Type", "application/json")
    connection.request(method, path, body=data, headers=all_headers)
    response = connection.getresponse()
    status, payload = response.status, response.read()
    connection.close()
    return status, payload


def post_decision(server, fingerprint: str, decision: str = "dismissed", reason: str = "引用原文", headers=None):
    """POST a decision with the token header unless other headers are given."""
    headers = {"X-Hedui-Token": TOKEN} if headers is None else headers
    return call(server, "POST", "/api/decision", {"fingerprint": fingerprint, "decision": decision, "reason": reason},
                headers=headers)


def queue(server) -> dict:
    """The queue as the page receives it."""
    status, body = call(server, "GET", f"/api/findings?token={TOKEN}")
    assert status == 200
    return json.loads(body)


@pytest.mark.parametrize("path", ["/", "/?token=wrong", "/?token=", "/api/findings", "/api/findings?token=test-token",
                                  f"/api/findings?token={TOKEN}&token={TOKEN}", "/api/doc?index=0", "/favicon.ico"])
def test_requests_without_the_token_are_forbidden(server, path):
    """Every GET without exactly the session token is refused with 403."""
    status, body = call(server, "GET", path)
    assert status == 403
    assert SCRIPT_TAG.encode() not in body and b"decisions" not in body


def test_the_token_may_come_in_the_query_or_the_header(server):
    """A GET is allowed with the token in the query or in the X-Hedui-Token header."""
    assert call(server, "GET", f"/?token={TOKEN}")[0] == 200
    assert call(server, "GET", "/api/findings", headers={"X-Hedui-Token": TOKEN})[0] == 200


@pytest.mark.parametrize("host", ["evil.example:{port}", "127.0.0.1:1", "127.0.0.1", "localhost.evil.example:{port}",
                                  "192.168.1.10:{port}", ""])
def test_a_foreign_host_header_is_forbidden(server, host):
    """DNS rebinding guard: a Host other than 127.0.0.1:port or localhost:port gets 403 even with the token."""
    status, _ = call(server, "GET", f"/api/findings?token={TOKEN}", host=host.format(port=server.port))
    assert status == 403


def test_localhost_host_header_is_allowed(server):
    """The page opened as localhost:port works too."""
    assert call(server, "GET", f"/?token={TOKEN}", host=f"localhost:{server.port}")[0] == 200


@pytest.mark.parametrize("path", [
    f"/api/doc?path=../../etc/passwd&token={TOKEN}",
    f"/api/doc?index=../../etc/passwd&token={TOKEN}",
    f"/api/doc?index=-1&token={TOKEN}",
    f"/api/doc?index=999&token={TOKEN}",
    f"/api/doc?index=%C2%B2&token={TOKEN}",
    f"/../../etc/passwd?token={TOKEN}",
    f"/%2e%2e/%2e%2e/etc/passwd?token={TOKEN}",
    f"/seeds/001_d50660e1f1101acb.txt?token={TOKEN}",
    f"//etc/passwd?token={TOKEN}",
])
def test_crafted_paths_read_no_file(server, path):
    """Documents are served by index into the checked set only; any other path is 404 and reads nothing."""
    status, body = call(server, "GET", path)
    assert status == 404
    assert b"root:" not in body and "重庆".encode() not in body


def test_a_document_is_served_by_index(server, result):
    """GET /api/doc?index=N returns the text of the N-th checked document."""
    status, body = call(server, "GET", f"/api/doc?index=1&token={TOKEN}")
    assert status == 200
    assert json.loads(body)["text"] == result.documents[1].text


def test_responses_never_carry_raw_markup_from_articles(server):
    """The page holds no article text, and JSON escapes '<' and '>', so hostile text is inert everywhere."""
    status, page = call(server, "GET", f"/?token={TOKEN}")
    assert status == 200
    _, findings = call(server, "GET", f"/api/findings?token={TOKEN}")
    hostile = [i for i, d in enumerate(json.loads(findings)["documents"]) if SCRIPT_TAG in d["title"]]
    _, doc = call(server, "GET", f"/api/doc?index={hostile[0]}&token={TOKEN}")
    for body in (page, findings, doc):
        assert SCRIPT_TAG.encode() not in body and IMG_TAG.encode() not in body
        assert b"<img" not in body
    assert SCRIPT_TAG in json.loads(doc)["text"] and IMG_TAG in json.loads(doc)["text"]


def test_hostile_article_is_part_of_the_evidence(server):
    """The hostile article has findings, so its text is what the escaping tests exercise."""
    quoted = [s["text"] for f in queue(server)["findings"] for q in f["quotes"] for s in q["segments"]]
    assert any(SCRIPT_TAG in t for t in quoted) and any(IMG_TAG in t for t in quoted)


def test_pages_carry_a_strict_content_policy(server):
    """The page forbids foreign scripts, frames and requests; JSON answers forbid everything."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.request("GET", f"/?token={TOKEN}")
    policy = connection.getresponse().getheader("Content-Security-Policy")
    connection.close()
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


@pytest.mark.parametrize("headers", [{}, {"X-Hedui-Token": "wrong"}, {"X-Hedui-Token": ""},
                                     {"X-Hedui-Token": TOKEN, "Origin": "http://evil.example"},
                                     {"X-Hedui-Token": TOKEN, "Origin": "null"}])
def test_posts_without_the_token_header_are_forbidden(server, headers, tmp_path):
    """A POST needs the X-Hedui-Token header (the query token is not enough) and no foreign Origin."""
    fingerprint = queue(server)["findings"][0]["fingerprint"]
    status, _ = call(server, "POST", f"/api/decision?token={TOKEN}", {"fingerprint": fingerprint,
                     "decision": "accepted", "reason": ""}, headers=headers)
    assert status == 403
    assert not (tmp_path / "hedui-decisions.yaml").exists()


def test_a_decision_is_recorded_with_its_finding(server, tmp_path):
    """A POST writes one entry per fingerprint with decision, reason, reviewer, time, rule, text and doc."""
    item = queue(server)["findings"][0]
    status, body = post_decision(server, item["fingerprint"], "dismissed", " 标题党，已与作者确认 ",
                                 headers={"X-Hedui-Token": TOKEN, "Origin": f"http://127.0.0.1:{server.port}"})
    assert status == 200
    saved = load_decisions(tmp_path / "hedui-decisions.yaml")
    entry = saved[item["fingerprint"]]
    assert (entry.decision, entry.reason, entry.reviewer) == ("dismissed", "标题党，已与作者确认", "测试编辑")
    assert (entry.rule, entry.text, entry.doc) == (item["rule"], item["text"], item["doc"]) and entry.at
    assert json.loads(body)["decisions"][item["fingerprint"]]["decision"] == "dismissed"
    assert queue(server)["decisions"][item["fingerprint"]]["reason"] == "标题党，已与作者确认"


def test_a_new_decision_replaces_the_old_one(server, tmp_path):
    """Deciding a finding again keeps one entry, the latest."""
    fingerprint = queue(server)["findings"][0]["fingerprint"]
    post_decision(server, fingerprint, "dismissed", "误报")
    post_decision(server, fingerprint, "accepted", "")
    saved = load_decisions(tmp_path / "hedui-decisions.yaml")
    assert list(saved) == [fingerprint] and saved[fingerprint].decision == "accepted"


@pytest.mark.parametrize("body, status", [
    ({"fingerprint": "0" * 20, "decision": "accepted"}, 404),
    ({"fingerprint": None, "decision": "accepted"}, 404),
    ({"decision": "skipped"}, 400),
    ({"decision": "dismissed", "reason": "   "}, 400),
    ({"decision": "dismissed", "reason": "长" * 501}, 400),
    ({"decision": "accepted", "reason": 5}, 400),
    (b"not json", 400),
    (b"[1, 2]", 400),
    (b"x" * 70000, 413),
])
def test_bad_decisions_are_refused_and_nothing_is_written(server, tmp_path, body, status):
    """Unknown fingerprints, unknown verdicts, dismissals without a reason and bad bodies write nothing."""
    if isinstance(body, dict) and "fingerprint" not in body:
        body = {"fingerprint": queue(server)["findings"][0]["fingerprint"], **body}
    got, answer = call(server, "POST", "/api/decision", body, headers={"X-Hedui-Token": TOKEN})
    assert got == status and json.loads(answer)["error"]
    assert not (tmp_path / "hedui-decisions.yaml").exists()


def test_concurrent_saves_lose_no_entry(server, tmp_path):
    """Decisions posted at once from several tabs all end up in the file."""
    fingerprints = [f["fingerprint"] for f in queue(server)["findings"]]
    with ThreadPoolExecutor(max_workers=len(fingerprints) * 3) as pool:
        answers = list(pool.map(lambda fp: post_decision(server, fp, "accepted", "")[0], fingerprints * 3))
    assert answers == [200] * len(answers)
    assert set(load_decisions(tmp_path / "hedui-decisions.yaml")) == set(fingerprints)


def test_a_file_broken_while_serving_is_reported_and_kept(server, tmp_path):
    """A decisions file edited into bad YAML mid-review gets 409 naming the line, and is not overwritten."""
    path = tmp_path / "hedui-decisions.yaml"
    path.write_text("decisions:\n  abc: [unclosed\n", encoding="utf-8")
    status, body = call(server, "GET", f"/api/findings?token={TOKEN}")
    assert status == 409 and str(path) in json.loads(body)["error"]
    fingerprint = server.session.payload["findings"][0]["fingerprint"]
    status, body = post_decision(server, fingerprint)
    assert status == 409 and f"{path}:" in json.loads(body)["error"]
    assert path.read_text(encoding="utf-8") == "decisions:\n  abc: [unclosed\n"


def test_other_hosts_are_refused_by_the_server_too(result, tmp_path):
    """start_server itself refuses any address but the loopback ones."""
    session = build_session(result, tmp_path / "d.yaml", TOKEN, "x")
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.com"):
        with pytest.raises(HeduiError, match="refusing"):
            start_server(session, host, 0)


def test_findings_suppressed_in_the_article_show_as_suppressed(tmp_path):
    """A finding silenced by a hedui-disable comment arrives marked suppressed, with the comment's reason."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.md").write_text("<!-- hedui-disable wording: 引用原文 -->\n"
                                 "全市约10万人左右参加。\n\n投资成本仅为15~30%。\n", encoding="utf-8")
    with serving(build_session(check_corpus(folder), tmp_path / "d.yaml", TOKEN, "x")) as srv:
        data = queue(srv)
    marked = {f["text"]: data["decisions"].get(f["fingerprint"]) for f in data["findings"]}
    assert marked["约10万人左右"] == {"decision": "suppressed", "reason": "引用原文"}
    assert marked["15~30%"] is None


def test_deeply_nested_body_gets_a_400(server):
    """A POST body of 30,000 '[' is answered with 400, not a dropped connection."""
    status, body = call(server, "POST", "/api/decision", b"[" * 30000, headers={"X-Hedui-Token": TOKEN})
    assert status == 400 and b"not JSON" in body
