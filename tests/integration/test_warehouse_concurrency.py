"""The load against real concurrent processes: analysts holding read-only sessions, a poller opening
new sessions throughout repeated loads, and loaders killed with SIGKILL at every stage of a load, on
both write paths (in place, and copy + publish)."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pytest

from wiredesk import schema, search, storage, warehouse

pytestmark = pytest.mark.integration
INCLUDE = str(Path(__file__).resolve().parents[2] / "include")
D1, D2 = dt.date(2017, 10, 22), dt.date(2017, 10, 23)
WORDS = np.array("the of and syria daesh town beirut civilians reports agency rate bank wire copy outlet".split())


def version_day(data: Path, day: dt.date, version: str, n: int) -> tuple:
    """Write ``day`` as version ``version`` with ``n`` articles (every third a copy); returns its fingerprint."""
    rng = np.random.default_rng(n)
    texts = [" ".join(rng.choice(WORDS, 200)) + f" marker{version}" for _ in range(n)]
    rows, links = [], []
    for i in range(n):
        aid = f"a_{version}_{day:%d}_{i:06d}"
        canon = f"a_{version}_{day:%d}_{i - i % 3:06d}"
        rows.append(
            {
                "article_id": aid,
                "dt": day,
                "source_id": "wire",
                "url": f"https://o{i % 40}.example/{aid}",
                "title": f"Version {version} story {i}",
                "text": texts[i - i % 3],
                "publisher": f"o{i % 40}",
                "copy_cluster_id": f"c_{canon}",
                "canonical_article_id": canon,
                "is_canonical": aid == canon,
                "story_id": f"s_{canon}",
                "schema_version": schema.SCHEMA_VERSION,
                "published_at": dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) + dt.timedelta(seconds=i),
            }
        )
        if aid != canon:
            links.append(
                {
                    "dt": day,
                    "article_id": aid,
                    "linked_article_id": canon,
                    "copy_cluster_id": f"c_{canon}",
                    "method": "exact",
                    "similarity": 1.0,
                }
            )
    search.write_day(data, day, schema.table_from_rows(rows, schema.ARTICLES))
    storage.replace_partition(
        data, "copy_links", day, {"part-0.parquet": schema.table_from_rows(links, schema.COPY_LINKS)}
    )
    return (n, len(links), 1, f"marker{version}")


FINGERPRINT = """
SELECT (SELECT count(*) FROM articles WHERE dt = $day),
       (SELECT count(*) FROM copy_links WHERE dt = $day),
       (SELECT count(DISTINCT split_part(title, ' ', 2)) FROM articles WHERE dt = $day),
       (SELECT max(token) FROM article_tokens WHERE dt = $day AND token LIKE 'marker%'),
       (SELECT sum(copies) FROM copy_clusters WHERE first_dt = $day),
       (SELECT count(*) FROM search((SELECT max(token) FROM article_tokens WHERE dt = $day AND token LIKE 'marker%')))
