"""The CLI is a thin layer: every command has --help and is documented; the extract contract holds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from wiredesk.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "include/sample_dump/2017-10-23"
CONTRACT_KEYS = ["input", "url", "title", "standfirst", "text", "lead", "publisher", "syndicator",  # the list
                 "original_source", "wire_agency", "byline", "authors", "dateline", "published_at",
                 "published_at_source", "modified_at", "date_flags", "language", "word_count", "tags",
                 "image_url", "canonical_url", "content_hash", "removed"]


def _commands():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: wiredesk" in capsys.readouterr().out


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_in_the_readme(command):
    assert f"`wiredesk {command}" in (ROOT / "README.md").read_text()


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "wiredesk.cli", *args], input=stdin, capture_output=True,
                          env={"PYTHONPATH": str(ROOT / "include"), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_extract_stdin_json():
    proc = _cli("extract", stdin=(SEEDS / "004_fd024b4fc5a4634f.txt").read_bytes())
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert list(out) == CONTRACT_KEYS
    assert out["input"] is None
    assert out["wire_agency"] == "AP"
    assert {"kind": "byline", "text": "By: AP"} in out["removed"]


def test_extract_stdin_text():
    proc = _cli("extract", "--format", "text", stdin=(SEEDS / "000_60f9612ee5a9e451.txt").read_bytes())
    assert proc.returncode == 0
    text = proc.stdout.decode()
    assert text.startswith("The Daesh terror group executed")
    assert "Legal Disclaimer" not in text


def test_extract_files_jsonl_keeps_input_as_given(tmp_path):
    files = [str(p.relative_to(ROOT)) for p in sorted(SEEDS.glob("*.txt"))]
    proc = subprocess.run([sys.executable, "-m", "wiredesk.cli", "extract", "--url", "https://x.example/a", *files],
                          cwd=ROOT, capture_output=True, env={"PYTHONPATH": str(ROOT / "include"),
                                                              "PATH": "/usr/bin:/bin"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert [ln["input"] for ln in lines] == files
    assert all(list(ln) == CONTRACT_KEYS for ln in lines)
    assert lines[0]["original_source"] == "Jordan Times"


def test_extract_missing_file_keeps_the_line_shape(tmp_path):
    good = str(SEEDS / "000_60f9612ee5a9e451.txt")
    proc = _cli("extract", str(tmp_path / "nope.html"), good)
    assert proc.returncode == 1
    bad, ok = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert list(bad)[: len(CONTRACT_KEYS)] == CONTRACT_KEYS and "No such file" in bad["error"]
    assert ok["input"] == good and ok["title"]


def test_extract_refuses_binary_input_and_reads_utf16_text(tmp_path):
    png = bytes.fromhex("89504e470d0a1a0a") + bytes(range(256)) * 4
    (tmp_path / "picture.html").write_bytes(png)
    (tmp_path / "notes.txt").write_bytes("Title line\nA paragraph of plain text, in UTF-16.\n".encode("utf-16"))
    proc = _cli("extract", str(tmp_path / "picture.html"), str(tmp_path / "notes.txt"))
    assert proc.returncode == 1
    bad, ok = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert "looks like binary data" in bad["error"] and bad["text"] is None
    assert ok["title"] == "Title line" and ok["text"] == "A paragraph of plain text, in UTF-16."
    proc = _cli("extract", stdin=png)
    assert proc.returncode == 1 and b"stdin: not HTML or text" in proc.stderr and not proc.stdout


def test_extract_html_with_url(tmp_path):
    page = ROOT / "tests/quality/devset/03_ap_outlet_byap.html"
    proc = _cli("extract", "--url", "https://news.example/a.html", stdin=page.read_bytes())
    out = json.loads(proc.stdout)
    assert out["url"] == "https://news.example/a.html"
    assert out["wire_agency"] == "AP"


def test_bad_config_exits_2_with_file_and_key(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("sources:\n  - {id: x, kind: rss, url: 'https://x.org/f', shiny: 1}\n")
    assert main(["run", "--date", "2017-10-23", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "sources[x].shiny" in err and "unknown key" in err


def test_bad_date_is_rejected(capsys):
    with pytest.raises(SystemExit):
        main(["run", "--date", "23/10/2017"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_sql_errors_are_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    from wiredesk import warehouse

    monkeypatch.setenv("WIREDESK_DATA_DIR", str(tmp_path))
    warehouse.migrate(tmp_path / "warehouse.duckdb")  # an empty warehouse of the current schema
    assert main(["sql", "SELEC 1"]) == 1
    assert "wiredesk sql: Parser Error" in capsys.readouterr().err
    assert main(["sql", "DELETE FROM articles"]) == 1
    assert "the warehouse is read-only here" in capsys.readouterr().err
    assert main(["sql", "--format", "csv", "SELECT count(*) AS n FROM articles"]) == 0
    assert capsys.readouterr().out.splitlines() == ["n", "0"]
    for empty in ("", "  -- a comment alone"):
        assert main(["sql", empty]) == 1
        assert "the query has no statement" in capsys.readouterr().err


def test_sql_without_warehouse_says_what_to_do(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(tmp_path))
    assert main(["sql", "SELECT 1"]) == 2
    assert "wiredesk run --date" in capsys.readouterr().err
