"""Copy clusters, canonical copies, story links, the incremental index and the ``wiredesk dedup`` back end."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import random
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from wiredesk import dedup
from wiredesk.dedup import DedupDoc

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "include" / "sample_dump" / "2017-10-23"  # the two seed documents, as the demo serves them
sys.path.insert(0, str(ROOT / "bench"))

import gen_copies  # noqa: E402

DAY = dt.date(2031, 3, 14)
UTC = dt.UTC

STORY = [
    "Fire crews spent the night fighting a blaze at the Halvern cold store on the edge of Port Osterby, "
    "where refrigerated trucks were parked nose to tail along the loading bay.",
    "The fire started shortly before midnight in a compressor room and spread along the roof, the regional "
    "fire service said, adding that 42 firefighters were sent to the site.",
    "Two night-shift workers were treated for smoke inhalation and a third was taken to hospital in "
    "Lindmark with burns to his hands, according to police spokeswoman Maren Toft.",
    "Roads around the industrial estate stayed closed on Tuesday morning and buses to the ferry terminal "
    "were diverted through the old town, causing long delays for commuters.",
    "The company that runs the store, Nordfrost Logistics, said about 900 tonnes of frozen fish and "
    "vegetables had been inside and that it was too early to say how much could be saved.",
    "Investigators have not said what caused the fire. A union representative said staff had complained "
    "about the compressors overheating during the summer.",
    "It was the third fire at a food warehouse in the region this year, after blazes in Karsby in March "
    "and in the harbour district of Lindmark in June.",
    "The mayor of Port Osterby, Jens Aaberg, said the city would review fire safety rules for cold stores "
    "and asked residents near the estate to keep their windows shut.",
    "Air quality measurements taken at dawn showed no dangerous levels of ammonia, the environment agency "
    "said, but it would keep monitoring until the site had cooled down.",
    "Insurers said the damage could run to tens of millions, making it one of the costliest fires in the "
    "province since a paper mill burned down in 2019.",
]
OTHER = [
    "A court in Velmar ordered the regional water company to pay compensation to 300 households whose "
    "tap water was contaminated with diesel after a pipe burst under a petrol station last winter.",
    "Judge Ana Brekke said the company had ignored three warnings from inspectors about the pipe, which "
    "ran less than a metre from an underground fuel tank installed in the 1970s.",
    "Residents of the Solberg district had to rely on bottled water for five weeks, and several families "
    "said children had fallen ill after drinking from the tap before the first warning was issued.",
    "The company said it would study the ruling before deciding whether to appeal. Its shares fell "
    "slightly in early trading in the capital after the verdict was announced.",
    "A separate criminal investigation into the spill is still open, prosecutors said, and two former "
    "managers have been questioned on suspicion of negligence.",
    "Consumer groups welcomed the decision and called for stricter rules on where fuel tanks may be "
    "placed near drinking water mains, especially in older neighbourhoods.",
]


def text(paragraphs: list[str]) -> str:
    """Paragraphs joined as cleaned text is."""
    return "\n\n".join(paragraphs)


def doc(
    article_id: str,
    body: str,
    *,
    day: dt.date = DAY,
    hour: int | None = 8,
    url: str | None = None,
    title: str | None = None,
) -> DedupDoc:
    """A DedupDoc with a published time on ``day`` at ``hour`` (None: no time)."""
    published = None if hour is None else dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)
    return DedupDoc(article_id=article_id, day=day, text=body, title=title, url=url, published_at=published)


def by_id(assignments: list[dedup.Assignment]) -> dict[str, dedup.Assignment]:
    """Assignments keyed by article id."""
    return {a.article_id: a for a in assignments}


# --- normalization and exact copies


def test_normalize_maps_typography_case_punctuation_and_whitespace():
    raw = "The town\u2019s \u201cmassacre\u201d \u2014 Al-Qaryatain:\u00a0 30,000  FLED\n\nNext\u2026 ｆｕｌｌｗｉｄｔｈ"
    assert dedup.normalize(raw) == "the towns massacre al qaryatain 30 000 fled next fullwidth"


def test_normalize_folds_latin_accents_and_keeps_other_scripts_marks():
    # An outlet that strips accents ("Sao Paulo") or stores them decomposed publishes the same copy.
    assert dedup.normalize("Pelé São Paulo NAÏVE Straße") == "pele sao paulo naive strasse"
    assert dedup.normalize(unicodedata.normalize("NFD", "Pelé São Paulo")) == "pele sao paulo"
    assert dedup.normalize("Łódź, Øresund") == "łodz øresund"  # letters of their own, not accents
    assert dedup.normalize("हिन्दी समाचार") == "हिन्दी समाचार"  # Devanagari vowel signs are letters' business
    assert dedup.normalize("Москва") == "москва"


def test_accent_stripped_and_decomposed_copies_are_exact_copies():
    story = "El presidente del sindicato, José Núñez, anunció una huelga de 48 horas en la fábrica de Peñalba."
    assert dedup.exact_key(story) == dedup.exact_key(unicodedata.normalize("NFD", story))
    assert dedup.exact_key(story) == dedup.exact_key(
        "El presidente del sindicato, Jose Nunez, anuncio una huelga de 48 horas en la fabrica de Penalba."
    )


def test_typographic_variants_are_exact_copies():
    plain = "He said: 'It's over' - and left. The toll is 116."
    fancy = "He said: \u2018It\u2019s over\u2019 \u2014 and left.  The toll is 116.\n"
    assert dedup.exact_key(plain) == dedup.exact_key(fancy)
    assert dedup.exact_key(plain) != dedup.exact_key(plain.replace("116", "117"))


def test_fast_path_equals_general_path():
    rng = random.Random(3)
    alphabet = "abcXYZ019 ,.;'\"-\n\t_()" + "é\u2019\u2014\u00a0ß"
    for _ in range(300):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        chunk = dedup._collapse([dedup._normalize_bytes(s)])
        body = bytes(chunk.buf[: chunk.ends[0]]).decode("utf-8")
        assert body == dedup.normalize(s), s


def test_exact_duplicates_share_cluster_with_method_exact():
    body = text(STORY)
    docs = [doc("a", body, hour=9), doc("b", body.replace("'", "\u2019"), hour=7), doc("c", body, hour=11)]
    got = by_id(dedup.assign(docs))
    assert got["b"].is_canonical and got["b"].method == "canonical"
    for k in ("a", "c"):
        assert got[k].copy_cluster_id == got["b"].copy_cluster_id
        assert got[k].canonical_article_id == "b"
        assert got[k].method == "exact" and got[k].similarity == 1.0
        assert got[k].linked_article_id in ("b", "a")


def test_empty_texts_are_never_grouped():
    got = by_id(dedup.assign([doc("a", ""), doc("b", "   "), doc("c", "")]))
    assert len({a.copy_cluster_id for a in got.values()}) == 3


def test_duplicate_article_ids_are_refused():
    with pytest.raises(ValueError, match="duplicate"):
        dedup.assign([doc("a", "x"), doc("a", "y")])


# --- near copies and containment


def test_copy_keeping_first_40_percent_joins_the_full_story():
    full = doc("full", text(STORY), hour=6)
    part = doc("part", text(STORY[:4]), hour=9)
    got = by_id(dedup.assign([full, part]))
    assert got["part"].copy_cluster_id == got["full"].copy_cluster_id
    assert got["part"].method == "containment"
    assert got["part"].similarity >= 0.9
    assert got["part"].linked_article_id == "full"


def test_edited_copy_joins_as_near():
    edited = list(STORY)
    edited[0] = "(The Osterby Courier) - " + edited[0]
    edited[2] = edited[2].replace("inhalation", "inhalaton").replace("third", "thrid")
    edited[6] = edited[6].replace("third", "fourth")
    edited.insert(
        5, "Readers in Karsby can donate through the community fund on Mill Street, organisers said."
    )
    got = by_id(dedup.assign([doc("orig", text(STORY), hour=6), doc("copy", text(edited), hour=8)]))
    assert got["copy"].copy_cluster_id == got["orig"].copy_cluster_id
    assert got["copy"].method == "near" and 0.5 <= got["copy"].similarity < 1.0


def test_different_stories_stay_apart():
    got = by_id(dedup.assign([doc("fire", text(STORY)), doc("court", text(OTHER))]))
    assert got["fire"].copy_cluster_id != got["court"].copy_cluster_id
    assert got["fire"].story_id != got["court"].story_id


def test_short_texts_join_only_exact_copies():
    a = "Police closed the bridge on Tuesday after a lorry hit the railing."
    b = "Police closed the bridge on Tuesday after a bus broke down."
    got = by_id(dedup.assign([doc("a", a), doc("b", b), doc("a2", a.upper())]))
    assert got["a"].copy_cluster_id == got["a2"].copy_cluster_id
    assert got["a"].copy_cluster_id != got["b"].copy_cluster_id


def test_overlap_made_of_boilerplate_does_not_link_unrelated_briefs(monkeypatch):
    disclaimer = (
        "The Weekly Lantern republishes agency content under licence and is not responsible for its "
        "accuracy. Questions about this article should be sent to the newsdesk, which answers within "
        "two working days of receiving them by post or email."
    )
    briefs = [
        "A lorry overturned near Brask on Monday, spilling grain.",
        "Umbra's council voted to close two libraries.",
        "A storm flooded cellars in Tessin and cut power.",
        "Farmers blocked a motorway over milk prices.",
    ]
    docs = [doc(f"brief{i}", f"{b}\n\n{disclaimer}") for i, b in enumerate(briefs)]
    # Two outlets carrying the same long story with that disclaimer are still copies of each other.
    docs += [
        doc("story1", text(STORY) + "\n\n" + disclaimer),
        doc("story2", text(STORY[:8]) + "\n\n" + disclaimer),
    ]
    got = by_id(dedup.assign(docs))
    assert len({got[f"brief{i}"].copy_cluster_id for i in range(4)}) == 4
    assert got["story1"].copy_cluster_id == got["story2"].copy_cluster_id
    # The guard is what keeps the briefs apart: without it they are grouped by the disclaimer.
    monkeypatch.setattr(dedup, "_boilerplate", lambda *args: dedup.np.zeros(0, dtype=dedup.np.uint64))
    unguarded = by_id(dedup.assign(docs))
    assert len({unguarded[f"brief{i}"].copy_cluster_id for i in range(4)}) == 1


NOTES = (
    "Readers can reach the {} newsroom around the clock on its hotline with tips, pictures and videos from "
    "their neighbourhood.",
    "Stories on this page arrive from our partner agencies overnight and are checked by the duty team each "
    "morning before publication.",
)
BRIEFS = [
    "Rail workers in the Norvik region began a 24-hour strike on Saturday, cancelling about 400 trains, the "
    "operator said. The union wants shorter shifts.",
    "Orlandia's central bank kept its key rate at 4.5% on Saturday, as expected, and said inflation was easing "
    "more slowly than forecast.",
    "A fire destroyed the 19th-century market hall in the centre of Dunmere early on Saturday, officials said. "
    "No one was hurt.",
]


def test_stacked_notes_beside_three_briefs_with_copies_are_boilerplate(monkeypatch):
    """Each brief on the wire and at two outlets under the same two notes: the notes are no story's."""
    docs = []
    for i, b in enumerate(BRIEFS):
        docs.append(doc(f"b{i}-wire", b))
        for o in range(2):
            notes = [NOTES[0].format(("Lantern", "Courier")[o]), NOTES[1]]
            docs.append(doc(f"b{i}-outlet{o}", "\n\n".join([b, *notes])))
    got = by_id(dedup.assign(docs))
    for i in range(3):
        assert len({got[f"b{i}-{v}"].copy_cluster_id for v in ("wire", "outlet0", "outlet1")}) == 1
    assert len({got[f"b{i}-wire"].copy_cluster_id for i in range(3)}) == 3
    # The first test alone does not see them: each note's holders share the other note and their briefs.
    monkeypatch.setattr(dedup, "_beside_stories", lambda *args: dedup.np.zeros(0, dtype=dedup.np.uint64))
    unguarded = by_id(dedup.assign(docs))
    assert len({unguarded[f"b{i}-wire"].copy_cluster_id for i in range(3)}) == 1


