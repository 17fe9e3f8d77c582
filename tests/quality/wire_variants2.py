"""Round-two held-out-style wire copies: the weaknesses left after tests/quality/wire_variants.py.

Written for tests/quality/test_dedup_variants2.py before any tuning (so it measures, not fits). Eight
invented events, HTML pages (two templates unlike the other sets: a forum-style page with a long reader
comment thread, and a magazine template with a related-links rail) and plain-text dumps mixed.

* ``quake`` (Reuters, 7 paragraphs), five copies: the wire; a forum page whose readers' comments below the
  story quote its sentences; a copy whose outlet rewrote the first paragraph entirely and kept the rest; a
  copy with four local paragraphs inserted in the middle; a copy republished with a correction note on top.
* ``quake_brief``: another agency's 50-word brief of the same quake, naming only the town and one official:
  another copy cluster, the **same story** (three copies, one an undated dump).
* ``quake_next``: the next day's follow-up in the same town (aid money, the same officials): another story.
  Two of its three copies are undated plain-text dumps (no ``published_at``, no date in the text).
* ``strike_steel`` / ``strike_motors``: one union strikes at two employers in one town on the same day,
  both reports quoting the union's leader: two different stories (three copies each).
* ``ferry``: a ferry capsizes; AFP reports in the morning, AP in the afternoon, and a third wire files its
  own report of the *same event* (no new development) about 30 hours after the first. Reports of one event
  share a story (BRIEF.md), so the late report is labelled with the ferry's story; whether dedup can see it
  without merging next-day follow-ups is what this measures.
* ``kyiv`` and ``tripoli``: two wires each, with transliteration variants of the names across wires
  (Zelensky/Zelenskyy, Kyiv/Kiev, Mohammed/Muhammad, Gaddafi/Qadhafi, Menfi/Manfi): one story each.

People (apart from the public figures the transliterations need), places, outlets and figures are invented.
"""

from __future__ import annotations

import html

from labeled_copies import LabeledSet, report
from wire_variants import dump, resplit

# --------------------------------------------------------------------------------------------------
# The stories

QUAKE_TITLE = "Earthquake damages homes in Vellmora, two killed"
QUAKE = [
    "VELLMORA, Ostrelia, Sept 14 (Reuters) - A magnitude 6.1 earthquake struck near the hill town of Vellmora on Monday, killing two people and damaging hundreds of homes, the national seismology institute and local officials said.",
    "The quake hit at 4:12 a.m. at a depth of 10 kilometres, about 8 kilometres south-east of the town, the institute said. It was felt as far away as the capital, Dravice, 140 kilometres to the north.",
    "Vellmora mayor Ansel Brandt told Reuters that an elderly couple died when the roof of their stone farmhouse caved in. At least 27 people were treated in hospital, most of them for cuts and broken bones.",
    '"Everybody ran out into the street in their pyjamas. The church bell rang by itself," said shopkeeper Mirela Tosk, whose shop window shattered. "We are sleeping in cars tonight."',
    "Engineers were checking the 18th-century bell tower of St Adalbert's church, where large cracks appeared, and the town's secondary school was closed until further notice.",
    "The interior ministry sent 200 rescue workers and a field kitchen. More than 40 aftershocks were recorded in the first six hours, the strongest of magnitude 4.3.",
    "The region sits on the Ostrelian fault line and was last hit by a deadly quake in 1987, when 31 people died in villages to the south.",
]
QUAKE_REWRITTEN_LEAD = (
    "Two elderly residents died and hundreds of houses were left cracked or roofless after the ground shook violently "
    "before dawn in the hill town of Vellmora, authorities reported, in the strongest tremor to hit the area in decades."
)
QUAKE_LOCAL = [
    "In Harlow Bridge, members of the local Ostrelian club said they had been calling relatives in Vellmora since early morning.",
    "Club chair Petra Ivanic said most families had been reached, but phone lines into the hill villages were still patchy by lunchtime.",
    "The club will collect blankets, tinned food and baby supplies at its hall on Mill Lane on Tuesday and Wednesday evenings.",
    "Harlow Bridge council said it would light the town hall in the colours of the Ostrelian flag on Monday night as a mark of solidarity.",
]
QUAKE_CORRECTION = (
    "Correction: An earlier version of this story misstated the depth of the earthquake. It was 10 kilometres, not 100."
)
QUAKE_COMMENTS = [
    (
        "hillwalker_77",
        '"Everybody ran out into the street in their pyjamas." That must have been terrifying. Thoughts with everyone in Vellmora.',
    ),
    (
        "M. Dorsey",
        "A magnitude 6.1 earthquake at a depth of 10 kilometres is shallow, that's why the damage is so bad. Building codes matter.",
    ),
    (
        "Kestrel",
        "I stayed in Vellmora two summers ago, lovely town. The bell tower of St Adalbert's church is beautiful, hope it can be saved.",
    ),
    (
        "realist",
        "The interior ministry sent 200 rescue workers and a field kitchen. 200? For hundreds of damaged homes? Pathetic.",
    ),
    ("anna_k", "Last hit by a deadly quake in 1987 - my grandparents lost their house then. History repeating."),
    ("hillwalker_77", "@realist they always send more once the army gets there, give it a day."),
]

