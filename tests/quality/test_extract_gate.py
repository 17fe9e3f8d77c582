"""Extraction quality gate (trafilatura's eval habit): pinned floors; CI fails on regression.

Floors are set a little under the measured values (see bench/extract_bench.py for the report):
devset (110 pages, twenty-two of them in other languages and scripts) body F1 1.000, 0 leaks, 0 lost sentences,
field accuracy 1.000; sample site field accuracy 0.944.
"""

from __future__ import annotations

import pytest

from evaluate import devset_cases, evaluate, sample_site_cases, trafilatura_only, wiredesk_extract

FLOORS = {
    "devset_body_f1": 0.999,
    "devset_field_accuracy": 0.998,
    "sample_field_accuracy": 0.94,
}


@pytest.fixture(scope="module")
def devset():
    return evaluate(devset_cases(), wiredesk_extract)


@pytest.fixture(scope="module")
def sample():
    return evaluate(sample_site_cases(), wiredesk_extract)


def test_devset_covers_its_styles():
    assert len(devset_cases()) >= 110


def test_body_f1_floor(devset):
    assert devset.f1 >= FLOORS["devset_body_f1"], devset.summary()


def test_no_boilerplate_leaks(devset, sample):
    assert devset.leaks == [] and sample.leaks == []


def test_no_body_sentence_lost(devset, sample):
    assert devset.lost == [] and sample.lost == []


def test_field_accuracy_floors(devset, sample):
    assert devset.field_accuracy >= FLOORS["devset_field_accuracy"], devset.field_misses
    assert sample.field_accuracy >= FLOORS["sample_field_accuracy"], sample.field_misses


def test_beats_trafilatura_alone(devset):
    baseline = evaluate(devset_cases(), trafilatura_only)
    assert devset.f1 > baseline.f1 + 0.05
    assert len(devset.leaks) < len(baseline.leaks)
