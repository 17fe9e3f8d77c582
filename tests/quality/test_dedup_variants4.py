"""Dedup through the CLI contract on round-four held-out-style wire copies (tests/quality/wire_variants4.py).

The set was written blind (without reading the dedup or cleaning rules) and before tuning: a 500-word Reuters
story and its copies cut to the first paragraph only (43 words), with two middle paragraphs swapped and every
paragraph hard-wrapped at 70 characters, and with every number reformatted and British spellings Americanized
(all one copy cluster); another outlet's own 45-word brief of the same fire (another copy cluster, the same
story); a live-update page embedding two different wire stories in full (its own copy cluster and story); two AP
stories from one city on one day ending with the same two-paragraph conflict background (two stories); two
match reports of one league round in one template (two stories); two regions' snow warnings in one template
with other places and figures (two stories); Reuters' and Xinhua's reports of one drone strike with Ukrainian
and Russian-based transliterations (one story); and a Russian Interfax story with «», „“ and straight quotes
and ё/е (one copy cluster). All records on one UTC day.

Pairwise scores over all 666 document pairs. Measured (``python tests/quality/wire_variants4.py``):

===============  =========================  =========================
                 copy P / R / F1            story P / R / F1
===============  =========================  =========================
before tuning    0.689 / 0.894 / 0.778      0.756 / 0.908 / 0.825
pinned           1.000 / 1.000 / 1.000      0.942 / 1.000 / 0.970
===============  =========================  =========================

Before tuning the live page joined the two stories it embeds into one copy cluster (it held each of them whole),
and the first-paragraph brief stood alone (it shares too few shingles with the 500-word story for the LSH bands
to propose the pair). Both are fixed: a text that holds two texts whole which are not even candidates of each
other is a compilation and joins neither, and texts that open alike are candidates; Reuters' and Xinhua's
reports of the drone strike were two stories until skeletons read the Ukrainian h that opens a syllable as the
Russian g (Novohryhorivka / Novogrigoryevka, Hrytsenko / Gritsenko). Left, marked as an expected failure below:
the live page's story is the convoy's (it reports both events). Floors sit just under the measured values.
"""

from __future__ import annotations

from datetime import date

import pytest

import wire_variants4
from labeled_copies import below_floor, published_days, reordered_runs, run_cli

FLOORS = {
    ("copy", "precision"): 0.99,
    ("copy", "recall"): 0.99,
    ("copy", "f1"): 0.99,
    ("story", "precision"): 0.94,
    ("story", "recall"): 0.99,
    ("story", "f1"): 0.96,
}


@pytest.fixture(scope="module")
def labeled(tmp_path_factory):
    """The set's records, labels and dedup's rows for it (input in build order)."""
    docs, labels = wire_variants4.build()
    return docs, labels, run_cli(docs, tmp_path_factory.mktemp("wire_variants4"))


def test_the_set_has_its_documented_size(labeled):
    docs, labels, _ = labeled
    assert len(docs) == 37
    assert len({c for c, _ in labels.values()}) == 12
    assert len({s for _, s in labels.values()}) == 10
    undated = [d for d in docs if "published_at" not in d]
    undated_dumps = [d for d in undated if not d["text"].lstrip().startswith("<")]
    assert len(undated) == 7 and len(undated_dumps) == 5
    assert published_days(docs) == {date(2026, 11, 21)}


@pytest.mark.parametrize(("level", "metric"), sorted(FLOORS))
def test_score_stays_above_its_floor(labeled, level, metric):
    _, labels, got = labeled
    failure = below_floor(got, labels, FLOORS, level, metric)
    assert not failure, failure


def test_first_paragraph_reflowed_and_renumbered_copies_are_one_copy_cluster(labeled):
    """First paragraph only, two paragraphs swapped and hard-wrapped, numbers and spellings changed: all copies."""
    _, _, got = labeled
    factory = {
        got[k]["copy_cluster_id"]
        for k in ("factory_wire", "factory_cms", "factory_first_para", "factory_reflow_txt", "factory_us", "factory_txt")
    }
    assert len(factory) == 1


def test_own_words_brief_is_another_copy_cluster_of_the_same_story(labeled):
    _, _, got = labeled
    assert got["factory_own_page"]["copy_cluster_id"] == got["factory_own_txt"]["copy_cluster_id"]
    assert got["factory_own_page"]["copy_cluster_id"] != got["factory_first_para"]["copy_cluster_id"]
    assert got["factory_own_page"]["story_id"] == got["factory_wire"]["story_id"]


def test_live_page_is_a_copy_of_neither_embedded_story(labeled):
    _, _, got = labeled
    for k in ("convoy_wire", "grain_rtr_wire"):
        assert got["live_page"]["copy_cluster_id"] != got[k]["copy_cluster_id"]
    assert got["convoy_wire"]["copy_cluster_id"] != got["grain_rtr_wire"]["copy_cluster_id"]
    assert got["convoy_wire"]["story_id"] != got["grain_rtr_wire"]["story_id"]


@pytest.mark.xfail(strict=True, reason="the live page reports both events; its story links to the convoy's")
def test_live_page_is_a_story_of_its_own(labeled):
    _, _, got = labeled
    for k in ("convoy_wire", "grain_rtr_wire"):
        assert got["live_page"]["story_id"] != got[k]["story_id"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("talks_wire", "convoy_wire"),
        ("match_kestrel_wire", "match_brackley_wire"),
        ("warn_east_wire", "warn_west_wire"),
    ],
)
def test_shared_background_template_and_wording_do_not_join(labeled, one, other):
    """One agency's background block, one league's report template, one warning template: different events."""
    _, _, got = labeled
    assert got[one]["copy_cluster_id"] != got[other]["copy_cluster_id"]
    assert got[one]["story_id"] != got[other]["story_id"]


def test_transliterated_reports_are_one_story(labeled):
    _, _, got = labeled
    assert got["grain_rtr_wire"]["copy_cluster_id"] != got["grain_xh_wire"]["copy_cluster_id"]
    assert got["grain_rtr_page"]["story_id"] == got["grain_xh_page"]["story_id"]


def test_russian_typography_is_one_copy_cluster(labeled):
    _, _, got = labeled
    assert len({got[k]["copy_cluster_id"] for k in ("ru_wire", "ru_lapki_page", "ru_plain_page", "ru_txt")}) == 1


def test_reversed_and_shuffled_input_give_the_same_rows(labeled, tmp_path):
    docs, _, got = labeled
    assert all(rows == got for rows in reordered_runs(docs, tmp_path))
