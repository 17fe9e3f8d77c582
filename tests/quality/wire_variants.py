"""Held-out-style wire copies with the edits outlets make that the other sets do not cover.

Written for tests/quality/test_dedup_variants.py before any tuning (so it measures, not fits). Seven
invented events, 31 documents, HTML pages (two page templates unlike tests/quality/wire_pages.py) and
plain-text dumps mixed. Each copy tests one edit:

* ``bridge`` (AP, 8 paragraphs), six copies: the wire text; paragraphs split into one sentence each; pairs
  of paragraphs merged with the dateline prefix dropped and a trailing "— AP" instead; curly quotes,
  HTML entities and no-break spaces where the wire has straight quotes and spaces; the last 60% only
  (the lead dropped) under a new headline with a local paragraph on top; a text dump whose prefix reads
  "Marrowgate (AP) -".
* ``bridge_rtr``: Reuters' report of the same collapse (other figures, other transliterations of the
  names): the same story, another copy cluster (three copies).
* ``fire`` (AFP, 8 paragraphs): the morning story, an outlet's copy of it, and the afternoon
  *write-through* (first three paragraphs rewritten with the new toll, the other five unchanged) with an
  outlet's copy of that. The write-through is **one copy cluster with the morning story**: it is the same
  wire story under its same slug, and five of its eight paragraphs are word for word the same (the brief
  counts a write-through of the same wire story as a copy when its text overlaps strongly).
* ``fire_next``: the next day's follow-up in the same place (an arrest over the fire, the same officials,
  towns and fire): a different story (three copies).
* ``farm_north`` / ``farm_south``: farmers' tractor blockades against the same diesel tax on the same day,
  in two different cities, by two wires, both quoting the same minister and union: two different stories.
* ``brief_a`` / ``brief_b``: 45-55-word briefs of two unrelated events from one agency that prints the
  same two notes (unknown to the cleaner) under every story: two copy clusters, two stories.

People, places, outlets and figures are invented.
"""

from __future__ import annotations

import html
import re

from labeled_copies import LabeledSet, report

# --------------------------------------------------------------------------------------------------
# The stories