def test_a_write_through_keeps_its_shared_paragraphs_and_its_cluster(monkeypatch):
    """A wire story's later version (new lead, same tail) with copies of each: the tail is not boilerplate."""
    new_lead = [
        "Investigators said on Wednesday that a faulty compressor caused the fire at the Halvern cold store, "
        "which burned for nine hours and destroyed most of the building.",
        "Nordfrost Logistics said it would rebuild the store and that none of its 60 staff would lose their jobs "
        "while the site was closed, the company's director told reporters.",
        "The regional fire service said the last pockets of fire were put out before dawn and that the site had "
        "been handed over to police and insurers for inspection.",
    ]
    later = new_lead + STORY[3:]
    docs = []
    for v, paras, hour, desk in (("v1", STORY, 6, "Lindmark"), ("v2", later, 15, "Karsby")):
        signed = f"Additional reporting by the {desk} desk."
        # The version, a copy of it, and a copy keeping only its lead (which so circulates without the tail).
        docs += [doc(v, text(paras), hour=hour), doc(f"{v}-copy", text(paras + [signed]), hour=hour + 1)]
        docs.append(doc(f"{v}-lead", text(paras[:3] + [signed]), hour=hour + 2))
    para = dedup._featurize_chunk([d.text for d in docs], None)
    assert dedup._beside_stories(para.para_doc, para.para_hash, para.para_len).size == 0
    got = by_id(dedup.assign(docs))
    assert len({a.copy_cluster_id for a in got.values()}) == 1
    # Beside two stories that each circulate without it, a paragraph may be boilerplate or a write-through's.
    monkeypatch.setattr(dedup, "STORY_GROUPS", 2)
    assert dedup._beside_stories(para.para_doc, para.para_hash, para.para_len).size == 7


AGENCY_NOTES = [
    "CNA content is distributed to subscribers under licence. Any reproduction without the written permission "
    "of the agency is prohibited.",
    "For corrections and clarifications, contact the CNA duty editor by phone or e-mail at any hour of the day.",
    "CNA is the national news agency of the Coastline Republic, with bureaus in 14 cities and 60 countries.",
]
AGENCY_BRIEFS = [
    "The city zoo in Liranto on Wednesday named its newborn twin giraffe calves Sol and Luna after a public vote "
    "that drew more than 20,000 entries. Both calves are feeding well, keepers said.",
    "About 40,000 homes in the port city of Pellas were left without electricity for five hours on Wednesday "
    "after a fault at a substation, the grid operator said. Hospitals switched to generators.",
]


