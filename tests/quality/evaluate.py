"""Scoring for the extraction quality gate: body F1 on 4-token shingles, leaks, lost sentences, fields.

Used by tests/quality/test_extract_gate.py (pinned floors) and bench/extract_bench.py (report).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEVSET = ROOT / "tests/quality/devset"
SAMPLE_SITE = ROOT / "include/sample_site"
BASE_URL = "http://127.0.0.1:8765"
FIELDS = ("title", "standfirst", "publisher", "syndicator", "original_source", "wire_agency", "byline",
          "dateline", "published_at", "language")


@dataclass
class Case:
    """One page with its expected output."""

    name: str
    html: bytes
    url: str | None
    expected: dict[str, Any]
    boilerplate: list[str]
    must_keep: list[str] = field(default_factory=list)


def devset_cases() -> list[Case]:
    """The dev set pages (tests/quality/devset)."""
    cases = []
    for exp_path in sorted(DEVSET.glob("*.json")):
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        html = exp_path.with_suffix(".html").read_bytes()
        cases.append(Case(exp_path.stem, html, exp.get("url"), exp, exp.get("boilerplate") or [],
                          exp.get("must_keep") or []))
    return cases


def sample_site_cases() -> list[Case]:
    """The bundled sample site pages, with MANIFEST.yaml as the truth (no full text: first/last sentence)."""
    manifest = yaml.safe_load((SAMPLE_SITE / "MANIFEST.yaml").read_text(encoding="utf-8"))
    cases = []
    for page in manifest["pages"]:
        html = (SAMPLE_SITE / page["path"]).read_bytes().replace(b"{{BASE_URL}}", BASE_URL.encode())
        exp = {k: page.get(k) for k in FIELDS if k != "published_at"}
        exp["language"] = "en"
        cases.append(Case(page["path"], html, f"{BASE_URL}/{page['path']}", exp, page.get("boilerplate") or [],
                          [page["first_sentence"], page["last_sentence"]]))
    return cases


# Han, kana and Thai do not separate words with spaces: each of their characters is a token.
_UNSPACED = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")


def shingles(text: str, k: int = 4) -> set[tuple[str, ...]]:
    """Word 4-grams of lowercased text (character 4-grams in unspaced scripts)."""
    words = _TOKEN.findall(text.lower())
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def body_prf(got: str, want: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of shingles."""
    g, w = shingles(got), shingles(want)
    if not g and not w:
        return 1.0, 1.0, 1.0
    inter = len(g & w)
    p = inter / len(g) if g else 0.0
    r = inter / len(w) if w else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?…”])\s+|(?<=[。！？])|\n", text)
            if len(s.split()) >= 4 or len(re.findall(f"[{_UNSPACED}]", s)) >= 4]


def _norm(field_name: str, value: Any) -> Any:
    if value in (None, "", []):
        return None
    if field_name == "published_at":
        return str(value)[:16]  # same minute, UTC
    if field_name in ("dateline", "language", "publisher", "syndicator", "original_source", "byline"):
        return " ".join(str(value).split()).casefold()
    return " ".join(str(value).split())


@dataclass
class Score:
    """Aggregate results over a set of cases."""

    docs: int = 0
    f1_sum: float = 0.0
    precision_sum: float = 0.0
    recall_sum: float = 0.0
    leaks: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    field_hits: int = 0
    field_total: int = 0
    field_misses: list[str] = field(default_factory=list)
    with_text: int = 0

    @property
    def f1(self) -> float:
        """Mean body F1 over cases with a full expected text."""
        return self.f1_sum / self.with_text if self.with_text else 0.0

    @property
    def field_accuracy(self) -> float:
        """Share of compared fields that match."""
        return self.field_hits / self.field_total if self.field_total else 0.0

    def summary(self) -> dict[str, Any]:
        """Numbers for a report."""
        return {"docs": self.docs, "body_f1": round(self.f1, 4),
                "body_precision": round(self.precision_sum / max(self.with_text, 1), 4),
                "body_recall": round(self.recall_sum / max(self.with_text, 1), 4),
                "boilerplate_leaks": len(self.leaks), "sentences_lost": len(self.lost),
                "field_accuracy": round(self.field_accuracy, 4)}


def evaluate(cases: list[Case], extract: Callable[[bytes, str | None], dict[str, Any]],
             fields: tuple[str, ...] = FIELDS) -> Score:
    """Run ``extract`` on every case and score it."""
    score = Score()
    for case in cases:
        out = extract(case.html, case.url)
        text = out.get("text") or ""
        score.docs += 1
        want_text = case.expected.get("text")
        if want_text:
            p, r, f = body_prf(text, want_text)
            score.with_text += 1
            score.f1_sum += f
            score.precision_sum += p
            score.recall_sum += r
            for sentence in _sentences(want_text):
                if " ".join(sentence.split()) not in " ".join(text.split()):
                    score.lost.append(f"{case.name}: {sentence[:80]}")
        for junk in case.boilerplate:
            if junk and junk in text:
                score.leaks.append(f"{case.name}: {junk[:80]}")
        for sentence in case.must_keep:
            if " ".join(sentence.split()) not in " ".join(text.split()):
                score.lost.append(f"{case.name}: {sentence[:80]}")
        for name in fields:
            if name not in case.expected or name not in out:
                continue
            score.field_total += 1
            if _norm(name, out.get(name)) == _norm(name, case.expected.get(name)):
                score.field_hits += 1
            else:
                score.field_misses.append(f"{case.name}: {name}: got {out.get(name)!r} want {case.expected.get(name)!r}")
    return score


def wiredesk_extract(html: bytes, url: str | None) -> dict[str, Any]:
    """The pipeline's extraction."""
    from wiredesk.extract import extract_document

    return extract_document(html, url=url)


def trafilatura_only(html: bytes, url: str | None) -> dict[str, Any]:
    """Baseline: trafilatura alone, metadata on, no syndication cleaning."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, deduplicate=False, include_comments=False)
    if doc is None:
        return {"text": ""}
    d = doc.as_dict()
    return {"text": d.get("text") or "", "title": d.get("title"), "publisher": d.get("sitename"),
            "byline": d.get("author"), "published_at": d.get("date"), "language": d.get("language")}


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT / "include"))
    for label, cases in (("devset", devset_cases()), ("sample site", sample_site_cases())):
        for name, fn in (("wiredesk", wiredesk_extract), ("trafilatura only", trafilatura_only)):
            s = evaluate(cases, fn)
            print(label, name, s.summary())
            if name == "wiredesk" and "-v" in sys.argv:
                for line in s.leaks + s.lost + s.field_misses:
                    print("   ", line)
