"""What the hand-written dedup sets share: collecting labeled records, running them through the
``wiredesk dedup`` back end, and pairwise scores over all document pairs (as the held-out evaluation
counts them). Used by wire_pages.py and wire_variants*.py and their tests."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import random
from collections.abc import Callable
from pathlib import Path


class LabeledSet:
    """JSON Lines records for ``wiredesk dedup`` and, per doc_id, its (copy label, story label)."""

    def __init__(self) -> None:
        self.docs: list[dict] = []
        self.labels: dict[str, tuple[str, str]] = {}

    def add(self, doc_id: str, text: str, copy: str, story: str, url: str | None = None, date: str | None = None) -> None:
        """One record, with the optional fields only when given."""
        rec = {"doc_id": doc_id, "text": text}
        if url:
            rec["url"] = url
        if date:
            rec["published_at"] = date
        self.docs.append(rec)
        self.labels[doc_id] = (copy, story)


def write_jsonl(path: Path, docs: list[dict]) -> None:
    """Write the records as JSON Lines."""
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")


def run_cli(docs: list[dict], folder: Path) -> dict[str, dict[str, str]]:
    """dedup's CSV rows for the records, through the CLI back end (``wiredesk dedup IN -o OUT``)."""
    from wiredesk import dedup

    src, out = folder / "in.jsonl", folder / "out.csv"
    write_jsonl(src, docs)
    if dedup.dedup_jsonl(str(src), str(out), progress=False) != 0:
        raise RuntimeError("wiredesk dedup failed")
    with open(out, newline="", encoding="utf-8") as fh:
        return {r["doc_id"]: r for r in csv.DictReader(fh)}


def pairwise(got: dict[str, dict[str, str]], labels: dict[str, tuple[str, str]]) -> dict[str, dict]:
    """Pairwise precision, recall and F1 of copy clusters and stories, and the wrong pairs of each."""
    out = {}
    for level, column in ((0, "copy_cluster_id"), (1, "story_id")):
        tp = fp = fn = 0
        merged, split = [], []
        for a, b in itertools.combinations(sorted(labels), 2):
            truth = labels[a][level] == labels[b][level]
            same = got[a][column] == got[b][column]
            tp += truth and same
            if same and not truth:
                fp += 1
                merged.append((a, b))
            elif truth and not same:
                fn += 1
                split.append((a, b))
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        name = "copy" if level == 0 else "story"
        out[name] = {"precision": p, "recall": r, "f1": f, "merged": merged, "split": split}
    return out


def below_floor(got: dict[str, dict[str, str]], labels: dict[str, tuple[str, str]], floors: dict, level: str, metric: str) -> str:
    """Why a set's ``level`` ``metric`` fell under its floor (with some wrong pairs), or "" when it did not."""
    scores = pairwise(got, labels)[level]
    if scores[metric] >= floors[(level, metric)]:
        return ""
    return (
        f"{level} {metric} fell to {scores[metric]:.4f} (floor {floors[(level, metric)]}); "
        f"merged {scores['merged'][:5]}, split {scores['split'][:5]}"
    )


def reordered_runs(docs: list[dict], folder: Path) -> list[dict[str, dict[str, str]]]:
    """The CLI's rows for ``docs`` reversed and shuffled (seed 7): each must equal the rows in build order."""
    shuffled = list(docs)
    random.Random(7).shuffle(shuffled)
    return [run_cli(list(reversed(docs)), folder), run_cli(shuffled, folder)]


def published_days(docs: list[dict]) -> set[dt.date]:
    """The UTC days of the records' ``published_at``."""
    return {
        dt.datetime.fromisoformat(d["published_at"].replace("Z", "+00:00")).astimezone(dt.UTC).date()
        for d in docs
        if "published_at" in d
    }


def report(build: Callable[[], tuple[list[dict], dict[str, tuple[str, str]]]], argv: list[str]) -> None:
    """Print a set's pairwise scores (``python tests/quality/wire_variants3.py``; ``-v`` lists the wrong pairs
    by their labels)."""
    import sys
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "include"))
    docs, labels = build()
    with tempfile.TemporaryDirectory() as tmp:
        got = run_cli(docs, Path(tmp))
    for name, s in pairwise(got, labels).items():
        print(f"{name}: P {s['precision']:.4f} R {s['recall']:.4f} F1 {s['f1']:.4f}")
        if "-v" in argv:
            lv = 0 if name == "copy" else 1
            print("   merged:", sorted({tuple(sorted((labels[a][lv], labels[b][lv]))) for a, b in s["merged"]}))
            print("   split:", s["split"])