def test_two_briefs_under_one_agencys_notes_are_two_events(monkeypatch):
    """Notes longer than the briefs, under both: the texts share only the notes, and lead with other events."""
    docs = []
    for i, brief in enumerate(AGENCY_BRIEFS):
        docs.append(doc(f"b{i}-wire", text([brief, *AGENCY_NOTES])))
        docs.append(doc(f"b{i}-page", text([brief.replace(" on Wednesday", " on Wednesday morning"), *AGENCY_NOTES])))
    got = by_id(dedup.assign(docs))
    assert got["b0-wire"].copy_cluster_id == got["b0-page"].copy_cluster_id
    assert got["b1-wire"].copy_cluster_id == got["b1-page"].copy_cluster_id
    assert got["b0-wire"].copy_cluster_id != got["b1-wire"].copy_cluster_id
    assert dedup._other_events(docs[0].text, docs[2].text)
    # Without the lead check they are one cluster: two stories are too few for the boilerplate tests.
    monkeypatch.setattr(dedup, "_other_events", lambda a, b: False)
    unguarded = by_id(dedup.assign(docs))
    assert unguarded["b0-wire"].copy_cluster_id == unguarded["b1-wire"].copy_cluster_id


COMPANY_PROFILE = (
    "Harbin Marine, founded in 1961 in Port Ellery, builds ferries, tugs and offshore supply vessels and "
    "employs 3,200 people at yards in four countries. Its shares trade on the Coastline stock exchange."
)


def test_one_companys_two_stories_under_its_profile_are_two_events():
    """The profile and a sign-off are half of each text, and both stories name the company: still two events."""
    order = text([
        "Harbin Marine won an order for six electric harbour ferries from the city of Velsen on Thursday, worth "
        "about 90 million euros, the shipbuilder said.",
        "Chief executive Mara Lindqvist said the ferries would be built at the Port Ellery yard from next spring.",
        COMPANY_PROFILE,
        "Coastline Business Wire: company news as it happens.",
    ])
    strike = text([
        "Welders at Harbin Marine's Tessel yard walked out on Thursday over night-shift pay, their union said, "
        "halting work on two tugs for a Danish client.",
        "Union steward Piet Okafor said talks with management would resume on Monday in Tessel.",
        COMPANY_PROFILE,
        "Coastline Business Wire: company news as it happens.",
    ])
    assert dedup._other_events(order, strike)


def test_copies_that_share_their_lead_or_its_names_are_not_two_events():
    notes = text(AGENCY_NOTES)
    brief = AGENCY_BRIEFS[0]
    # One brief at two outlets, each with its own long trailer: the shared part is the lead.
    assert not dedup._other_events(
        text([brief, "Follow the Riverside Gazette on social media for more news from Liranto and beyond."]),
        text([brief, "Metro Today readers can send tips and pictures to our newsdesk at any time."]),
    )
    # A copy whose lead was edited (a prefix, a misspelt name) still shares its wording.
    edited = "(The Metro Post) - " + brief.replace("Liranto", "Lirantto")
    assert not dedup._other_events(text([brief, notes]), text([edited, notes]))
    # A write-through: a new lead naming the same place over the same tail.
    later = "Keepers at the Liranto zoo said on Thursday that the giraffe calves Sol and Luna had been shown to visitors."
    assert not dedup._other_events(text([brief, *STORY[:3]]), text([later, *STORY[:3]]))


# --- canonical copy and ids


def test_canonical_follows_the_documented_total_order():
    body = text(STORY)
    early = [doc("z-early", body, hour=5), doc("a-late", body, hour=9)]
    assert by_id(dedup.assign(early))["a-late"].canonical_article_id == "z-early"
    longer = [doc("short", text(STORY[:5]), hour=5), doc("long", body, hour=5)]
    assert by_id(dedup.assign(longer))["short"].canonical_article_id == "long"
    url = [doc("b", body, url="https://b.example/x"), doc("a", body, url="https://c.example/x")]
    assert by_id(dedup.assign(url))["a"].canonical_article_id == "b"
    no_url = [doc("b", body, url="https://b.example/x"), doc("a", body, url=None)]
    assert by_id(dedup.assign(no_url))["a"].canonical_article_id == "b"
    ids = [doc("b", body), doc("a", body)]
    assert by_id(dedup.assign(ids))["b"].canonical_article_id == "a"
    undated = [doc("a", body, hour=None), doc("b", body, hour=23)]
    assert by_id(dedup.assign(undated))["a"].canonical_article_id == "b"


def test_cluster_id_is_hash_of_the_canonical_on_its_first_day():
    got = by_id(dedup.assign([doc("x", text(STORY), hour=9), doc("y", text(STORY), hour=3)]))
    expected = "c_" + hashlib.blake2b(b"y", digest_size=8).hexdigest()
    assert got["x"].copy_cluster_id == got["y"].copy_cluster_id == expected
    assert got["x"].story_id.startswith("s_") and len(got["x"].story_id) == 18


def test_same_clusters_for_any_input_order():
    labeled = gen_copies.generate(600, seed=11)
    docs = [x.doc for x in labeled]
    first = dedup.assign(docs)
    shuffled = docs[:]
    random.Random(5).shuffle(shuffled)
    assert dedup.assign(shuffled) == first
    assert dedup.assign(docs[::-1]) == first


def test_worker_processes_give_the_same_result(monkeypatch):
    labeled = gen_copies.generate(1500, seed=13, days=2, late_share=0.1)
    docs = [x.doc for x in labeled]
    alone = dedup.assign(docs, workers=1)
    # Small batches run in-process; lower the bar so two workers share even this one (several jobs each).
    monkeypatch.setattr(dedup, "PARALLEL_MIN_DOCS", 10)
    monkeypatch.setattr(dedup, "CHUNK_DOCS", 64)
    monkeypatch.setattr(dedup, "PART_CHUNKS", 1)
    assert dedup.dedup_workers(len(docs), 2) == 2
    assert dedup.assign(docs, workers=2) == alone
    assert dedup.assign(docs[::-1], workers=2) == alone


def test_worker_count_comes_from_the_environment_and_small_batches_stay_in_process(monkeypatch):
    monkeypatch.setenv("WIREDESK_DEDUP_WORKERS", "3")
    assert dedup.dedup_workers(dedup.PARALLEL_MIN_DOCS) == 3
    assert dedup.dedup_workers(dedup.PARALLEL_MIN_DOCS, workers=1) == 1
    assert dedup.dedup_workers(dedup.PARALLEL_MIN_DOCS - 1) == 1


def test_a_story_never_splits_a_copy_cluster():
    labeled = gen_copies.generate(800, seed=12)
    story_of: dict[str, set[str]] = {}
    for a in dedup.assign([x.doc for x in labeled]):
        story_of.setdefault(a.copy_cluster_id, set()).add(a.story_id)
    assert all(len(s) == 1 for s in story_of.values())
    assert len(story_of) > 50


# --- story links


