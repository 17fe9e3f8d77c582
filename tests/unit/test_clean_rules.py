"""Generic cleaning rules on small plain-text and HTML documents: boilerplate out, look-alike sentences kept."""

from wiredesk.extract import extract_document

BODY = (
    "The council approved the budget on Tuesday after a long debate about road repairs.\n\n"
    "Officials said the money would go to resurfacing work on the busiest streets first.\n\n"
    "Residents had complained for years about potholes on the main roads into town.\n\n"
)


def test_originally_appeared_on_names_the_source_without_the_headline():
    out = extract_document(
        "Budget approved\n\n"
        + BODY
        + "This article originally appeared on The Fenwick Courier: Budget approved after debate\n"
    )
    assert out["original_source"] == "The Fenwick Courier"
    assert "originally appeared" not in out["text"]


def test_originally_published_with_a_date_is_a_date_not_a_source():
    out = extract_document(
        "Budget approved\n\n" + BODY + "This story was originally published March 2, 2024, 5:00 AM.\n"
    )
    assert out["original_source"] is None
    assert "originally published" not in out["text"]
    assert out["published_at"].startswith("2024-03-02")


def test_author_bio_after_the_story_is_cut_but_the_name_in_the_body_is_kept():
    out = extract_document(
        "Budget approved\n\nBy Jane Roe\n\n"
        "Jane Roe was not the only one surprised by the vote, said the mayor, who had expected a delay.\n\n"
        + BODY
        + "Jane Roe covers city hall. She joined the paper in 2020.\n"
    )
    assert out["byline"] == "Jane Roe"
    assert "Jane Roe was not the only one surprised" in out["text"]
    assert "covers city hall" not in out["text"]