QUAKE_BRIEF_TITLE = "Quake kills two in Ostrelian town"
QUAKE_BRIEF = (
    "VELLMORA, Sept 14 (ONA) - Two people were killed and more than two dozen injured when an earthquake shook "
    "Vellmora early on Monday, mayor Ansel Brandt said. Several old buildings in the town centre were badly "
    "damaged and rescue teams were searching collapsed barns on the outskirts. Residents spent the morning outside."
)

QUAKE_NEXT_TITLE = "Government pledges rebuilding money for quake-hit Vellmora"
QUAKE_NEXT = [
    "VELLMORA, Ostrelia (Reuters) - The government will spend 45 million crowns rebuilding homes damaged by the earthquake in Vellmora, Prime Minister Teodor Halas said on a visit to the town, where hundreds of residents spent a second night in tents.",
    "Halas walked through the old town with mayor Ansel Brandt and promised that families whose houses were declared unsafe would receive rent support for a year.",
    "Engineers have so far inspected 640 buildings and found 112 of them unfit to live in, the interior ministry said. The bell tower of St Adalbert's church will be dismantled stone by stone and rebuilt.",
    'Some residents complained that tents and portable toilets arrived too late. "The first night we had nothing but our cars," said pensioner Ruta Sommer.',
    "Schools in the town will reopen next week in a sports hall and in prefabricated classrooms, the education ministry said.",
]

STRIKE_STEEL_TITLE = "Steelworkers walk out at Halvor plant in Brennick over pay"
STRIKE_STEEL = [
    "BRENNICK (NPA) - About 1,800 workers at the Halvor Steel plant in Brennick walked off the job on Thursday after pay talks broke down, the Federation of Metal Workers (FMW) said, halting both blast furnaces for the first time since 2009.",
    'The union is demanding a 9% rise to make up for inflation, while Halvor has offered 4% over two years. FMW leader Oskar Lindqvist said the strike would last "as long as it takes".',
    '"The furnaces are cold and they will stay cold until management comes back with a serious offer," Lindqvist told workers at a rally outside the plant gates.',
    "Halvor, which employs 2,300 people in Brennick, said the union's demand would make the plant loss-making and that it had contingency plans to supply key customers from its mill abroad.",
    "Cooling the furnaces risks damaging their linings, and restarting them can take weeks, industry analysts said.",
    "The plant produces about 1.2 million tonnes of steel a year, mostly flat products for the car and appliance industries.",
]
STRIKE_MOTORS_TITLE = "Corran assembly line stops as union strikes over night shifts"
STRIKE_MOTORS = [
    "BRENNICK (Reuters) - Production at Corran Motors' assembly plant in Brennick stopped on Thursday as members of the Federation of Metal Workers (FMW) struck over plans to introduce a permanent night shift, the company said.",
    "About 900 of the plant's 1,400 workers joined the 24-hour stoppage, union leader Oskar Lindqvist said, adding that further walkouts were planned for next month if Corran did not drop the plan.",
    "Corran wants to run the line around the clock from January to build its new electric van, the Corran Volta, for which it says it has orders of 30,000 units.",
    '"Nobody is against the van. We are against people working nights for ever with no say in it," Lindqvist told reporters at the factory gate.',
    "A Corran spokeswoman, Hanne Voss, said the company had offered a 15% night premium and would meet union representatives again on Monday.",
    "The plant, opened in 1998, is the largest private employer in the Brennick area after the steel mill.",
]