def _seed_docs() -> list[DedupDoc]:
    """The two seed reports, cleaned by the pipeline's extractor."""
    from wiredesk.extract import extract_document

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        fields = extract_document(path.read_bytes())
        out.append(
            DedupDoc(
                article_id=path.stem,
                day=dt.date(2017, 10, 23),
                text=fields["text"],
                title=fields["title"],
                lead=fields["lead"],
                dateline=fields["dateline"],
            )
        )
    return out


def test_seed_reports_are_different_copies_of_one_story():
    a, b = dedup.assign(_seed_docs())
    assert a.copy_cluster_id != b.copy_cluster_id
    assert a.story_id == b.story_id


def test_transliterated_names_meet_in_the_skeleton():
    assert dedup.skeleton("Al Qaryatain") == dedup.skeleton("Qaryatayn") == "krtn"
    assert dedup.skeleton("Abdel Rahman".replace(" ", "")) == dedup.skeleton("Abdurrahman")
    assert dedup.skeleton("Dvorzhetsky") == dedup.skeleton("Dvorzhetskyi")
    assert dedup.skeleton("Homs") != dedup.skeleton("Hama")
    # q, g and k spell one Arabic letter in different wires' styles.
    assert dedup.skeleton("Gaddafi") == dedup.skeleton("Qadhafi") == dedup.skeleton("Kadhafi")
    assert dedup.skeleton("Zelensky") == dedup.skeleton("Zelenskyy")
    assert dedup.skeleton("Kyiv") == dedup.skeleton("Kiev")
    assert dedup.skeleton("Mohammed") == dedup.skeleton("Muhammad")
    # x is ks (Alexander / Aleksandr), and a people's adjective is its country (Syrian / Syria).
    assert dedup.skeleton("Alexander") == dedup.skeleton("Aleksandr")
    assert dedup.skeleton("Syrian") == dedup.skeleton("Syria")
    assert dedup.skeleton("Chilean") == dedup.skeleton("Chile")
    assert dedup.skeleton("Brian") != dedup.skeleton("Bria")  # too short to be a country's adjective
    # Ukrainian h, Russian g; an h that opens no syllable stays silent (Thomas / Tomas, John / Jon).
    assert dedup.skeleton("Hrytsenko") == dedup.skeleton("Gritsenko")
    assert dedup.skeleton("Novohryhorivka") == dedup.skeleton("Novogrigoryevka")
    assert dedup.skeleton("Thomas") == dedup.skeleton("Tomas") and dedup.skeleton("John") == dedup.skeleton("Jon")


def _names(title: str | None, body: str) -> set[int]:
    return {k for k in dedup.story_features(title, None, body).weights if dedup._is_name(k)}


def _focus(title: str | None, body: str) -> frozenset[int]:
    return dedup.story_features(title, None, body).focus


def test_a_title_inside_a_capitalized_run_ends_a_name():
    """ "Kyiv Mayor Vitali Klitschko" names Kyiv and the mayor, as "Kiev mayor Vitaly Klitschko" does."""
    upper = _names(None, "The attack killed two people, Kyiv Mayor Vitali Klitschko said.")
    lower = _names(None, "The attack killed two people, Kiev mayor Vitaly Klitschko said.")
    assert upper == lower
    # A nationality before the title stays out of the person's whole name.
    ap = _focus(None, "On Tuesday President Volodymyr Zelenskyy visited a hospital.")
    rtr = _names(None, "On Tuesday Ukrainian President Volodymyr Zelensky toured a hospital.")
    assert ap <= rtr


def test_a_leading_acronym_is_a_name_of_its_own():
    afp = _focus(None, "Rescuers searched for survivors after the MV Santa Clara capsized off the island.")
    ap = _names(None, "Rescuers searched for survivors after the ferry Santa Clara overturned off the island.")
    assert afp & ap


def test_a_capitalized_run_does_not_cross_a_line_break():
    """A headline's last name and the lead's first word are not one name."""
    joined = _names("Ferry sinks near Tellis", "Rescuers searched the sea off Tellis on Saturday.")
    assert joined == _names(None, "Ferry sinks near Tellis.\n\nRescuers searched the sea off Tellis on Saturday.")
    assert _names(None, "Ferry sinks near Tellis") <= joined


def test_equally_weighted_names_enter_the_focus_in_the_order_the_text_gives_them():
    first_three = _focus(None, "Alpha Bravo met Charlie Delta and Echo Foxtrot.")
    assert len(first_three) == 3
    body = "Alpha Bravo met Charlie Delta, Echo Foxtrot, Golf Hotel, India Juliet and Kilo Lima."
    assert _focus(None, body) == first_three  # not the three whose hashed ids sort first


def test_different_names_of_one_entity_are_one_story_feature():
    def names(sentence: str) -> set[int]:
        return {k for k in dedup.story_features(None, None, sentence).weights if dedup._is_name(k)}

    group = [names(f"Residents said {n} fighters left the town before dawn.") for n in ("Daesh", "ISIS", "ISIL")]
    group.append(names("Residents said Islamic State fighters left the town before dawn."))
    assert len(group[0]) == 1 and all(group[0] <= g for g in group)  # "Islamic State" adds its two words
    # Matched on the written name: another name with the same skeleton ("Dias", "ds") stays itself.
    assert names("Residents said Dias fighters left the town before dawn.").isdisjoint(group[0])
    assert names("Officials of the UN met in the town.") <= names("Officials of the United Nations met in the town.")


def test_hand_written_reports_link_by_event_and_not_by_topic():
    stories = gen_copies._corpus_stories(dt.datetime(2031, 3, 14, tzinfo=UTC))
    docs = [
        DedupDoc(s.label, DAY, text(s.paragraphs), s.title, s.paragraphs[0], published_at=s.published)
        for s in stories
    ]
    got = by_id(dedup.assign(docs))
    event = {s.label: s.event for s in stories}
    for x in stories:
        for y in stories:
            if x.label < y.label:
                same = got[x.label].story_id == got[y.label].story_id
                assert same == (event[x.label] == event[y.label]), (x.label, y.label)
                assert got[x.label].copy_cluster_id != got[y.label].copy_cluster_id


def test_story_links_need_closeness_in_time():
    stories = {s.label: s for s in gen_copies._corpus_stories(dt.datetime(2031, 3, 14, tzinfo=UTC))}
    a, b = stories["corpus:quake_a"], stories["corpus:quake_b"]
    near = [
        DedupDoc("a", DAY, text(a.paragraphs), a.title, published_at=a.published),
        DedupDoc("b", DAY, text(b.paragraphs), b.title, published_at=a.published + dt.timedelta(hours=5)),
    ]
    far = [
        near[0],
        DedupDoc("b", DAY, text(b.paragraphs), b.title, published_at=a.published + dt.timedelta(days=9)),
    ]
    got_near, got_far = dedup.assign(near), dedup.assign(far)
    assert got_near[0].story_id == got_near[1].story_id
    assert got_far[0].story_id != got_far[1].story_id


