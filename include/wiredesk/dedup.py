"""Wire-copy clusters and story links: deterministic, incremental across days, explainable.

How an article is grouped
-------------------------
1. **Normalize** the cleaned body: typography (curly quotes, dashes, no-break spaces) → ASCII,
   NFKC, casefold, apostrophes dropped, every other non-word character → space, whitespace collapsed.
2. **Exact** copies share the hash of the normalized text.
3. **Near** copies: shingles are 32-byte windows of the normalized text anchored at each word start
   (about five words). Their MinHash signatures (rensa, 128 slots) go into LSH with 64 bands of two
   rows, a low threshold that still finds a copy keeping only the first 40% of a story (Jaccard 0.4 →
   found with probability > 0.99). Each candidate pair is **confirmed by shingle containment**
   (|A∩B| / min(|A|, |B|)), computed exactly (from the distinct shingle hashes kept since hashing)
   unless the signatures already settle it; history links (earlier days) are judged from stored
   signatures and sizes.
4. **Guards**: texts with fewer than ``MIN_SHINGLES`` shingles join only exact copies; paragraphs that
   recur across otherwise unrelated texts of the day (leftover boilerplate) are dropped from the
   shingles, so overlap made only of boilerplate never links two articles. So are paragraphs that sit
   beside three different stories, each of which also circulates without them (notes an outlet or agency
   stacks under every story, when each story has copies). And a pair confirmed with less than
   ``LEAD_CHECK`` containment is no copy when it shares only paragraphs after both leads and the rest of
   each text names people or places the other never names (two briefs under one agency's notes).
5. **Clusters** are the connected components of confirmed links (order-independent by construction).

Canonical copy and ids (the documented rules)
---------------------------------------------
* Total order: earliest ``published_at`` (missing last), then longest normalized text, then URL
  (missing last), then ``article_id``. A row's canonical is the least member *as of the row's day*.
* ``copy_cluster_id`` = ``"c_"`` + 16 hex of blake2b(canonical article_id) of the cluster on the day it
  first appeared. Later copies (late copies on later days) inherit it. When a later copy bridges two
  existing clusters, the one that appeared first (then the smaller id) gives the id from that day on.
* ``story_id`` likewise: ``"s_"`` + 16 hex of blake2b(first cluster id of the story), inherited later.
* A day's result is a pure function of its documents and the stored index of the ``window_days``
  earlier days, so reruns and backfills give the same ids; :func:`stale_days` names the later days
  whose stored result may change after a day is (re)written, and rerunning them (ascending) makes
  any processing order converge to the daily-forward result.

Stories
-------
A looser layer over copy clusters, one report (the cluster's first member) per cluster. Names and
places are capitalized runs reduced to a consonant skeleton, so transliterations meet (Al Qaryatain /
Qaryatayn → ``qrtn``; Abdel Rahman / Abdurrahman → ``abdrmn``), and the different names of one entity
in ``ENTITY_ALIASES`` count as one (Daesh / ISIS / Islamic State). Two reports tell one event when they
are within ``STORY_MAX_HOURS``, share their focus (two of one report's three most weighted names are
in the other) and a place (a name after "in", "near", "town of" ...), and their rarity-weighted name
and title-word vectors reach ``STORY_SCORE`` (cosine); links chain, but a story's dated reports span at
most ``STORY_MAX_HOURS`` (a next-day follow-up in the same place is another story). A story is attached
per copy cluster, so it never splits one; stored stories never merge, so a cluster keeps one story id
across days.

Processes
---------
A day of at least ``PARALLEL_MIN_DOCS`` articles is normalized and hashed, its LSH candidate pairs found
(by groups of bands) and its reports' story features extracted, in forked worker processes
(``WIREDESK_DEDUP_WORKERS`` or the ``workers`` argument, else one per usable CPU). Work is split by position
and joined in order, and nothing a worker computes depends on what the others see, so the result does not
depend on the number of workers.

Persistence (``data_dir/dedup_index/dt=YYYY-MM-DD/``)
-----------------------------------------------------
``index.parquet`` (one row per article: exact hash, sizes, order keys, MinHash signature, its
assignment, story features) and ``bands.parquet`` (LSH band keys sorted, for history look-ups).
"""

from __future__ import annotations

import array
import contextlib
import csv
import datetime as dt
import email.utils
import functools
import gc
import hashlib
import io
import itertools
import json
import math
import multiprocessing
import operator
import os
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

# rensa over datasketch, by measurement on this 2-core machine (bench/dedup_bench.py --compare-minhash,
# same shingles, 128 slots): rensa sketches a flat uint64 buffer of a whole chunk in one call,
# ~70k docs/s including reading the signatures back; datasketch 2.0 MinHash.update_batch goes through
# Python item by item, ~18k docs/s, which alone would use the stage's whole 20k docs/s budget.
# Both give order-invariant full-set MinHash.
import rensa

from wiredesk.clean import _MONTHS

DATASET = "dedup_index"
NUM_PERM = 128
BAND_ROWS = 2  # 64 bands of 2 rows: P(candidate) = 1-(1-J^2)^64 → 0.93 at J=0.2, 0.9999 at J=0.4
MINHASH_SEED = 20171023
SHINGLE_BYTES = 32  # four 8-byte words from each word start, about five words of English
MIN_SHINGLES = 15  # shorter texts (about 20 words) only join exact copies
COMPILATION_WHOLE = 0.85  # share of a text's shingles in another that makes it held whole there
COMPILATION_SHARE = 0.7  # ... when it is at most this share of the other (else the two are one story's copies)
COMPILATION_HELD_MAX = 64  # texts held whole by one container that are grouped (more: a stock passage)
# The story candidates and link tests run here, part after part: each part's pairs and their expansions
# are the run's peak memory (one part: 120-130 MB more at 100k documents, and a peak of 1,003 MB in one run,
# over the 1 GB budget). On the workers each part took a pickled copy of the day's report tables (38 MB a
# job) for 0.07-0.1 s of wall time.
STORY_PARTS = 8
LEAD_WINDOWS = 8  # shingles of a text's opening (about its first 12 words) that make its lead key
LEAD_GROUP_MAX = 50  # texts sharing one opening beyond which it is a stock phrase, not a story's lead
SHORT_SHINGLES = 60  # below this the smaller text must be almost wholly contained
CONTAINMENT = 0.5  # a copy keeping half of a story's shingles (truncated, edited) is still a copy
# A short text has less room for edits, so more of it must be the other. Not 0.7: in a brief of 25
# shingles one typo or changed figure removes about five (a shingle spans five words), so two edits
# already fell under 0.7 and split a wire brief's copies (bench/gen_copies.py, 20k docs: pairwise
# recall 0.980 → 0.990 with 0.6 and 12 shared, precision unchanged at 0.999 on two seeds).
SHORT_CONTAINMENT = 0.6
MIN_OVERLAP = 12  # shared shingles (about 16 consecutive words at the least); stock phrases are never enough
NEAR_JACCARD = 0.5  # above: the link is reported as "near", else as "containment"
LEAD_CHECK = 0.75  # a confirmed pair with less containment than this is also checked for two events' leads
SURE_JACCARD = 0.75  # estimated Jaccard this high settles a pair without the exact check
SURE_MARGIN = 0.35  # estimated containment this far above the threshold settles it too
HOPELESS = 0.2  # estimated containment this low rejects a pair without the exact check
HISTORY_MARGIN = 0.1  # estimated containment must clear the threshold by this much for history links
BOILERPLATE_MIN_DOCS = 3  # a paragraph held by two texts cannot tell boilerplate from a copy
# Nor can a paragraph beside two stories tell boilerplate from a paragraph that a wire story and its
# write-through share: three different stories (each with copies) are needed (see _beside_stories).
STORY_GROUPS = 3
CONTEXT_BYTES = 20  # a paragraph shorter than this ("Advertisement") says nothing about its text
BAND_ROWS_PER_CLUSTER = 3  # rows kept per band key and cluster in the stored index
STOP_KEY_CLUSTERS = 20  # a stored band key held by more clusters than this is a stock phrase
BAND_BLOCK = 8  # bands sorted together when looking for candidates
# Candidate pairs compared together: their gathered signatures (4 MB a side) stay in the CPU caches (855k
# candidate pairs at 100k documents: 0.37-0.51 s with 65536 pairs a block, 0.18-0.21 s with 8192, measured).
PAIR_BLOCK = 1 << 13
CHUNK_DOCS = 512  # documents normalized and hashed together: bounded memory, few numpy calls
PART_CHUNKS = 4  # chunks a worker featurizes per task
# Pairs whose shingle sets are intersected together: about 70k hashes an array, which stay in the CPU caches
# (60k pairs at 100k documents: 0.38 s with 2048 pairs a block, 0.29 s with 512, measured).
SET_PAIR_BLOCK = 512
PARALLEL_MIN_DOCS = 4000  # smaller batches run in-process: starting workers costs more than it saves

DEFAULT_WINDOW_DAYS = 7
DEFAULT_STORY_WINDOW_DAYS = 3
STORY_SCORE = 0.3
STORY_MIN_SHARED = 2
STORY_FOCUS = 3
STORY_TEXT_CHARS = 1200  # an event's names are in its opening paragraphs
STORY_MAX_POSTING = 300  # a focus name in more reports than this is a topic (Syria), not an event
# Wires report one event within hours of each other; the next day's report in the same place (an arrest
# after a fire, a levee plan after floods) names the same people and places but is a follow-up. Under 24
# hours so that a report the next day at the same hour is apart; 72 merged such follow-ups (and, chained
# through a second wire's report, ones a day after that).
STORY_MAX_HOURS = 20.0
# ... unless both reports' openings name the same one weekday, the day they came out or the day before,
# and the same kind of event (another wire's own report of Saturday's capsizing, filed on Sunday
# afternoon): the event's day is then in the texts, and a follow-up names its own day ("on Thursday
# arrested") or none.
STORY_LATE_HOURS = 48.0