FERRY_AFP_TITLE = "Ferry capsizes off Tellis island, dozens missing"
FERRY_AFP = [
    "Port Amaro (AFP) - A passenger ferry carrying more than 150 people capsized in rough seas off Tellis island early on Saturday, and at least 34 people were missing, the coast guard said.",
    "The MV Santa Clara was sailing from Port Amaro to Tellis when it was hit by a large wave about two nautical miles from the island's harbour, coast guard spokesman Rafael Ocampo told AFP.",
    "Fishing boats and two navy vessels had pulled 118 survivors from the water by mid-morning, he said. Nine bodies had been recovered.",
    "Relatives gathered at the ferry terminal in Port Amaro, where officials posted lists of the rescued on a notice board.",
    "Ferry accidents are common in the archipelago, where many vessels are old and often overloaded.",
]
FERRY_AP_TITLE = "Search goes on for missing after ferry sinks near Tellis"
FERRY_AP = [
    "PORT AMARO (AP) — Rescuers searched through the afternoon on Saturday for dozens of people missing after the ferry Santa Clara overturned near Tellis island, with the confirmed death toll rising to 14.",
    "Coast guard spokesman Rafael Ocampo said 121 people had been rescued. The ferry's manifest listed 149 passengers and 12 crew, but officials said unregistered passengers may have been aboard.",
    'Survivor Delia Ramos, 38, said the ship leaned sharply to one side after a wave broke over the deck. "People were screaming, children were crying, and then we were in the water," she said.',
    "The Maritime Industry Authority said it had suspended the ferry operator's other vessels pending an investigation.",
]
FERRY_LATE_TITLE = "Overloaded ferry overturned in heavy swell off Tellis, survivors say"
FERRY_LATE = [
    "PORT AMARO, (ANS) - The ferry Santa Clara, which capsized off Tellis island on Saturday morning, was carrying more passengers than allowed and listed badly before a wave hit it, survivors told ANS.",
    "Coast guard spokesman Rafael Ocampo said 15 bodies had been recovered from the sea near Tellis and 20 people were still missing. Survivors were treated at the provincial hospital in Port Amaro.",
    'Survivor Benito Lacson said cargo and motorcycles had been loaded on the upper deck, making the vessel top-heavy. "We felt it swaying even in the harbour," he said.',
    "The Maritime Industry Authority said investigators would examine whether the Santa Clara should have been allowed to sail despite a gale warning.",
]

KYIV_AP_TITLE = "Zelenskyy visits Kyiv hospital hit in overnight strike"
KYIV_AP = [
    "KYIV, Ukraine (AP) — President Volodymyr Zelenskyy on Tuesday visited a children's hospital in Kyiv that was damaged in an overnight drone and missile attack, and urged allies to speed up deliveries of air-defense systems.",
    "Two people were killed and 17 injured in the attack on the capital, according to Kyiv Mayor Vitali Klitschko. The hospital's surgical wing was hit and 60 young patients were moved to other clinics.",
    '"Every day of delay costs lives," Zelenskyy said in the hospital courtyard, surrounded by broken glass. "We need the systems that were promised, not in the autumn, but now."',
    "Ukraine's air force said it shot down 31 of 40 drones and six of nine missiles launched overnight.",
    "Russia's Defense Ministry said it had struck military-industrial targets and denied targeting civilian buildings.",
]
KYIV_RTR_TITLE = "Zelensky tours damaged Kiev children's hospital, presses for air defence"
KYIV_RTR = [
    "KIEV, (Reuters) - Ukrainian President Volodymyr Zelensky toured a Kiev children's hospital damaged in a Russian air attack overnight and called on Western partners to deliver promised air defence systems faster.",
    "The attack killed two people and wounded 17 across the capital, Kiev mayor Vitaly Klitschko said on the Telegram messaging app. Dozens of children were evacuated from the hospital's damaged surgical building.",
    "Zelensky said delays in deliveries were costing Ukrainian lives. Ukraine's air force said air defences destroyed 31 drones and six missiles.",
    "Moscow said its forces hit defence industry sites and did not target civilians.",
]