def test_a_next_day_report_of_the_same_names_is_another_story():
    """Reports of one event come out within hours; the next day's report in the same place is a follow-up."""
    stories = {s.label: s for s in gen_copies._corpus_stories(dt.datetime(2031, 3, 14, tzinfo=UTC))}
    a, b = stories["corpus:harbor_fire_a"], stories["corpus:harbor_fire_b"]
    assert abs(b.published - a.published) < dt.timedelta(hours=3)  # the corpus keeps an event's own timing

    def pair(hours: float) -> list[dedup.Assignment]:
        first = DedupDoc("a", DAY, text(a.paragraphs), a.title, published_at=a.published)
        later = DedupDoc("b", DAY, text(b.paragraphs), b.title, published_at=a.published + dt.timedelta(hours=hours))
        return dedup.assign([first, later])

    same, next_day = pair(dedup.STORY_MAX_HOURS - 1), pair(24)
    assert same[0].story_id == same[1].story_id
    assert next_day[0].story_id != next_day[1].story_id


def test_a_date_without_its_time_is_read_as_the_middle_of_its_day_for_stories():
    stories = {s.label: s for s in gen_copies._corpus_stories(dt.datetime(2031, 3, 14, tzinfo=UTC))}
    a, b = stories["corpus:harbor_fire_a"], stories["corpus:harbor_fire_b"]
    day = dt.datetime.combine(a.published.date(), dt.time(0), tzinfo=UTC)  # "published_at": "2031-03-14"
    docs = [
        DedupDoc("a", DAY, text(a.paragraphs), a.title, published_at=day),
        DedupDoc("b", DAY, text(b.paragraphs), b.title, published_at=day + dt.timedelta(hours=21)),
    ]
    first, second = dedup.assign(docs)
    assert first.story_id == second.story_id
    hour = 3600 * 10**6
    assert dedup._story_times(np.array([0, 5 * hour], dtype=np.int64)).tolist() == [12 * hour, 5 * hour]


def test_a_story_spans_at_most_the_story_window_even_through_chained_links():
    hour = 3600 * 10**6
    never = np.iinfo(np.int64).max
    first_t, last_t = dedup._story_spans(np.array([hour, 13 * hour, 26 * hour, never], dtype=np.int64))
    assert dedup._within_span(first_t, last_t, 0, 1) and dedup._within_span(first_t, last_t, 1, 2)
    first_t[0], last_t[0] = hour, 13 * hour  # 0 and 1 made one story: the report 25 hours on does not join it
    assert not dedup._within_span(first_t, last_t, 0, 2)
    assert dedup._within_span(first_t, last_t, 0, 3)  # an undated report is not held to it


# --- the incremental index


def _run_days(data_dir: Path, docs: list[DedupDoc], order: list[dt.date], window: int = 7) -> dict:
    """Process days in ``order`` the way a scheduler would, rerunning stale later days (ascending)."""
    out: dict[str, dedup.Assignment] = {}
    pending, done = list(order), set()
    while pending:
        day = pending.pop(0)
        for a in dedup.dedup_day(data_dir, day, [d for d in docs if d.day == day], window_days=window):
            out[a.article_id] = a
        done.add(day)
        pending += [d for d in dedup.stale_days(data_dir, day, window) if d in done and d not in pending]
    return out


def test_five_days_forward_backward_and_shuffled_give_the_same_result(tmp_path):
    labeled = gen_copies.generate(900, seed=21, days=5, late_share=0.15)
    docs = [x.doc for x in labeled]
    days = sorted({d.day for d in docs})[:5]
    docs = [d for d in docs if d.day in days]
    assert len(days) == 5 and any(a.day != b.day for a in docs for b in docs[:1])
    shuffled = days[:]
    random.Random(2).shuffle(shuffled)
    forward = _run_days(tmp_path / "fwd", docs, days)
    assert _run_days(tmp_path / "bwd", docs, days[::-1]) == forward
    assert _run_days(tmp_path / "shuf", docs, shuffled) == forward
    # And the whole span as one in-memory batch (documents of several days) agrees too.
    assert by_id(dedup.assign(docs)) == forward
    # Late copies joined clusters of earlier days.
    day_of = {d.article_id: d.day for d in docs}
    spans = {}
    for a in forward.values():
        spans.setdefault(a.copy_cluster_id, set()).add(day_of[a.article_id])
    assert sum(len(s) > 1 for s in spans.values()) >= 5


def test_late_copy_joins_the_existing_cluster_and_keeps_its_id(tmp_path):
    d1, d2 = DAY, DAY + dt.timedelta(days=1)
    first = dedup.dedup_day(tmp_path, d1, [doc("orig", text(STORY), day=d1, hour=6)])
    late = dedup.dedup_day(tmp_path, d2, [doc("late", text(STORY[:4]), day=d2, hour=10)])
    assert late[0].copy_cluster_id == first[0].copy_cluster_id
    assert late[0].canonical_article_id == "orig" and not late[0].is_canonical
    assert late[0].linked_article_id == "orig" and late[0].method == "containment"
    assert late[0].story_id == first[0].story_id
    # History is read from the index: the first day's text is not needed again.
    history = dedup.load_history(tmp_path, d2, 7)
    assert history.days == (d1,)
    assert dedup.assign([doc("late", text(STORY[:4]), day=d2, hour=10)], history) == late


def test_a_day_without_articles_is_indexed_empty_and_later_days_still_link_across_it(tmp_path):
    d1, d2, d3 = DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)
    first = dedup.dedup_day(tmp_path, d1, [doc("orig", text(STORY), day=d1, hour=6)])
    assert dedup.dedup_day(tmp_path, d2, []) == []
    assert dedup.indexed_days(tmp_path) == [d1, d2]
    late = dedup.dedup_day(tmp_path, d3, [doc("late", text(STORY[:4]), day=d3, hour=10)])
    assert late[0].copy_cluster_id == first[0].copy_cluster_id
    assert dedup.assign([]) == []


def test_a_late_copy_published_earlier_becomes_canonical_from_its_day_on(tmp_path):
    d1, d2 = DAY, DAY + dt.timedelta(days=1)
    first = dedup.dedup_day(tmp_path, d1, [doc("reprint", text(STORY), day=d1, hour=12)])
    orig = DedupDoc("wire", d2, text(STORY), published_at=dt.datetime.combine(d1, dt.time(3), tzinfo=UTC))
    second = dedup.dedup_day(tmp_path, d2, [orig])
    assert second[0].copy_cluster_id == first[0].copy_cluster_id
    assert second[0].is_canonical and first[0].canonical_article_id == "reprint"


def test_copies_outside_the_window_start_a_new_cluster(tmp_path):
    d1, d9 = DAY, DAY + dt.timedelta(days=9)
    first = dedup.dedup_day(tmp_path, d1, [doc("orig", text(STORY), day=d1)])
    later = dedup.dedup_day(tmp_path, d9, [doc("again", text(STORY), day=d9)], window_days=7)
    assert later[0].copy_cluster_id != first[0].copy_cluster_id
    assert dedup.load_history(tmp_path, d9, 7).days == ()
    assert dedup.load_history(tmp_path, d9, 9).days == (d1,)


def test_rerunning_a_day_is_idempotent(tmp_path):
    labeled = gen_copies.generate(300, seed=4)
    docs = [x.doc for x in labeled if x.doc.day == DAY]
    first = dedup.dedup_day(tmp_path, DAY, docs)
    index = (dedup.partition_path(tmp_path, DAY) / "index.parquet").read_bytes()
    assert dedup.dedup_day(tmp_path, DAY, docs[::-1]) == first
    assert (dedup.partition_path(tmp_path, DAY) / "index.parquet").read_bytes() == index
    assert sorted(p.name for p in dedup.partition_path(tmp_path, DAY).iterdir()) == [
        "bands.parquet",
        "index.parquet",
    ]


