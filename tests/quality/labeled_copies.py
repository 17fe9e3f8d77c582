"""What the hand-written dedup sets share: collecting labeled records, running them through the
``wiredesk dedup`` back end, and pairwise scores over all document pairs (as the held-out evaluation
counts them). Used by wire_pages.py, wire_variants.py and wire_variants2.py and their tests."""

from __future__ import annotations

import csv
import itertools
import json
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