TRIPOLI_AFP_TITLE = "Libya's Menfi meets Seif al-Islam Gaddafi envoys in Tripoli"
TRIPOLI_AFP = [
    "Tripoli (AFP) - The head of Libya's Presidential Council, Mohammed al-Menfi, met envoys of Seif al-Islam Gaddafi in Tripoli on Sunday to discuss a timetable for long-delayed elections, the council said.",
    "The talks at the council's headquarters were the first publicly acknowledged contact between Menfi and the camp of the son of the late dictator Moamer Gaddafi, who has said he will stand for president.",
    'Menfi\'s office said the meeting covered "guarantees for all candidates" and the return of displaced families to the town of Bani Walid.',
    "Libya has been split between rival administrations in Tripoli and the east for most of the past decade. A presidential vote planned for December 2021 was called off days before it was due.",
]
TRIPOLI_RTR_TITLE = "Libya presidential council chief holds talks with Qadhafi son's representatives"
TRIPOLI_RTR = [
    "TRIPOLI, (Reuters) - Libyan Presidential Council chief Muhammad al-Manfi held talks in Tripoli on Sunday with representatives of Saif al-Islam Qadhafi, a son of former leader Muammar Qadhafi, on a path to national elections, the council said in a statement.",
    "Manfi told the delegation that any electoral law had to be accepted by all sides, the statement said. Qadhafi's representatives were not available for comment.",
    "Saif al-Islam Qadhafi, who is wanted by the International Criminal Court, registered as a presidential candidate in 2021 before the election was postponed indefinitely.",
]

RAIL_TITLE = "Freight train derails near Ossberg, chemical leak forces evacuation"
RAIL = [
    "OSSBERG (dpa) - Twelve wagons of a freight train derailed near the small town of Ossberg on Friday night, and a leak of liquid ammonia from one of them forced the evacuation of about 600 residents, police said.",
    "No one was injured in the derailment itself, but eleven people were treated for breathing difficulties, a police spokeswoman, Karin Holler, said. A two-kilometre exclusion zone was set up around the site.",
    "The train was carrying fertiliser components from the port of Weslingen to a plant in the south. The cause of the accident was not yet known; the rail network operator said the track had been inspected in March.",
    "Firefighters in protective suits sealed the leaking tank car early on Saturday. Residents were housed overnight in a school gymnasium in the neighbouring village of Lindau am Forst.",
    "The main line between Weslingen and the south will remain closed for at least three days, disrupting passenger and freight traffic.",
    "Environmental officials were testing water in the Oss stream, which runs beside the track, for traces of ammonia.",
]
RAIL_REWRITTEN_LEAD = (
    "Hundreds of people living near the railway at Ossberg had to leave their homes in the middle of the night "
    "after toxic ammonia escaped from a derailed goods train, in one of the region's most serious rail accidents in years."
)
RAIL_LOCAL = [
    "Ossberg lies about 40 minutes from our city, and several readers told us they had seen a glow in the sky from the motorway.",
    "Commuters who use the line to Weslingen should expect replacement buses from Monday, the regional transport association said.",
    "The association advised passengers to allow an extra hour for journeys and said season tickets would be valid on the buses.",
    "Local farmers' association chair Bernd Kolb urged members in the exclusion zone to keep livestock indoors until the all-clear.",
]
RAIL_CORRECTION = (
    "Editor's note: This story has been corrected. An earlier version said the leak was of chlorine. It was ammonia."
)

OUTLETS = [
    dict(name="Valley Courier", dom="valleycourier.example"),
    dict(name="The Daily Ledger", dom="dailyledger.example"),
    dict(name="Harbour Times Online", dom="harbourtimes.example"),
    dict(name="Plainsman Post", dom="plainsmanpost.example"),
    dict(name="World Briefing", dom="worldbriefing.example"),
]


# --------------------------------------------------------------------------------------------------
# Page templates (unlike wire_variants' CMS and portal, and unlike wire_pages.page)