def test_dedup_day_refuses_documents_of_another_day(tmp_path):
    with pytest.raises(ValueError, match="not of day"):
        dedup.dedup_day(tmp_path, DAY, [doc("x", "text", day=DAY + dt.timedelta(days=1))])


def test_dedup_day_writes_the_index(tmp_path):
    dedup.dedup_day(tmp_path, DAY, [doc("a", text(STORY)), doc("b", text(OTHER))])
    assert dedup.partition_path(tmp_path, DAY) == tmp_path / "dedup_index" / "dt=2031-03-14"
    assert dedup.partition_path(tmp_path, DAY).is_dir()
    assert dedup.load_history(tmp_path, DAY + dt.timedelta(days=1)).days == (DAY,)


# --- CLI back end


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    """Write rows as JSON Lines."""
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _csv_rows(data: str) -> list[dict[str, str]]:
    """Parse CSV text into dict rows."""
    return list(csv.DictReader(io.StringIO(data)))


def test_cli_writes_the_contract_columns_and_same_clusters_for_any_order(tmp_path):
    rows = [
        {
            "doc_id": "p1",
            "text": text(STORY),
            "url": "https://a.example/1",
            "published_at": "2031-03-14T06:00:00Z",
        },
        {
            "doc_id": "p2",
            "text": "<html><body><article><p>" + "</p><p>".join(STORY[:4]) + "</p></article></body></html>",
            "title": "Cold store fire",
        },
        {"doc_id": "p3", "text": text(OTHER)},
    ]
    out1, out2 = tmp_path / "a.csv", tmp_path / "b.csv"
    assert dedup.dedup_jsonl(str(_write_jsonl(tmp_path / "a.jsonl", rows)), str(out1), progress=False) == 0
    assert (
        dedup.dedup_jsonl(str(_write_jsonl(tmp_path / "b.jsonl", rows[::-1])), str(out2), progress=False) == 0
    )
    assert out1.read_text() == out2.read_text()
    lines = out1.read_text().splitlines()
    assert lines[0] == "doc_id,copy_cluster_id,canonical_doc_id,story_id,method,similarity"
    got = {r["doc_id"]: r for r in _csv_rows(out1.read_text())}
    assert got["p1"]["copy_cluster_id"] == got["p2"]["copy_cluster_id"] != got["p3"]["copy_cluster_id"]
    assert got["p2"]["canonical_doc_id"] == "p1" and got["p2"]["method"] == "containment"
    assert got["p1"]["method"] == "canonical" and float(got["p1"]["similarity"]) == 1.0


def test_cli_reads_plain_texts_that_open_with_their_story_and_files_saved_with_a_bom(tmp_path):
    # A plain text is the story itself unless its first line is a headline: before, the first line was
    # always taken for the headline, so a copy lost its lead (and a one-line text all of its words).
    lines = [
        {"doc_id": "story", "text": "\n".join(STORY)},  # opens with its first paragraph
        {"doc_id": "headed", "text": "Cold store fire in Port Osterby\n\n" + text(STORY)},  # a dump
        {"doc_id": "titled", "text": "\n".join(STORY), "title": "Fire at the cold store"},
        {"doc_id": "one-line", "text": STORY[0]},
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "".join(json.dumps(x) + "\r\n" for x in lines).encode())  # Windows tools
    out = tmp_path / "out.csv"
    assert dedup.dedup_jsonl(str(path), str(out), progress=False) == 0
    got = {r["doc_id"]: r for r in _csv_rows(out.read_text())}
    assert {r["canonical_doc_id"] for r in got.values()} == {"headed"}  # undated, same text: by id
    assert [got[k]["method"] for k in ("story", "titled", "one-line")] == ["exact", "exact", "containment"]
    docs = {ln: dedup._clean(rec, str(ln)) for ln, rec in dedup.read_jsonl(str(path))}
    assert [d.text.split("\n")[0] for d in docs.values()] == [STORY[0]] * 4
    assert [d.title for d in docs.values()] == [None, "Cold store fire in Port Osterby", "Fire at the cold store", None]


def test_cli_writes_to_stdout_without_output(tmp_path, capsys):
    path = _write_jsonl(tmp_path / "in.jsonl", [{"doc_id": "only", "text": text(OTHER)}])
    assert dedup.dedup_jsonl(str(path), None, progress=False) == 0
    rows = _csv_rows(capsys.readouterr().out)
    assert [r["doc_id"] for r in rows] == ["only"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({"text": "no id here"}, "in.jsonl:2: missing doc_id"),
        ("{not json", "in.jsonl:2: not valid JSON"),
        ({"doc_id": "a", "text": "dup"}, "in.jsonl:2: doc_id 'a' repeats"),
    ],
)
def test_cli_names_the_bad_line_and_fails(tmp_path, capsys, line, message):
    path = tmp_path / "in.jsonl"
    bad = line if isinstance(line, str) else json.dumps(line)
    path.write_text(json.dumps({"doc_id": "a", "text": "fine"}) + "\n" + bad + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert dedup.dedup_jsonl(str(path), str(out), progress=False) != 0
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    "value",
    [
        "2017-10-23T10:05:00Z",
        "2017-10-23T13:05:00+03:00",
        "2017-10-23 10:05:00",
        "Mon, 23 Oct 2017 10:05:00 GMT",
        "Mon, 23 Oct 2017 13:05:00 +0300",
        1508753100,
        1508753100000,
        "1508753100",
        "1508753100000",
        "23 October 2017 10:05",
    ],
)
def test_cli_reads_published_at_as_feeds_and_dumps_write_it(value):
    assert dedup._parse_time(value, "in.jsonl:1") == dt.datetime(2017, 10, 23, 10, 5, tzinfo=UTC)


@pytest.mark.parametrize("value", ["not a date", "yesterday", "12", "October 23", True, [2017]])
def test_cli_refuses_what_is_not_a_date_naming_the_line(value):
    with pytest.raises(dedup.InputError, match="in.jsonl:3: published_at"):
        dedup._parse_time(value, "in.jsonl:3")


def test_cli_keeps_every_document_of_a_file_with_odd_records(tmp_path, capsys):
    rows = [
        {"doc_id": "story", "text": text(STORY), "published_at": "sometime last week"},
        {"doc_id": "no-text"},
        {"doc_id": "null-text", "text": None},
        {"doc_id": "number-text", "text": 42},
        {"doc_id": "fragment", "text": "Storm hits the coast <p>" + " ".join(STORY) + "</p>"},
        {"doc_id": "controls", "text": text(OTHER).replace(" ", "\x00 ", 3)},
        {"doc_id": "cyrillic", "text": "Москва Заявила сегодня, что Делегация Прибыла в Кремль. " * 5},
    ]
    path = _write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.csv"
    assert dedup.dedup_jsonl(str(path), str(out), progress=False) == 0
    err = capsys.readouterr().err
    assert "in.jsonl:1: published_at 'sometime last week' is not a date" in err and "undated" in err
    assert "in.jsonl:2: text is missing" in err and "in.jsonl:4: text is a int, not a string" in err
    got = {r["doc_id"]: r for r in _csv_rows(out.read_text())}
    assert set(got) == {r["doc_id"] for r in rows}
    # The fragment is the story's text with a headline and some markup around it: a copy.
    assert got["fragment"]["copy_cluster_id"] == got["story"]["copy_cluster_id"]