"""


def fingerprint(con: duckdb.DuckDBPyConnection, day: dt.date) -> tuple:
    """What an analyst sees of ``day``: counts in every table that a load replaces, plus the version."""
    row = con.execute(FINGERPRINT, {"day": day}).fetchone()
    return (row[0], row[1], row[2], row[3]) if row[4] == row[0] == row[5] else ("torn", *row)


@pytest.fixture
def lake(tmp_path):
    data = tmp_path / "data"
    version_day(data, D1, "x", 300)
    version_day(data, D2, "a", 3000)
    db = data / "warehouse.duckdb"
    warehouse.load_day(db, data, D1)
    warehouse.load_day(db, data, D2)
    return data, db


_ANALYST = """
import datetime as dt, duckdb, json, sys
sys.path.insert(0, sys.argv[3])
con = duckdb.connect(sys.argv[1], read_only=True)
exec(sys.argv[2])
day = dt.date(2017, 10, 23)
print(json.dumps(fingerprint(con, day)), flush=True)
sys.stdin.readline()
print(json.dumps(fingerprint(con, day)), flush=True)
"""


def _helpers() -> str:
    return f"FINGERPRINT = {FINGERPRINT!r}\n" + (
        "def fingerprint(con, day):\n"
        "    row = con.execute(FINGERPRINT, {'day': day}).fetchone()\n"
        "    return (row[0], row[1], row[2], row[3]) if row[4] == row[0] == row[5] else ('torn', *row)\n"
    )


def test_an_open_analyst_session_neither_fails_the_load_nor_sees_it_half_done(lake):
    data, db = lake
    analyst = subprocess.Popen(
        [sys.executable, "-c", _ANALYST, str(db), _helpers(), INCLUDE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        before = tuple(json.loads(analyst.stdout.readline()))
        assert before == (3000, 2000, 1, "markera")
        # DuckDB itself would refuse a writer now: the analyst's read-only session holds the file.
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(db))
        after_version = version_day(data, D2, "b", 2400)
        t0 = time.monotonic()
        counts = warehouse.load_day(db, data, D2)
        assert time.monotonic() - t0 < 30 and counts["articles"] == 2400
        analyst.stdin.write("go\n")
        analyst.stdin.flush()
        still = tuple(json.loads(analyst.stdout.readline()))
        assert still == before, "the open session keeps the snapshot it opened, whole"
        with duckdb.connect(str(db), read_only=True) as con:
            assert fingerprint(con, D2) == after_version
    finally:
        analyst.kill()
        analyst.wait()


_POLLER = """
import datetime as dt, duckdb, json, sys, time
exec(sys.argv[2])
day, seen, locked, deadline = dt.date(2017, 10, 23), {}, 0, time.monotonic() + float(sys.argv[3])
while time.monotonic() < deadline:
    try:
        con = duckdb.connect(sys.argv[1], read_only=True)
    except duckdb.IOException as exc:  # an in-place load holds the file: what `wiredesk sql` retries
        assert "lock" in str(exc).lower(), exc
        locked += 1
        time.sleep(0.01)
        continue
    with con:
        key = json.dumps(fingerprint(con, day))
    seen[key] = seen.get(key, 0) + 1
    time.sleep(0.03)  # between sessions the file is free: loads then go in place
print(json.dumps({"seen": seen, "locked": locked}), flush=True)
"""


@pytest.mark.parametrize("mode", ["auto", "copy"])
def test_new_sessions_during_repeated_loads_see_one_whole_version_or_the_other(lake, monkeypatch, mode):
    data, db = lake
    monkeypatch.setenv("WIREDESK_PUBLISH", mode)
    a = (3000, 2000, 1, "markera")
    poller = subprocess.Popen(
        [sys.executable, "-c", _POLLER, str(db), _helpers(), "12"], stdout=subprocess.PIPE, text=True
    )
    versions, in_place = {a}, 0
    try:
        for i in range(6):
            version = "b" if i % 2 == 0 else "a"
            versions.add(version_day(data, D2, version, 2400 if version == "b" else 3000))
            inode = db.stat().st_ino
            warehouse.load_day(db, data, D2)
            in_place += db.stat().st_ino == inode
        report = json.loads(poller.communicate(timeout=60)[0])
    finally:
        poller.kill()
        poller.wait()
    seen = report["seen"]
    observed = {tuple(json.loads(k)) for k in seen}
    assert observed <= versions, f"a session saw a mix: {observed - versions}"
    assert sum(seen.values()) > 20 and len(observed) == 2, seen
    if mode == "copy":
        assert report["locked"] == 0 and in_place == 0, "copies never lock a reader out"
    else:
        assert in_place > 0, "some loads found the file free and wrote in place"


_LOADER = """
import datetime as dt, os, shutil, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[4])
from wiredesk import search, warehouse
phase = sys.argv[3]

def pause(label):
    print(label, flush=True)
    time.sleep(120)

if phase == "copying":
    real_copy = shutil.copyfile
    def copyfile(src, dst, *a, **k):
        real_copy(src, dst, *a, **k)
        pause("copied")
    warehouse.shutil.copyfile = copyfile
elif phase == "transaction":
    real_index = search.load_day
    def load_day(con, data_dir, day):
        n = real_index(con, data_dir, day)
        pause("deleted and re-inserted, not committed")
        return n
    search.load_day = load_day
elif phase == "committed":
    real_replace_day = warehouse.replace_day
    def replace_day(con, data_dir, day):
        counts = real_replace_day(con, data_dir, day)
        pause("committed, not checkpointed")
        return counts
    warehouse.replace_day = replace_day
