"""`hedui review` on the command line: loopback only, the address, the browser, Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import webbrowser

import pytest

from checker.cli.main import main
from checker.review.server import ReviewServer
from tests.test_review_support import make_corpus

URL = re.compile(r"^http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{40,})$")


def _stop_at_once(self):
    """Stand-in for serve_forever: behave as if Ctrl-C came right away."""
    raise KeyboardInterrupt


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.com", ""])
def test_non_loopback_hosts_are_a_usage_error(capsys, host):
    """--host other than 127.0.0.1, localhost or ::1 exits 2 before anything is read or served."""
    with pytest.raises(SystemExit) as caught:
        main(["review", "seeds", "--host", host])
    assert caught.value.code == 2
    assert "refusing to serve" in capsys.readouterr().err


def test_the_address_is_printed_and_opened(tmp_path, monkeypatch, capsys):
    """The page's address, with a fresh token, goes to stdout and to the browser when a display exists."""
    monkeypatch.setattr(ReviewServer, "serve_forever", _stop_at_once)
    monkeypatch.setenv("DISPLAY", ":0")
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    seeds = make_corpus(tmp_path)
    argv = ["review", str(seeds), "--decisions", str(tmp_path / "d.yaml"), "--no-cache", "--quiet"]
    assert main(argv) == 0
    first = capsys.readouterr().out.strip()
    assert URL.match(first) and opened == [first]
    assert main(argv + ["--no-browser"]) == 0
    second = capsys.readouterr().out.strip()
    assert URL.match(second) and opened == [first]
    assert URL.match(first)[2] != URL.match(second)[2]
    assert not (tmp_path / "d.yaml").exists()


def test_the_port_can_be_chosen(tmp_path, monkeypatch, capsys):
    """--port N listens on N; a port already taken is a clear error, exit 2."""
    monkeypatch.setattr(ReviewServer, "serve_forever", _stop_at_once)
    seeds = make_corpus(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = ["review", str(seeds), "--no-browser", "--no-cache", "--quiet", "--decisions", str(tmp_path / "d.yaml")]
    assert main(argv + ["--port", str(port)]) == 0
    assert URL.match(capsys.readouterr().out.strip())[1] == str(port)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        assert main(argv + ["--port", str(taken.getsockname()[1])]) == 2
    assert "cannot listen" in capsys.readouterr().err


def test_ctrl_c_stops_cleanly(tmp_path):
    """SIGINT ends a running review with exit 0 and no traceback."""
    seeds = make_corpus(tmp_path)
    env = {**os.environ, "HEDUI_REVIEWER": "测试编辑"}
    review = subprocess.Popen(
        [sys.executable, "-m", "checker.cli", "review", str(seeds), "--decisions", str(tmp_path / "d.yaml"),
         "--no-browser", "--no-cache", "--quiet"],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = review.stdout.readline().strip()
        assert URL.match(line), line
        review.send_signal(signal.SIGINT)
        out, err = review.communicate(timeout=20)
    finally:
        if review.poll() is None:
            review.kill()
    assert review.returncode == 0, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