_U64 = np.uint64
_M1 = _U64(0xFF51AFD7ED558CCD)
_M2 = _U64(0xC4CEB9FE1A85EC53)
_LEAD_SALT = [_U64((0x9E3779B97F4A7C15 * (k + 1)) % 2**64) for k in range(16)]  # one per opening position
_K = [_U64(0x9E3779B97F4A7C15), _U64(0xC2B2AE3D27D4EB4F), _U64(0x165667B19E3779F9), _U64(0x27D4EB2F165667C5)]
_K_WINDOW = np.array(_K[: SHINGLE_BYTES // 8], dtype=np.uint64)
_BAND_SALT = np.arange(1, NUM_PERM // BAND_ROWS + 1, dtype=np.uint64) * _U64(0x9E3779B97F4A7C15)
_NO_TIME = np.iinfo(np.int64).max


# --------------------------------------------------------------------------------------------------
# Public data types


@dataclass(frozen=True)
class DedupDoc:
    """One cleaned article as dedup sees it."""

    article_id: str
    day: dt.date
    text: str
    title: str | None = None
    lead: str | None = None
    url: str | None = None
    published_at: dt.datetime | None = None
    dateline: str | None = None  # as printed ("SAN LORENZO DEL VALLE, Valdoria (AP) —"), or its place


def printed_dateline(removed: Iterable[dict[str, Any]] | None, place: str | None) -> str | None:
    """The dateline a story opened with, as cleaning recorded it when it cut it, else the place alone."""
    for item in removed or ():
        if item.get("kind") == "dateline" and item.get("text"):
            return str(item["text"])
    return place


_DATELINE_DATE = re.compile(rf"(?i),|\b(?:{_MONTHS})\b\.?\s*\d|\d")  # the cleaner's English month names
_DATELINE_TAIL = re.compile(r"\s*(?:\([^()]*\)|/[^/]*/)?\s*[—–\-:.]*\s*$")


def dateline_region(dateline: str | None) -> str | None:
    """What a dateline names after its place ("SAN LORENZO DEL VALLE, Valdoria (AP) —" → "Valdoria"):
    the region or country a wire's lead may never name again. Words in capitals are written as names."""
    if not dateline or "," not in dateline:
        return None
    region = _DATELINE_TAIL.sub("", dateline.split(",", 1)[1]).strip(" ,")
    # A date after the place ("BAKU, November 27", "OSLO, Nov 21", "Paris, 5 mars") is no region.
    region = _DATELINE_DATE.split(region, maxsplit=1)[0].strip(" ,.")
    if not region or not region[:1].isupper():
        return None
    return " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in region.split())


@dataclass(frozen=True)
class Assignment:
    """Dedup's verdict for one article: its copy cluster, canonical copy, why, and its story."""

    article_id: str
    copy_cluster_id: str
    canonical_article_id: str
    is_canonical: bool
    method: str
    similarity: float
    linked_article_id: str | None
    story_id: str


@dataclass(frozen=True)
class History:
    """The stored index partitions of the earlier days in a window (read lazily, day by day)."""

    data_dir: Path
    days: tuple[dt.date, ...]


# --------------------------------------------------------------------------------------------------
# Normalization

_TYPOGRAPHY = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u201a", "'"),
    ("\u201b", "'"),
    ("\u2032", "'"),
    ("\u02bc", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u201e", '"'),
    ("\u201f", '"'),
    ("\u2033", '"'),
    ("\u00ab", '"'),
    ("\u00bb", '"'),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u2013", "-"),
    ("\u2014", "-"),
    ("\u2015", "-"),
    ("\u2212", "-"),
    ("\u00a0", " "),
    ("\u2009", " "),
    ("\u202f", " "),
    ("\u2026", "..."),
    ("\u00ad", ""),
    ("\u200b", ""),
    ("\ufeff", ""),
    ("\u2028", "\n"),
    ("\u2029", "\n"),
)
# ASCII letters and digits kept (lowercased), newline kept as a paragraph mark, apostrophes deleted,
# everything else a space; bytes >= 0x80 are UTF-8 of letters, marks or digits (others were replaced).
_BYTE_TABLE = bytes(
    (ord(chr(c).lower()) if chr(c).isalnum() else 10 if c == 10 else 32) if c < 128 else c for c in range(256)
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHAR_CLASS: dict[str, str] = {}


# Scripts written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar. Each of their
# characters is a word of its own, so a text in them is shingled by characters (a window of 32 bytes
# holds about eight) instead of being one long "word" that gives a handful of shingles and only ever
# matches exact copies.
_UNSPACED = (
    (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F),
)  # fmt: skip


def _non_ascii_replacement(ch: str) -> str:
    """Keep letters, marks and digits (a character of an unspaced script as a word of its own); any other
    non-ASCII character becomes a space.

    A Latin letter with accents is its bare letter and the accents alone are nothing: outlets that strip
    them ("Araujo", "nino") or store them decomposed publish the same copy. Marks of other scripts (the
    vowel signs of Devanagari) are letters' business and stay.
    """
    rep = _CHAR_CLASS.get(ch)
    if rep is None:
        if unicodedata.category(ch)[0] not in "LMN":
            rep = " "
        elif any(lo <= ord(ch) <= hi for lo, hi in _UNSPACED):
            rep = f" {ch} "
        elif 0x300 <= ord(ch) <= 0x36F:  # combining diacritical marks (Latin, Greek and Cyrillic accents)
            rep = ""
        else:
            bare = "".join(c for c in unicodedata.normalize("NFKD", ch) if not 0x300 <= ord(c) <= 0x36F)
            rep = bare if bare and bare.isascii() else ch
        _CHAR_CLASS[ch] = rep
    return rep


def _normalize_bytes(text: str) -> bytes:
    """Normalized UTF-8 bytes of ``text`` with newlines kept and whitespace not yet collapsed."""
    if not text.isascii():
        for src, dst in _TYPOGRAPHY:
            if src in text:
                text = text.replace(src, dst)
        if not text.isascii():
            if not unicodedata.is_normalized("NFKC", text):
                text = unicodedata.normalize("NFKC", text)
            text = text.casefold()
            table = {}
            for ch in set(_NON_ASCII.findall(text)):
                rep = _non_ascii_replacement(ch)
                if rep != ch:
                    table[ord(ch)] = rep
            if len(table) > 8:  # a text in Han or kana has hundreds: one pass, not one per character
                text = text.translate(table)
            else:
                for code, rep in table.items():
                    text = text.replace(chr(code), rep)
            return text.encode("utf-8").translate(_BYTE_TABLE, b"'")
    return text.encode("ascii").translate(_BYTE_TABLE, b"'")


def normalize(text: str) -> str:
    """The normalized form exact copies share: lowercase words separated by single spaces."""
    return b" ".join(_normalize_bytes(text or "").split()).decode("utf-8")


def exact_key(text: str) -> str:
    """Hex hash of the normalized text; equal keys mean exact copies."""
    return hashlib.blake2b(normalize(text).encode("utf-8"), digest_size=8).hexdigest()


def _hex16(value: str) -> str:
    """16 hex characters of a stable hash of ``value``."""
    return hashlib.blake2b(value.encode("utf-8"), digest_size=8).hexdigest()


# --------------------------------------------------------------------------------------------------
# Worker processes


def dedup_workers(n_docs: int, workers: int | None = None) -> int:
    """Processes for a batch: ``workers``, else WIREDESK_DEDUP_WORKERS, else the usable CPUs; 1 when small."""
    if workers is None:
        env = os.environ.get("WIREDESK_DEDUP_WORKERS")
        workers = int(env) if env else len(os.sched_getaffinity(0))
    return max(1, workers) if n_docs >= PARALLEL_MIN_DOCS else 1


_worker_docs: Sequence[DedupDoc] = ()  # in a worker process: the day's documents, inherited at fork


def _adopt(docs: Sequence[DedupDoc]) -> None:
    """Worker start-up: keep the day's documents the parent had when it forked (nothing is copied)."""
    global _worker_docs
    _worker_docs = docs
    # What the parent had is never garbage here: keep the collector off it. Each collection of the oldest
    # generation would walk every document (and write to its pages, unsharing them); story features of
    # 25k reports in two workers took 6.7 s of CPU with it, 6.2 s without (measured).
    gc.freeze()


def _in_worker(fn: Any, *args: Any) -> Any:
    """Run ``fn`` over the inherited documents in a worker process."""
    return fn(_worker_docs, *args)


@contextlib.contextmanager
def _collector_off() -> Iterator[None]:
    """Keep the cyclic garbage collector off for a day's run (and its workers, forked inside) or a worker's
    part of the story features, then as it was.

    A run makes millions of objects that are no garbage and form no cycles (rows of signatures read back from
    rensa, order keys, links, assignments, story features), and each collection of the oldest generation walked
    them all and every document: at 100k documents 0.4-0.7 s of this process's CPU and 0.6-0.8 s of the
    workers' (measured, two runs each). What cycles a run leaves are collected once it is back on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


class _Pool:
    """Processes for one day's run that see its documents: ``map`` keeps the jobs' order.

    Workers are forked, so they read the documents without a copy; jobs and results are index ranges
    and compact arrays. Nothing run in a worker may use rensa: its thread pool does not survive a fork
    once the parent has sketched (a forked child then hangs, measured), so signatures stay in the parent.
    """

    def __init__(self, docs: Sequence[DedupDoc], workers: int) -> None:
        """Start nothing yet: workers fork at the first job."""
        self.docs = docs
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def map(self, fn: Any, jobs: list[tuple[Any, ...]]) -> Iterator[Any]:
        """``fn(docs, *job)`` for each job, spread over the workers; results come in job order as they finish."""
        if self.workers <= 1 or len(jobs) <= 1:
            return (fn(self.docs, *job) for job in jobs)
        return self._start().map(_in_worker, *zip(*[(fn, *job) for job in jobs], strict=True))

    def submit(self, fn: Any, *args: Any) -> Any:
        """Start ``fn(docs, *args)`` on a worker; returns a function that waits for its result.

        Without workers the job runs when its result is asked for.
        """
        if self.workers <= 1:
            return functools.partial(fn, self.docs, *args)
        return self._start().submit(_in_worker, fn, *args).result

    def _start(self) -> ProcessPoolExecutor:
        """The workers, forked at the first job."""
        if self._executor is None:
            ctx = multiprocessing.get_context("fork")
            self._executor = ProcessPoolExecutor(self.workers, ctx, initializer=_adopt, initargs=(self.docs,))
        return self._executor

    def release(self) -> None:
        """No more jobs will come: the workers exit while this process goes on (closing waits for them)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False)

    def __enter__(self) -> _Pool:
        """The pool itself."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the workers."""
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None


# --------------------------------------------------------------------------------------------------
# Vectorized shingling and signatures


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finalizer, in place over a uint64 array (spreads every input bit)."""
    h ^= h >> _U64(33)
    h *= _M1
    h ^= h >> _U64(33)
    h *= _M2
    h ^= h >> _U64(33)
    return h


@dataclass
class _Chunk:
    """Normalized, whitespace-collapsed bytes of several documents, with word and paragraph marks."""

    buf: np.ndarray  # uint8, each document followed by a 0 byte, padded with SHINGLE_BYTES zeros
    starts: np.ndarray  # int64 first byte of each document
    ends: np.ndarray  # int64 terminator position of each document
    word_starts: np.ndarray  # int64
    word_doc: np.ndarray  # int64 document of each word start
    word_para: np.ndarray  # int64 global paragraph number of each word start
    para_doc: np.ndarray  # int64 document of each paragraph
    para_hash: np.ndarray  # uint64 content hash of each paragraph
    para_len: np.ndarray  # int64 normalized bytes of each paragraph


def _owner(bounds: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """For sorted ``positions`` none of which is a bound, how many ``bounds`` (sorted) come before each.

    The same as ``np.searchsorted(bounds, positions)`` for positions before the last bound.
    """
    counts = np.diff(np.searchsorted(positions, bounds), prepend=0)
    return np.repeat(np.arange(bounds.size, dtype=np.int64), counts)


def _collapse(parts: list[bytes]) -> _Chunk:
    """Join normalized documents and collapse runs of spaces/newlines, remembering paragraph breaks."""
    raw = np.frombuffer(b"\0".join(parts) + b"\0", dtype=np.uint8)
    # Normalized bytes are letters, digits and UTF-8 (all above 32), spaces, newlines and the 0 ending each
    # document: words are the runs above 32, and where each lands once the separators are collapsed is
    # worked out per word (five times fewer than bytes): eight passes over the bytes instead of about 30,
    # 0.60 → 0.48 s per 50k documents (measured).
    is_word = raw > 32
    edges = np.flatnonzero(is_word[1:] != is_word[:-1]) + 1
    if is_word[0]:
        edges = np.concatenate(([0], edges))
    w_start, w_end = edges[0::2], edges[1::2]  # the chunk ends with a 0, so every word ends
    terms = np.flatnonzero(raw == 0)
    n_docs = terms.size
    word_doc = _owner(terms, w_start)
    length = w_end - w_start
    inner = np.zeros(w_start.size, dtype=bool)  # a word followed by another of its document
    inner[:-1] = word_doc[1:] == word_doc[:-1]
    # Each word takes its bytes and one more (a space, or the 0 ending its document); an empty document
    # only its 0.
    empty = np.bincount(word_doc, minlength=n_docs) == 0
    taken = np.concatenate(([0], np.cumsum(length + 1)))
    word_starts = taken[:-1] + (np.cumsum(empty) - empty)[word_doc]
    ends = taken[np.searchsorted(word_doc, np.arange(n_docs), side="right")] + np.cumsum(empty) - 1
    starts = np.concatenate(([0], ends[:-1] + 1))
    size = int(ends[-1]) + 1
    keep = is_word
    keep[w_end[inner]] = True  # the first separator after a word, made a space below
    keep[terms] = True
    out = np.zeros(size + SHINGLE_BYTES, dtype=np.uint8)
    out[:size] = raw[keep]
    gaps = word_starts[inner] + length[inner]
    out[gaps] = 32
    # A paragraph break is a gap between two words of a document with a newline in it.
    nl_before = np.zeros(w_start.size + 1, dtype=bool)  # a newline between a word and the one before
    nl_before[np.searchsorted(w_start, np.flatnonzero(raw == 10))] = True
    breaks = gaps[nl_before[1:][inner]]
    # Paragraph boundaries are the newline runs and the document ends; number them globally.
    bounds = np.sort(np.concatenate((breaks, ends)))
    word_para = _owner(bounds, word_starts)
    para_doc = np.searchsorted(ends, bounds)
    # A paragraph's hash sums a mixed 8-byte value per word start whose bytes stay inside it, plus its
    # length, so the same paragraph hashes alike whatever text surrounds it.
    view = np.ndarray(shape=(out.size - 7,), dtype="<u8", buffer=out, offset=0, strides=(1,))
    para_end = bounds[word_para]
    inside = word_starts + 8 <= para_end
    vals = _fmix64(view[word_starts[inside]] ^ _K[0])
    para_hash = np.zeros(bounds.size, dtype=np.uint64)
    groups = word_para[inside]  # ascending, so each paragraph's values are one run
    if groups.size:
        firsts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
        para_hash[groups[firsts]] = np.add.reduceat(vals, firsts)
    para_start = np.concatenate(([0], bounds[:-1] + 1))
    para_len = bounds - para_start
    para_hash = _fmix64(para_hash ^ para_len.astype(np.uint64) * _K[1])
    return _Chunk(out, starts, ends, word_starts, word_doc, word_para, para_doc, para_hash, para_len)


def _windows(chunk: _Chunk, drop: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes (uint64) and their document, skipping windows in dropped paragraphs."""
    ws = chunk.word_starts
    ok = ws + SHINGLE_BYTES <= chunk.ends[chunk.word_doc]
    if drop is not None and drop.size:
        ok &= ~_in_sorted(drop, chunk.para_hash[chunk.word_para])
    ws = ws[ok]
    # A window's four 8-byte words in one gather (rows of a strided view), then mixed in place: 15% less
    # than four gathers (measured).
    rows = np.ndarray(
        shape=(chunk.buf.size - SHINGLE_BYTES + 1, SHINGLE_BYTES // 8),
        dtype="<u8",
        buffer=chunk.buf,
        offset=0,
        strides=(1, 8),
    )
    words = rows[ws]
    words *= _K_WINDOW
    h = words[:, 0] ^ words[:, 1]
    for k in range(2, SHINGLE_BYTES // 8):
        h ^= words[:, k]
    return _fmix64(h), chunk.word_doc[ok]


@dataclass
class _Features:
    """Per-document features of a batch, aligned with the input order."""

    exact: np.ndarray  # uint64 hash of the normalized text
    norm_len: np.ndarray  # int64 bytes of normalized text
    n_shingles: np.ndarray  # int64 distinct-ish shingles after boilerplate removal
    sig: np.ndarray  # uint32 (n, NUM_PERM); rows of zeros where n_shingles < MIN_SHINGLES
    para_doc: np.ndarray  # int64 document of each (doc, paragraph hash) pair, unique per doc
    para_hash: np.ndarray  # uint64
    para_len: np.ndarray  # int64
    # Sorted distinct shingle hashes of each document, one run per document: uint64 from the workers, then
    # their top 32 bits once sketched (a chance collision in a pair of 200-shingle texts: about 1e-5).
    shingles: np.ndarray
    set_start: np.ndarray  # int64 start of each document's run in ``shingles``
    set_len: np.ndarray  # int64 length of each document's run
    lead: np.ndarray  # uint64 hash of the text's first LEAD_WINDOWS shingles in order; 0 for a shorter text


def _lead_keys(hashes: np.ndarray, doc: np.ndarray, n_docs: int) -> np.ndarray:
    """Each document's opening as one key: its first LEAD_WINDOWS shingle hashes (``doc`` ascending), in order.

    A brief that is a story's first paragraph shares too few of the story's shingles for the LSH bands to
    propose the pair (Jaccard about 0.1 against a 500-word story), but it opens with the story's words.
    """
    keys = np.zeros(n_docs, dtype=np.uint64)
    first = np.searchsorted(doc, np.arange(n_docs))
    count = np.bincount(doc, minlength=n_docs)
    ok = np.flatnonzero(count >= LEAD_WINDOWS)
    if ok.size:
        rows = hashes[first[ok, None] + np.arange(LEAD_WINDOWS)]
        key = np.zeros(ok.size, dtype=np.uint64)
        for k in range(LEAD_WINDOWS):  # order matters: each position mixed with its own constant
            key ^= _fmix64(rows[:, k] ^ _LEAD_SALT[k])
        keys[ok] = key | _U64(1)  # never 0, which means "no key"
    return keys


def _lead_pairs(lead: np.ndarray, exact: np.ndarray, docs: np.ndarray, n1: int) -> np.ndarray:
    """Sorted pair codes ``a * n1 + b`` (a < b) of documents ``docs`` that open alike (equal lead keys).

    A key held by more than LEAD_GROUP_MAX texts is a stock opening, not one story's lead; exact copies
    (equal ``exact``) are grouped already.
    """
    has = lead != 0
    keys, members, texts = lead[has], docs[has], exact[has]
    order = np.lexsort((members, keys))
    keys, members, texts = keys[order], members[order], texts[order]
    # Group sizes by key, then each member paired with the ones after it in its group, one offset at a time.
    bounds = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1], True])
    size = np.repeat(np.diff(bounds), np.diff(bounds))
    ok = (size >= 2) & (size <= LEAD_GROUP_MAX)
    codes = [np.zeros(0, np.int64)]
    for d in range(1, min(LEAD_GROUP_MAX, keys.size)):
        same = ok[:-d] & (keys[:-d] == keys[d:])
        if not same.any():
            break  # no group is this wide
        i = np.flatnonzero(same & (texts[:-d] != texts[d:]))
        codes.append(members[i] * n1 + members[i + d])
    return _unique(np.concatenate(codes))


def _signatures(hashes: np.ndarray, doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures (rensa) of each document's shingles, and the shingle counts."""
    counts = np.bincount(doc, minlength=n_docs).astype(np.int64)
    order = np.argsort(doc, kind="stable")
    offsets = np.concatenate(([0], np.cumsum(counts)))
    return _sketch(hashes[order], offsets[:-1], counts, counts), counts


def _sketch(hashes: np.ndarray, start: np.ndarray, length: np.ndarray, n_shingles: np.ndarray) -> np.ndarray:
    """MinHash signatures (rensa) of runs of shingle hashes; zeros where a text is too short to sketch."""
    # Any order and repeats give the same signature (a minimum over the set), so distinct sorted runs do.
    n = n_shingles.size
    if n == 0:
        return np.zeros((0, NUM_PERM), dtype=np.uint32)
    if hashes.size and np.array_equal(start[1:], start[:-1] + length[:-1]) and start[0] == 0:
        flat, offsets = hashes[: start[-1] + length[-1]], np.append(start, start[-1] + length[-1])
    else:  # runs out of place (a part's rows replaced): gather them
        flat, offsets = hashes[_ragged(start, length)], np.concatenate(([0], np.cumsum(length)))
    # Every row is sketched (short ones too, it costs less than gathering the rest) and short ones zeroed.
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        np.ascontiguousarray(flat), offsets.astype(np.uint64), NUM_PERM, MINHASH_SEED
    )
    # The matrix reads back only as lists of ints: one C array per row joined is twice as fast as numpy's
    # conversion of the nested lists (100k rows: 0.22 → 0.10 s, measured).
    rows = b"".join([array.array("I", row) for row in matrix.to_rows()])
    sig = np.frombuffer(rows, dtype=np.uint32).reshape(n, NUM_PERM).copy()
    sig[n_shingles < MIN_SHINGLES] = 0
    return sig


def _shingle_runs(hashes: np.ndarray, doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct shingle hashes of each document as one flat array, sorted by document, and their counts.

    ``doc`` is ascending (windows come document by document).
    """
    # One sort of a combined key instead of a lexsort by (document, hash): six times faster, and a value
    # sort (_stable_order) rather than an argsort, 0.25 → 0.18 s per 50k documents. The key keeps the
    # document in its top bits, so it orders a document's hashes by their other bits; hashes that agree on
    # those (a chance of 1e-12 in a pair of 200-shingle texts) may repeat in a run, which changes neither
    # the signature nor, in practice, an intersection.
    shift = _U64(max(1, (n_docs - 1).bit_length()))
    key = doc.astype(np.uint64) << (_U64(64) - shift) | hashes >> shift
    hashes = hashes[_stable_order(key)[0]]
    # Sorted by the key, the documents stay as they came: ``doc`` is already the sorted documents (no gathers
    # of the key and documents, 0.29 → 0.25 s per 50k documents).
    first = np.ones(hashes.size, dtype=bool)
    first[1:] = (hashes[1:] != hashes[:-1]) | (doc[1:] != doc[:-1])
    return hashes[first], np.bincount(doc[first], minlength=n_docs).astype(np.int64)


def _featurize_chunk(texts: Sequence[str], drop: np.ndarray | None) -> _Features:
    """Normalize and hash one chunk of texts (signatures are left to :func:`_sketch`)."""
    n = len(texts)
    if n == 0:  # a day without articles (every source failed, or a quiet backfill day)
        i64, u64 = np.zeros(0, np.int64), np.zeros(0, np.uint64)
        return _Features(u64, i64, i64, np.zeros((0, NUM_PERM), np.uint32), i64, u64, i64, u64, i64, i64, u64)
    chunk = _collapse([_normalize_bytes(t or "") for t in texts])
    mem = memoryview(chunk.buf.data)
    exact = np.fromiter(
        (
            int.from_bytes(hashlib.blake2b(mem[s:e], digest_size=8).digest(), "little")
            for s, e in zip(chunk.starts.tolist(), chunk.ends.tolist(), strict=True)
        ),
        dtype=np.uint64,
        count=n,
    )
    hashes, wdoc = _windows(chunk, drop)
    shingles, n_set = _shingle_runs(hashes, wdoc, n)
    # One row per (document, paragraph) even when a text repeats a paragraph.
    key = chunk.para_doc.astype(np.uint64) * _K[3] ^ chunk.para_hash
    _, first = np.unique(key, return_index=True)
    first.sort()
    return _Features(
        exact,
        chunk.ends - chunk.starts,
        np.bincount(wdoc, minlength=n).astype(np.int64),
        np.zeros((n, 0), dtype=np.uint32),
        chunk.para_doc[first],
        chunk.para_hash[first],
        chunk.para_len[first],
        shingles,
        np.cumsum(n_set) - n_set,
        n_set,
        _lead_keys(hashes, wdoc, n),
    )


def _featurize_part(docs: Sequence[DedupDoc], which: Sequence[int], drop: np.ndarray | None) -> _Features:
    """Features of some documents' texts, chunk by chunk (bounded memory); runs in the workers."""
    parts = []
    for lo in range(0, len(which), CHUNK_DOCS):
        parts.append(_featurize_chunk([docs[i].text for i in which[lo : lo + CHUNK_DOCS]], drop))
    return _join_features(parts)


def _join_features(parts: list[_Features]) -> _Features:
    """Features of consecutive batches as one batch."""
    if len(parts) == 1:
        return parts[0]
    if not parts:
        return _featurize_chunk([], None)
    sizes = np.cumsum([0] + [p.exact.size for p in parts])
    set_sizes = np.cumsum([0] + [p.shingles.size for p in parts])
    return _Features(
        np.concatenate([p.exact for p in parts]),
        np.concatenate([p.norm_len for p in parts]),
        np.concatenate([p.n_shingles for p in parts]),
        np.concatenate([p.sig for p in parts]),
        np.concatenate([p.para_doc + lo for p, lo in zip(parts, sizes.tolist(), strict=False)]),
        np.concatenate([p.para_hash for p in parts]),
        np.concatenate([p.para_len for p in parts]),
        np.concatenate([p.shingles for p in parts]),
        np.concatenate([p.set_start + lo for p, lo in zip(parts, set_sizes.tolist(), strict=False)]),
        np.concatenate([p.set_len for p in parts]),
        np.concatenate([p.lead for p in parts]),
    )


def _featurize(pool: _Pool, which: Sequence[int], drop: np.ndarray | None = None) -> _Features:
    """Normalize, hash and sketch the texts of documents ``which``, on the pool's workers when it has some."""
    step = CHUNK_DOCS * PART_CHUNKS
    parts = []
    # The parent sketches each part as it arrives, while the workers go on with the next ones.
    for part in pool.map(_featurize_part, [(which[lo : lo + step], drop) for lo in range(0, len(which), step)]):
        part.sig = _sketch(part.shingles, part.set_start, part.set_len, part.n_shingles)
        part.shingles = (part.shingles >> _U64(32)).astype(np.uint32)  # half the memory for the exact check
        parts.append(part)
    return _join_features(parts)


def _agreement(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray:
    """Estimated Jaccard of pairs of signatures (rows): the share of equal slots, k / NUM_PERM exactly."""
    # A count and one division give the same float64 as a mean of the booleans, in 0.7x the time (855k
    # candidate pairs at 100k documents: 0.40 → 0.28 s, measured).
    return np.count_nonzero(sig_a == sig_b, axis=1) / NUM_PERM


def _ragged(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Positions ``starts[k] .. starts[k] + lens[k] - 1`` of every k, concatenated."""
    ends = np.cumsum(lens)
    return np.repeat(starts - (ends - lens), lens) + np.arange(int(ends[-1]) if ends.size else 0)


def _intersections(feats: _Features, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Exact |A∩B| of each pair of documents, from their sorted distinct shingle hashes."""
    out = np.zeros(a.size, dtype=np.int64)
    for lo in range(0, a.size, SET_PAIR_BLOCK):
        xa, xb = a[lo : lo + SET_PAIR_BLOCK], b[lo : lo + SET_PAIR_BLOCK]
        # Tagged with the pair number in the top bits, each side is one sorted array (runs are sorted
        # and pairs ascend), so one searchsorted of sorted queries counts every pair's shared shingles.
        pair = np.arange(xa.size, dtype=np.uint64) << _U64(32)
        la, lb = feats.set_len[xa], feats.set_len[xb]
        ka = feats.shingles[_ragged(feats.set_start[xa], la)] | np.repeat(pair, la)
        kb = feats.shingles[_ragged(feats.set_start[xb], lb)] | np.repeat(pair, lb)
        if ka.size == 0 or kb.size == 0:
            continue
        pos = np.minimum(np.searchsorted(ka, kb), ka.size - 1)
        shared = np.repeat(np.arange(xa.size), lb)[ka[pos] == kb]
        out[lo : lo + xa.size] = np.bincount(shared, minlength=xa.size)
    return out


def _lexsort2(major: np.ndarray, minor: np.ndarray) -> np.ndarray:
    """``np.lexsort((minor, major))`` of int64 keys as two stable value sorts, the minor key first.

    The boilerplate test, which sorts paragraph triples and pairs with it, 0.46 → 0.36 s at 100k documents
    (measured).
    """
    flip = _U64(1 << 63)  # int64 order as uint64 order
    by_minor = _stable_order(minor.view(np.uint64) ^ flip)[0]
    return by_minor[_stable_order(major[by_minor].view(np.uint64) ^ flip)[0]]


def _distinct_rows(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (x, y) pairs (int64) sorted by x then y, as two arrays (np.unique(axis=0) is 8x slower)."""
    order = _lexsort2(x, y)
    x, y = x[order], y[order]
    new = np.ones(x.size, dtype=bool)
    new[1:] = (x[1:] != x[:-1]) | (y[1:] != y[:-1])
    return x[new], y[new]


def _in_sorted(sorted_keys: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Whether each query is in ``sorted_keys`` (sorted, distinct): np.isin without its sort of both sides."""
    if sorted_keys.size == 0:
        return np.zeros(queries.size, dtype=bool)
    return sorted_keys[np.minimum(np.searchsorted(sorted_keys, queries), sorted_keys.size - 1)] == queries


def _boilerplate(para_doc: np.ndarray, para_hash: np.ndarray, para_len: np.ndarray) -> np.ndarray:
    """Paragraph hashes that recur beside unrelated texts (leftover boilerplate), from distinct texts.

    A paragraph of a syndicated story recurs too, but the texts holding it are copies of one another
    and share their other paragraphs; boilerplate sits beside a different story each time. Only holders
    with some other paragraph are evidence. A paragraph with at least three such holders is boilerplate
    when fewer than half of them share any other paragraph with another holder. A cheap test runs first:
    each holder is named by the least hash among its other paragraphs (a MinHash over paragraph sets:
    copies usually agree on it), and only paragraphs whose holders carry at least ``max(3, n/2)``
    different names get the full test.
    """
    none = np.zeros(0, dtype=np.uint64)
    # One value sort of the hashes tells each entry's count: a binary search of every entry among the frequent
    # hashes took 0.07 s at 100k documents (760k entries), this 0.02 s (measured).
    order, ordered = _stable_order(para_hash)
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    df = np.diff(np.append(starts, ordered.size))
    inc = np.empty(para_hash.size, dtype=bool)
    inc[order] = np.repeat(df >= BOILERPLATE_MIN_DOCS, df)
    if not inc.any():
        return none
    n_docs = int(para_doc.max()) + 1
    top = np.iinfo(np.uint64).max
    usable = para_len >= CONTEXT_BYTES
    # Paragraphs come by document (ascending), each (document, hash) once, so a document's usable ones are
    # one run and its two least hashes are two reductions: no sort by (document, hash), no isin (the stage
    # 0.70 → 0.48 s at 100k documents, measured).
    d_use, h_use = para_doc[usable], para_hash[usable]
    first = np.full(n_docs, top, dtype=np.uint64)
    second = np.full(n_docs, top, dtype=np.uint64)
    use_start = np.searchsorted(d_use, np.arange(n_docs + 1))
    if d_use.size:
        starts = np.flatnonzero(np.r_[True, d_use[1:] != d_use[:-1]])
        least = np.minimum.reduceat(h_use, starts)
        first[d_use[starts]] = least
        others = np.where(h_use == np.repeat(least, np.diff(np.r_[starts, d_use.size])), top, h_use)
        second[d_use[starts]] = np.minimum.reduceat(others, starts)
    p, d = para_hash[inc], para_doc[inc]
    name = np.where(first[d] == p, second[d], first[d])
    evidence = name != top
    p, d, name = p[evidence], d[evidence], name[evidence]
    if p.size == 0:
        return none
    # Signed views from here on: numpy sorts them consistently (uint64 views of int64 order would not be).
    p, name, h_use = p.view(np.int64), name.view(np.int64), h_use.view(np.int64)
    pu, names = np.unique(_distinct_rows(p, name)[0], return_counts=True)
    holders = np.bincount(np.searchsorted(pu, p), minlength=pu.size)
    suspects = pu[(holders >= BOILERPLATE_MIN_DOCS) & (names >= 3) & (names >= holders / 2)]
    if suspects.size == 0:
        return none
    # Full test over (paragraph, holder, other paragraph of the holder) triples.
    sel = _in_sorted(suspects, p)
    sp, sd = p[sel], d[sel]
    counts = use_start[sd + 1] - use_start[sd]
    tp, td = np.repeat(sp, counts), np.repeat(sd, counts)
    offs = np.arange(tp.size) - np.repeat(np.cumsum(counts) - counts, counts)
    tq = h_use[np.repeat(use_start[sd], counts) + offs]
    other = tq != tp
    tp, td, tq = tp[other], td[other], tq[other]
    order = _lexsort2(tp, tq)
    new = np.ones(order.size, dtype=bool)
    new[1:] = (tp[order][1:] != tp[order][:-1]) | (tq[order][1:] != tq[order][:-1])
    group = np.cumsum(new) - 1
    shared = np.empty(order.size, dtype=bool)
    shared[order] = np.bincount(group)[group] >= 2
    covered, _ = _distinct_rows(tp[shared], td[shared])
    cov: dict[int, int] = {}
    if covered.size:
        cp, ncov = np.unique(covered, return_counts=True)
        cov = dict(zip(cp.tolist(), ncov.tolist(), strict=True))
    n_hold = dict(zip(pu.tolist(), holders.tolist(), strict=True))
    flagged = [h for h in suspects.tolist() if cov.get(h, 0) < n_hold[h] / 2]
    return np.sort(np.array(flagged, dtype=np.int64).view(np.uint64))


def _call(docs: Sequence[DedupDoc], fn: Any, *args: Any) -> Any:
    """``fn(*args)`` run as a job of the pool (a job that needs no documents)."""
    return fn(*args)


def _cuts(n: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` consecutive ranges, as even as can be, that cover ``0 .. n - 1``."""
    bounds = [n * k // parts for k in range(parts + 1)]
    return list(itertools.pairwise(bounds))


def _beside_stories(para_doc: np.ndarray, para_hash: np.ndarray, para_len: np.ndarray) -> np.ndarray:
    """Paragraph hashes that sit beside ``STORY_GROUPS`` different stories that also circulate without them.

    The test of :func:`_boilerplate` takes any other paragraph two holders share as a sign that they are
    copies, so it does not see boilerplate under stories that each have several copies, nor notes stacked
    under each other (each one's holders share the other). Here a holder's other paragraph counts only when
    some text *without* the paragraph under test holds it too: then it belongs to a story that circulates
    without that paragraph (the wire's own text, another outlet's copy), so the paragraph is not part of that
    story. A paragraph whose holders fall, by such paragraphs, into ``STORY_GROUPS`` groups of two or more
    holders is an add-on to that many different stories. A story's own paragraphs never qualify: its copies'
    other paragraphs come with them (a truncated copy's lead is held by the full copies too, and joins them
    in one group), and a paragraph shared by a wire story and its write-through holds their leads, which
    circulate only with it (each version's lead is held by its copies, all of which hold the shared tail).
    """
    none = np.zeros(0, dtype=np.uint64)
    usable = para_len >= CONTEXT_BYTES
    d, h = para_doc[usable], para_hash[usable]
    if h.size == 0:
        return none
    uniq, k, df = np.unique(h, return_inverse=True, return_counts=True)
    k = k.ravel()
    n_docs = int(d.max()) + 1
    start = np.searchsorted(d, np.arange(n_docs + 1))
    # A cheap test first: each holder is named by its lead (its first paragraph, or its second when the first
    # is the paragraph under test); a paragraph needs STORY_GROUPS leads, each held by two of its holders and
    # by some text without it. Copies of one story mostly share one lead, so few paragraphs get the full test.
    cand = np.flatnonzero(df[k] >= BOILERPLATE_MIN_DOCS)
    has = start[d[cand] + 1] - start[d[cand]] >= 2
    cand = cand[has]
    first = start[d[cand]]
    lead = np.where(first == cand, k[np.minimum(first + 1, k.size - 1)], k[first])
    pl = _distinct_rows(k[cand].astype(np.int64), lead.astype(np.int64))
    code = k[cand].astype(np.int64) * np.int64(uniq.size) + lead
    pair_code = pl[0] * np.int64(uniq.size) + pl[1]
    both = np.bincount(np.searchsorted(pair_code, code), minlength=pair_code.size)
    good = (both >= 2) & (df[pl[1]] > both)
    suspects = np.flatnonzero(np.bincount(pl[0][good], minlength=uniq.size) >= STORY_GROUPS)
    cand = cand[_in_sorted(suspects, k[cand])]
    if cand.size == 0:
        return none
    cnt = start[d[cand] + 1] - start[d[cand]]
    tp, td = np.repeat(k[cand], cnt), np.repeat(d[cand], cnt)
    tq = k[_ragged(start[d[cand]], cnt)]
    other = tq != tp
    tp, td, tq = tp[other], td[other], tq[other]
    # How many holders of p hold q too, per (p, q): q links them when some text holds q without p.
    nk = np.int64(uniq.size)
    code = tp.astype(np.int64) * nk + tq
    order = np.lexsort((td, code))
    code, tp, td, tq = code[order], tp[order], td[order], tq[order]
    new = np.r_[True, code[1:] != code[:-1]]
    run = np.cumsum(new) - 1
    starts = np.flatnonzero(new)
    both = np.diff(np.r_[starts, code.size])[run]
    linking = (both >= 2) & (df[tq] > both)
    if not linking.any():
        return none
    # Holders of p as nodes; each linking (p, q) joins its holders to its first one.
    node_code = tp.astype(np.int64) * np.int64(n_docs) + td
    nodes, node = np.unique(node_code, return_inverse=True)
    node = node.ravel()
    hub = node[starts][run]
    label = _components(nodes.size, hub[linking], node[linking])
    owner = nodes // n_docs  # the paragraph of each node
    size = np.bincount(label, minlength=nodes.size)
    roots = np.flatnonzero((label == np.arange(nodes.size)) & (size >= 2))
    groups = np.bincount(owner[roots], minlength=uniq.size)
    return np.sort(uniq[groups >= STORY_GROUPS])


def _matches(sorted_keys: np.ndarray, queries: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(owner of the query, position in ``sorted_keys``) for every query key found there, all duplicates."""
    lo = np.searchsorted(sorted_keys, queries, side="left")
    hi = np.searchsorted(sorted_keys, queries, side="right")
    cnt = hi - lo
    hit = cnt > 0
    cnt, lo = cnt[hit], lo[hit]
    who = np.repeat(owners[hit].astype(np.int64), cnt)
    offs = np.arange(who.size) - np.repeat(np.cumsum(cnt) - cnt, cnt)
    return who, np.repeat(lo, cnt) + offs


def _stable_order(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.argsort(keys, kind="stable")`` of uint64 keys, and the sorted keys, from one value sort.

    Each key, shifted up, carries its position in the bits below, so a plain sort of those values orders by
    (key, position). Keys with no room for that (hashes) keep only their top bits: the order is then exact
    wherever no two different keys share their top bits, and the few runs where some do are sorted again.
    numpy's value sort is vectorized: 800k keys 0.058 → 0.009 s, measured.
    """
    bits = max(1, (keys.size - 1).bit_length())
    room = 64 - (int(keys.max()).bit_length() if keys.size else 0)
    drop = _U64(max(0, bits - room))  # low key bits that do not fit beside the position
    # In place where it can be: two arrays of the keys' size at most (4.8M stored band keys peaked at six).
    packed = keys >> drop
    packed <<= _U64(bits)
    packed |= np.arange(keys.size, dtype=np.uint64)
    packed.sort()
    order = np.bitwise_and(packed, (_U64(1) << _U64(bits)) - _U64(1), out=packed).view(np.int64)
    ordered = keys[order]
    bad = np.flatnonzero(ordered[1:] < ordered[:-1])
    if bad.size:  # keys that differ only in the dropped bits: sort their runs by (key, position)
        # A run holds the keys of one top value; around it the keys are in order, so binary searches for
        # the run's least and greatest possible key find its ends.
        low = _unique(ordered[bad] >> drop << drop)
        start = np.searchsorted(ordered, low)
        end = np.searchsorted(ordered, low | ((_U64(1) << drop) - _U64(1)), side="right")
        fix = _ragged(start, end - start)
        again = fix[np.lexsort((order[fix], ordered[fix]))]
        order[fix], ordered[fix] = order[again], ordered[again]
    return order, ordered


def _history_bands(sig: np.ndarray, rows: np.ndarray, cluster_no: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted band keys and rows that later days look up: a few rows per cluster, no topic keys.

    A late copy needs to find its cluster, not every member: each (key, cluster) keeps its first
    ``BAND_ROWS_PER_CLUSTER`` rows. A key held by more than ``STOP_KEY_CLUSTERS`` clusters comes from a
    stock phrase shared by many stories; real copies share dozens of other keys, so it is dropped.
    """
    kept_keys, kept_rows = [np.zeros(0, np.uint64)], [np.zeros(0, np.uint32)]
    # Rows in (cluster, row) order once, so one stable sort by key per block orders by (key, cluster, row):
    # the lexsort of three keys it replaces sorted three times (1.09 → 0.96 s for 100k signatures, measured).
    rows = rows[np.lexsort((rows, cluster_no[rows]))]
    row_all = rows.astype(np.uint32)
    clus_all = cluster_no[rows].astype(np.uint32)
    # Keys are salted by band, so each block of bands can be pruned on its own (smaller sort arrays).
    for lo in range(0, NUM_PERM // BAND_ROWS, BAND_BLOCK):
        keys = _band_keys(sig, lo, lo + BAND_BLOCK)[rows]  # no copy of the signature rows
        flat = keys.ravel()
        row = np.repeat(row_all, keys.shape[1])
        clus = np.repeat(clus_all, keys.shape[1])
        order, flat = _stable_order(flat)
        row, clus = row[order], clus[order]
        new_key = np.r_[True, flat[1:] != flat[:-1]]
        new_group = new_key | np.r_[True, clus[1:] != clus[:-1]]
        group_id = np.cumsum(new_group) - 1
        keep = np.arange(flat.size) - np.flatnonzero(new_group)[group_id] < BAND_ROWS_PER_CLUSTER
        key_id = np.cumsum(new_key) - 1
        keep &= np.bincount(key_id, weights=new_group)[key_id] <= STOP_KEY_CLUSTERS
        kept_keys.append(flat[keep])
        kept_rows.append(row[keep])
    flat, row = np.concatenate(kept_keys), np.concatenate(kept_rows)
    del kept_keys, kept_rows
    order, flat = _stable_order(flat)
    return flat, row[order]


def _band_pairs(
    docs: Sequence[DedupDoc], slots: np.ndarray, exact: np.ndarray, owners: np.ndarray, first: int, n1: int
) -> np.ndarray:
    """Sorted distinct codes ``a * n1 + b`` (a < b) of LSH candidate pairs in some bands (runs in the workers).

    ``slots`` are the signature slots of bands ``first``, ``first + 1`` ... of the documents ``owners``, whose
    ``exact`` hashes pick each bucket's hub.
    """
    codes: list[np.ndarray] = []
    band_slots = slots.view(np.uint64)  # two 32-bit slots are one band
    # Bands in blocks keep the sort arrays small (memory), with few numpy calls per block.
    for lo in range(0, band_slots.shape[1], BAND_BLOCK):
        hi = min(lo + BAND_BLOCK, band_slots.shape[1])
        keys = _fmix64(band_slots[:, lo:hi] ^ _BAND_SALT[first + lo : first + hi])
        # Star each LSH bucket on a hub that changes from band to band (a hash of the text and the
        # band), so a copy meets many different members across the 64 bands while the pairs stay
        # linear in the bucket size. The hub depends on content only: any input order, same pairs.
        salt = _BAND_SALT[first + lo : first + hi] * _K[2]
        prio = _fmix64(exact[:, None] ^ salt).ravel()
        flat, owner = keys.ravel(), np.repeat(owners, keys.shape[1])
        # Which member of a bucket comes first does not change its pairs (the hub is the least priority, and
        # distinct texts have distinct priorities): any sort does.
        order, flat = _stable_order(flat)
        owner, prio = owner[order], prio[order]
        new_run = np.ones(flat.size, dtype=bool)
        new_run[1:] = flat[1:] != flat[:-1]
        run_id = np.cumsum(new_run) - 1
        run_starts = np.flatnonzero(new_run)
        run_len = np.diff(np.append(run_starts, flat.size))
        is_hub = prio == np.minimum.reduceat(prio, run_starts)[run_id]
        hub_owner = np.zeros(run_starts.size, dtype=np.int64)
        hub_owner[run_id[is_hub]] = owner[is_hub]
        sel = (run_len[run_id] > 1) & ~is_hub
        a, b = hub_owner[run_id[sel]], owner[sel]
        block = _unique(np.minimum(a, b).astype(np.int64) * n1 + np.maximum(a, b))
        codes = [_merge_unique(codes[0], block)] if codes else [block]
    return codes[0] if codes else np.zeros(0, np.int64)


def _first_of_runs(a: np.ndarray) -> np.ndarray:
    """Position of the first occurrence of each distinct value of ``a``."""
    order = np.argsort(a, kind="stable")
    new = np.ones(a.size, dtype=bool)
    new[1:] = a[order][1:] != a[order][:-1]
    return order[new]


def _unique(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values: numpy 2.4's np.unique hashes integers first, 20x slower than one sort."""
    a = np.sort(a)
    keep = np.ones(a.size, dtype=bool)
    keep[1:] = a[1:] != a[:-1]
    return a[keep]


def _merge_unique(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sorted distinct union of two sorted arrays (a stable sort merges two runs in linear time)."""
    c = np.concatenate((a, b))
    c.sort(kind="stable")
    keep = np.ones(c.size, dtype=bool)
    keep[1:] = c[1:] != c[:-1]
    return c[keep]


def _band_keys(sig: np.ndarray, lo: int = 0, hi: int = NUM_PERM // BAND_ROWS) -> np.ndarray:
    """LSH band keys (uint64, one column per band ``lo..hi``): two slots per band, salted by band."""
    pairs = np.ascontiguousarray(sig).view(np.uint64).reshape(sig.shape[0], NUM_PERM // BAND_ROWS)[:, lo:hi]
    return _fmix64(pairs ^ _BAND_SALT[lo:hi])


# --------------------------------------------------------------------------------------------------
# Story features

# A run never crosses a line break: a headline's last word and the lead's first ("... near Tellis" /
# "Rescuers searched ...") or a paragraph's last and the next one's first are no one name. A run starts
# at a capital after no word character: tested behind the capital, as a leading \b makes the engine try a
# match at every position, while a leading [A-Z] lets it skip to the next capital (finditer over the
# heads and bodies of 25k reports: 0.72 → 0.46 s).
_CAP_RUN = re.compile(
    r"[A-Z](?<!\w.)[\w'’\-]*(?:[^\S\n]+(?:(?:al|el|bin|ibn|de|du|van|von|der|of|the|for)[^\S\n]+|(?:al|el|ad|an|ar|as|ash)-)?"
    r"[A-Z][\w'’\-]*)*"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_NOT_NAMES = frozenset(
    "a an the this that these those it its he she they we i you his her their our and but or if as at by for from "
    "in into of on to with after before during while when where what who why how not no yes also last next "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december mr mrs ms dr said says according read more however meanwhile "
    "earlier later today yesterday there here some many most several al el bin ibn de du van von der for "
    # Titles and offices: "Governor Rosalía Quintanilla" and "governor Rosalia Quintanilla" are one name.
    "governor president minister mayor judge chief general prime king queen prince sheikh colonel sergeant "
    "spokesman spokeswoman spokesperson secretary senator director commander captain lieutenant pope bishop "
    "sir lord lady professor officer chairman chairwoman deputy".split()
)
_STOP = frozenset(
    "the a an and or of to in on at by for with from as is are was were be been has have had that this it its "
    "said says will would could should than then into over after before about more most new".split()
)
_ARTICLE = re.compile(r"^(?:al|el|ul|ar|as|ad|an|at|ash|az)[\s\-']+", re.I)
_ABD = re.compile(r"abd[aeiou][lr]")  # Abdel Rahman / Abdurrahman / Abdul Rahman: one Arabic "Abd al-"
# Vowels and h, w, y are what a transliteration changes freely; Arabic qaf and Persian/Turkish gaf are
# written q, g or k by different wires (Qadhafi / Gaddafi / Kadhafi, Iraq / Irak, Qom / Ghom): one letter
# of the skeleton. A name's first letter keeps its vowel; the rest loses them (one table, one pass).
_VELARS = str.maketrans("qg", "kk")
_SKELETON_TAIL = str.maketrans("qg", "kk", "aeiouyhw")
_NOT_AZ = re.compile(r"[^a-z]")
_SYLLABLE_H = re.compile(r"(?:^|(?<=[aeiouy]))h(?=[aeiouyrl])")
_DOUBLE = re.compile(r"(.)\1+")


_FIRST_GROUP = operator.itemgetter(1)  # a match's first group: a C callable, not re's template expansion


def skeleton(name: str) -> str:
    """Consonant skeleton of a name, so transliterations meet: 'Al Qaryatain' and 'Qaryatayn' → 'krtn'."""
    # Steps that cannot change the name are skipped (200k names per 25k reports). Not cached: its callers
    # cache their words and runs, and 97% of its calls were cache misses (a miss costs the look-up too).
    if name.isascii():  # NFKD and accent stripping leave ASCII alone: skip them (most names)
        s = name.lower()
        if s[:1] in "aeu":
            s = _ARTICLE.sub("", s)
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).lower()
        s = _ARTICLE.sub("", s)
    if not (s.isalpha() and s.isascii()):  # only a-z already (most names): no substitution
        s = _NOT_AZ.sub("", s)
    if "abd" in s:
        s = _ABD.sub("abd", s)
    if not s:
        return ""
    if "x" in s:
        s = s.replace("x", "ks")  # Alexander / Aleksandr, Maxim / Maksim
    if "h" in s:
        # Ukrainian writes h where Russian writes g (Hrytsenko / Gritsenko, Novohryhorivka / Novogrigoryevka):
        # an h that opens a syllable (at the start or after a vowel, before a vowel, r or l) is that letter.
        s = _SYLLABLE_H.sub("k", s)
    if s.endswith(("ian", "ean")) and len(s) > 5:
        s = s[:-1]  # a people or its adjective is its country's name: Syrian / Syria, Chilean / Chile
    return _DOUBLE.sub(_FIRST_GROUP, s[0].translate(_VELARS) + s[1:].translate(_SKELETON_TAIL))


_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”\-–—]\s+|\n)\s*[\"“'‘(]*$")
_LOOKBACK = 8  # characters before a name enough to see a sentence start
_OPENERS = frozenset('.!?:;"“”-–—')  # what may end a sentence before the spaces of _SENTENCE_START


_LOCATIVE = frozenset("in at near outside into from across".split())
_PLACE_NOUNS = frozenset(
    "town city village province district region hamlet port camp area capital county valley".split()
)


def _is_place_context(before: str) -> bool:
    """True if the words right before a name make it a place ("in", "near the", "town of", "in northern")."""
    words = before.lower().split()[-3:]
    if not words:
        return False
    if words[-1] == "of":
        return len(words) > 1 and words[-2] in _PLACE_NOUNS
    if words[-1] in _LOCATIVE:  # "in Kharkiv": 40% of the names a report tests, settled by one look-up
        return True
    if _LOCATIVE.isdisjoint(words):  # most other names: no locative at all
        return False
    for k in range(len(words) - 1, -1, -1):
        if words[k] in _LOCATIVE:
            return True
        if not words[k].isalpha() or words[k] in ("and", "said", "says"):
            return False
    return False


# (word, key, feature, veto, is a locative) of one word of a capitalized run: the key is None when it is no
# name word; the veto is the lowercase form that makes it an ordinary word when the text has it.
_NameWord = tuple[str, str | None, int | None, str | None, bool]
_RunNames = tuple[str | None, int | None, tuple[int, ...], bool]


_TITLES = frozenset(
    "governor president minister mayor judge chief general prime king queen prince sheikh colonel sergeant "
    "spokesman spokeswoman spokesperson secretary senator director commander captain lieutenant pope bishop "
    "sir lord lady professor officer chairman chairwoman deputy mr mrs ms dr".split()
)
_RUN_WORD = re.compile(r"[^\s\-]+")
# One name of a capitalized run: (its offset in the run, its name words, their vetoes, its four names of
# _RunNames, whether it follows a title or a leading acronym of the same run). One flat tuple: a plan is
# unpacked at every run of every report, and each tuple a cached plan holds is one more object for the
# garbage collector to walk while the caches fill.
_RunPart = tuple[int, tuple[_NameWord, ...], tuple[str, ...], str | None, int | None, tuple[int, ...], bool, bool]


@functools.lru_cache(maxsize=1 << 17)
def _run_plan(run: str) -> tuple[_RunPart, ...]:
    """What a capitalized run can name: its names, each with its name words (each with a locative before it
    or not), their vetoes, and its names when none is vetoed; empty when it has no name word.

    A title inside a run ends a name: "Kyiv Mayor Vitali Klitschko" is Kyiv and Vitali Klitschko, as
    "Kiev mayor Vitaly Klitschko" is, and "Ukrainian President Volodymyr Zelensky" names the president
    as "President Volodymyr Zelenskyy" does. A leading acronym is a name of its own too ("MV Santa Clara",
    "UN Security Council"): wires drop or keep such qualifiers.
    """
    # Most runs hold no title after a name word and open with no acronym: one name, from the run's start.
    keyed: list[_NameWord] = []
    vetoes: list[str] = []
    locative = False
    for raw in run.replace("-", " ").split():  # the words between spaces and hyphens, as _RUN_WORD finds them
        word = _name_word(raw)
        if word[1] is None:
            if keyed and raw.lower() in _TITLES:
                break
            locative = locative or word[4]
            continue
        if len(keyed) == 1 and keyed[0][1][0] == "=" and word[1][0] != "=":
            break
        keyed.append(word[:4] + (True,) if locative else word)  # a name word's own flag is False
        if word[3] is not None:
            vetoes.append(word[3])
    else:
        return ((0, tuple(keyed), tuple(vetoes), *_run_names(keyed), False),) if keyed else ()
    parts: list[_RunPart] = []
    keyed = []
    locative = False
    start = 0  # where the name being gathered starts in the run (the run's start for the first one)
    for m in _RUN_WORD.finditer(run):
        word = _name_word(m.group())
        ends = False
        if word[1] is None:
            ends = bool(keyed) and m.group().lower() in _TITLES
        elif len(keyed) == 1 and not parts and keyed[0][1][0] == "=" and word[1][0] != "=":
            ends = True  # a leading acronym before other name words
        if ends:
            parts.append((start, *_one_name(keyed, inner=bool(parts))))
            keyed, start = [], -1
        if word[1] is None:
            locative = locative or (word[4] and not parts)
            continue
        if start < 0:
            start = m.start()
        keyed.append(word[:4] + (locative and not parts,))
    if keyed:
        parts.append((start, *_one_name(keyed, inner=bool(parts))))
    return tuple(parts)


def _one_name(named: Sequence[_NameWord], inner: bool = False) -> tuple:
    """(name words, their vetoes, the four names, inner) of one name's words (words that are no name words dropped)."""
    keyed = []
    vetoes = []
    locative = False
    for w in named:
        if w[1] is None:
            locative = locative or w[4]
        else:
            keyed.append(w[:4] + (w[4] or locative,))
            if w[3] is not None:
                vetoes.append(w[3])
    return tuple(keyed), tuple(vetoes), *_run_names(keyed), inner


def _run_names(words: Sequence[_NameWord]) -> _RunNames:
    """(single word, whole-name feature, word features, opens with a locative) of a run's kept name words.

    The single word is set when one name word is kept (it is then subject to the sentence-start test).
    A run opened by a locative ("In San Lazaro de Umbra, ...") stands for a place: a locative counts when
    it comes before the first kept name word.
    """
    if len(words) == 1:
        return words[0][0], words[0][2], (), words[0][4]
    texts, _, features, _, _ = zip(*words, strict=True)  # one transposition, not three comprehensions
    alias = _aliases().get(" ".join(texts).lower())
    whole = _name_feature(alias or "+" + skeleton("".join(texts)))
    return None, whole, tuple(filter(None, features)), words[0][4]  # name features are odd: never 0


@functools.lru_cache(maxsize=1 << 17)
def _name_word(raw: str) -> _NameWord:
    """One word of a capitalized run as :data:`_NameWord` (cached: words recur more than whole runs)."""
    w, key = _clean_name_word(raw)
    if key is None:
        return w, None, None, None, raw.lower() in _LOCATIVE
    low = w.lower()
    # Acronyms are never vetoed; only a word of ASCII letters can be among a text's lowercase words.
    veto = low if key[0] != "=" and low.isascii() and low.isalpha() else None
    key = _aliases().get(low, key)
    return w, key, _name_feature(key), veto, False


_POSSESSIVES = ("'s", "’s")


def _clean_name_word(raw: str) -> tuple[str, str | None]:
    """A word of a capitalized run and its key (None when it is not a name word)."""
    # A possessive ending goes (a run's words hold no line break, so this is the regex ['’]s$ it replaces).
    w = (raw[:-2] if raw.endswith(_POSSESSIVES) else raw).strip("'’")
    if not w or not w[0].isupper() or w.lower() in _NOT_NAMES:
        return w, None
    if w.isupper() and 2 <= len(w) <= 4:
        return w, "=" + w.lower()  # acronyms stay as they are: SOHR is not Syria
    if len(w) < 3:
        return w, None
    # A word with no Latin letter left (Москва, Αθήνα, or "At'ß" once the article goes) has no skeleton:
    # the word itself is its key, so it still meets its own spelling (and never a skeleton, all a-z).
    return (w.capitalize() if w.isupper() else w), skeleton(w) or w.lower()


_MID_CAPITAL = re.compile(r"[a-z,] ([A-Z][a-z]+)")
_CAPITALIZED = re.compile(r"[A-Z][a-z]+")
_SHOUTED = re.compile(r"\b[A-Z]{5,}\b")
# No word boundaries to test: 3x faster, and most texts lack it. A first [A-Z] of its own lets the engine
# skip to the next capital (a leading repeat does not): 9.1k texts 0.12 → 0.07 s.
_SHOUTED_HINT = re.compile(r"[A-Z][A-Z]{4}")
_LOWER_AZ = frozenset("abcdefghijklmnopqrstuvwxyz")
_MID_LEAD = _LOWER_AZ | {","}


def _mid_sentence_capitals(text: str) -> set[str]:
    """Capitalized words that stand inside a sentence somewhere in ``text`` (so: names)."""
    out = set(_MID_CAPITAL.findall(text))
    if _SHOUTED_HINT.search(text):
        out.update(w.capitalize() for w in _SHOUTED.findall(text))
    return out


def _may_stand_mid_sentence(text: str, word: str) -> bool:
    """False when ``word`` is surely not among :func:`_mid_sentence_capitals` of a text without shouted words.

    A match of ``_MID_CAPITAL`` for ``word`` needs " word" after a lowercase letter or a comma and before
    no lowercase letter; True when some occurrence qualifies (the full scan then decides, as one match can
    hide the next one's leading letter).
    """
    if not _CAPITALIZED.fullmatch(word):
        return False
    needle = " " + word
    i = text.find(needle, 1)
    while i >= 0:
        j = i + len(needle)
        if text[i - 1] in _MID_LEAD and (j == len(text) or text[j] not in _LOWER_AZ):
            return True
        i = text.find(needle, i + 1)
    return False


def _may_be_shouted(text: str, word: str) -> bool:
    """False when ``word`` is surely not a shouted word of ``text`` capitalized ("KHARKIV" → "Kharkiv").

    Only a word of five ASCII letters or more can be one, and its upper case must then be in the text: a
    substring test instead of scanning every text for five capitals in a row (0.19 s per 12.4k reports).
    """
    return len(word) >= 5 and word.isascii() and word.upper() in text


def _written_lower(text: str, word: str) -> bool:
    """True if ``text`` writes ``word`` (lowercase ASCII letters) as a whole word in lower case.

    The same as finding ``word`` among the matches of ``(?<![\\w'’])[a-z]+``: an occurrence after no word
    character or apostrophe and before no lowercase letter (such a match can never be hidden by another).
    """
    i = text.find(word)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_'’")) and (
            j == len(text) or text[j] not in _LOWER_AZ
        ):
            return True
        i = text.find(word, i + 1)
    return False


@dataclass(frozen=True)
class StoryFeatures:
    """Name and title-word weights of one report, and its focus (its three most weighted whole names)."""

    weights: dict[int, float]
    focus: frozenset[int]
    places: frozenset[int] = frozenset()  # the most weighted names standing after "in", "near", "town of", ...


# What kind of event a headline and lead tell. Two reports that each name a kind, and no kind in common,
# tell two events (a bus crash and a quake in one town, the same day), whatever names they share. Only
# words that name the event itself, not its consequences ("fire" after shelling, "landslides" after a
# quake are in both wires' reports or in neither).
_EVENT_KINDS = {
    "quake": "earthquake earthquakes quake quakes tremor tremors seismic aftershock aftershocks",
    "crash": "crash crashed crashes collided collision derailed derailment derails",
    "wildfire": "wildfire wildfires blaze bushfire forest-fire",
    "flood": "flood floods flooding flooded floodwaters",
    "landslide": "landslide landslides mudslide mudslides mudflow mudflows rockslide",
    "sinking": "capsized capsizes capsize sank sinks sunk sinking shipwreck",
    "attack": "shelling shelled airstrike airstrikes bombing bombings bomber gunmen shooting missile missiles drone drones",
    "vote": "election elections vote voters ballot polls referendum",
    "labour": "walkout walkouts stoppage strikers",
    # A company's and a court's days: one firm's recall and its new plant, one court's conviction and its
    # acquittal in another case, are other events whoever and wherever they are.
    "recall": "recall recalls recalled recalling",
    "investment": "invest invests investing investment",
    "conviction": "convicted conviction sentenced jailed",
    "acquittal": "acquitted acquittal acquits",
}
_EVENT_WORDS = {w: kind for kind, words in _EVENT_KINDS.items() for w in words.split()}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OPENING_WORDS = frozenset(_EVENT_WORDS) | frozenset(_WEEKDAYS)
_LOWER_WORD = re.compile(r"[a-z][a-z\-]+")  # words of a lowercased opening (a set look-up, not a regex of words)
STORY_LEAD_CHARS = 300  # the opening of a lead (or of a text without one): its first sentence or two


def story_features(title: str | None, lead: str | None, text: str, region: str | None = None) -> StoryFeatures:
    """Weighted name/place keys and title words of one article (the raw material of story links).

    Names are the capitalized runs. A capitalized word that opens a sentence is a name only if the text
    also capitalizes it mid-sentence ("Rescuers dug..." is not a name, "Velsen harbour..." is); one that
    the text also writes in lower case is an ordinary word wherever it stands. A run of several name words
    gives the whole name and each of its words; the whole name is a place after "in", "near", "town of" ...
    """
    # One pass over the runs with everything that depends on the run alone looked up in a per-run plan
    # (about 32 runs per report, a quarter of them with no name word). The text-wide word sets are not
    # built: a veto is looked up in the text only when one of the report's runs has it, and the
    # mid-sentence capitals are scanned only for a single name word opening a sentence that appears
    # after a lowercase letter, or in capitals, at all (12.4k reports, one process: 3.6 → 3.2 s of CPU
    # from cold caches, 2.1 → 1.75 s warm).
    #
    # The runs are read in one pass: a veto is looked up in the body the first time a run has it (the
    # same look-ups as gathering all of them first, without keeping every run of the report for a
    # second pass), and most vetoes are not even in the body as written (a substring test instead of a
    # call: 33k calls instead of 511k). With the place test below: 25k reports warm 3.14 → 2.91 s.
    feats: dict[int, float] = defaultdict(float)
    whole: dict[int, float] = defaultdict(float)
    places: dict[int, float] = defaultdict(float)
    head = "\n".join(x for x in (title, lead) if x)
    body = (text or "")[:STORY_TEXT_CHARS]
    looked_up: set[str] = set()  # the vetoes looked up in the body so far
    lower_words: set[str] = set()  # those the body writes in lower case
    both = head + "\n" + body
    mid_words: set[str] | None = None
    # The dateline's region (see dateline_region) comes first, so among equally weighted names it is the first
    # mentioned; its words are names wherever they stand (no sentence-start test).
    for part, weight in ((region or "", 1.0), (head, 2.0), (body, 1.0)):
        if not part:
            continue
        for m in _CAP_RUN.finditer(part):
            for offset, keyed, run_vetoes, single, name, parts, locative, inner in _run_plan(m.group()):
                start = m.start() + offset
                if not looked_up.issuperset(run_vetoes):
                    for v in run_vetoes:
                        if v not in looked_up:
                            looked_up.add(v)
                            if v in body and _written_lower(body, v):
                                lower_words.add(v)
                if lower_words and not lower_words.isdisjoint(run_vetoes):  # about four runs a report
                    kept = [x for x in keyed if x[3] is None or x[3] not in lower_words]
                    if not kept:
                        continue
                    single, name, parts, locative = _run_names(kept)
                if name is None and not parts:
                    continue
                if (
                    single is not None
                    and not inner
                    and part is not region
                    # A name right after a space after a word (most of them) opens no sentence: no search.
                    and (
                        start < 2 or part[start - 1] != " " or part[start - 2] in _OPENERS or part[start - 2].isspace()
                    )
                    and _SENTENCE_START.search(part, start - _LOOKBACK if start > _LOOKBACK else 0, start)
                ):
                    if mid_words is None:
                        if not _may_stand_mid_sentence(both, single) and not _may_be_shouted(both, single):
                            continue
                        mid_words = _mid_sentence_capitals(both)
                    if single not in mid_words:
                        continue
                if name is not None:
                    feats[name] += weight
                    whole[name] += weight
                    if locative or (not inner and _is_place_context(part[start - 30 if start > 30 else 0 : start])):
                        places[name] += weight
                for f in parts:
                    feats[f] += weight
    for w in _WORD.findall(title or ""):
        f = _title_feature(w)
        if f is not None:
            feats[f] += 1.0
    # By weight descending, then by first mention (a stable sort of names in the order the text gives them):
    # among equally weighted names the headline's and the lead's tell the event. (Ties used to go by feature
    # id, a hash: which of a lead's names made the focus changed with their spelling.)
    focus = frozenset(sorted(whole, key=whole.__getitem__, reverse=True)[:STORY_FOCUS])
    top_places = frozenset(sorted(places, key=places.__getitem__, reverse=True)[:STORY_FOCUS])
    opening = f"{title or ''}\n{(lead or text or '')[:STORY_LEAD_CHARS]}".lower()
    for word in _OPENING_WORDS.intersection(_LOWER_WORD.findall(opening)):
        feats[_feature_id("e", _EVENT_WORDS.get(word, word))] = 1.0  # a kind, or a weekday
    return StoryFeatures(dict(feats), focus, top_places)


@functools.lru_cache(maxsize=65536)
def _title_feature(word: str) -> int | None:
    """Feature id of a title word (its first six letters), or None for stop words and short words."""
    lw = word.lower().strip("'’")
    return _feature_id("t", lw[:6]) if lw not in _STOP and len(lw) > 3 else None


_FOCUS, _PLACE = 1, 2  # flags of a report's feature: one of its focus names, one of its main places


@dataclass
class _Reports:
    """Story features of several reports as flat arrays: one run per report, sorted by feature id."""

    feature: np.ndarray  # int64 feature id of each entry
    weight: np.ndarray  # float64
    flags: np.ndarray  # int8 _FOCUS | _PLACE
    count: np.ndarray  # int64 entries of each report

    def take(self, reports: np.ndarray) -> _Reports:
        """Some of the reports, in the order given."""
        idx = _ragged((np.cumsum(self.count) - self.count)[reports], self.count[reports])
        return _Reports(self.feature[idx], self.weight[idx], self.flags[idx], self.count[reports])

    @staticmethod
    def join(parts: list[_Reports]) -> _Reports:
        """Reports of consecutive parts as one."""
        if not parts:
            return _report_arrays([])
        fields = ("feature", "weight", "flags", "count")
        return _Reports(*(np.concatenate([getattr(p, f) for p in parts]) for f in fields))


def _report_arrays(reports: Iterable[StoryFeatures]) -> _Reports:
    """Flat arrays of some reports' features."""
    feature: list[int] = []
    weight: list[float] = []
    flags: list[int] = []
    count: list[int] = []
    for f in reports:
        keys = sorted(f.weights)
        feature += keys
        weight += map(f.weights.__getitem__, keys)
        # Flags for the few focus names and places (each a name among the weights) instead of two set
        # tests per feature, most of which have neither (25k reports: 0.24 → 0.21 s).
        marks = [0] * len(keys)
        for k in f.focus:
            marks[keys.index(k)] = _FOCUS
        for k in f.places:
            marks[keys.index(k)] |= _PLACE
        flags += marks
        count.append(len(keys))
    return _Reports(
        np.array(feature, dtype=np.int64),
        np.array(weight, dtype=np.float64),
        np.array(flags, dtype=np.int8),
        np.array(count, dtype=np.int64),
    )


def _story_part(docs: Sequence[DedupDoc], which: Sequence[int]) -> _Reports:
    """Story features of documents ``which`` (runs in the workers)."""
    # Nothing here makes a reference cycle, and all that outlives a report is what the word, run and feature
    # caches keep: with the collector on, each full collection walks the caches filled so far again
    # (25k reports from empty caches: 0.3-0.4 s of the collector's, measured). So it is off meanwhile.
    with _collector_off():
        return _report_arrays(
            story_features(docs[i].title, docs[i].lead, docs[i].text, dateline_region(docs[i].dateline)) for i in which
        )


@functools.lru_cache(maxsize=65536)
def _feature_id(kind: str, key: str) -> int:
    """Stable positive 63-bit id of one feature; odd for names, even for title words."""
    h = int.from_bytes(hashlib.blake2b(f"{kind}:{key}".encode(), digest_size=8).digest(), "little") >> 2
    return h << 1 | (kind == "n")


_EVENT_IDS = tuple(_feature_id("e", kind) for kind in _EVENT_KINDS)  # bit i of a report's kinds
_WEEKDAY_IDS = tuple(_feature_id("e", day) for day in _WEEKDAYS)  # bit i of the weekdays its opening names


# Entities that wires call by different names altogether (transliterations already meet through
# skeleton()): one report's "Daesh" is another's "ISIS". Each group's names count as its first, matched
# on the written name, not its skeleton ("Daesh" and "Dias" share one). Only names that cannot mean
# anything else: "IS" and "US" are also ordinary words in a shouted headline.
ENTITY_ALIASES: tuple[tuple[str, ...], ...] = (
    ("Islamic State", "Daesh", "ISIS", "ISIL"),
    ("United Nations", "UN"),
    ("European Union", "EU"),
    ("United Kingdom", "Britain", "UK"),
)


@functools.cache
def _aliases() -> dict[str, str]:
    """Lower-case written name → the key of its group's first name (the key a run of it would get)."""
    out: dict[str, str] = {}
    for group in ENTITY_ALIASES:
        words = group[0].split()
        first = "+" + skeleton("".join(words)) if len(words) > 1 else _clean_name_word(words[0])[1]
        for name in group:
            out[name.lower()] = first or name.lower()
    return out


def _name_feature(key: str) -> int | None:
    """Feature id of a name key, or None for keys too short to tell anything."""
    return _feature_id("n", key) if len(key.lstrip("=+")) >= 2 else None


def _is_name(feature: int) -> bool:
    """True for name features."""
    return bool(feature & 1)


# --------------------------------------------------------------------------------------------------
# The index of one day (in memory and as Parquet)

INDEX_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("day", pa.date32()),
        ("exact", pa.uint64()),
        ("norm_len", pa.int64()),
        ("n_shingles", pa.int64()),
        ("published_us", pa.int64()),
        ("url", pa.string()),
        ("sig", pa.binary(NUM_PERM * 4)),
        ("copy_cluster_id", pa.string()),
        ("cluster_first_day", pa.date32()),
        ("canonical_article_id", pa.string()),
        ("canonical_published_us", pa.int64()),
        ("canonical_norm_len", pa.int64()),
        ("canonical_url", pa.string()),
        ("story_id", pa.string()),
        ("story_first_day", pa.date32()),
        ("story_feature_ids", pa.list_(pa.int64())),
        ("story_feature_weights", pa.list_(pa.float32())),
        ("story_focus", pa.list_(pa.int64())),
        ("story_places", pa.list_(pa.int64())),
    ]
)
BANDS_SCHEMA = pa.schema([("key", pa.uint64()), ("row", pa.uint32())])
# Index columns filled from a document's cluster and story (the first eight in this order).
_ASSIGNED_COLUMNS = (
    "copy_cluster_id",
    "cluster_first_day",
    "canonical_article_id",
    "canonical_published_us",
    "canonical_norm_len",
    "canonical_url",
    "story_id",
    "story_first_day",
    "story_feature_ids",
    "story_feature_weights",
    "story_focus",
    "story_places",
)


@dataclass
class _DayIndex:
    """What later days need to know about one day's articles, without their text."""

    day: dt.date
    table: pa.Table  # INDEX_SCHEMA rows
    band_keys: np.ndarray  # uint64 sorted
    band_rows: np.ndarray  # uint32 row of each key
    _sig: np.ndarray | None = field(default=None, repr=False)

    @property
    def sig(self) -> np.ndarray:
        """Signatures as a (rows, NUM_PERM) uint32 matrix (zeros where absent)."""
        if self._sig is None:
            col = self.table.column("sig").combine_chunks()
            out = np.zeros((len(col), NUM_PERM), dtype=np.uint32)
            valid = np.asarray(col.is_valid())
            if valid.any():
                data = col.filter(pa.array(valid)).buffers()[1]
                out[valid] = np.frombuffer(data, dtype=np.uint32)[: int(valid.sum()) * NUM_PERM].reshape(-1, NUM_PERM)
            self._sig = out
        return self._sig

    def load(self) -> _DayIndex:
        """Itself (an index already in memory)."""
        return self

    def stories(self) -> pa.Table:
        """Just the story columns of the day's stored reports."""
        return self.table.select(_STORY_COLUMNS)

    def column(self, name: str) -> np.ndarray:
        """A column as a numpy array (nulls as the type's sentinel where needed)."""
        col = self.table.column(name)
        if name in ("published_us", "canonical_published_us"):
            col = col.fill_null(_NO_TIME)
        return col.to_numpy(zero_copy_only=False)


# The story columns of the index (the last six assigned ones) and when and which day each report is.
_STORY_COLUMNS = [*_ASSIGNED_COLUMNS[6:], "published_us", "day"]


@dataclass(frozen=True)
class _StoredDay:
    """One stored index day, read only when needed (so a long window never sits in memory at once)."""

    data_dir: Path
    day: dt.date

    def load(self) -> _DayIndex:
        """The whole day index."""
        index = _read_index(self.data_dir, self.day)
        if index is None:
            raise FileNotFoundError(partition_path(self.data_dir, self.day))
        return index

    def stories(self) -> pa.Table:
        """Just the story columns of the day's stored reports."""
        path = partition_path(self.data_dir, self.day) / "index.parquet"
        return pq.read_table(path, columns=_STORY_COLUMNS, schema=INDEX_SCHEMA)


def partition_path(data_dir: Path, day: dt.date) -> Path:
    """Folder of one day's dedup index."""
    return Path(data_dir) / DATASET / f"dt={day.isoformat()}"


def _write_index(data_dir: Path, index: _DayIndex) -> Path:
    """Replace the day's index partition atomically (both files in one directory rename)."""
    from wiredesk import storage

    bands = pa.table(
        {"key": pa.array(index.band_keys, pa.uint64()), "row": pa.array(index.band_rows, pa.uint32())},
        schema=BANDS_SCHEMA,
    )
    return storage.replace_partition(
        Path(data_dir), DATASET, index.day, {"index.parquet": index.table, "bands.parquet": bands}
    )


def _read_index(data_dir: Path, day: dt.date) -> _DayIndex | None:
    """Read one day's index partition, or None when the day has none."""
    folder = partition_path(data_dir, day)
    if not (folder / "index.parquet").exists():
        return None
    table = pq.read_table(folder / "index.parquet", schema=INDEX_SCHEMA)
    bands = pq.read_table(folder / "bands.parquet", schema=BANDS_SCHEMA)
    return _DayIndex(day, table, bands.column("key").to_numpy(), bands.column("row").to_numpy())


def indexed_days(data_dir: Path) -> list[dt.date]:
    """Days that have a stored dedup index, ascending."""
    root = Path(data_dir) / DATASET
    days = []
    for p in root.glob("dt=*"):
        if (p / "index.parquet").exists():
            try:
                days.append(dt.date.fromisoformat(p.name[3:]))
            except ValueError:
                continue
    return sorted(days)


def load_history(data_dir: Path, day: dt.date | str, window_days: int = DEFAULT_WINDOW_DAYS) -> History:
    """The stored index days in ``[day - window_days, day - 1]`` (read later, one day at a time)."""
    from wiredesk.storage import parse_day

    day = parse_day(day)
    lo = day - dt.timedelta(days=window_days)
    days = tuple(d for d in indexed_days(data_dir) if lo <= d < day)
    return History(Path(data_dir), days)


def stale_days(data_dir: Path, day: dt.date | str, window_days: int = DEFAULT_WINDOW_DAYS) -> list[dt.date]:
    """Later stored days whose window includes ``day``: rerun them (ascending) after rewriting ``day``."""
    from wiredesk.storage import parse_day

    day = parse_day(day)
    hi = day + dt.timedelta(days=window_days)
    return [d for d in indexed_days(data_dir) if day < d <= hi]


# --------------------------------------------------------------------------------------------------
# Clustering one day


def _order_key(published_us: int, norm_len: int, url: str | None, article_id: str) -> tuple:
    """The documented total order: earliest published, most complete, URL, article_id."""
    return (published_us, -norm_len, url is None, url or "", article_id)


def _to_us(value: dt.datetime | None) -> int:
    """Microseconds since the epoch of an aware datetime (naive means UTC); None sorts last."""
    if value is None:
        return _NO_TIME
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return int(value.timestamp() * 1_000_000)


def _components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Least node of each node's connected component over edges (a, b): min-label hooking + jumping."""
    label = np.arange(n, dtype=np.int64)
    while a.size:
        low = np.minimum(label[a], label[b])
        new = label.copy()
        np.minimum.at(new, a, low)
        np.minimum.at(new, b, low)
        while True:  # pointer jumping: every label points straight at its current root
            jumped = new[new]
            if np.array_equal(jumped, new):
                break
            new = jumped
        if np.array_equal(new, label):
            break
        label = new
    return label


def _roots(parent: list[int]) -> np.ndarray:
    """The root of every node of a union-find forest (as ``find`` would tell), by pointer jumping."""
    root = np.array(parent, dtype=np.int64)
    while True:  # every node points straight at its root
        jumped = root[root]
        if np.array_equal(jumped, root):
            return root
        root = jumped


class _UnionFind:
    """Connected components over integer nodes."""

    def __init__(self, n: int) -> None:
        """Start with ``n`` singleton components."""
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        """Root of ``x`` (with path halving)."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        """Join the components of ``a`` and ``b`` (the smaller root wins, for reproducibility)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _judge_estimated(j: np.ndarray, n_a: np.ndarray, n_b: np.ndarray) -> tuple[np.ndarray, ...]:
    """Accept/near/similarity of pairs judged from estimated Jaccard and set sizes (no texts at hand).

    |A∩B| = J(|A|+|B|)/(1+J); the containment threshold is raised by ``HISTORY_MARGIN`` because the
    estimate is noisy (about ±0.04 in Jaccard with 128 slots).
    """
    n_a = n_a.astype(np.float64)
    n_b = n_b.astype(np.float64)
    small = np.minimum(n_a, n_b)
    inter = j * (n_a + n_b) / (1.0 + j)
    cont = np.minimum(inter / np.maximum(small, 1.0), 1.0)
    need = np.where(small < SHORT_SHINGLES, SHORT_CONTAINMENT, CONTAINMENT) + HISTORY_MARGIN
    ok = (cont >= np.minimum(need, 0.95)) & (inter >= MIN_OVERLAP) & (small >= MIN_SHINGLES)
    near = j >= NEAR_JACCARD
    return ok, near, np.round(np.where(near, j, cont), 4)


_INNER_CAPITAL = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")  # as _MID_CAPITAL, but "near Al Lemnum" gives both


def _rest_names(paras: list[str], normalized: list[str], shared: set[str]) -> set[str]:
    """Capitalized words inside sentences of the paragraphs not in ``shared`` (days and months are no names)."""
    rest = "\n".join(p for p, n in zip(paras, normalized, strict=True) if n not in shared)
    return {w for w in _INNER_CAPITAL.findall(rest) if w.lower() not in _NOT_NAMES}


def _other_events(a: str, b: str) -> bool:
    """True if two texts share whole paragraphs but lead with different events (the shared part is a note).

    An agency prints the same notes under each of its briefs ("reproduction without permission is
    prohibited", "for corrections contact ..."); with only two briefs the boilerplate tests cannot tell those
    notes from a story's paragraphs, and under briefs of 40 words they are half of each text. A story comes
    first, so two copies of one story share their leads, or their leads name the same people and places (a
    write-through's new lead, a local paragraph on top of a copy). Texts whose shared paragraphs are not the
    lead of either, whose other paragraphs mostly name someone or somewhere (a capitalized word inside a
    sentence) that the other text never writes, and share little wording, tell two events: one company's
    two stories under its profile both name the company, and little else of each other's.
    """
    pa = [p for p in a.split("\n") if len(p) >= CONTEXT_BYTES]
    pb = [p for p in b.split("\n") if len(p) >= CONTEXT_BYTES]
    if not pa or not pb:
        return False
    na, nb = [normalize(p) for p in pa], [normalize(p) for p in pb]
    shared = set(na) & set(nb)
    if not shared or na[0] in shared or nb[0] in shared:
        return False
    names_a = _rest_names(pa, na, shared)
    names_b = _rest_names(pb, nb, shared)
    if not names_a or not names_b:
        return False
    # A new lead on a copy names the people and places of the story it tops; one company's two stories
    # under its profile share the company's name and little else (most of one's names are not in the other).
    crossed_a = sum(w in b for w in names_a) / len(names_a)
    crossed_b = sum(w in a for w in names_b) / len(names_b)
    if min(crossed_a, crossed_b) >= 0.5:
        return False
    # Nor do their own paragraphs share wording (a copy with its lead edited, its names misspelt, does).
    grams_a = _word_grams([n for n in na if n not in shared])
    grams_b = _word_grams([n for n in nb if n not in shared])
    return len(grams_a & grams_b) < 0.1 * min(len(grams_a), len(grams_b))


def _word_grams(normalized: list[str], k: int = 4) -> set[tuple[str, ...]]:
    """The word k-grams of normalized paragraphs."""
    out: set[tuple[str, ...]] = set()
    for text in normalized:
        words = text.split()
        out.update(zip(*(words[i:] for i in range(k)), strict=False))
    return out


def _judge_exact(inter: int, n_a: int, n_b: int) -> tuple[str, float] | None:
    """(method, similarity) if an exact intersection confirms a pair, else None (same rule as ``_judge``)."""
    small = min(n_a, n_b)
    if small < MIN_SHINGLES or inter < MIN_OVERLAP:
        return None
    cont = min(inter / small, 1.0)
    if cont < (SHORT_CONTAINMENT if small < SHORT_SHINGLES else CONTAINMENT):
        return None
    j = inter / max(n_a + n_b - inter, 1)
    return ("near", round(j, 4)) if j >= NEAR_JACCARD else ("containment", round(cont, 4))


class _DayRun:
    """Assign one day's documents against the index of earlier days."""

    def __init__(
        self,
        day: dt.date,
        docs: list[DedupDoc],
        history: Sequence[_DayIndex | _StoredDay],
        story_window_days: int,
        progress: bool = False,
        workers: int | None = None,
    ) -> None:
        """Hold the day's documents (sorted by article_id) and the loaded index days of its window."""
        self.day = day
        self.docs = docs
        self.history = history
        self.story_window_days = story_window_days
        self.progress = progress
        self.workers = dedup_workers(len(docs), workers)

    def _say(self, msg: str) -> None:
        """Progress line on stderr (only when asked)."""
        if self.progress:
            sys.stderr.write(f"\rdedup {self.day}: {msg:<40}")
            sys.stderr.flush()

    def run(self) -> tuple[list[Assignment], _DayIndex]:
        """Cluster the day and return its assignments and index."""
        with _collector_off(), _Pool(self.docs, self.workers) as self.pool:
            return self._run()

    def _run(self) -> tuple[list[Assignment], _DayIndex]:
        """Cluster the day (with the pool open)."""
        docs = self.docs
        n = len(docs)
        self._say(f"normalizing {n} articles")
        feats = _featurize(self.pool, range(n))
        # Exact groups: representatives are the first member of each hash; empty texts stay alone.
        rep_of = np.arange(n)
        groups: dict[int, int] = {}
        for i, (h, ln) in enumerate(zip(feats.exact.tolist(), feats.norm_len.tolist(), strict=True)):
            if ln == 0:
                continue
            r = groups.setdefault(h, i)
            rep_of[i] = r
        reps = _unique(rep_of)
        self.exact_groups: dict[int, list[int]] = defaultdict(list)
        for i in np.flatnonzero(rep_of != np.arange(n)).tolist():
            self.exact_groups[int(rep_of[i])].append(i)
        for r in list(self.exact_groups):
            self.exact_groups[r].append(r)
        # Boilerplate guard: judge paragraph recurrence over distinct texts only.
        is_rep = np.zeros(n, dtype=bool)
        is_rep[reps] = True
        keep_p = is_rep[feats.para_doc]
        held = (feats.para_doc[keep_p], feats.para_hash[keep_p], feats.para_len[keep_p])
        # The two tests are independent and need only these arrays: they run on the workers (they were 0.6 s of
        # CPU at 100k documents with the workers idle) while this process ranks the documents, which it did
        # while the workers found the candidate pairs, holding up the estimates of the first ones by 0.27 s.
        tests = [self.pool.submit(_call, test, *held) for test in (_boilerplate, _beside_stories)]
        pub = np.array([_to_us(d.published_at) for d in docs], dtype=np.int64)
        keys = [_order_key(int(pub[i]), int(feats.norm_len[i]), docs[i].url, docs[i].article_id) for i in range(n)]
        order = sorted(range(n), key=keys.__getitem__)
        drop = _merge_unique(*(test() for test in tests))
        self.drop = drop
        if drop.size:
            hit = _unique(feats.para_doc[_in_sorted(drop, feats.para_hash) & keep_p])
            if hit.size:
                redo = _featurize(self.pool, hit.tolist(), drop)
                feats.sig[hit] = redo.sig
                feats.n_shingles[hit] = redo.n_shingles
                # A text redone keeps some of its windows, so its distinct shingles fit where its old ones
                # were: written in place, not appended to a copy of all of them (92 MB at 100k documents).
                feats.shingles[_ragged(feats.set_start[hit], redo.set_len)] = redo.shingles
                feats.set_len[hit] = redo.set_len
                feats.lead[hit] = redo.lead
                del redo
        self._say("linking near copies")
        candidates = self._start_candidates(feats, reps)
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        self.feats, self.rep_of, self.reps, self.keys, self.rank, self.pub = (
            feats,
            rep_of,
            reps,
            keys,
            rank,
            pub,
        )

        self.order = np.asarray(order, dtype=np.int64)
        self.uf = _UnionFind(n)
        self.best: dict[int, tuple[int, str, float]] = {}
        self.report_docs: list[np.ndarray] = []
        self.report_jobs: list[Iterator[_Reports]] = []
        self.reported = np.zeros(n, dtype=bool)
        self._near_edges(candidates)
        feats.shingles = feats.set_start = feats.set_len = np.zeros(0, np.int64)  # no longer needed
        self._start_reports()
        self._say("linking history")
        hist_edges, hist_nodes = self._history_edges()
        return self._assemble(hist_edges, hist_nodes)

    def _start_reports(self, settled: np.ndarray | None = None) -> None:
        """Start extracting the story features of reports the day will have, on the workers.

        A cluster's report is its first member in the total order. Clusters are today's components joined
        only by history links, so each report is the first member of one of today's components: the workers
        extract those while this process links history and builds the clusters (story features were 2.2 s of
        wall time at 100k documents with this process waiting). With ``settled`` (components by root that no
        pair still to be confirmed can join), only their reports are started, before the rest are known.
        """
        root = _roots(self.uf.parent)[self.rep_of][self.order]
        runs = _first_of_runs(root)
        first = self.order[runs] if settled is None else self.order[runs[settled[root[runs]]]]
        first = np.sort(first[~self.reported[first]])
        self.reported[first] = True
        which = first.tolist()
        # Many small jobs, so the workers finish together: with 4 jobs a worker one often ran alone for most
        # of its last job (100k documents, three runs each on the shared machine: the wait for the story
        # features 3.2-4.7 → 2.7-3.5 s with 16).
        step = max(256, -(-len(which) // (16 * self.pool.workers)))
        self.report_docs.append(first)
        self.report_jobs.append(
            self.pool.map(_story_part, [(which[lo : lo + step],) for lo in range(0, len(which), step)])
        )

    def _start_settled(self, label: np.ndarray, a: np.ndarray, b: np.ndarray) -> None:
        """Start the reports of the components (``label``: each node's least node) that no pair (a, b) touches.

        The pairs still to be confirmed can only join components, so the first member of one they do not
        touch is a report: its story features start while this process confirms those pairs, instead of
        after (the exact intersections and the ordered loop: 0.4 s of CPU at 100k documents with the workers
        idle). There, 9k of the 25k reports start before the intersections and 10k more before the loop.
        """
        touched = np.zeros(label.size, dtype=bool)
        touched[label[a]] = True
        touched[label[b]] = True
        self._start_reports(~touched)

    # -- within the day

    def _start_candidates(self, feats: _Features, reps: np.ndarray) -> Iterator[np.ndarray]:
        """Start finding the LSH candidate pairs among the day's representatives, on the workers.

        The bands are split into a few jobs, each with just its bands' signature slots (this process only
        ranks the documents meanwhile): 0.65 s of CPU at 100k documents that ran here with the workers idle.
        """
        sk = reps[feats.n_shingles[reps] >= MIN_SHINGLES]
        if sk.size < 2:
            return iter(())
        n1 = len(self.docs) + 1
        exact = feats.exact[sk]
        bands = NUM_PERM // BAND_ROWS
        step = max(BAND_BLOCK, bands // (2 * self.pool.workers) // BAND_BLOCK * BAND_BLOCK)
        jobs = [
            (np.ascontiguousarray(feats.sig[sk, lo * BAND_ROWS : (lo + step) * BAND_ROWS]), exact, sk, lo, n1)
            for lo in range(0, bands, step)
        ]
        return itertools.chain(self.pool.map(_band_pairs, jobs), [_lead_pairs(feats.lead[sk], exact, sk, n1)])

    def _near_edges(self, candidates: Iterator[np.ndarray]) -> None:
        """Confirm the LSH candidates (from :meth:`_start_candidates`) into components.

        Each job's pairs are estimated as they come, while the workers go on with the next bands (the estimates
        took 0.2 s at 100k documents after the last job); a pair an earlier job found is not estimated again.
        """
        n1 = len(self.docs) + 1
        seen = np.zeros(0, np.int64)
        found = []
        for codes in candidates:
            new = codes[~_in_sorted(seen, codes)]
            seen = _merge_unique(seen, new)
            found.append(self._plausible(new // n1, new % n1))
        if seen.size:
            a, b, j = (np.concatenate(parts) for parts in zip(*found, strict=True))
            keep = ~self._compilation_parts(a, b, j, seen, n1)
            self._confirm(a[keep], b[keep], j[keep])

    def _compilation_parts(self, a: np.ndarray, b: np.ndarray, j: np.ndarray, seen: np.ndarray, n1: int) -> np.ndarray:
        """Which pairs link a compilation to one of the stories it holds whole (a live page that embeds
        two wires' stories in full): such a page is a copy of neither, and must not join their clusters.

        A text holds another whole when the other's shingles are nearly all in it and make at most 70% of it.
        A text that holds two or more texts whole that are not even LSH candidates of each other (two
        stories, not one story cut two ways) is a compilation; its links to them are dropped.
        """
        n_sh = self.feats.n_shingles
        na, nb = n_sh[a].astype(np.float64), n_sh[b].astype(np.float64)
        inter = j * (na + nb) / (1.0 + j)
        big = na >= nb
        x, y = np.where(big, a, b), np.where(big, b, a)
        nx, ny = np.maximum(na, nb), np.minimum(na, nb)
        part = (inter >= COMPILATION_WHOLE * ny) & (ny <= COMPILATION_SHARE * nx)
        out = np.zeros(a.size, dtype=bool)
        k = np.flatnonzero(part)
        if k.size < 2:
            return out
        k = k[np.lexsort((y[k], x[k]))]
        xs, held = x[k], y[k]
        # The held texts of each container in groups: a candidate pair between two of them puts them in one
        # group. Pairs within a container go one offset at a time (a container holds few texts whole).
        ei, ej = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
        for d in range(1, min(COMPILATION_HELD_MAX, xs.size)):
            i = np.flatnonzero(xs[:-d] == xs[d:])
            if i.size == 0:
                break
            lo_, hi_ = np.minimum(held[i], held[i + d]), np.maximum(held[i], held[i + d])
            linked = i[_in_sorted(seen, lo_ * n1 + hi_)]
            ei.append(linked)
            ej.append(linked + d)
        label = _components(xs.size, np.concatenate(ei), np.concatenate(ej))
        # A container whose held texts fall in two groups or more holds two stories.
        pairs = np.unique(np.stack((xs, label)), axis=1)
        containers, groups = np.unique(pairs[0], return_counts=True)
        out[k[np.isin(xs, containers[groups >= 2])]] = True
        return out

    def _plausible(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The candidate pairs that could pass, and their estimated Jaccard (most candidates are stock phrases)."""
        feats = self.feats
        # Estimates block by block (the gathered signatures stay in the CPU caches).
        keep_a, keep_b, keep_j = [], [], []
        for lo in range(0, a.size, PAIR_BLOCK):
            xa, xb = a[lo : lo + PAIR_BLOCK], b[lo : lo + PAIR_BLOCK]
            j = _agreement(feats.sig[xa], feats.sig[xb])
            na, nb = feats.n_shingles[xa], feats.n_shingles[xb]
            plausible = j * (na + nb) / (1.0 + j) >= HOPELESS * np.minimum(na, nb)
            keep_a.append(xa[plausible])
            keep_b.append(xb[plausible])
            keep_j.append(j[plausible])
        if not keep_a:
            return a, b, np.zeros(0)
        return np.concatenate(keep_a), np.concatenate(keep_b), np.concatenate(keep_j)

    def _confirm(self, a: np.ndarray, b: np.ndarray, j_est: np.ndarray) -> None:
        """Confirm plausible pairs (estimated Jaccard ``j_est``) into components, keeping each document's best link.

        Pairs go in a fixed order (estimated Jaccard descending, then ids) and a pair whose ends are
        already connected is skipped: components do not depend on skipped pairs, and the order does
        not depend on the input order, so neither do the links kept for explanations.
        """
        feats = self.feats
        na, nb = feats.n_shingles[a], feats.n_shingles[b]
        inter_est = j_est * (na + nb) / (1.0 + j_est)
        small = np.minimum(na, nb)
        cont_est = inter_est / np.maximum(small, 1)
        # Clear cases are settled by the signatures (containment is never below Jaccard; the margins are
        # about three standard errors of a 128-slot estimate); the rest get the exact check.
        need = np.where(small < SHORT_SHINGLES, SHORT_CONTAINMENT, CONTAINMENT)
        sure = (j_est >= np.maximum(SURE_JACCARD, need + 0.15)) | (cont_est >= need + SURE_MARGIN)
        sure &= inter_est >= MIN_OVERLAP * 1.5
        order = np.lexsort((b, a, -j_est))
        uf = self.uf
        # Sure pairs all link, so their order does not matter: the components come from one vectorized pass
        # (the reports of those no other pair touches start at once), and each end's best link is simply its
        # partner earliest in the total order.
        ks = np.flatnonzero(sure)
        label = _components(len(uf.parent), a[ks], b[ks])
        uf.parent = label.tolist()  # each node points at its component's least node, as union leaves it
        rest = order[~sure[order]]
        rest = rest[label[a[rest]] != label[b[rest]]]
        self._start_settled(label, a[rest], b[rest])
        me, other = np.concatenate((a[ks], b[ks])), np.concatenate((b[ks], a[ks]))
        k_of = np.concatenate((ks, ks))
        by_rank = np.lexsort((self.rank[other], me))
        me, other, k_of = me[by_rank], other[by_rank], k_of[by_rank]
        first = np.ones(me.size, dtype=bool)
        first[1:] = me[1:] != me[:-1]
        for x, y, k in zip(me[first].tolist(), other[first].tolist(), k_of[first].tolist(), strict=True):
            j = float(j_est[k])
            self.best[x] = (
                (y, "near", round(j, 4)) if j >= NEAR_JACCARD else (y, "containment", round(min(cont_est[k], 1.0), 4))
            )
        if rest.size == 0:
            return
        a, b = a[rest], b[rest]
        inter = _intersections(feats, a, b)
        na, nb = feats.set_len[a], feats.set_len[b]
        # Verdicts do not depend on the order, so only the pairs that pass go through the ordered loop.
        small = np.minimum(na, nb)
        need = np.where(small < SHORT_SHINGLES, SHORT_CONTAINMENT, CONTAINMENT)
        cont = np.minimum(inter / np.maximum(small, 1), 1.0)
        passing = (small >= MIN_SHINGLES) & (inter >= MIN_OVERLAP) & (cont >= need)
        self._start_settled(label, a[passing], b[passing])
        for x, y, i, sx, sy in zip(*(v[passing].tolist() for v in (a, b, inter, na, nb)), strict=True):
            if uf.find(x) == uf.find(y):
                continue
            verdict = _judge_exact(i, sx, sy)
            if verdict is not None and i < LEAD_CHECK * min(sx, sy):
                if _other_events(self.docs[x].text, self.docs[y].text):
                    continue
            if verdict is not None:
                self._note(x, y, verdict)
                uf.union(x, y)

    def _improves(self, x: int, partner: int) -> bool:
        """True if ``partner`` precedes ``x``'s current best link in the total order."""
        best = self.best.get(x)
        return best is None or self.rank[partner] < self.rank[best[0]]

    def _note(self, x: int, y: int, link: tuple[str, float]) -> None:
        """Record a confirmed link as each end's best link when it is their earliest partner so far."""
        for me, other in ((x, y), (y, x)):
            if self._improves(me, other):
                self.best[me] = (other, link[0], link[1])

    # -- against earlier days

    def _history_edges(self) -> tuple[list[tuple[int, int, str, float]], list[dict[str, Any]]]:
        """Links from today's representatives to stored history rows, and those rows' cluster facts."""
        feats, reps = self.feats, self.reps
        edges: list[tuple[int, int, str, float]] = []
        nodes: list[dict[str, Any]] = []
        if not self.history:
            return edges, nodes
        rep_exact = feats.exact[reps]
        nonempty = feats.norm_len[reps] > 0
        sk = reps[feats.n_shingles[reps] >= MIN_SHINGLES]
        keys = _band_keys(feats.sig[sk]) if sk.size else np.zeros((0, NUM_PERM // BAND_ROWS), np.uint64)
        # Sorted once: the look-ups into each history day then walk both arrays in order.
        flat = keys.ravel()
        owner = np.repeat(sk, keys.shape[1]) if sk.size else np.zeros(0, np.int64)
        order, flat = _stable_order(flat)
        owner = owner[order]
        for item in self.history:
            hist = item.load()
            found: dict[tuple[int, int], tuple[str, float]] = {}
            h_len = hist.column("norm_len")
            n1 = hist.table.num_rows + 1
            # Exact copies of a history article, by hash (empty texts never match).
            h_exact = hist.column("exact")
            h_order, h_sorted = _stable_order(h_exact)
            cur, rows = _matches(h_sorted, rep_exact, reps)
            rows = h_order[rows]
            keep = nonempty[np.searchsorted(reps, cur)] & (h_len[rows] > 0)
            exact_codes = cur[keep] * n1 + rows[keep]
            for code in exact_codes.tolist():
                found[(code // n1, code % n1)] = ("exact", 1.0)
            # Near copies, by shared band keys, judged from stored signatures and sizes.
            if flat.size and hist.band_keys.size:
                cur, rows = _matches(hist.band_keys, flat, owner)
                codes = _unique(cur * n1 + hist.band_rows[rows].astype(np.int64))
                codes = codes[~np.isin(codes, exact_codes)]
                cur, rows = codes // n1, codes % n1
                if cur.size:
                    j = np.empty(cur.size, dtype=np.float64)
                    h_sig = hist.sig
                    for lo in range(0, cur.size, PAIR_BLOCK):
                        hi = lo + PAIR_BLOCK
                        j[lo:hi] = _agreement(feats.sig[cur[lo:hi]], h_sig[rows[lo:hi]])
                    ok, near, sim = _judge_estimated(j, feats.n_shingles[cur], hist.column("n_shingles")[rows])
                    for c, r, nr, sm in zip(
                        cur[ok].tolist(), rows[ok].tolist(), near[ok].tolist(), sim[ok].tolist(), strict=True
                    ):
                        found[(c, r)] = ("near" if nr else "containment", sm)
            if not found:
                continue
            base = len(nodes)
            wanted = sorted({r for _, r in found})
            local = {r: base + k for k, r in enumerate(wanted)}
            t = hist.table.take(pa.array(wanted, pa.int64())).to_pylist()
            for row in t:
                nodes.append(row)
            for (c, r), (method, s) in found.items():
                edges.append((c, local[r], method, s))
        return edges, nodes

    # -- putting it together

    def _assemble(
        self,
        hist_edges: list[tuple[int, int, str, float]],
        hist_nodes: list[dict[str, Any]],
    ) -> tuple[list[Assignment], _DayIndex]:
        """Components → clusters, canonicals, ids, links, stories; and the day's index."""
        docs, feats, rep_of, keys = self.docs, self.feats, self.rep_of, self.keys
        n = len(docs)
        # Nodes: documents 0..n-1, then one node per distinct history cluster id.
        hist_cluster_ids = sorted({row["copy_cluster_id"] for row in hist_nodes})
        cnode = {cid: n + k for k, cid in enumerate(hist_cluster_ids)}
        uf = self.uf
        uf.parent.extend(range(n, n + len(hist_cluster_ids)))
        for i in np.flatnonzero(rep_of != np.arange(n)).tolist():
            uf.union(i, int(rep_of[i]))
        for c, hn, _, _ in hist_edges:
            uf.union(c, cnode[hist_nodes[hn]["copy_cluster_id"]])
        root = _roots(uf.parent)
        # Facts of each history cluster met today: first day, latest canonical (least over its rows), story.
        hinfo: dict[str, dict[str, Any]] = {}
        for row in hist_nodes:
            ckey = _order_key(
                _NO_TIME if row["canonical_published_us"] is None else row["canonical_published_us"],
                row["canonical_norm_len"],
                row["canonical_url"],
                row["canonical_article_id"],
            )
            story = (row["story_first_day"], row["story_id"])
            info = hinfo.setdefault(
                row["copy_cluster_id"],
                {
                    "ckey": ckey,
                    "canonical": row["canonical_article_id"],
                    "first": row["cluster_first_day"],
                    "story": story,
                },
            )
            if ckey < info["ckey"]:
                info["ckey"], info["canonical"] = ckey, row["canonical_article_id"]
            info["first"] = min(info["first"], row["cluster_first_day"])
            info["story"] = min(info["story"], story)
        hist_of_root: dict[int, list[str]] = defaultdict(list)
        for cid, node in cnode.items():
            hist_of_root[int(root[node])].append(cid)

        # Links per representative, for explaining each row.
        rep_links: dict[int, list[tuple[tuple, str, float, str]]] = defaultdict(list)
        for x, (y, method, s) in self.best.items():
            rep_links[x].append((keys[y], method, s, docs[y].article_id))
        for c, hn, method, s in hist_edges:
            row = hist_nodes[hn]
            hk = _order_key(
                row["published_us"] if row["published_us"] is not None else _NO_TIME,
                row["norm_len"],
                row["url"],
                row["article_id"],
            )
            rep_links[c].append((hk, method, s, row["article_id"]))

        clusters: list[dict[str, Any]] = []
        # Each component's least member by rank (the total order as numbers), the clusters in the order of
        # those, and each document's cluster, all by one sort of (root, rank): the Python passes over every
        # document took 0.25 s at 100k documents (measured).
        rank = self.rank.tolist()
        by_root = _stable_order((root[:n] * n + self.rank).astype(np.uint64))[0]
        firsts = by_root[np.r_[True, root[by_root][1:] != root[by_root][:-1]]] if n else by_root
        firsts = firsts[np.argsort(self.rank[firsts])]
        cluster_at = np.empty(len(uf.parent), dtype=np.int64)
        cluster_at[root[firsts]] = np.arange(firsts.size)
        cluster_no = cluster_at[root[:n]]
        for best in firsts.tolist():
            hids = hist_of_root.get(int(root[best]), [])
            canonical_key, canonical_id, canonical_doc = keys[best], docs[best].article_id, best
            if hids:
                for cid in hids:
                    if hinfo[cid]["ckey"] < canonical_key:
                        canonical_key = hinfo[cid]["ckey"]
                        canonical_id = hinfo[cid]["canonical"]
                        canonical_doc = -1
                first, cluster_id = min((hinfo[cid]["first"], cid) for cid in hids)
                # The cluster keeps the story of the cluster whose id it keeps: stored stories never merge,
                # so no copy cluster ever carries two story ids.
                story_hint = hinfo[cluster_id]["story"]
            else:
                first, cluster_id, story_hint = self.day, "c_" + _hex16(canonical_id), None
            clusters.append(
                {
                    "id": cluster_id,
                    "first": first,
                    "canonical_key": canonical_key,
                    "canonical_id": canonical_id,
                    "canonical_doc": canonical_doc,
                    "feature_doc": best,
                    "story_hint": story_hint,
                }
            )

        # The stored band keys first, while the heap is still small: their sort is this stage's memory peak.
        cluster_of = cluster_no.tolist()
        flat, brow = _history_bands(feats.sig, np.flatnonzero(feats.n_shingles >= MIN_SHINGLES), cluster_no)

        # Documents are sorted by article_id, so per-document lists are already in output order. A cluster's
        # facts are made once and spread to its members by index (pyarrow take for the index table); only the
        # members that are neither the canonical nor an exact copy of it are explained one by one: this step
        # was 1.1 s of CPU at 100k documents with a Python pass over every member, 0.45 s now (measured). The
        # explanations need no story, so they are made while the workers still extract story features.
        aids = [d.article_id for d in docs]
        can_ids = [cl["canonical_id"] for cl in clusters]
        can_of = [can_ids[k] for k in cluster_of]
        can_doc = np.array([cl["canonical_doc"] for cl in clusters], dtype=np.int64)[cluster_no]
        copies = (can_doc >= 0) & (feats.norm_len > 0) & (feats.exact == feats.exact[np.maximum(can_doc, 0)])
        canonical = ("canonical", 1.0, None)
        verdict: list[tuple[str, float, str | None] | None] = [
            canonical if aid == can else None for aid, can in zip(aids, can_of, strict=True)
        ]
        group_first = {r: min(g, key=rank.__getitem__) for r, g in self.exact_groups.items()}
        rep_list = rep_of.tolist()
        pending: list[int] = []  # members whose link to the canonical is judged from the signatures
        for i, copy in enumerate(copies.tolist()):
            if verdict[i] is not None:
                continue
            if copy:
                verdict[i] = ("exact", 1.0, can_of[i])
                continue
            verdict[i] = self._explain(i, clusters[cluster_of[i]], rep_links, group_first.get(rep_list[i], i))
            if verdict[i] is None:
                pending.append(i)
        self._explain_estimated(pending, clusters, cluster_of, rep_links, verdict)

        # The index columns that need no story are made while the workers still extract story features: they came
        # after them, 0.2 s of this process's CPU at 100k documents with the workers idle (measured).
        cluster_ids = [cl["id"] for cl in clusters]
        keys = [cl["canonical_key"] for cl in clusters]
        by_cluster = pa.array(cluster_no)
        facts = pa.table(
            {
                "copy_cluster_id": cluster_ids,
                "cluster_first_day": [cl["first"] for cl in clusters],
                "canonical_article_id": can_ids,
                "canonical_published_us": [None if ck[0] == _NO_TIME else ck[0] for ck in keys],
                "canonical_norm_len": [-ck[1] for ck in keys],
                "canonical_url": [None if ck[2] else ck[3] for ck in keys],
            },
            schema=pa.schema([INDEX_SCHEMA.field(name) for name in _ASSIGNED_COLUMNS[:6]]),
        ).take(by_cluster)
        has_sig = feats.n_shingles >= MIN_SHINGLES
        # The signature buffer is shared with the table, not copied (51 MB at 100k documents).
        sig_buf = pa.py_buffer(np.ascontiguousarray(feats.sig))
        sig = pa.FixedSizeBinaryArray.from_buffers(
            pa.binary(NUM_PERM * 4), n, [pa.array(has_sig).buffers()[1], sig_buf]
        )
        col = {
            "article_id": pa.array(aids, pa.string()),
            "day": pa.array([self.day] * n, pa.date32()),
            "exact": pa.array(feats.exact, pa.uint64()),
            "norm_len": pa.array(feats.norm_len, pa.int64()),
            "n_shingles": pa.array(feats.n_shingles, pa.int64()),
            "published_us": pa.array(self.pub, pa.int64(), mask=self.pub == _NO_TIME),
            "url": pa.array([d.url for d in docs], pa.string()),
            "sig": sig,
            **{name: facts.column(name) for name in _ASSIGNED_COLUMNS[:6]},
        }

        stories = self._stories(clusters)
        # The workers' exit took 0.14-0.19 s after the writing at 100k documents (measured): it overlaps it now.
        self.pool.release()

        self._say("writing")
        story_ids = [sid for sid, _ in stories]
        out = [
            Assignment(aid, cluster_ids[k], can, aid == can, v[0], float(v[1]), v[2], story_ids[k])
            for aid, k, can, v in zip(aids, cluster_of, can_of, verdict, strict=True)
        ]
        story_facts = pa.table(
            {"story_id": story_ids, "story_first_day": [first for _, first in stories]},
            schema=pa.schema([INDEX_SCHEMA.field(name) for name in _ASSIGNED_COLUMNS[6:8]]),
        ).take(by_cluster)
        col.update({name: story_facts.column(name) for name in _ASSIGNED_COLUMNS[6:8]})
        col.update(self._report_columns(np.array([cl["feature_doc"] for cl in clusters], dtype=np.int64)))
        table = pa.table({name: col[name] for name in INDEX_SCHEMA.names}, schema=INDEX_SCHEMA)
        if self.progress:
            sys.stderr.write("\n")
        return out, _DayIndex(self.day, table, flat, brow)

    def _report_columns(self, report_rows: np.ndarray) -> dict[str, pa.Array]:
        """The story columns of the index: each cluster's report on its row (``report_rows``), null elsewhere.

        Built from the flat report arrays as list arrays (offsets and values), not from Python lists.
        """
        n = len(self.docs)
        order = np.argsort(report_rows)
        rows = report_rows[order]
        rep = self.reports.take(order)
        entry_report = np.repeat(np.arange(rows.size), rep.count)
        mask = np.ones(n, dtype=bool)
        mask[rows] = False
        mask = pa.array(mask)

        def lists(values: np.ndarray, counts: np.ndarray) -> pa.ListArray:
            """A list per row: ``counts`` entries of ``values`` on each report row, null elsewhere."""
            length = np.zeros(n, dtype=np.int32)
            length[rows] = counts
            offsets = np.zeros(n + 1, dtype=np.int32)
            np.cumsum(length, out=offsets[1:])
            return pa.ListArray.from_arrays(pa.array(offsets), pa.array(values), mask=mask)

        focus = (rep.flags & _FOCUS) != 0
        place = (rep.flags & _PLACE) != 0
        return {
            "story_feature_ids": lists(rep.feature, rep.count),
            "story_feature_weights": lists(rep.weight.astype(np.float32), rep.count),
            "story_focus": lists(rep.feature[focus], np.bincount(entry_report[focus], minlength=rows.size)),
            "story_places": lists(rep.feature[place], np.bincount(entry_report[place], minlength=rows.size)),
        }

    def _explain(
        self, i: int, cl: dict[str, Any], rep_links: dict[int, list], first: int
    ) -> tuple[str, float, str | None] | None:
        """Method, similarity and linked article of a non-canonical member; None when that needs the signatures.

        An exact copy of a member that precedes it (``first``, its exact group's first member) links to that
        member; otherwise the member's own confirmed link to the canonical, else the canonical when the
        signatures tell it is close (see :meth:`_explain_estimated`), else the earliest member (in the total
        order) it matched.
        """
        if first != i:
            return "exact", 1.0, self.docs[first].article_id
        for _, method, s, other in rep_links.get(int(self.rep_of[i]), []):
            if other == cl["canonical_id"]:
                return method, s, other
        if cl["canonical_doc"] >= 0:
            return None
        return self._earliest_link(i, cl, rep_links)

    def _earliest_link(self, i: int, cl: dict[str, Any], rep_links: dict[int, list]) -> tuple[str, float, str | None]:
        """The member's confirmed link to the earliest partner in the total order."""
        links = rep_links.get(int(self.rep_of[i]), [])
        if not links:  # not reached: every member joined through a confirmed link or an exact copy
            return "exact", 1.0, cl["canonical_id"]
        _, method, s, other = min(links, key=lambda t: t[0])
        return method, s, other

    def _explain_estimated(
        self,
        members: list[int],
        clusters: list[dict[str, Any]],
        cluster_of: list[int],
        rep_links: dict[int, list],
        verdict: list[tuple[str, float, str | None] | None],
    ) -> None:
        """Explain ``members`` by their canonical when the signatures tell it is close, all pairs at once.

        Explaining needs no new exact check; the estimates were one numpy call per member (16k at 100k
        documents, 0.45 s), now one per block.
        """
        feats = self.feats
        x = self.rep_of[[clusters[cluster_of[i]]["canonical_doc"] for i in members]]
        y = self.rep_of[members]
        for lo in range(0, len(members), PAIR_BLOCK):
            xa, xb = x[lo : lo + PAIR_BLOCK], y[lo : lo + PAIR_BLOCK]
            j = _agreement(feats.sig[xa], feats.sig[xb])
            na, nb = feats.n_shingles[xa], feats.n_shingles[xb]
            ok, near, sim = _judge_estimated(j, na, nb)
            ok &= (na >= MIN_SHINGLES) & (nb >= MIN_SHINGLES)
            for i, good, nr, sm in zip(
                members[lo : lo + PAIR_BLOCK], ok.tolist(), near.tolist(), sim.tolist(), strict=True
            ):
                cl = clusters[cluster_of[i]]
                if good:
                    verdict[i] = ("near" if nr else "containment", sm, cl["canonical_id"])
                else:
                    verdict[i] = self._earliest_link(i, cl, rep_links)

    # -- stories

    def _stories(self, clusters: list[dict[str, Any]]) -> list[tuple[str, dt.date]]:
        """Story id and first day of each cluster: looser links between clusters (and stored stories)."""
        nc = len(clusters)
        which = [cl["feature_doc"] for cl in clusters]
        started = _Reports.join([part for jobs in self.report_jobs for part in jobs])
        at = np.zeros(len(self.docs), dtype=np.int64)
        started_docs = np.concatenate(self.report_docs)
        at[started_docs] = np.arange(started_docs.size)
        today = started.take(at[which])
        self.reports = today
        del started, self.report_jobs
        # Stored reports of the story window (one per cluster and day).
        lo = self.day - dt.timedelta(days=self.story_window_days)
        tables = [
            t.filter(t.column("story_feature_ids").is_valid())
            for t in (item.stories() for item in self.history if item.day >= lo)
        ]
        stored = pa.concat_tables(tables).combine_chunks() if tables else None
        nh = stored.num_rows if stored is not None else 0
        total = nc + nh
        times = self.pub[which]
        days = np.full(nc, self.day.toordinal(), dtype=np.int64)
        feature, weight, flags, count = today.feature, today.weight, today.flags, today.count
        if stored is not None:
            ids = stored.column("story_feature_ids").combine_chunks()
            feature = np.concatenate((feature, ids.flatten().to_numpy()))
            stored_weight = stored.column("story_feature_weights").combine_chunks().flatten().to_numpy()
            weight = np.concatenate((weight, stored_weight.astype(np.float64)))
            flags = np.concatenate((flags, np.zeros(len(ids.flatten()), dtype=np.int8)))
            count = np.concatenate((count, ids.value_lengths().to_numpy().astype(np.int64)))
            times = np.concatenate((times, stored.column("published_us").fill_null(_NO_TIME).to_numpy()))
            epoch = dt.date(1970, 1, 1).toordinal()
            stored_days = stored.column("day").to_numpy().astype("datetime64[D]").astype(np.int64) + epoch
            days = np.concatenate((days, stored_days))
        row = np.repeat(np.arange(total, dtype=np.int64), count)
        # Features as dense numbers; each report's run stays sorted, so (report, feature) codes are sorted.
        uniq, col, df = np.unique(feature, return_inverse=True, return_counts=True)
        col = col.ravel()
        nk = np.int64(max(uniq.size, 1))
        entry = row * nk + col
        if stored is not None:
            for name, flag in (("story_focus", _FOCUS), ("story_places", _PLACE)):
                lists = stored.column(name).combine_chunks()
                rows = nc + np.repeat(np.arange(nh, dtype=np.int64), lists.value_lengths().fill_null(0).to_numpy())
                keys = np.searchsorted(uniq, lists.flatten().to_numpy())
                flags[np.searchsorted(entry, rows * nk + keys)] |= flag
        # Rarity over this day's reports and the stored ones; sublinear term frequency. The logarithms are
        # taken once per distinct count and weight, with math.log as before.
        cvals, cinv = np.unique(df, return_inverse=True)
        # Smoothed so that a handful of reports (a small CLI input) weighs names almost evenly.
        idf = np.array([math.log((total + 100.0) / (c + 0.5)) for c in cvals.tolist()])[cinv.ravel()]
        wvals, winv = np.unique(weight, return_inverse=True)
        tf = np.array([1.0 + math.log(max(w, 1.0)) for w in wvals.tolist()])[winv.ravel()]
        vec = tf * idf[col]
        del tf, idf, cinv, winv
        # Event kinds as a bit mask per report; they are kept out of the cosine (names and title words).
        kind_bit = np.zeros(uniq.size, dtype=np.int64)
        for bit, fid in enumerate(_EVENT_IDS + _WEEKDAY_IDS):
            at = int(np.searchsorted(uniq, fid))
            if at < uniq.size and uniq[at] == fid:
                kind_bit[at] = 1 << bit
        entry_bit = kind_bit[col]
        vec[entry_bit != 0] = 0.0
        kinds = np.zeros(total, dtype=np.int64)
        if (count > 0).any():
            nonempty = count > 0
            kinds[nonempty] = np.bitwise_or.reduceat(entry_bit, (np.cumsum(count) - count)[nonempty])
        del kind_bit, entry_bit
        event_day = _event_days(kinds >> len(_EVENT_IDS), times)
        kinds &= (1 << len(_EVENT_IDS)) - 1
        norm = np.sqrt(np.bincount(row, weights=vec * vec, minlength=total))
        norm[norm == 0] = 1.0
        vec /= norm[row]
        # Candidates hold one of a report's focus names; a focus held by very many reports is a topic.
        is_focus = (flags & _FOCUS) != 0
        frequent = df[col] > STORY_MAX_POSTING
        sel = is_focus & ~frequent & (row < nc)
        by_key = _stable_order(col.astype(np.uint64))[0]
        # The join and the link tests go in parts, by focus entries, then by pairs (each pair's tests are its
        # own, and split counts are summed), to bound the memory they take (see STORY_PARTS).
        fa, fk = row[sel], col[sel]
        post = (col[by_key], row[by_key], times, days, self.story_window_days, event_day, kinds)
        cuts = _cuts(fa.size, STORY_PARTS)
        codes, n_ab, n_ba = _join_candidates([_story_candidates(fa[lo:hi], fk[lo:hi], *post) for lo, hi in cuts])
        del post, fa, fk, by_key, sel
        start = np.cumsum(count) - count
        # Each report's anchors: its most weighted focus names (the employer of a strike, the town of a quake).
        focus_w = np.where(is_focus, weight, -1.0)
        top_w = np.full(total, -1.0)
        has = count > 0
        if has.any():
            top_w[has] = np.maximum.reduceat(focus_w, start[has])
        anchor = is_focus & (weight == top_w[row])
        del focus_w, top_w
        tables = (total, nc, start, count, entry, col, flags, frequent, vec, uniq, anchor, kinds)
        cuts = _cuts(codes.size, STORY_PARTS)
        found = [_story_links(codes[lo:hi], n_ab[lo:hi], n_ba[lo:hi], *tables) for lo, hi in cuts]
        kept = [(k + lo, sc) for (k, sc), (lo, _) in zip(found, cuts, strict=True)]
        keep = (np.concatenate([k for k, _ in kept]), np.concatenate([sc for _, sc in kept]))
        del tables, found, kept
        a, b, score = codes[keep[0]] // total, codes[keep[0]] % total, keep[1]
        order = np.lexsort((b, a, -score))
        scored = list(zip(a[order].tolist(), b[order].tolist(), strict=True))
        del codes, n_ab, n_ba, entry, col, flags, frequent, vec, row
        # Stored stories are fixed: a component may hold at most one, so links that would join two of them
        # are skipped (links go strongest first, then by index, so the outcome does not depend on input order).
        fixed: dict[int, tuple[dt.date, str]] = {}
        if stored is not None:
            firsts = stored.column("story_first_day").to_pylist()
            sids = stored.column("story_id").to_pylist()
            for j in range(nh):
                fixed[nc + j] = (firsts[j], sids[j])
        for i, cl in enumerate(clusters):
            if cl["story_hint"] is not None:
                fixed[i] = cl["story_hint"]
        uf = _UnionFind(total)
        comp_story: dict[int, tuple[dt.date, str]] = dict(fixed)
        same_fixed: dict[tuple[dt.date, str], int] = {}
        for node, key in sorted(fixed.items()):
            if key in same_fixed:
                self._join(uf, comp_story, node, same_fixed[key])
            else:
                same_fixed[key] = node
        first_t, last_t = _story_spans(times)
        for a, b in scored:
            ra, rb = uf.find(a), uf.find(b)
            if ra == rb:
                continue
            sa, sb = comp_story.get(ra), comp_story.get(rb)
            if sa is not None and sb is not None and sa != sb:
                continue
            if sa is None and sb is None and not _within_span(first_t, last_t, ra, rb):
                # A late report of the event's own day and kind (another wire's, the next day) may stretch it.
                if event_day[a] < 0 or event_day[a] != event_day[b] or not kinds[a] & kinds[b]:
                    continue
                if not _within_span(first_t, last_t, ra, rb, STORY_LATE_HOURS):
                    continue
            self._join(uf, comp_story, a, b)
            root = uf.find(a)
            first_t[root], last_t[root] = min(first_t[ra], first_t[rb]), max(last_t[ra], last_t[rb])
        by_root: dict[int, list[int]] = defaultdict(list)
        for i in range(nc):
            by_root[uf.find(i)].append(i)
        result: list[tuple[str, dt.date]] = [("", self.day)] * nc
        for root, members in by_root.items():
            if root in comp_story:
                first, sid = comp_story[root]
            else:
                earliest = min(members, key=lambda i: clusters[i]["canonical_key"])
                first, sid = self.day, "s_" + _hex16(clusters[earliest]["id"])
            for i in members:
                result[i] = (sid, first)
        return result

    @staticmethod
    def _join(uf: _UnionFind, comp_story: dict[int, tuple[dt.date, str]], a: int, b: int) -> None:
        """Union two story components, carrying their fixed story to the new root."""
        ra, rb = uf.find(a), uf.find(b)
        story = comp_story.pop(ra, None) or comp_story.pop(rb, None)
        comp_story.pop(rb, None)
        uf.union(ra, rb)
        if story is not None:
            comp_story[uf.find(ra)] = story


_DAY_US = 86400 * 10**6


def _story_times(times: np.ndarray) -> np.ndarray:
    """Publication times as story links read them: a time of exactly midnight UTC is a date alone.

    Feeds and dumps often give a day without its time ("2026-05-06"), which reads as midnight; another
    wire's report of the same event at 21:00 that day was 21 hours away. Such a report is put at noon, the
    middle of its day, so every report of that day is within 12 hours of it.
    """
    day_only = (times != _NO_TIME) & (times % _DAY_US == 0)
    return np.where(day_only, times + _DAY_US // 2, times) if day_only.any() else times


def _story_spans(times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Earliest and latest publication time of each report's story component (a report alone: its own)."""
    times = _story_times(times)
    dated = times != _NO_TIME
    return np.where(dated, times, _NO_TIME), np.where(dated, times, np.iinfo(np.int64).min)


def _event_days(weekdays: np.ndarray, times: np.ndarray) -> np.ndarray:
    """The day (days since 1970) each dated report says its event happened, or -1.

    A report's headline and lead that name exactly one weekday, the weekday it came out or the one before
    ("capsized off Tellis on Saturday", out on Sunday), date its event. Other reports say nothing.
    """
    out = np.full(times.size, -1, dtype=np.int64)
    single = (weekdays > 0) & ((weekdays & (weekdays - 1)) == 0) & (times != _NO_TIME)
    if not single.any():
        return out
    named = np.log2(np.where(single, weekdays, 1)).round().astype(np.int64)  # Monday 0
    day = np.where(single, times, 0) // _DAY_US
    out_weekday = (day + 3) % 7  # 1970-01-01 was a Thursday
    same = single & (named == out_weekday)
    before = single & (named == (out_weekday - 1) % 7)
    out[same] = day[same]
    out[before] = day[before] - 1
    return out


def _within_span(first_t: np.ndarray, last_t: np.ndarray, ra: int, rb: int, hours: float = STORY_MAX_HOURS) -> bool:
    """True if two new story components together still span at most ``STORY_MAX_HOURS`` of dated reports.

    Each link is between two reports close in time, but links chain: the first report of an event, another
    wire's a few hours later and the next day's follow-up a few hours after that made one story. A story is
    one event, and its reports come out within hours of it, so its reports (those with a time) fit in one
    window. Components that carry a stored story are not held to it (they already span days).
    """
    lo = min(first_t[ra], first_t[rb])
    hi = max(last_t[ra], last_t[rb])
    return bool(hi < lo or hi - lo <= hours * 3600e6)


def _story_candidates(
    fa: np.ndarray,
    fk: np.ndarray,
    post_k: np.ndarray,
    post_i: np.ndarray,
    times: np.ndarray,
    days: np.ndarray,
    window_days: int,
    event_day: np.ndarray | None = None,
    kinds: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted distinct pair codes ``a * total + b`` (a < b) of reports sharing a focus name, close in time.

    ``fa``/``fk`` are (report, focus name) entries, ``post_k``/``post_i`` every (name, report) entry
    sorted by name; ``days`` are ordinals. Joined with numpy in blocks of focus entries, so the raw
    matches (several per pair) never sit in memory at once. Also returns, for each pair, how many of
    ``a``'s listed focus names ``b`` holds and how many of ``b``'s ``a`` holds (the focus test's counts).
    """
    total = np.int64(times.size)
    times = _story_times(times)
    # Each block's distinct codes and counts, summed over the blocks once at the end: merging them block by
    # block re-sorted everything gathered so far each time (the candidates took 0.54 → 0.23 s at 100k documents).
    block_codes = [np.zeros(0, dtype=np.int64)]
    block_counts = [np.zeros(0, dtype=np.int64)]
    step = 4096  # focus entries per block: at most STORY_MAX_POSTING matches each
    for lo in range(0, fa.size, step):
        owner, pos = _matches(post_k, fk[lo : lo + step], fa[lo : lo + step])
        holder = post_i[pos]
        differ = owner != holder
        owner, holder = owner[differ], holder[differ]
        a, b = np.minimum(owner, holder), np.maximum(owner, holder)
        # Time window first, for all pairs at once (the first test of a story link).
        ta, tb = times[a], times[b]
        both = (ta != _NO_TIME) & (tb != _NO_TIME)
        gap = np.abs(np.where(both, ta, 0) - np.where(both, tb, 0))
        near = gap <= STORY_MAX_HOURS * 3600e6
        if event_day is not None and kinds is not None:
            late = (gap <= STORY_LATE_HOURS * 3600e6) & (event_day[a] >= 0) & (event_day[a] == event_day[b])
            near |= late & ((kinds[a] & kinds[b]) != 0)
        close = np.where(both, near, np.abs(days[b] - days[a]) <= window_days)
        # Twice the pair code, plus one when the focus name is b's: counts for both directions at once.
        directed = (a * total + b)[close] * 2 + (owner > holder)[close]
        u, c = np.unique(directed, return_counts=True)
        block_codes.append(u)
        block_counts.append(c)
    codes, counts = _sum_counts(block_codes, block_counts)
    del block_codes, block_counts
    pair = codes // 2
    first = np.ones(pair.size, dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    idx = np.cumsum(first) - 1
    n_ab = np.zeros(int(first.sum()), dtype=np.int64)
    n_ba = np.zeros_like(n_ab)
    fwd = codes % 2 == 0
    n_ab[idx[fwd]] = counts[fwd]
    n_ba[idx[~fwd]] = counts[~fwd]
    return pair[first], n_ab, n_ba


def _join_candidates(parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, ...]:
    """The candidates of :func:`_story_candidates` over all focus entries, from those over consecutive parts.

    A pair met in several parts (a's focus names in one, b's in another) has its counts summed.
    """
    if len(parts) == 1:
        return parts[0]
    pair = np.concatenate([p[0] for p in parts])
    if pair.size == 0:
        return parts[0]
    # Each part's pairs are sorted, so a stable argsort merges the runs (timsort), and the counts of a run are
    # differences of a running sum: 1.7M pairs at 100k documents 60 -> 50 ms with a value sort and reduceat
    # before (measured; the sort alone 25-45 -> 8 ms).
    order = np.argsort(pair, kind="stable")
    pair = pair[order]
    first = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
    out = [pair[first]]
    del pair
    # Counts are small (names per report): summed as int32, one column at a time, to bound the memory (the
    # join was the run's peak: 112 MB for 1.8M pairs at 100k documents with three int64 copies at once).
    for k in (1, 2):
        out.append(np.add.reduceat(np.concatenate([p[k] for p in parts]).astype(np.int32)[order], first))
    return tuple(out)


def _sum_counts(keys: list[np.ndarray], counts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct keys of several sorted (key, count) lists with the counts of equal keys summed."""
    k = np.concatenate(keys)
    c = np.concatenate(counts)
    order = _stable_order(k.astype(np.uint64))[0]  # codes are never negative
    k, c = k[order], c[order]
    first = np.ones(k.size, dtype=bool)
    first[1:] = k[1:] != k[:-1]
    return k[first], np.add.reduceat(c, np.flatnonzero(first)) if k.size else c


def _member(sorted_codes: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Whether each query is in ``sorted_codes`` (queries sorted first: sorted look-ups are 8x faster)."""
    if sorted_codes.size == 0 or queries.size == 0:
        return np.zeros(queries.size, dtype=bool)
    order = _stable_order(queries.astype(np.uint64))[0]  # codes are never negative
    q = queries[order]
    pos = np.minimum(np.searchsorted(sorted_codes, q), sorted_codes.size - 1)
    out = np.empty(queries.size, dtype=bool)
    out[order] = sorted_codes[pos] == q
    return out


def _side_hits(
    a: np.ndarray,
    b: np.ndarray,
    start: np.ndarray,
    count: np.ndarray,
    entry: np.ndarray,
    col: np.ndarray,
    wanted: np.ndarray,
    nk: np.int64,
) -> np.ndarray:
    """For each pair, how many of ``a``'s entries marked ``wanted`` are features ``b`` holds too."""
    idx = _ragged(start[a], count[a])
    pair = np.repeat(np.arange(a.size), count[a])
    sel = wanted[idx]
    idx, pair = idx[sel], pair[sel]
    hit = _member(entry, b[pair] * nk + col[idx])
    return np.bincount(pair[hit], minlength=a.size)


def _story_links(
    codes: np.ndarray,
    n_ab: np.ndarray,
    n_ba: np.ndarray,
    total: int,
    nc: int,
    start: np.ndarray,
    count: np.ndarray,
    entry: np.ndarray,
    col: np.ndarray,
    flags: np.ndarray,
    frequent: np.ndarray,
    vec: np.ndarray,
    uniq: np.ndarray,
    anchor: np.ndarray | None = None,
    kinds: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs that tell one event (positions in ``codes``) and their scores.

    The tests of a link, all vectorized: the event's focus (two of one report's three most weighted
    names are among the other's names; a shared union or ministry alone is a topic, not an event), where
    it happened (one of the main places of one report is named in the other, when both name places),
    at least ``STORY_MIN_SHARED`` shared names, and a cosine of the weighted vectors of ``STORY_SCORE``.
    """
    nk = np.int64(max(uniq.size, 1))
    a, b = codes // total, codes % total
    focus = (flags & _FOCUS) != 0
    # The candidate join counted the rare focus names of today's reports; a frequent focus name, and
    # the focus of a stored report (b), is looked up only where it could still decide the test.
    freq_focus = np.bincount(np.repeat(np.arange(count.size), count)[focus & frequent], minlength=count.size)
    all_focus = np.bincount(np.repeat(np.arange(count.size), count)[focus], minlength=count.size)
    b_unseen = np.where(b < nc, freq_focus[b], all_focus[b])
    passed = (n_ab >= 2) | (n_ba >= 2)
    check = ~passed & ((n_ab + freq_focus[a] >= 2) | (n_ba + b_unseen >= 2))
    k = np.flatnonzero(check)
    if k.size:
        ca, cb = a[k], b[k]
        extra_ab = _side_hits(ca, cb, start, count, entry, col, focus & frequent, nk)
        b_wanted = np.where(np.repeat(np.arange(count.size), count) < nc, focus & frequent, focus)
        extra_ba = _side_hits(cb, ca, start, count, entry, col, b_wanted, nk)
        passed[k] = (n_ab[k] + extra_ab >= 2) | (n_ba[k] + extra_ba >= 2)
    k = np.flatnonzero(passed)
    a, b = a[k], b[k]
    # Where: a place of one named in the other, when both name places.
    place = (flags & _PLACE) != 0
    n_places = np.bincount(np.repeat(np.arange(count.size), count)[place], minlength=count.size)
    both = (n_places[a] > 0) & (n_places[b] > 0)
    if both.any():
        j = np.flatnonzero(both)
        met = (_side_hits(a[j], b[j], start, count, entry, col, place, nk) > 0) | (
            _side_hits(b[j], a[j], start, count, entry, col, place, nk) > 0
        )
        ok = np.ones(a.size, dtype=bool)
        ok[j] = met
        k, a, b = k[ok], a[ok], b[ok]
    # Two events, one place and one organisation (one union's strikes at two employers, the same day): each
    # report's main name, what it is most about, is absent from the other. One wire's report of an event
    # names what the other's is about (the town, the ship, the person) even when it leads on another name.
    if anchor is not None and a.size:
        met = (_side_hits(a, b, start, count, entry, col, anchor, nk) > 0) | (
            _side_hits(b, a, start, count, entry, col, anchor, nk) > 0
        )
        k, a, b = k[met], a[met], b[met]
    # Two kinds of event (a crash, a quake): each report names one, and none in common.
    if kinds is not None and a.size:
        ka, kb = kinds[a], kinds[b]
        met = (ka == 0) | (kb == 0) | ((ka & kb) != 0)
        k, a, b = k[met], a[met], b[met]
    # Shared names and the cosine, from both reports' runs tagged with the pair number.
    score = np.zeros(k.size)
    names = np.zeros(k.size, dtype=np.int64)
    for lo in range(0, k.size, PAIR_BLOCK):
        xa, xb = a[lo : lo + PAIR_BLOCK], b[lo : lo + PAIR_BLOCK]
        ia, ib = _ragged(start[xa], count[xa]), _ragged(start[xb], count[xb])
        pa_ = np.repeat(np.arange(xa.size, dtype=np.int64), count[xa])
        pb_ = np.repeat(np.arange(xa.size, dtype=np.int64), count[xb])
        ka, kb = pa_ * nk + col[ia], pb_ * nk + col[ib]
        if ka.size == 0:
            continue
        pos = np.minimum(np.searchsorted(ka, kb), ka.size - 1)
        hit = ka[pos] == kb
        ja, jb, pair = ia[pos[hit]], ib[hit], pb_[hit]
        score[lo : lo + xa.size] = np.bincount(pair, weights=vec[ja] * vec[jb], minlength=xa.size)
        names[lo : lo + xa.size] = np.bincount(pair, weights=uniq[col[jb]] & 1, minlength=xa.size)
    ok = (names >= STORY_MIN_SHARED) & (score >= STORY_SCORE)
    return k[ok], score[ok]


# --------------------------------------------------------------------------------------------------
# Public entry points


def _history_indexes(
    history: History | Sequence[DedupDoc] | None,
) -> tuple[list[_StoredDay], list[DedupDoc]]:
    """Split ``history`` into stored index days (read later, one at a time) and raw documents."""
    if history is None:
        return [], []
    if isinstance(history, History):
        return [_StoredDay(history.data_dir, d) for d in history.days], []
    return [], list(history)


def _run_days(
    docs: Sequence[DedupDoc],
    history: History | Sequence[DedupDoc] | None,
    window_days: int,
    story_window_days: int,
    progress: bool = False,
    workers: int | None = None,
) -> tuple[list[Assignment], list[_DayIndex]]:
    """Process documents day by day (ascending), each day against the window of earlier days."""
    stored, raw = _history_indexes(history)
    seen: set[str] = set()
    for d in docs:
        if d.article_id in seen:
            raise ValueError(f"duplicate article_id {d.article_id!r}")
        seen.add(d.article_id)
    wanted = {d.article_id for d in docs}
    by_day: dict[dt.date, list[DedupDoc]] = defaultdict(list)
    for d in list(raw) + list(docs):
        by_day[d.day].append(d)
    done: dict[dt.date, _DayIndex | _StoredDay] = {x.day: x for x in stored}
    out: list[Assignment] = []
    new_indexes: list[_DayIndex] = []
    for day in sorted(by_day):
        lo = day - dt.timedelta(days=window_days)
        window = [done[d] for d in sorted(done) if lo <= d < day]
        day_docs = sorted(by_day[day], key=lambda x: x.article_id)
        assigned, index = _DayRun(day, day_docs, window, story_window_days, progress, workers).run()
        done[day] = index
        new_indexes.append(index)
        out.extend(a for a in assigned if a.article_id in wanted)
    out.sort(key=lambda a: a.article_id)
    return out, new_indexes


def assign(
    docs: Sequence[DedupDoc],
    history: History | Sequence[DedupDoc] = (),
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    story_window_days: int = DEFAULT_STORY_WINDOW_DAYS,
    workers: int | None = None,
) -> list[Assignment]:
    """Cluster ``docs`` with the ``history`` window; one Assignment per doc, sorted by article_id.

    ``history`` is either a :class:`History` from :func:`load_history` (stored index, no re-hashing)
    or earlier-day documents, which are then processed first, day by day, exactly as daily runs would.
    Documents of several days are processed day by day in ascending order. ``workers`` (default: see
    :func:`dedup_workers`) never changes the result, only the time.
    """
    return _run_days(docs, history, window_days, story_window_days, workers=workers)[0]


def dedup_day(
    data_dir: Path,
    day: dt.date | str,
    docs: Sequence[DedupDoc],
    *,
    window_days: int = DEFAULT_WINDOW_DAYS,
    story_window_days: int = DEFAULT_STORY_WINDOW_DAYS,
    workers: int | None = None,
) -> list[Assignment]:
    """Assign one day's documents against the stored window and replace the day's index partition."""
    from wiredesk.storage import parse_day

    day = parse_day(day)
    wrong = [d.article_id for d in docs if d.day != day]
    if wrong:
        raise ValueError(f"{len(wrong)} documents are not of day {day} (first: {wrong[0]!r})")
    history = load_history(data_dir, day, window_days)
    stored, _ = _history_indexes(history)
    day_docs = sorted(docs, key=lambda x: x.article_id)
    assigned, index = _DayRun(day, day_docs, stored, story_window_days, workers=workers).run()
    _write_index(Path(data_dir), index)
    return assigned


# --------------------------------------------------------------------------------------------------
# CLI back end: wiredesk dedup INPUT.jsonl [-o OUTPUT.csv]

CSV_COLUMNS = ("doc_id", "copy_cluster_id", "canonical_doc_id", "story_id", "method", "similarity")
_CLI_DAY = dt.date(1970, 1, 1)


class InputError(ValueError):
    """A JSON Lines input that breaks the contract (names the line)."""


def _parse_time(value: Any, where: str) -> dt.datetime | None:
    """``published_at`` as given by a feed or a dump, in UTC (a time without a zone is taken as UTC).

    ISO 8601 first; then what feeds and exports also carry: RFC 2822 ("Mon, 23 Oct 2017 10:05:00 GMT"),
    Unix time in seconds or milliseconds (a number or a string of digits), and written dates ("23 October
    2017 10:05"). Anything else raises InputError naming the line (the CLI warns and orders the document
    as undated: a silently dropped date would change which copy is canonical).
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(f"{where}: published_at must be a date string or a Unix time, not {type(value).__name__}")
    try:
        if isinstance(value, int | float):
            t = dt.datetime.fromtimestamp(value / 1000 if abs(value) > 1e11 else value, dt.UTC)
        else:
            t = _parse_time_text(value.strip())
    except (ValueError, OverflowError, OSError) as exc:
        raise InputError(f"{where}: published_at {value!r} is not a date (ISO 8601, RFC 2822 or Unix time)") from exc
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone(dt.UTC)


def _parse_time_text(value: str) -> dt.datetime:
    """A date string in the first format that reads it whole; ValueError if none does."""
    if _UNIX_DIGITS.fullmatch(value):  # Unix time written as a string ("1508753100", milliseconds too)
        seconds = float(value)
        return dt.datetime.fromtimestamp(seconds / 1000 if abs(seconds) > 1e11 else seconds, dt.UTC)
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    from dateutil import parser as date_parser  # ships with htmldate

    # Not fuzzy: every part of the string must be part of the date. A year must be written: dateutil
    # fills missing parts from its default, which must not be today (the same input, another result).
    if not _YEAR.search(value):
        raise ValueError(f"no year in {value!r}")
    return date_parser.parse(value, default=dt.datetime(2000, 1, 1))


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_UNIX_DIGITS = re.compile(r"-?\d{9,13}(?:\.\d+)?")


def read_jsonl(path: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of each non-blank line; contract errors name the line.

    A byte-order mark (files saved by Windows tools) is skipped; bytes that are not UTF-8 become U+FFFD
    rather than costing the whole file its output.
    """
    with open(path, encoding="utf-8-sig", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not valid JSON ({exc.msg})") from exc
            if not isinstance(rec, dict):
                raise InputError(f"{where}: each line must be a JSON object")
            if rec.get("doc_id") in (None, ""):
                raise InputError(f"{where}: missing doc_id")
            if not isinstance(rec.get("text"), str):
                # The document still gets its row (alone in its cluster): one bad record must not cost
                # the whole file its output.
                got = "missing" if rec.get("text") is None else f"a {type(rec['text']).__name__}, not a string"
                print(f"wiredesk dedup: {where}: text is {got}; grouping it as an empty text", file=sys.stderr)
                rec["text"] = ""
            yield lineno, rec


_NO_TITLE = "Untitled"


def _clean(rec: dict[str, Any], where: str) -> DedupDoc:
    """Clean one record's text with the pipeline's rules and make its DedupDoc."""
    from wiredesk.extract import extract_document, headline_first, is_html

    url = rec.get("url") or None
    fields: dict[str, Any] = {}
    if rec["text"].strip():
        text, headed = rec["text"], True
        if not is_html(text.encode()) and not headline_first(text, rec.get("title")):
            # The cleaner reads a plain text's first line as its headline (a page dump); this text opens
            # with its story, so a headline line is put above it (and not reported as the title).
            text, headed = f"{rec.get('title') or _NO_TITLE}\n{text}", bool(rec.get("title"))
        try:
            fields = extract_document(text, url=url)
            if not headed:
                fields["title"] = None
        except Exception as exc:  # noqa: BLE001 - one page the cleaner cannot read must not stop the others
            # Every input line gets its output row: this one is grouped on its text as given, and said so.
            print(f"wiredesk dedup: {where}: could not clean the text ({exc}); grouping it as given", file=sys.stderr)
            fields = {"text": " ".join(rec["text"].split())}
    try:
        published = _parse_time(rec.get("published_at"), where)
    except InputError as exc:
        # Which copy is canonical may then differ from what the true date would give, so it is said
        # (naming the line), but the document keeps its row and the run its output.
        print(f"wiredesk dedup: {exc}; ordered as undated", file=sys.stderr)
        published = None
    published = published or _page_date(fields, where)
    return DedupDoc(
        article_id=str(rec["doc_id"]),
        day=_CLI_DAY,
        text=fields.get("text") or "",
        title=rec.get("title") or fields.get("title"),
        lead=fields.get("lead"),
        url=url,
        published_at=published,
        dateline=printed_dateline(fields.get("removed"), fields.get("dateline")),
    )


CLEAN_PARALLEL_MIN = 200  # records below which one process cleans them (starting workers costs more)


def _clean_job(job: tuple[dict[str, Any], str]) -> tuple[DedupDoc, str]:
    """:func:`_clean` of one record, with what it says on stderr returned instead of printed."""
    notes = io.StringIO()
    with contextlib.redirect_stderr(notes):
        doc = _clean(*job)
    return doc, notes.getvalue()


def _page_date(fields: dict[str, Any], where: str) -> dt.datetime | None:
    """The publication time the cleaner read from the page, unless it is a year alone.

    htmldate's last resort reads the year of a page's copyright line ("© 2026 The Outlet") as 1 January of
    that year. Such a date is months off: it made an undated copy the canonical (the earliest) and its
    cluster's story report, whose time then fell outside every other report's story window (another
    wire's report of the same event was split off). A page date given as midnight on 1 January by the
    page text is taken as that guess, and the copy is ordered as undated.
    """
    published = _parse_time(fields.get("published_at"), where)
    if (
        published is not None
        and fields.get("published_at_source") == "text"
        and (published.month, published.day, published.hour, published.minute, published.second) == (1, 1, 0, 0, 0)
    ):
        return None
    return published


def _cli_progress(items: Iterable[Any], enabled: bool, total: int | None = None) -> Iterator[Any]:
    """Wrap ``items`` with the package's progress line when enabled."""
    from wiredesk.progress import progress

    return progress(items, total, "dedup: cleaned", enabled=enabled)


def dedup_jsonl(input_path: str, output_path: str | None, progress: bool) -> int:
    """Back end of ``wiredesk dedup``: clean, cluster, write CSV; 0 on success, 2 on bad input."""
    try:
        jobs: list[tuple[dict[str, Any], str]] = []
        seen: dict[str, int] = {}
        for lineno, rec in read_jsonl(input_path):
            doc_id = str(rec["doc_id"])
            if doc_id in seen:
                raise InputError(f"{input_path}:{lineno}: doc_id {doc_id!r} repeats line {seen[doc_id]}")
            seen[doc_id] = lineno
            jobs.append((rec, f"{input_path}:{lineno}"))
    except (InputError, OSError) as exc:
        print(f"wiredesk dedup: {exc}", file=sys.stderr)
        return 2
    # Cleaning (HTML extraction) is most of the command's time: on all cores for a large file, with each
    # record's warnings printed in input order.
    workers = min(os.cpu_count() or 1, len(jobs) // CLEAN_PARALLEL_MIN + 1)
    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    try:
        cleaned = pool.map(_clean_job, jobs, chunksize=32) if pool else map(_clean_job, jobs)
        docs: list[DedupDoc] = []
        for doc, notes in _cli_progress(cleaned, progress, len(jobs)):
            sys.stderr.write(notes)
            docs.append(doc)
    finally:
        if pool is not None:
            pool.shutdown()
    assigned, _ = _run_days(docs, None, DEFAULT_WINDOW_DAYS, DEFAULT_STORY_WINDOW_DAYS, progress=progress)
    out = open(output_path, "w", newline="", encoding="utf-8") if output_path else sys.stdout
    try:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        for a in assigned:
            w.writerow(
                (
                    a.article_id,
                    a.copy_cluster_id,
                    a.canonical_article_id,
                    a.story_id,
                    a.method,
                    f"{a.similarity:.4f}",
                )
            )
    finally:
        if output_path:
            out.close()
    return 0