BRIDGE_TITLE = "Bridge collapses in Marrowgate during rush hour, killing at least 11"
BRIDGE = [
    'MARROWGATE, Dalvania (AP) — A road bridge over the Sellen River collapsed during the morning rush hour in Marrowgate on Wednesday, sending cars and a city bus into the water and killing at least 11 people, officials said. Dozens more were injured.',
    'Divers from the fire brigade searched the murky water for hours for people who might be trapped in vehicles. City emergency director Yevgeni Strakhov said 34 people had been taken to hospitals, six of them in critical condition.',
    '"We heard a noise like thunder and then the whole middle section just folded," said Irina Malek, who was waiting at a tram stop near the river bank. "The bus was on it. I saw people climbing out of the windows."',
    'The 1960s concrete bridge carried about 40,000 vehicles a day between the old town and the industrial districts on the east bank. It had been scheduled for renovation next year, according to the city transport department.',
    'Mayor Dorian Fell declared a day of mourning and ordered inspections of the city\'s 23 other bridges. Prosecutors opened a criminal investigation into possible negligence, and the company that last inspected the structure in 2023 was asked to hand over its reports.',
    'Traffic in the city was gridlocked for much of the day as police closed the two nearest crossings as a precaution. Trams on the river line were suspended.',
    'Engineers said it was too early to say why the bridge failed. An expert at the national technical university, Paulina Roth, said heavy rain in recent weeks might have weakened the foundations of the central pier.',
    'Dalvania has struggled to maintain roads and bridges built before the 1990s. A government audit last year rated one in five road bridges as being in poor condition.',
]
BRIDGE_RTR_TITLE = "Death toll from Dalvania bridge collapse rises to 13"
BRIDGE_RTR = [
    'MARROWGATE, Dalvania, May 6 (Reuters) - At least 13 people were killed when a bridge in the Dalvanian city of Marrowgate gave way on Wednesday, plunging vehicles including a packed bus into the Sellen river, the city\'s emergency service said.',
    'Yevgeny Strachov, head of the emergency service, told reporters 38 people had been injured. Rescue divers were still searching the river in the evening and the toll could rise, he said.',
    'The bridge, one of four in the city centre, was built in 1964 and was due to be repaired in 2027. Mayor Dorian Fell said all bridges in the city would be checked.',
    'The prosecutor\'s office said it had opened a case on suspicion of negligence. Shares in Dalvan Infrastructure, which holds a maintenance contract for the city\'s roads, fell 9% on the Tarvel stock exchange.',
    'Footage shared on social media showed the central span of the bridge sagging into the river as cars braked at its edge.',
]
FIRE_TITLE = "Wildfire forces 3,000 to flee villages near Castel Arona"
FIRE = [
    'Castel Arona (AFP) - A wildfire fanned by strong winds forced about 3,000 people to leave their homes in hills near Castel Arona overnight, the regional civil defence said on Wednesday, as firefighters battled to keep the flames from the town.',
    'The fire broke out on Tuesday evening in pine forest north of the village of San Vero and had burned through some 1,800 hectares by morning, civil defence spokesman Matteo Greco told AFP.',
    'Residents of San Vero and two neighbouring hamlets were taken by bus to a sports hall in Castel Arona, where volunteers handed out food and camp beds.',
    '"The wind turned around midnight and the fire came down the hill very fast," said Lucia Ferrante, 67, who left her house with her husband and their two dogs. "We took the papers and the medicines, nothing else."',
    'Some 400 firefighters, supported by six water-bombing aircraft, were deployed, but the planes could not fly during the night. The regional president, Enzo Valli, said he would ask the government to declare a state of emergency.',
    'Temperatures in the region have topped 38 degrees Celsius for more than a week, and no rain has fallen since early April, according to the weather service.',
    'Scientists say human-caused climate change is making heatwaves longer and more intense, increasing the risk of large wildfires around the Mediterranean.',
    'Last summer, fires in the same region destroyed more than 12,000 hectares of forest and farmland.',
]
FIRE_WT_TITLE = "Two firefighters killed as wildfire near Castel Arona spreads"
FIRE_WT_LEAD = [
    'Castel Arona (AFP) - Two firefighters were killed on Wednesday as a wildfire near Castel Arona jumped a ridge and spread towards the coast, forcing the evacuation of about 5,000 people, the regional civil defence said.',
    'The two men, aged 29 and 44, died when their vehicle was surrounded by flames on a forest track above the village of San Vero, civil defence spokesman Matteo Greco told AFP. A third firefighter suffered severe burns.',
    'By the afternoon the fire had burned more than 3,500 hectares, and authorities ordered the evacuation of a campsite and two hotels on the coast road as a precaution.',
]
FIRE_NEXT_TITLE = "Man held on suspicion of starting Castel Arona wildfire"
FIRE_NEXT = [
    'Castel Arona (AFP) - Police near Castel Arona on Thursday arrested a 52-year-old man suspected of starting the wildfire that killed two firefighters and forced thousands from their homes, prosecutors said.',
    'The man, a farm worker from San Vero, was detained after witnesses reported seeing him burning dry brush on Tuesday afternoon despite a ban on open fires, prosecutor Carla Benedetti told a news conference.',
    'He faces charges of causing a fire through negligence and of manslaughter. His lawyer said he denied the accusations.',
    'Civil defence spokesman Matteo Greco said the fire was now under control and that most of the evacuated residents had been allowed to return home, although the road to San Vero remained closed.',
    'Regional president Enzo Valli said the region would pay for the funerals of the two firefighters and set up a fund for families who lost their homes.',
]
FARM_NORTH_TITLE = "Farmers block motorway into Kellborough in diesel tax protest"
FARM_NORTH = [
    'KELLBOROUGH, Norvania, May 6 (Reuters) - Hundreds of farmers drove their tractors onto the main motorway into Kellborough on Wednesday, blocking traffic for several hours in protest against a planned increase in the tax on agricultural diesel.',
    'Police said about 600 tractors took part in the blockade, which stretched for 12 km along the A4 north of the city. Commuters were advised to use trains, and several schools closed early.',
    'The Norvanian Farmers\' Union says the tax rise, which would end a discount that farmers have had since the 1980s, will cost an average family farm about 4,000 crowns a year.',
    'Agriculture Minister Helene Sorvik said the government was open to talks on a longer transition period but would not scrap the measure, which is part of a plan to cut subsidies for fossil fuels.',
    '"We feed this country and we cannot pay more and more every year," said Anders Lyng, a dairy farmer from near Kellborough, standing beside his tractor on the motorway.',
    'The union has called for further protests next week.',
]
FARM_SOUTH_TITLE = "Tractors clog Santerre city centre as farmers protest fuel tax rise"
FARM_SOUTH = [
    'SANTERRE, Norvania (AP) — Farmers steered hundreds of tractors into the centre of Santerre on Wednesday and dumped manure in front of the regional government building, protesting against a planned increase in the tax on agricultural diesel.',
    'Police estimated the crowd at about 2,500 people. Officers used pepper spray when a group of protesters tried to push through barriers at the building\'s entrance, and four people were detained.',
    'The Norvanian Farmers\' Union has accused the government of punishing farmers for a climate policy that spares big industry. Agriculture Minister Helene Sorvik has said she is ready to talk about the timing of the tax rise but not about scrapping it.',
    '"Every year there is a new tax, a new rule, a new form to fill in," said Maja Eklund, who grows potatoes and rapeseed south of Santerre. "Young people do not want to take over farms any more."',
    'The regional governor, Per Holmqvist, met a delegation of farmers in the afternoon and promised to pass on their demands to the government.',
]
BRIEF_A_TITLE = "Zoo in Liranto names rare twin giraffe calves"
BRIEF_A = (
    "LIRANTO, May 6 (CNA) – The city zoo in Liranto on Wednesday named its newborn twin giraffe calves Sol and Luna "
    "after a public vote that drew more than 20,000 entries. Twin births are extremely rare in giraffes, keepers said, "
    "and both calves are feeding well."
)
BRIEF_B_TITLE = "Power cut leaves 40,000 homes dark in Pellas"
BRIEF_B = (
    "PELLAS, May 6 (CNA) – About 40,000 homes in the port city of Pellas were left without electricity for up to five "
    "hours on Wednesday after a fault at a substation, the grid operator said. Hospitals switched to backup generators "
    "and traffic lights failed across the city centre."
)
# The agency's two notes under every story (unknown to the cleaner's rules).
CNA_NOTES = (
    "CNA content is distributed to subscribers under licence. Any reproduction without the written permission of "
    "the agency is prohibited.",
    "For corrections and clarifications, contact the CNA duty editor by phone or e-mail at any hour of the day or night.",
)
LOCAL_NOTE = (
    "Several families from our city live in Marrowgate, and the Dalvanian community association said it had set up "
    "a phone line for relatives seeking news of their loved ones."
)