def forum_page(
    o: dict, title: str, paras: list[str], credit: str, date: str | None, comments: list[tuple[str, str]]
) -> str:
    """A community news site: the story, then a long reader comment thread that quotes it."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    thread = "\n".join(
        f'<li class="comment"><div class="comment-author"><b>{html.escape(who)}</b> says:</div>'
        f'<div class="comment-body"><p>{html.escape(said)}</p></div><a class="reply" href="#reply">Reply</a></li>'
        for who, said in comments
    )
    when = f'<span class="date">{date[:10]}</span>' if date else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{html.escape(title)} - {html.escape(o["name"])}</title>
{f'<meta itemprop="datePublished" content="{date}">' if date else ""}</head><body>
<nav><a href="/">Front page</a> | <a href="/forum">Forum</a> | <a href="/login">Log in</a></nav>
<main><article><h1>{html.escape(title)}</h1><div class="byline">{html.escape(credit)} {when}</div>
<div class="article-text">{body}</div></article>
<section id="comments"><h2>{len(comments)} comments</h2><ol class="commentlist">{thread}</ol>
<form class="comment-form"><p>Log in to join the discussion. Please keep comments civil.</p></form></section></main>
<footer><p>&copy; {html.escape(o["name"])} community news</p></footer></body></html>"""


def magazine_page(o: dict, title: str, paras: list[str], credit: str, date: str | None, top: str = "") -> str:
    """A magazine template: kicker, standfirst-free body, a related-links rail and a newsletter box."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    note = f'<p class="correction"><em>{html.escape(top)}</em></p>' if top else ""
    return f"""<html lang="en"><head><title>{html.escape(title)}</title>
