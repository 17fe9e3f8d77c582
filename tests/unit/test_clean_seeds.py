"""The two seed documents (plain-text vendor dumps) come out clean with the right fields."""

from pathlib import Path

import pytest

from wiredesk.extract import extract_document

SEEDS = Path(__file__).resolve().parents[2] / "include/sample_dump/2017-10-23"
ROOT_SITE = Path(__file__).resolve().parents[2] / "include/sample_site"


@pytest.fixture(scope="module")
def menafn():
    return extract_document((SEEDS / "000_60f9612ee5a9e451.txt").read_bytes())


@pytest.fixture(scope="module")
def ap():
    return extract_document((SEEDS / "004_fd024b4fc5a4634f.txt").read_bytes())


def test_menafn_title_is_full_headline(menafn):
    assert menafn["title"] == "Daesh 'executed' 116 in Syria's Al Qaryatain town revenge campaign"


def test_menafn_fields(menafn):
    assert menafn["original_source"] == "Jordan Times"
    assert menafn["dateline"] == "BEIRUT"
    assert menafn["syndicator"] == "MENAFN"
    assert menafn["publisher"] == "MENAFN"
    assert menafn["wire_agency"] is None


def test_menafn_render_date_is_not_the_publication_date(menafn):
    assert menafn["published_at"] is None or not menafn["published_at"].startswith("2022")
    assert "render_date_only" in menafn["date_flags"]


def test_menafn_boilerplate_gone(menafn):
    text = menafn["text"]
    for junk in ("MENAFN", "Legal Disclaimer", "Jordan Times)", "BEIRUT —", "24 January 2022", "ca...|"):
        assert junk not in text
    assert text.startswith("The Daesh terror group executed dozens of civilians this month")
    assert text.endswith("An allied group, Jaish Khaled Bin Walid, is also present in parts of southern Syria.")
    assert "Daesh decline" in text  # a real subheading stays


def test_menafn_removals_are_audited(menafn):
    kinds = {r["kind"] for r in menafn["removed"]}
    assert {"render_date", "dateline", "disclaimer"} <= kinds
    assert any("Legal Disclaimer" in r["text"] for r in menafn["removed"])


def test_ap_fields(ap):
    assert ap["title"] == "Syria: ISIS slaughters scores in act of revenge"
    assert ap["wire_agency"] == "AP"
    assert ap["standfirst"] == "ISIS slaughtered dozens of civilians while retreating form a town in Syria."
    assert ap["byline"] == "AP"  # the printed credit; no person wrote it
    assert ap["authors"] == []


def test_ap_boilerplate_gone_body_kept(ap):
    text = ap["text"]
    assert "70,000 bullets" not in text
    assert "By: AP" not in text
    assert text.startswith("The bodies of at least 67 Syrian civilians")
    assert text.endswith("on the find of the civilian bodies in Qaryatayn.")
    assert "The head of the SOHR, Rami Abdurrahman, sad that what happened in the town was a “massacre.”" in text
    kinds = [r["kind"] for r in ap["removed"]]
    assert "related_link" in kinds and "byline" in kinds


def test_read_sentence_of_the_story_is_kept():
    doc = ("A title line\n\nThe court ruled on Monday that the law was void.\n\n"
           "Read the full ruling, the judge told reporters, and you will see why we decided as we did.\n\n"
           "The government said it would appeal the decision within weeks.\n\n"
           "Read more: Ten things to know about the court\n")
    out = extract_document(doc)
    assert "Read the full ruling, the judge told reporters" in out["text"]
    assert "Ten things to know" not in out["text"]


def test_dateline_with_agency_and_reporting_trailer():
    doc = ("Port strike ends\n\nLONDON, Oct 22 (Reuters) - Dock workers at the port ended a three-day strike on "
           "Sunday after a pay deal.\n\nThe union said members voted to accept the offer by a wide margin.\n\n"
           "Shipping lines said schedules would recover within a week.\n\n"
           "(Reporting by Jane Smith; Editing by John Doe)\n")
    out = extract_document(doc)
    assert out["wire_agency"] == "Reuters"
    assert out["dateline"] == "LONDON"
    assert out["byline"] == "Jane Smith"
    assert out["text"].startswith("Dock workers at the port")
    assert "Reporting by" not in out["text"]


def test_a_long_lede_copied_into_the_meta_description_stays_in_the_body():
    lede = ("The town council approved the new harbour plan on Tuesday. Work on the quay starts in spring. "
            "The mayor said the budget was agreed with the port authority. Fishermen asked for a second "
            "slipway. The council will review the costs in June after the first tenders arrive from builders.")
    paras = "".join(f"<p>Paragraph {i} of the story adds detail about the harbour works and the plan.</p>"
                    for i in range(6))
    html = (f'<html><head><title>Harbour plan approved</title><meta name="description" content="{lede}">'
            f"</head><body><article><h1>Harbour plan approved</h1><p>{lede}</p>{paras}</article></body></html>")
    out = extract_document(html)
    assert out["text"].startswith("The town council approved the new harbour plan on Tuesday.")
    assert out["standfirst"] is None



def test_menafn_page_without_other_dates_gets_no_render_date():
    page = ROOT_SITE / "menafn/1096185201/daesh-executed-116-in-syrias-al-qaryatain-town-revenge-campaign.html"
    out = extract_document(page.read_bytes())
    assert out["published_at"] is None
    assert "render_date_only" in out["date_flags"]


def test_a_visible_date_is_used_when_the_page_has_no_metadata():
    paras = "".join("<p>The bridge reopened to traffic after repairs that took months, officials said.</p>"
                    for _ in range(5))
    html = f"<html><body><article><h1>Bridge reopens</h1><p>Posted on 14 March 2019</p>{paras}</article></body></html>"
    out = extract_document(html)
    assert out["published_at"] == "2019-03-14T00:00:00+00:00"
    assert out["published_at_source"] == "text"


def test_a_fragment_of_markup_is_read_like_a_page():
    body = "The ferry service to the islands resumed on Tuesday after a week of storms, the operator said."
    out = extract_document(f"Ferries sail again <p>{body}</p><p>{body.replace('Tuesday', 'Wednesday')}</p>")
    assert body in out["text"] and "<p>" not in out["text"]


def test_control_characters_in_a_text_string_are_spaces_not_binary():
    out = extract_document("Ferries sail again\n\nThe ferry\x00 service to the islands\x0b resumed on Tuesday.")
    assert out["text"] == "The ferry service to the islands resumed on Tuesday."