OUTLETS = [
    dict(name="Riverside Gazette", dom="riversidegazette.example"),
    dict(name="Northern Wire Digest", dom="northernwiredigest.example"),
    dict(name="Metro Today", dom="metrotoday.example"),
    dict(name="The Evening Standard-Bearer", dom="standardbearer.example"),
    dict(name="Coastal Observer", dom="coastalobserver.example"),
]

# --------------------------------------------------------------------------------------------------
# Edits


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph (a quote's closing mark stays with its sentence)."""
    return [s for s in re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[\"“A-Z])", paragraph) if s]


def resplit(paras: list[str]) -> list[str]:
    """One sentence a paragraph, as some outlets' templates print wire copy."""
    return [s for p in paras for s in sentences(p)]


def merge_pairs(paras: list[str]) -> list[str]:
    """Paragraphs joined two by two."""
    return [" ".join(paras[i : i + 2]) for i in range(0, len(paras), 2)]


def curly(text: str) -> str:
    """Typographic quotes and apostrophes, and a no-break space inside figures and before units."""
    text = re.sub(r'"(?=\w)', "\u201c", text)
    text = text.replace('"', "\u201d")
    text = text.replace("'", "\u2019")
    return re.sub(r"(\d) (?=(?:km|people|vehicles|hectares))", "\\1\u00a0", text)


def entities(text: str) -> str:
    """HTML with named and numeric entities where a CMS writes them (quotes, dashes, apostrophes, spaces)."""
    out = html.escape(text, quote=False)
    return (
        out.replace("\u201c", "&ldquo;")
        .replace("\u201d", "&#8221;")
        .replace("\u2019", "&#x2019;")
        .replace("\u2014", "&mdash;")
        .replace("\u00a0", "&nbsp;")
    )


# --------------------------------------------------------------------------------------------------
# Page templates (unlike wire_pages.page: a blog-style CMS and a portal)


def cms_page(o: dict, title: str, paras: list[str], credit: str, date: str | None, slug: str, raw: bool = False) -> str:
    """A blog-style CMS article: header menu, author box, ad slots between paragraphs, tags, comments prompt."""
    body = []
    for j, p in enumerate(paras):
        body.append(f"<p>{p if raw else html.escape(p)}</p>")
        if j == 1:
            body.append('<div class="ad-slot"><span>Advertisement</span></div>')
        if j == 3:
            body.append(f'<p class="also"><a href="/{slug}-more">More from {html.escape(o["name"])}: city council votes on parking fees</a></p>')
    when = f'<time class="entry-date" datetime="{date}">{date[:10]}</time>' if date else ""
    return f"""<!doctype html>
<html lang="en-GB"><head><meta charset="UTF-8"><title>{html.escape(title)} &#8211; {html.escape(o["name"])}</title>
<meta name="description" content="{html.escape(title)}">{f'<meta property="article:published_time" content="{date}">' if date else ""}
</head><body class="single-post">
<header id="masthead"><div class="site-title"><a href="/">{html.escape(o["name"])}</a></div>
<ul class="menu"><li><a href="/home">Home</a></li><li><a href="/local">Local</a></li><li><a href="/world">World</a></li><li><a href="/contact">Contact</a></li></ul></header>
<div id="content"><article class="post"><header class="entry-header"><h1 class="entry-title">{html.escape(title)}</h1>
<div class="entry-meta">Posted by <span class="author">{html.escape(credit)}</span> {when}</div></header>
<div class="entry-content">{"".join(body)}</div>
<footer class="entry-footer"><span class="cat-links">Posted in News</span> <span class="tags-links">Tagged breaking, world</span></footer>
</article>
<div id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published. Required fields are marked *</p></div></div>
<footer id="colophon"><p>Copyright &copy; 2026 {html.escape(o["name"])}. Powered by WordPress.</p></footer></body></html>"""


def portal_page(o: dict, title: str, paras: list[str], credit: str, date: str | None, raw: bool = False) -> str:
    """A news portal: breadcrumbs, standfirst-less body in a section, a 'Most popular' box and a cookie note."""
    body = "\n".join(f"<p>{p if raw else html.escape(p)}</p>" for p in paras)
    return f"""<html><head><title>{html.escape(title)} | {html.escape(o["name"])}</title>
<meta property="og:title" content="{html.escape(title)}">{f'<meta name="pubdate" content="{date}">' if date else ""}</head>
<body><div class="cookie">We use cookies to improve your experience. <a href="/cookies">Manage preferences</a></div>
<div class="crumbs"><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; <a href="/news/world">World</a></div>
<section class="story"><h1>{html.escape(title)}</h1><div class="meta">Source: {html.escape(credit)}</div>
{body}
</section>
<div class="popular"><h2>Most popular</h2><ul><li><a href="/p1">Where to eat this summer: our critics' picks</a></li>
<li><a href="/p2">Five questions about the new school timetable</a></li><li><a href="/p3">Weather: sunshine returns at the weekend</a></li></ul></div>
<div class="footer">&copy; {html.escape(o["name"])} 2026 &middot; <a href="/about">About us</a> &middot; <a href="/advertise">Advertise</a></div></body></html>"""


def dump(title: str, paras: list[str], head: str = "", tail: str = "") -> str:
    """A plain-text vendor dump: title, optional header line, paragraphs, optional trailer."""
    parts = [title] + ([head] if head else []) + paras + ([tail] if tail else [])
    return "\n\n".join(parts)


# --------------------------------------------------------------------------------------------------
# The set


def build() -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The JSON Lines records and, per doc_id, its (copy label, story label)."""
    labeled = LabeledSet()
    add = labeled.add

    o = OUTLETS
    # bridge: six copies of one AP story
    add("bridge_wire", dump(BRIDGE_TITLE, BRIDGE), "bridge", "bridge", date="2026-05-06T07:10:00Z")
    add(
        "bridge_resplit",
        cms_page(o[0], BRIDGE_TITLE, resplit(BRIDGE), "Associated Press", "2026-05-06T08:02:00Z", "bridge"),
        "bridge",
        "bridge",
        url="https://riversidegazette.example/2026/05/06/bridge-collapse/",
    )
    merged = merge_pairs([BRIDGE[0].replace("MARROWGATE, Dalvania (AP) — ", "", 1)] + BRIDGE[1:])
    merged[-1] += " — AP"
    add(
        "bridge_merged",
        portal_page(o[1], "Marrowgate bridge collapse: at least 11 dead", merged, "AP", None),
        "bridge",
        "bridge",
        url="https://northernwiredigest.example/world/marrowgate-bridge",
    )
    add(
        "bridge_typo",
        cms_page(o[2], curly(BRIDGE_TITLE), [entities(curly(p)) for p in BRIDGE], "AP", "2026-05-06T09:30:00Z", "b", raw=True),
        "bridge",
        "bridge",
        url="https://metrotoday.example/news/bridge-marrowgate",
    )
    tail = [LOCAL_NOTE] + BRIDGE[round(len(BRIDGE) * 0.4) :]
    add(
        "bridge_tail",
        portal_page(o[3], "Local families anxious after deadly bridge disaster abroad", tail, "Agencies", "2026-05-06T11:45:00Z"),
        "bridge",
        "bridge",
        url="https://standardbearer.example/local/bridge-families",
    )
    add(
        "bridge_txt",
        dump(BRIDGE_TITLE, [BRIDGE[0].replace("MARROWGATE, Dalvania (AP) —", "Marrowgate (AP) -", 1)] + BRIDGE[1:]),
        "bridge",
        "bridge",
    )
    # bridge_rtr: another wire's report of the same collapse
    add("bridge_rtr_wire", dump(BRIDGE_RTR_TITLE, BRIDGE_RTR), "bridge_rtr", "bridge", date="2026-05-06T08:40:00Z")
    add(
        "bridge_rtr_page",
        cms_page(o[4], BRIDGE_RTR_TITLE, BRIDGE_RTR, "Reuters", "2026-05-06T09:10:00Z", "rtr"),
        "bridge_rtr",
        "bridge",
        url="https://coastalobserver.example/2026/05/06/dalvania-bridge/",
    )
    add(
        "bridge_rtr_txt",
        dump(BRIDGE_RTR_TITLE.upper(), BRIDGE_RTR, head="By Reuters Staff", tail="(Reporting by Ana Vrel; Editing by Tom Hale)"),
        "bridge_rtr",
        "bridge",
    )
    # fire: the morning story and its afternoon write-through (one copy cluster, see the module docstring)
    wt = FIRE_WT_LEAD + FIRE[3:]
    add("fire_wire", dump(FIRE_TITLE, FIRE), "fire", "fire", date="2026-05-06T06:00:00Z")
    add(
        "fire_page",
        portal_page(o[0], FIRE_TITLE, FIRE, "AFP", "2026-05-06T07:20:00Z"),
        "fire",
        "fire",
        url="https://riversidegazette.example/news/wildfire-castel-arona",
    )
    add("fire_wt_wire", dump(FIRE_WT_TITLE, wt, head="UPDATE 1"), "fire", "fire", date="2026-05-06T14:30:00Z")
    add(
        "fire_wt_page",
        cms_page(o[3], FIRE_WT_TITLE, [curly(p) for p in wt], "AFP", "2026-05-06T15:05:00Z", "fire2"),
        "fire",
        "fire",
        url="https://standardbearer.example/2026/05/06/wildfire-firefighters-killed/",
    )
    add(
        "fire_wt_txt",
        dump(FIRE_WT_TITLE, resplit(wt), tail="AFP"),
        "fire",
        "fire",
    )
    # fire_next: the next day's follow-up (another story)
    add("fire_next_wire", dump(FIRE_NEXT_TITLE, FIRE_NEXT), "fire_next", "fire_next", date="2026-05-07T09:15:00Z")
    add(
        "fire_next_page",
        portal_page(o[2], FIRE_NEXT_TITLE, FIRE_NEXT, "AFP", "2026-05-07T10:00:00Z"),
        "fire_next",
        "fire_next",
        url="https://metrotoday.example/news/arrest-wildfire",
    )
    add(
        "fire_next_cms",
        cms_page(o[4], "Arrest over deadly wildfire", FIRE_NEXT, "AFP", "2026-05-07T10:40:00Z", "arrest"),
        "fire_next",
        "fire_next",
        url="https://coastalobserver.example/2026/05/07/arrest-over-wildfire/",
    )
    # farm_north / farm_south: the same protest movement, one day, two places, two wires
    add("farm_north_wire", dump(FARM_NORTH_TITLE, FARM_NORTH), "farm_north", "farm_north", date="2026-05-06T10:00:00Z")
    add(
        "farm_north_page",
        cms_page(o[1], FARM_NORTH_TITLE, FARM_NORTH, "Reuters", "2026-05-06T10:45:00Z", "farm"),
        "farm_north",
        "farm_north",
        url="https://northernwiredigest.example/2026/05/06/farmers-motorway/",
    )
    add(
        "farm_north_merged",
        portal_page(o[4], "Tractor blockade on A4", merge_pairs(FARM_NORTH), "Reuters", None),
        "farm_north",
        "farm_north",
        url="https://coastalobserver.example/news/tractor-blockade",
    )
    add("farm_south_wire", dump(FARM_SOUTH_TITLE, FARM_SOUTH), "farm_south", "farm_south", date="2026-05-06T11:20:00Z")
    add(
        "farm_south_page",
        portal_page(o[0], FARM_SOUTH_TITLE, FARM_SOUTH, "AP", "2026-05-06T12:00:00Z"),
        "farm_south",
        "farm_south",
        url="https://riversidegazette.example/news/santerre-tractors",
    )
    add(
        "farm_south_txt",
        dump(FARM_SOUTH_TITLE, [FARM_SOUTH[0].replace("SANTERRE, Norvania (AP) — ", "", 1)] + FARM_SOUTH[1:], tail="— AP"),
        "farm_south",
        "farm_south",
    )
    # brief_a / brief_b: one agency's briefs of two unrelated events, the same two notes under each
    for key, title, text, date in (
        ("brief_a", BRIEF_A_TITLE, BRIEF_A, "2026-05-06T12:00:00Z"),
        ("brief_b", BRIEF_B_TITLE, BRIEF_B, "2026-05-06T13:40:00Z"),
    ):
        add(f"{key}_wire", dump(title, [text, *CNA_NOTES]), key, key, date=date)
        add(
            f"{key}_cms",
            cms_page(o[2], title, [text, *CNA_NOTES], "CNA", date, key),
            key,
            key,
            url=f"https://metrotoday.example/briefs/{key}",
        )
        add(
            f"{key}_portal",
            portal_page(o[3], "In brief: " + title, [curly(text), *CNA_NOTES], "CNA", None),
            key,
            key,
            url=f"https://standardbearer.example/brief/{key}",
        )
        add(f"{key}_txt", dump(title, [text.replace(" – ", " - ", 1), *CNA_NOTES], head="Coastline News Agency"), key, key)
    return labeled.docs, labeled.labels


if __name__ == "__main__":
    import sys

    report(build, sys.argv)