elif phase == "publishing":
    real_replace = os.replace
    def replace(src, dst):
        pause("checkpointed, not yet published")
        real_replace(src, dst)
    warehouse.os.replace = replace
warehouse.load_day(Path(sys.argv[1]), Path(sys.argv[2]), dt.date(2017, 10, 23))
print("done", flush=True)
"""


@pytest.mark.parametrize(
    ("mode", "phase"),
    [("copy", "copying"), ("copy", "transaction"), ("copy", "publishing"), ("auto", "transaction"),
     ("auto", "committed")],
)
def test_kill_9_mid_load_keeps_the_previous_day_and_the_next_run_heals(lake, monkeypatch, mode, phase):
    data, db = lake
    monkeypatch.setenv("WIREDESK_PUBLISH", mode)
    with duckdb.connect(str(db), read_only=True) as con:
        before = fingerprint(con, D2)
        other = con.execute("SELECT * FROM articles WHERE dt = ? ORDER BY article_id", [D1]).fetchall()
    new = version_day(data, D2, "b", 2400)
    loader = subprocess.Popen(
        [sys.executable, "-c", _LOADER, str(db), str(data), phase, INCLUDE], stdout=subprocess.PIPE, text=True
    )
    try:
        line = loader.stdout.readline().strip()
        assert line and line != "done", f"the loader never reached the {phase} phase"
        if mode == "copy":
            assert warehouse._staging_files(db), "the loader was working on a copy"
        else:
            with pytest.raises(duckdb.IOException, match="lock"):
                duckdb.connect(str(db), read_only=True)  # it holds the published file itself
        os.kill(loader.pid, signal.SIGKILL)
        assert loader.wait(timeout=30) == -signal.SIGKILL
    finally:
        if loader.poll() is None:
            loader.kill()
            loader.wait()
    # Committed before the kill: the write-ahead log has the new day, whole; otherwise the old one is kept.
    expected = new if phase == "committed" else before
    with duckdb.connect(str(db), read_only=True) as con:
        assert fingerprint(con, D2) == expected, "readers see the last committed day, whole"
        assert con.execute("SELECT * FROM articles WHERE dt = ? ORDER BY article_id", [D1]).fetchall() == other
    if mode == "copy":
        assert warehouse._staging_files(db), "the dead loader's copy is still there (until the next run)"
    # The next run: the writer lock died with the process, the leftovers are swept, the day is loaded.
    warehouse.load_day(db, data, D2)
    assert not warehouse._staging_files(db)
    assert not Path(f"{db}.wal").exists(), "the next load checkpointed what the dead one committed"
    with duckdb.connect(str(db), read_only=True) as con:
        assert fingerprint(con, D2) == new


@pytest.mark.parametrize("mode", ["auto", "copy"])
def test_kill_9_at_random_moments_never_leaves_a_broken_warehouse(lake, monkeypatch, mode):
    data, db = lake
    monkeypatch.setenv("WIREDESK_PUBLISH", mode)
    versions = {(3000, 2000, 1, "markera")}
    versions.add(version_day(data, D2, "b", 8000))
    t0 = time.monotonic()
    subprocess.run(
        [sys.executable, "-c", _LOADER, str(db), str(data), "whole", INCLUDE], check=True, stdout=subprocess.DEVNULL
    )
    whole = time.monotonic() - t0  # interpreter start-up included, as in the killed runs
    rng, interrupted = random.Random(7), 0
    for round_ in range(6):
        version = "a" if round_ % 2 == 0 else "b"
        last = version_day(data, D2, version, 3000 if version == "a" else 8000)
        versions.add(last)
        loader = subprocess.Popen(
            [sys.executable, "-c", _LOADER, str(db), str(data), "whole", INCLUDE], stdout=subprocess.PIPE, text=True
        )
        time.sleep(rng.uniform(0.1, 0.95) * whole)
        loader.send_signal(signal.SIGKILL)
        interrupted += "done" not in loader.communicate(timeout=30)[0]
        with duckdb.connect(str(db), read_only=True) as con:
            assert fingerprint(con, D2) in versions
    assert interrupted >= 3, "most loads should have been killed before they finished"
    warehouse.load_day(db, data, D2)
    assert not warehouse._staging_files(db)
    with duckdb.connect(str(db), read_only=True) as con:
        assert fingerprint(con, D2) == last
