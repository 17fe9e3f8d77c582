"""Dedup through the CLI contract on round-five held-out-style wire copies (tests/quality/wire_variants5.py).

The set was written blind (without reading the dedup or cleaning rules) and before tuning: an AP story and its
copies with a 150-word editor's note and "what we know" box above the wire lead, with an image caption between
every paragraph, and with every paragraph break turned into ``<br><br>`` inside one ``<p>`` (one copy cluster);
an AP explainer on the same levee breach reusing two background paragraphs of the news story (another copy
cluster, the same story); a Reuters court story and its corrected re-issue with one figure and one name changed
and a "Correction:" line at the end (one copy cluster); one company's press-release template announcing two
products (two events, two stories); two obituaries in one agency template (two stories); one AFP story in French
with three outlets' typography (narrow no-break spaces before ``:``/``?`` and inside guillemets with ``’``; no
spaces and straight ``'``; straight double quotes) (one copy cluster) and AFP's English version (the same story);
a 1,500-word Reuters story and copies truncated to about 30% with "Read the full story at ..." appended (one copy
cluster); and AP's and Reuters' reports of one ferry grounding (one story). All records on one UTC day.

Pairwise scores over all 595 document pairs. Measured (``python tests/quality/wire_variants5.py``):

===============  =========================  =========================
                 copy P / R / F1            story P / R / F1
===============  =========================  =========================
before tuning    0.909 / 1.000 / 0.952      0.941 / 1.000 / 0.970
pinned           0.909 / 1.000 / 0.952      0.941 / 1.000 / 0.970
===============  =========================  =========================

Measured when the set was added, at the end of a session, and not tuned: the one miss is one company's press
release template for two products (76% of the words the same, other product names and figures), which dedup
reads as one copy and one story. It is marked as an expected failure below; the floors sit just under the
measured values.
"""

from __future__ import annotations

from datetime import date

import pytest

import wire_variants5
from labeled_copies import below_floor, published_days, reordered_runs, run_cli

FLOORS = {
    ("copy", "precision"): 0.90,
    ("copy", "recall"): 0.99,
    ("copy", "f1"): 0.95,
    ("story", "precision"): 0.94,
    ("story", "recall"): 0.99,
    ("story", "f1"): 0.96,
}


_TEMPLATE = "one press-release template for two products (76% of the words the same) reads as one copy"


@pytest.fixture(scope="module")
def labeled(tmp_path_factory):
    """The set's records, labels and dedup's rows for it (input in build order)."""
    docs, labels = wire_variants5.build()
    return docs, labels, run_cli(docs, tmp_path_factory.mktemp("wire_variants5"))


def test_the_set_has_its_documented_size(labeled):
    docs, labels, _ = labeled
    assert len(docs) == 35
    assert len({c for c, _ in labels.values()}) == 12
    assert len({s for _, s in labels.values()}) == 9
    undated = [d for d in docs if "published_at" not in d]
    undated_dumps = [d for d in undated if not d["text"].lstrip().startswith("<")]
    assert len(undated) == 6 and len(undated_dumps) == 3
    assert published_days(docs) == {date(2026, 11, 19)}


def test_the_long_story_and_its_truncation_have_their_documented_lengths():
    full = sum(len(p.split()) for p in wire_variants5.BUDGET)
    cut = sum(len(p.split()) for p in wire_variants5.BUDGET_CUT)
    assert 1400 <= full <= 1600
    assert 0.25 <= cut / full <= 0.35


@pytest.mark.parametrize(("level", "metric"), sorted(FLOORS))
def test_score_stays_above_its_floor(labeled, level, metric):
    _, labels, got = labeled
    failure = below_floor(got, labels, FLOORS, level, metric)
    assert not failure, failure


def test_editors_note_captions_and_br_layouts_are_one_copy_cluster(labeled):
    """A 150-word note above the lead, a caption between every paragraph, one <p> with <br>: all copies."""
    _, _, got = labeled
    levee = {
        got[k]["copy_cluster_id"]
        for k in ("levee_wire", "levee_cms", "levee_note_page", "levee_photo_page", "levee_br_page")
    }
    assert len(levee) == 1


def test_explainer_sharing_background_is_another_copy_cluster_of_the_same_story(labeled):
    _, _, got = labeled
    assert got["explainer_wire"]["copy_cluster_id"] == got["explainer_page"]["copy_cluster_id"]
    assert got["explainer_wire"]["copy_cluster_id"] != got["levee_wire"]["copy_cluster_id"]
    assert got["explainer_page"]["story_id"] == got["levee_br_page"]["story_id"]


def test_corrected_reissue_is_one_copy_cluster_with_the_first_issue(labeled):
    """One figure and one name changed, a 'Correction:' line appended: the same story re-issued."""
    _, _, got = labeled
    verdict = {
        got[k]["copy_cluster_id"] for k in ("verdict_wire", "verdict_page", "verdict_fixed_wire", "verdict_fixed_page")
    }
    assert len(verdict) == 1


@pytest.mark.parametrize(
    ("one", "other"),
    [
        pytest.param("kettle_wire", "heater_wire", marks=pytest.mark.xfail(strict=True, reason=_TEMPLATE)),
        pytest.param("kettle_page", "heater_page", marks=pytest.mark.xfail(strict=True, reason=_TEMPLATE)),
        ("obit_h_wire", "obit_m_wire"),
        ("obit_h_page", "obit_m_page"),
    ],
)
def test_one_template_for_two_announcements_or_two_deaths_does_not_join(labeled, one, other):
    """One company's press-release template for two products, one agency's obituary template: different events."""
    _, _, got = labeled
    assert got[one]["copy_cluster_id"] != got[other]["copy_cluster_id"]
    assert got[one]["story_id"] != got[other]["story_id"]


def test_french_typography_is_one_copy_cluster_and_the_english_version_the_same_story(labeled):
    _, _, got = labeled
    fr = {got[k]["copy_cluster_id"] for k in ("fr_wire", "fr_france_page", "fr_swiss_page", "fr_plain_page")}
    assert len(fr) == 1
    assert got["en_wire"]["copy_cluster_id"] == got["en_page"]["copy_cluster_id"]
    assert got["en_wire"]["copy_cluster_id"] not in fr
    assert got["en_page"]["story_id"] == got["fr_france_page"]["story_id"]


def test_thirty_percent_truncation_with_a_read_more_tail_joins_the_long_story(labeled):
    _, _, got = labeled
    budget = {got[k]["copy_cluster_id"] for k in ("budget_wire", "budget_page", "budget_cut_page", "budget_cut_txt")}
    assert len(budget) == 1


def test_two_agencies_reports_are_two_copy_clusters_of_one_story(labeled):
    _, _, got = labeled
    assert len({got[k]["copy_cluster_id"] for k in ("ferry_ap_wire", "ferry_ap_page", "ferry_ap_txt")}) == 1
    assert got["ferry_rtr_wire"]["copy_cluster_id"] == got["ferry_rtr_page"]["copy_cluster_id"]
    assert got["ferry_ap_wire"]["copy_cluster_id"] != got["ferry_rtr_wire"]["copy_cluster_id"]
    assert got["ferry_ap_page"]["story_id"] == got["ferry_rtr_page"]["story_id"]


def test_reversed_and_shuffled_input_give_the_same_rows(labeled, tmp_path):
    docs, _, got = labeled
    assert all(rows == got for rows in reordered_runs(docs, tmp_path))