def test_story_features_of_names_in_other_scripts():
    feats = dedup.story_features("Москва и Αθήνα", None, "Делегация из Москвы прибыла. At'ß Москва ответила.")
    assert feats.weights  # names without a Latin letter are keyed by themselves, not dropped or fatal


def test_cli_progress_goes_to_stderr_only_when_asked(tmp_path, capsys):
    path = _write_jsonl(tmp_path / "in.jsonl", [{"doc_id": f"d{i}", "text": s} for i, s in enumerate(STORY)])
    dedup.dedup_jsonl(str(path), str(tmp_path / "o.csv"), progress=False)
    assert capsys.readouterr().err == ""
    dedup.dedup_jsonl(str(path), str(tmp_path / "o.csv"), progress=True)
    err = capsys.readouterr().err
    assert "dedup" in err and "\r" in err


_ZH = (
    "新华社北京3月5日电 十四届全国人大二次会议5日上午在人民大会堂开幕。国务院总理在政府工作报告中提出，今年国内生产总值"
    "增长预期目标为百分之五左右。报告说，今年要着力扩大国内需求，推动经济实现良性循环。城镇新增就业一千二百万人以上，"
    "城镇调查失业率百分之五点五左右。居民消费价格涨幅百分之三左右。"
)
_ZH_OTHER = (
    "新华社上海3月5日电 上海市今天发布新一轮优化营商环境行动方案，提出二十条具体措施，支持外资企业在沪设立研发中心。"
    "方案明确，将进一步简化审批流程，压缩企业开办时间至一个工作日以内，并推动更多政务服务事项实现一网通办。"
)


def test_copies_in_a_script_written_without_spaces_are_found():
    # A Chinese text was one long "word": a handful of shingles, so only exact copies met.
    edited = _ZH.replace("着力扩大国内需求", "积极扩大国内需求") + "本报记者 张三"
    got = {a.article_id: a for a in dedup.assign([doc("zh1", _ZH), doc("zh2", edited, hour=9), doc("zh3", _ZH_OTHER)])}
    assert got["zh1"].copy_cluster_id == got["zh2"].copy_cluster_id != got["zh3"].copy_cluster_id
    assert got["zh2"].method == "near" and got["zh2"].canonical_article_id == "zh1"
    assert dedup.normalize("北京 3月") == "北 京 3 月"


def test_cli_takes_no_year_alone_from_a_page_for_its_date(tmp_path):
    """A page's copyright year ("© 2026") is not its publication date (htmldate reads it as 1 January)."""
    assert dedup._page_date({"published_at": "2026-01-01T00:00:00+00:00", "published_at_source": "text"}, "x") is None
    kept = {"published_at": "2026-01-01T00:00:00+00:00", "published_at_source": "meta"}
    assert dedup._page_date(kept, "x") == dt.datetime(2026, 1, 1, tzinfo=UTC)
    shown = {"published_at": "2026-05-06T09:30:00+00:00", "published_at_source": "text"}
    assert dedup._page_date(shown, "x") == dt.datetime(2026, 5, 6, 9, 30, tzinfo=UTC)
    page = (
        "<html><head><title>Cold store fire</title></head><body><article><h1>Cold store fire</h1><p>"
        + "</p><p>".join(STORY)
        + "</p></article><footer><p>&copy; 2026 The Example Courier. All rights reserved.</p></footer></body></html>"
    )
    rows = [
        {"doc_id": "wire", "text": text(STORY), "published_at": "2026-05-06T06:00:00Z"},
        {"doc_id": "page", "text": page, "url": "https://courier.example/news/fire"},
    ]
    out = tmp_path / "out.csv"
    assert dedup.dedup_jsonl(str(_write_jsonl(tmp_path / "in.jsonl", rows)), str(out), progress=False) == 0
    got = {r["doc_id"]: r for r in _csv_rows(out.read_text())}
    assert got["page"]["copy_cluster_id"] == got["wire"]["copy_cluster_id"]
    assert got["page"]["canonical_doc_id"] == "wire"  # the undated page is not "published" on 1 January


def test_one_unions_strikes_at_two_employers_are_two_stories(tmp_path):
    """Same town, union and leader, same day: each report's main name (its employer) is absent from the other."""
    import wire_variants2 as v2
    from labeled_copies import run_cli

    def rec(doc_id: str, title: str, paragraphs: list[str], hour: int) -> dict:
        return {"doc_id": doc_id, "text": v2.dump(title, paragraphs), "published_at": f"2026-10-08T{hour:02d}:00:00Z"}

    # Another wire's report of the steel strike, about Halvor too, stays with it. (One that named the town
    # more than the employer would be anchored on the town and could link to both strikes.)
    rival = [
        "BRENNICK (Reuters) - Halvor Steel shut down its furnaces on Thursday after the FMW union called out its "
        "members, union leader Oskar Lindqvist told reporters in Brennick.",
        "A spokesman said Halvor would supply key customers from its mill abroad.",
    ]
    docs = [
        rec("steel", v2.STRIKE_STEEL_TITLE, v2.STRIKE_STEEL, 9),
        rec("motors", v2.STRIKE_MOTORS_TITLE, v2.STRIKE_MOTORS, 11),
        rec("steel_rtr", "Halvor shuts furnaces as steel strike begins", rival, 10),
    ]
    got = run_cli(docs, tmp_path)
    assert got["steel"]["story_id"] == got["steel_rtr"]["story_id"]
    assert got["motors"]["story_id"] != got["steel"]["story_id"]


def test_reports_of_two_kinds_of_event_in_one_place_are_two_stories():
    """A bus crash and a quake in one town the same day share its names; their leads name other events."""

    def report(doc_id: str, title: str, paragraphs: list[str], hour: int) -> DedupDoc:
        published = dt.datetime(2031, 3, 14, hour, tzinfo=UTC)
        return DedupDoc(doc_id, DAY, text(paragraphs), title, paragraphs[0], published_at=published)

    crash = report(
        "crash",
        "Bus crash kills 12 near San Drelbra",
        [
            "Twelve passengers died on Friday when a bus collided with a lorry on the pass above San Drelbra, "
            "Holbas governor Ana Velik said.",
            "The driver of the lorry was detained. Velik said the road would be closed until Sunday.",
        ],
        8,
    )
    quake = report(
        "quake",
        "Quake kills 30 in San Drelbra",
        [
            "A strong earthquake flattened houses in San Drelbra on Friday, killing at least 30 people, "
            "Holbas governor Ana Velik said.",
            "Rescuers with dogs searched the ruins of the old market. Velik asked the army for tents.",
        ],
        11,
    )
    tremor = report(
        "tremor",
        "Thirty dead as tremor hits San Drelbra",
        [
            "At least 30 people were killed when a tremor of magnitude 6.2 shook San Drelbra, regional "
            "governor Ana Velik told reporters in Holbas.",
            "Hundreds spent the night outdoors, fearing aftershocks, as soldiers put up tents.",
        ],
        12,
    )
    got = by_id(dedup.assign([crash, quake, tremor]))
    assert len({x.copy_cluster_id for x in got.values()}) == 3
    assert got["quake"].story_id == got["tremor"].story_id
    assert got["crash"].story_id != got["quake"].story_id