<meta property="og:site_name" content="{html.escape(o["name"])}">{f'<meta property="article:published_time" content="{date}">' if date else ""}</head>
<body><div class="kicker">World</div><div class="wrap"><div class="main"><h1 class="headline">{html.escape(title)}</h1>
<p class="credit">By {html.escape(credit)}</p>{note}
<div class="body-copy">{body}</div></div>
<aside class="rail"><h3>Related</h3><ul><li><a href="/r1">In pictures: the week in 20 photos</a></li>
<li><a href="/r2">Opinion: why our railways need investment</a></li><li><a href="/r3">Crossword: today's puzzle</a></li></ul>
<div class="newsletter"><p>Sign up for our morning briefing. Get the day's top stories in your inbox.</p></div></aside></div>
<div class="foot">{html.escape(o["name"])} &middot; Terms &middot; Privacy</div></body></html>"""


# --------------------------------------------------------------------------------------------------
# The set


def build() -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The JSON Lines records and, per doc_id, its (copy label, story label)."""
    labeled = LabeledSet()
    add = labeled.add

    o = OUTLETS
    # quake: five copies of one Reuters story, each with one outlet edit
    add("quake_wire", dump(QUAKE_TITLE, QUAKE), "quake", "quake", date="2026-09-14T05:40:00Z")
    add(
        "quake_forum",
        forum_page(o[0], QUAKE_TITLE, QUAKE, "Reuters", "2026-09-14T07:05:00Z", QUAKE_COMMENTS),
        "quake",
        "quake",
        url="https://valleycourier.example/forum/news/quake-vellmora",
    )
    add(
        "quake_relead",
        magazine_page(
            o[1],
            "Dawn tremor leaves two dead in Ostrelian hill town",
            [QUAKE_REWRITTEN_LEAD, *QUAKE[1:]],
            "Reuters",
            "2026-09-14T08:15:00Z",
        ),
        "quake",
        "quake",
        url="https://dailyledger.example/world/dawn-tremor-ostrelia",
    )
    add(
        "quake_local",
        magazine_page(
            o[2],
            "Harlow Bridge families wait for news after Vellmora quake",
            [*QUAKE[:3], *QUAKE_LOCAL, *QUAKE[3:]],
            "Staff and agencies",
            "2026-09-14T11:30:00Z",
        ),
        "quake",
        "quake",
        url="https://harbourtimes.example/local/vellmora-families",
    )
    add(
        "quake_corrected",
        dump(QUAKE_TITLE, [QUAKE_CORRECTION, *QUAKE], head="(Corrects depth in paragraph 2)"),
        "quake",
        "quake",
        date="2026-09-14T09:55:00Z",
    )
    # quake_brief: another agency's brief of the same quake (same story, another copy cluster)
    add("quake_brief_wire", dump(QUAKE_BRIEF_TITLE, [QUAKE_BRIEF]), "quake_brief", "quake", date="2026-09-14T06:20:00Z")
    add(
        "quake_brief_page",
        magazine_page(o[4], QUAKE_BRIEF_TITLE, [QUAKE_BRIEF], "ONA", "2026-09-14T06:50:00Z"),
        "quake_brief",
        "quake",
        url="https://worldbriefing.example/briefs/ostrelia-quake",
    )
    add(
        "quake_brief_txt",
        dump(QUAKE_BRIEF_TITLE.upper(), [QUAKE_BRIEF.replace(" - ", " -- ", 1)]),
        "quake_brief",
        "quake",
    )
    # quake_next: the next day's follow-up in the same town, mostly undated dumps
    add("quake_next_wire", dump(QUAKE_NEXT_TITLE, QUAKE_NEXT), "quake_next", "quake_next", date="2026-09-15T13:10:00Z")
    add(
        "quake_next_txt",
        dump(QUAKE_NEXT_TITLE, QUAKE_NEXT, tail="(Reporting by Lena Marsh; Editing by Paul Cray)"),
        "quake_next",
        "quake_next",
    )
    add("quake_next_txt2", dump(QUAKE_NEXT_TITLE.upper(), resplit(QUAKE_NEXT)), "quake_next", "quake_next")
    # strike_steel / strike_motors: one union, one town, one day, two employers
    add(
        "steel_wire",
        dump(STRIKE_STEEL_TITLE, STRIKE_STEEL),
        "strike_steel",
        "strike_steel",
        date="2026-10-08T09:00:00Z",
    )
    add(
        "steel_page",
        magazine_page(o[3], STRIKE_STEEL_TITLE, STRIKE_STEEL, "NPA", "2026-10-08T10:20:00Z"),
        "strike_steel",
        "strike_steel",
        url="https://plainsmanpost.example/business/halvor-strike",
    )
    add("steel_txt", dump(STRIKE_STEEL_TITLE, STRIKE_STEEL[:4]), "strike_steel", "strike_steel")
    add(
        "motors_wire",
        dump(STRIKE_MOTORS_TITLE, STRIKE_MOTORS),
        "strike_motors",
        "strike_motors",
        date="2026-10-08T11:30:00Z",
    )
    add(
        "motors_page",
        forum_page(o[0], STRIKE_MOTORS_TITLE, STRIKE_MOTORS, "Reuters", "2026-10-08T12:05:00Z", []),
        "strike_motors",
        "strike_motors",
        url="https://valleycourier.example/forum/news/corran-strike",
    )
    add(
        "motors_txt",
        dump(STRIKE_MOTORS_TITLE, STRIKE_MOTORS, tail="(Reporting by Erik Dahl; Editing by Susan Frey)"),
        "strike_motors",
        "strike_motors",
        date="2026-10-08T12:40:00Z",
    )
    # ferry: AFP in the morning, AP in the afternoon, a third wire's own report of the event ~30 hours later
    add("ferry_afp_wire", dump(FERRY_AFP_TITLE, FERRY_AFP), "ferry_afp", "ferry", date="2026-07-04T07:30:00Z")
    add(
        "ferry_afp_page",
        magazine_page(o[1], FERRY_AFP_TITLE, FERRY_AFP, "AFP", "2026-07-04T08:10:00Z"),
        "ferry_afp",
        "ferry",
        url="https://dailyledger.example/world/ferry-tellis",
    )
    add("ferry_ap_wire", dump(FERRY_AP_TITLE, FERRY_AP), "ferry_ap", "ferry", date="2026-07-04T15:45:00Z")
    add(
        "ferry_ap_page",
        forum_page(
            o[2],
            FERRY_AP_TITLE,
            FERRY_AP,
            "AP",
            "2026-07-04T16:30:00Z",
            [("sailor", "Old ferries and gale warnings, every year the same story.")],
        ),
        "ferry_ap",
        "ferry",
        url="https://harbourtimes.example/forum/news/ferry-search",
    )
    add("ferry_late_wire", dump(FERRY_LATE_TITLE, FERRY_LATE), "ferry_late", "ferry", date="2026-07-05T13:20:00Z")
    add(
        "ferry_late_page",
        magazine_page(o[4], FERRY_LATE_TITLE, FERRY_LATE, "ANS", "2026-07-05T14:00:00Z"),
        "ferry_late",
        "ferry",
        url="https://worldbriefing.example/asia/ferry-overloaded",
    )
    # kyiv / tripoli: transliteration variants across two wires
    add("kyiv_ap_wire", dump(KYIV_AP_TITLE, KYIV_AP), "kyiv_ap", "kyiv", date="2026-06-09T10:15:00Z")
    add(
        "kyiv_ap_page",
        magazine_page(o[3], KYIV_AP_TITLE, KYIV_AP, "The Associated Press", "2026-06-09T11:00:00Z"),
        "kyiv_ap",
        "kyiv",
        url="https://plainsmanpost.example/world/zelenskyy-hospital",
    )
    add("kyiv_ap_txt", dump(KYIV_AP_TITLE, resplit(KYIV_AP)), "kyiv_ap", "kyiv")
    add("kyiv_rtr_wire", dump(KYIV_RTR_TITLE, KYIV_RTR), "kyiv_rtr", "kyiv", date="2026-06-09T09:50:00Z")
    add(
        "kyiv_rtr_page",
        forum_page(
            o[4],
            KYIV_RTR_TITLE,
            KYIV_RTR,
            "Reuters",
            "2026-06-09T10:40:00Z",
            [("vlad_s", "Slava Ukraini. Air defence now.")],
        ),
        "kyiv_rtr",
        "kyiv",
        url="https://worldbriefing.example/forum/kiev-hospital",
    )
    add("kyiv_rtr_txt", dump(KYIV_RTR_TITLE.upper(), KYIV_RTR, head="By Reuters Staff"), "kyiv_rtr", "kyiv")
    add("tripoli_afp_wire", dump(TRIPOLI_AFP_TITLE, TRIPOLI_AFP), "tripoli_afp", "tripoli", date="2026-03-22T14:00:00Z")
    add(
        "tripoli_afp_page",
        magazine_page(o[2], TRIPOLI_AFP_TITLE, TRIPOLI_AFP, "AFP", "2026-03-22T15:30:00Z"),
        "tripoli_afp",
        "tripoli",
        url="https://harbourtimes.example/world/libya-menfi",
    )
    add("tripoli_rtr_wire", dump(TRIPOLI_RTR_TITLE, TRIPOLI_RTR), "tripoli_rtr", "tripoli", date="2026-03-22T16:10:00Z")
    add(
        "tripoli_rtr_txt",
        dump(TRIPOLI_RTR_TITLE, TRIPOLI_RTR, tail="(Reporting by Aidan Lewis)"),
        "tripoli_rtr",
        "tripoli",
    )
    # rail: rewritten first paragraph, heavy insertion and a correction note (one copy cluster)
    add("rail_wire", dump(RAIL_TITLE, RAIL), "rail", "rail", date="2026-11-20T23:40:00Z")
    add(
        "rail_relead",
        forum_page(
            o[3],
            "Toxic leak after goods train derails at Ossberg",
            [RAIL_REWRITTEN_LEAD, *RAIL[1:]],
            "dpa",
            "2026-11-21T07:30:00Z",
            [],
        ),
        "rail",
        "rail",
        url="https://plainsmanpost.example/forum/news/ossberg-derailment",
    )
    add(
        "rail_local",
        magazine_page(
            o[0],
            "Ossberg derailment: what commuters need to know",
            [*RAIL[:2], *RAIL_LOCAL, *RAIL[2:]],
            "dpa/local staff",
            "2026-11-21T09:00:00Z",
        ),
        "rail",
        "rail",
        url="https://valleycourier.example/local/ossberg-commuters",
    )
    add(
        "rail_corrected",
        magazine_page(o[1], RAIL_TITLE, RAIL, "dpa", "2026-11-21T10:15:00Z", top=RAIL_CORRECTION),
        "rail",
        "rail",
        url="https://dailyledger.example/world/ossberg-train",
    )
    add("rail_txt", dump(RAIL_TITLE, [RAIL_CORRECTION, *RAIL[:5]]), "rail", "rail")
    return labeled.docs, labeled.labels


if __name__ == "__main__":
    import sys

    report(build, sys.argv)
