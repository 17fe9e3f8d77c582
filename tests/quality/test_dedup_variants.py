"""Dedup through the CLI contract on held-out-style wire copies (tests/quality/wire_variants.py).

The set was written before tuning: re-split and merged paragraphs, a dropped or moved agency prefix, a
copy keeping only the last 60% under a new headline and a local paragraph, typography and HTML entities, a
same-day write-through (one copy cluster), another wire's report (same story), a next-day follow-up in the
same place and two same-topic events elsewhere (other stories), and one agency's briefs under its notes.

Pairwise scores over all 465 document pairs. Measured when pinned (``python tests/quality/wire_variants.py``):

=============  =========================  =========================
               copy P / R / F1            story P / R / F1
=============  =========================  =========================
before tuning  1.000 / 1.000 / 1.000      0.766 / 0.731 / 0.748
pinned         1.000 / 1.000 / 1.000      1.000 / 1.000 / 1.000
=============  =========================  =========================

Before tuning, an undated page's copyright year ("© 2026") was read as its date, which made it its
cluster's first report, months away from the other wire's report (story split); and the next-day follow-up
joined the fire's story. Floors sit just under the measured values: one wrong pair fails.
"""

from __future__ import annotations

import pytest

import wire_variants
from labeled_copies import below_floor, pairwise, run_cli

FLOORS = {
    ("copy", "precision"): 0.99,
    ("copy", "recall"): 0.99,
    ("copy", "f1"): 0.99,
    ("story", "precision"): 0.99,
    ("story", "recall"): 0.99,
    ("story", "f1"): 0.99,
}


@pytest.fixture(scope="module")
def labeled(tmp_path_factory):
    """The set's records, labels and dedup's rows for it (input in build order)."""
    docs, labels = wire_variants.build()
    return docs, labels, run_cli(docs, tmp_path_factory.mktemp("wire_variants"))


def test_the_set_has_its_documented_size(labeled):
    docs, labels, _ = labeled
    assert len(docs) == 31
    assert len({c for c, _ in labels.values()}) == 8
    assert len({s for _, s in labels.values()}) == 7
    assert sum(not d["text"].lstrip().startswith("<") for d in docs) == 15  # plain-text dumps among pages


@pytest.mark.parametrize(("level", "metric"), sorted(FLOORS))
def test_score_stays_above_its_floor(labeled, level, metric):
    _, labels, got = labeled
    failure = below_floor(got, labels, FLOORS, level, metric)
    assert not failure, failure


def test_the_write_through_is_one_copy_cluster_with_the_morning_story(labeled):
    _, _, got = labeled
    ids = {got[k]["copy_cluster_id"] for k in ("fire_wire", "fire_page", "fire_wt_wire", "fire_wt_page", "fire_wt_txt")}
    assert len(ids) == 1


def test_reversed_input_gives_the_same_rows(labeled, tmp_path):
    docs, _, got = labeled
    assert run_cli(list(reversed(docs)), tmp_path) == got


def test_briefs_under_agency_notes_longer_than_them_stay_apart(tmp_path, monkeypatch):
    """Added after tuning: a third agency note makes the notes longer than each 46-word brief.

    Two briefs are too few for the boilerplate tests (a wire story and its write-through look the same);
    the copy judgment sees that the texts share only paragraphs after their leads, which tell other events.
    """
    third = "CNA is the national news agency of the Coastline Republic, with bureaus in 14 cities and 60 countries."
    monkeypatch.setattr(wire_variants, "CNA_NOTES", (*wire_variants.CNA_NOTES, third))
    docs, labels = wire_variants.build()
    scores = pairwise(run_cli(docs, tmp_path), labels)
    assert scores["copy"]["merged"] == [] and scores["story"]["merged"] == []
    assert scores["copy"]["recall"] == scores["story"]["recall"] == 1.0