def test_a_late_report_of_the_events_own_day_and_kind_joins_its_story(tmp_path):
    """Another wire's own report of Saturday's capsizing, out Sunday afternoon (30 hours on), is the same story;
    the next day's follow-up naming its own day, or the same day but no kind of event, is not."""
    import wire_variants2 as v2
    from labeled_copies import run_cli

    def rec(doc_id: str, title: str, paragraphs: list[str], when: str) -> dict:
        return {"doc_id": doc_id, "text": v2.dump(title, paragraphs), "published_at": when}

    follow_up = [
        "PORT AMARO (Reuters) - Police on Sunday arrested the owner of the ferry Santa Clara off Tellis island, "
        "coast guard spokesman Rafael Ocampo said, as divers recovered the last bodies.",
        "The Maritime Industry Authority said the owner had ignored a gale warning.",
    ]
    no_kind = [
        "PORT AMARO (Reuters) - The ferry Santa Clara's crew were questioned about what happened off Tellis "
        "island on Saturday, coast guard spokesman Rafael Ocampo said.",
        "The Maritime Industry Authority said the owner had ignored a gale warning.",
    ]
    docs = [
        rec("afp", v2.FERRY_AFP_TITLE, v2.FERRY_AFP, "2026-07-04T07:30:00Z"),
        rec("ap", v2.FERRY_AP_TITLE, v2.FERRY_AP, "2026-07-04T15:45:00Z"),
        rec("late", v2.FERRY_LATE_TITLE, v2.FERRY_LATE, "2026-07-05T13:20:00Z"),
    ]
    got = run_cli(docs, tmp_path)
    assert got["afp"]["story_id"] == got["ap"]["story_id"] == got["late"]["story_id"]
    for title, paragraphs in (("Ferry owner arrested", follow_up), ("Ferry crew questioned", no_kind)):
        other = rec("other", title, paragraphs, "2026-07-05T13:20:00Z")
        got = run_cli([*docs[:2], other], tmp_path)
        assert got["other"]["story_id"] != got["afp"]["story_id"], title


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            ("Norhaven ex-mayor jailed over bribes", "A former mayor of Norhaven was sentenced to three years on "
             "Friday for taking bribes, Norhaven District Court ruled, Judge Amara Kellerman presiding."),
            ("Norhaven man acquitted of arson", "A restaurant owner was acquitted on Friday by Norhaven District "
             "Court of setting fire to his premises, Judge Amara Kellerman ruled."),
        ),
        (
            ("Veltrana to build pump plant in Dunmere", "Veltrana Group will build a pump factory in Dunmere, "
             "investing 180 million euros, Veltrana Group chief Lotte Aagren said on Friday."),
            ("Veltrana recalls water filters", "Veltrana Group is recalling 40,000 water filters sold in Dunmere "
             "and elsewhere, Veltrana Group chief Lotte Aagren said on Friday."),
        ),
    ],
)
def test_one_court_or_one_company_on_one_day_tells_two_events_of_two_kinds(one, other):
    """Same town, court, judge or company, same day: a conviction and an acquittal, an investment and a
    recall are other events."""
    published = dt.datetime(2031, 3, 14, 9, tzinfo=UTC)
    docs = [
        DedupDoc(name, DAY, lead, title, lead, published_at=published)
        for name, (title, lead) in (("one", one), ("other", other))
    ]
    got = by_id(dedup.assign(docs))
    assert got["one"].story_id != got["other"].story_id


@pytest.mark.parametrize(
    ("printed", "region"),
    [
        ("SAN LORENZO DEL VALLE, Valdoria (AP) —", "Valdoria"),
        ("HOUSTON, TEXAS (AP) —", "Texas"),
        ("BAKU, Azerbaijan, November 27.", "Azerbaijan"),
        ("OSLO, Nov 21 (Reuters) -", None),
        ("Paris, 5 mars 2024 (AFP) -", None),
        ("ATHENS (ANA-MPA) -", None),
        (None, None),
    ],
)
def test_a_datelines_region_is_what_follows_its_place(printed, region):
    assert dedup.dateline_region(printed) == region


def test_the_printed_dateline_comes_from_what_cleaning_cut():
    removed = [{"kind": "title_suffix", "text": "| Site"}, {"kind": "dateline", "text": "KANDA, Valdoria (AP) —"}]
    assert dedup.printed_dateline(removed, "KANDA") == "KANDA, Valdoria (AP) —"
    assert dedup.printed_dateline([], "KANDA") == "KANDA"


def test_a_region_named_only_in_the_dateline_counts_among_a_reports_names():
    """AP names the country only in its dateline (cleaning cuts it from the text); another wire leads on it."""
    lead = "A mudslide buried homes in Kanda on Friday, killing nine, Governor Ilse Marr said."
    body = text([lead, "Rescuers dug by hand near the Tambor ravine."])
    valdoria = dedup._name_feature(dedup.skeleton("Valdoria"))
    region = dedup.dateline_region("KANDA, Valdoria (AP) —")
    assert valdoria in dedup.story_features("Mudslide buries homes in Kanda", lead, body, region).weights
    assert valdoria not in dedup.story_features("Mudslide buries homes in Kanda", lead, body).weights


def test_a_brief_that_is_a_storys_first_paragraph_joins_it():
    """43 words of a 500-word story: too few shared shingles for the LSH bands, but it opens with the story."""
    long_story = [p + " " + p.lower() for p in STORY] * 3  # about 500 words
    docs = [doc("wire", text(long_story), hour=6), doc("brief", long_story[0], hour=8)]
    got = by_id(dedup.assign(docs))
    assert got["brief"].copy_cluster_id == got["wire"].copy_cluster_id
    assert got["brief"].method == "containment"


def test_a_page_holding_two_stories_whole_joins_neither():
    """A live page that embeds two wires' stories in full is a copy of neither, and does not merge them."""
    other = [
        "Firefighters in Port Ellery contained a warehouse blaze on the docks late on Tuesday, the harbour "
        "authority said, and no one was hurt.",
        "The fire started in a store of cardboard bales and spread to the roof, the authority's spokesman "
        "Malik Osei told reporters at the quay.",
        "Cranes on two berths were stopped for four hours while crews kept the flames from a fuel depot "
        "next door, and shipping resumed at dawn.",
        "Investigators will examine the wiring of a conveyor that workers said had sparked earlier in the day.",
    ]
    live = text(["Live updates from the coast", *OTHER, "Meanwhile in Port Ellery:", *other, "More soon."])
    docs = [
        doc("story-a", text(OTHER), hour=6),
        doc("story-a2", text(OTHER[:4]), hour=7, url="https://b.example/a"),
        doc("story-b", text(other), hour=6),
        doc("live", live, hour=9),
    ]
    got = by_id(dedup.assign(docs))
    assert got["story-a"].copy_cluster_id == got["story-a2"].copy_cluster_id
    assert got["story-a"].copy_cluster_id != got["story-b"].copy_cluster_id
    assert got["live"].copy_cluster_id not in {got["story-a"].copy_cluster_id, got["story-b"].copy_cluster_id}
