"""Round-four held-out-style wire copies: weaknesses not probed by wire_variants.py, wire_variants2.py or
wire_variants3.py.

Written for test_dedup_variants4.py blind (without reading the dedup or cleaning rules) and before any
tuning, so it measures, not fits. Nine invented events plus one live-update page, 37 documents, 12 copy
clusters, 10 stories, all on one day: every ``published_at`` falls within 2026-11-21 UTC, written with various
zones (Z, +00:00, +01:00, +02:00, +03:00, -05:00); seven records have none (five plain dumps, two pages). HTML
pages (two new templates: a US metro site with a related box and reader comments, and a live-update page) and
plain-text dumps mixed.

* ``factory_rtr`` (Reuters, ten paragraphs, about 500 words, British spelling): a fire at a garment factory.
  Six copies: the wire; a CMS page; a 45-word brief that is the **first paragraph only** (a truncated copy: by
  the brief's "confirmed by containment, so truncated copies join" it is one copy cluster with the full story);
  a plain dump in which the outlet **swapped paragraphs 4 and 5 and hard-wrapped every paragraph at 70
  characters** with single newlines; a US page on which **every number was reformatted** ("1,200" -> "1200",
  "5 per cent" -> "5%", "Nov. 21" -> "21 November", "14 million dollars" -> "$14mn", "23" -> "twenty-three", "2019" -> "'19") and **British spellings and words
  were Americanized** (labour/labor, centre/center, neighbouring/neighboring, organisation/organization,
  licence/license, storeys/stories, lorries/trucks); and a
  dump with a "(Reporting by ...)" tail. One copy cluster.
* ``factory_own``: another outlet's own 45-word brief on the same fire in its own words (and the same brief in a
  text dump). Another copy cluster, the **same story**.
* ``live``: a live-update page that embeds two different wire stories one after the other (AP's aid convoy story
  in full, then Reuters' Novohryhorivka story in full) under short live entries of its own. Decision: **its own
  copy cluster and its own story**. Copy clusters partition the documents, and the brief's near duplicates are
  texts whose overlap makes one a (possibly truncated) version of the other: each wire story is only about half
  the page, and the page is not a version of either story; labelling it with one would be arbitrary and
  labelling it with both is impossible. It reports two events, so it is not one report of either event.
* ``talks_ap`` / ``convoy_ap``: two AP stories from Marvesh on the same day that end with the **same standard
  two-paragraph background block** on the long-running Sarenne valley conflict (about 40% of each story), but
  report different events (ceasefire talks; an aid convoy). Two copy clusters, two stories.
* ``match_kestrel`` / ``match_brackley``: two PA match reports of the same league round with the same template
  phrases ("X beat Y 2-1 on Saturday", "moved up to ... in the table", attendance line) but different teams,
  scorers and grounds. Two copy clusters, two stories.
* ``warn_east`` / ``warn_west``: the national weather service's amber snow warnings for two neighbouring
  regions, near-identical wording (one template) but different regions, towns, hours and figures. Decision:
  **different events, two copy clusters, two stories**. The wording is near-duplicate, but a copy is a
  republication of one story and these are two separate warnings, each republished.
* ``grain``: one event (a drone strike on a grain terminal in Kharkiv region) reported by Reuters (Ukrainian
  transliteration: Kharkiv, Novohryhorivka, governor Oleksiy Hrytsenko, Kupiansk) and by
  Xinhua (Russian-based transliteration: Kharkov, Novogrigoryevka, Alexei Gritsenko, Kupyansk), with other
  figures. Two copy clusters (three and two documents), **one story**.
* ``ru_copy``: one Russian-language Interfax story republished by three outlets with different typography:
  «ёлочки» quotes and em dashes; „лапки“ quotes, en dashes and every ё written as е; straight quotes, hyphens
  and no-break spaces in numbers. One copy cluster, one story (four documents).

People, places (except Kharkiv/Kharkov region and the agencies' home cities), outlets, teams, companies and
figures are invented; of the agencies, AP, AFP, Reuters, PA, Xinhua and Interfax are real names.
"""

from __future__ import annotations

import html
import re
import textwrap

from labeled_copies import LabeledSet, report
from wire_variants import cms_page, curly, dump, portal_page
from wire_variants2 import forum_page, magazine_page

# --------------------------------------------------------------------------------------------------
# The stories

FACTORY_TITLE = "Fire at Dovrana garment factory kills 23, hundreds of workers trapped"
FACTORY = [
    "TESHRAM, Dovrana, Nov. 21 (Reuters) - A fire tore through a five-storey garment factory on the outskirts of Teshram on Saturday, killing at least 23 workers and injuring more than 60, police said, as firefighters struggled to reach people trapped behind locked exits.",
    "The blaze broke out at about 9 a.m. on the second floor of the Kalinda Apparel plant, which employs about 1,200 people, and spread quickly through stacks of fabric and yarn, fire service chief Rajan Odhiambo-Sethi told reporters at the scene. Witnesses said thick black smoke poured from the windows for more than three hours.",
    '"The stairs were full of smoke and the gate at the bottom was chained," said Meera Talvani, 24, a sewing machine operator who escaped by climbing onto the roof of a neighbouring warehouse. "We were screaming for someone to bring the key."',
    "The injured were taken to the Teshram General trauma centre and two private hospitals, where doctors said at least nine people were in critical condition with severe burns. Relatives gathered outside the factory gates late into the afternoon, holding up photographs of missing workers.",
    "Labour Minister Anjali Pereira-Khan said the government would set up an inquiry and that the factory's owners would be prosecuted if safety rules were found to have been broken. The owners, the Kalinda group, could not immediately be reached for comment.",
    "Garment exports account for about 14 million dollars a day and roughly 5 per cent of Dovrana's economic output, and the industry employs more than 600,000 people, most of them young women. Labour organisations have long complained of overcrowded workshops, blocked fire exits and unpaid overtime in the sector.",
    "Firefighters said their engines had been slowed by narrow lanes crowded with market stalls and parked lorries, and that the nearest hydrant was out of order. Rescuers used ladders and cutting tools to break through barred windows on the third floor, carrying out workers who had collapsed in the smoke. Some employees jumped from second-floor windows onto the awnings of shops below.",
    "A police spokesman, Davit Morrow-Iyer, said the building's licence allowed only three storeys and that the top two floors appeared to have been added without permission. Investigators would examine electrical wiring on the second floor, where workers said sparks had been seen coming from a switchboard the week before. The factory's manager and a security guard were being questioned, he said, and the site had been sealed.",
    "Buyers for several European clothing brands said they were seeking information from their suppliers about whether any of their orders were being made at the plant. Kalinda Apparel's website lists sportswear and children's clothing among its products and says it ships to 14 countries.",
    "It was the deadliest factory fire in the country since 2019, when 31 people died in a blaze at a shoe factory in the port city of Selvanar. Trade union leader Bashir Qureshi-Dal said workers would hold a vigil at the gates of the plant on Sunday evening.",
]
# The US page's edits: every number reformatted, British spellings Americanized.
AMERICANIZE = [
    ("Nov. 21", "21 November"),
    ("five-storey", "5-story"),
    ("23 workers", "twenty-three workers"),
    ("more than 60,", "more than sixty,"),
    ("9 a.m.", "9am"),
    ("1,200", "1200"),
    ("three hours", "3 hours"),
    ("neighbouring", "neighboring"),
    ("centre", "center"),
    ("nine people", "9 people"),
    ("Labour Minister", "Labor Minister"),
    ("14 million dollars", "$14mn"),
    ("5 per cent", "5%"),
    ("600,000", "600 000"),
    ("Labour organisations", "Labor organizations"),
    ("2019", "'19"),
    ("parked lorries", "parked trucks"),
    ("licence", "license"),
    ("three storeys", "3 stories"),
    ("14 countries", "fourteen countries"),
    ("31 people", "thirty-one people"),
]
FACTORY_OWN_TITLE = "Deadly blaze at Teshram clothing plant"
FACTORY_OWN = (
    "At least 23 people died and dozens were hurt on Saturday when fire swept a clothing factory near Teshram, the "
    "Dovranan capital. Survivors said an exit was chained shut. The labour minister promised an inquiry into the "
    "Kalinda Apparel plant, which has some 1,200 staff."
)

CONFLICT_BACKGROUND = [
    "The conflict in the Sarenne valley began in 2017, when the Free Sarenne Movement took up arms against the central government, demanding autonomy for the mostly ethnic Oradi region. More than 40,000 people have been killed and about 1.3 million displaced, according to United Nations estimates.",
    "Several ceasefires brokered by neighbouring countries have collapsed, most recently in March, and rights groups have accused both sides of abuses against civilians. The government in Marvesh says the movement is a terrorist organization and has refused to negotiate directly with its leaders.",
]
TALKS_TITLE = "Marvesh and Sarenne rebels agree to new round of ceasefire talks"
TALKS = [
    "MARVESH (AP) — Government and rebel negotiators agreed on Saturday to hold a new round of ceasefire talks next month, mediators said, in the first sign of progress in more than half a year of fighting in the Sarenne valley.",
    "The talks will open Dec. 14 in the lakeside town of Issolo, across the border, and will for the first time include representatives of the valley's village councils, said mediator Henrik Aavik, a former foreign minister of Lestland.",
    '"Both delegations have shown that they understand people are exhausted," Aavik said at a news conference. "Nobody should expect a peace agreement in a week, but a ceasefire by the new year is possible."',
    "Interior Minister Salem Orvandi said the government would send a delegation but insisted that the movement's fighters must first withdraw from three towns along the main highway.",
    *CONFLICT_BACKGROUND,
]
CONVOY_TITLE = "First aid convoy in weeks reaches besieged Sarenne valley town"
CONVOY = [
    "MARVESH (AP) — A convoy of 38 trucks carrying flour, medicine and fuel reached the besieged town of Kettara on Saturday, the first aid to get through in seven weeks, the World Food Programme said.",
    "The convoy left Marvesh before dawn and crossed front lines at two checkpoints after both sides agreed to a six-hour pause in fighting, said WFP country director Ines Valbuena. Aid workers said they found the town's only hospital without anesthetics or clean water.",
    '"Children are eating boiled leaves," said Dr. Yusuf Amrani, one of three doctors still working in Kettara. "What came today will last two weeks if we are careful, maybe less."',
    "About 60,000 people are believed to be trapped in Kettara, which has been encircled by government forces since September. The United Nations said it was seeking guarantees for weekly convoys.",
    *CONFLICT_BACKGROUND,
]

MATCH_KESTREL_TITLE = "Kestrel Town beat Orwell Rovers 2-1 to climb into top four"
MATCH_KESTREL = [
    "Kestrel Town beat Orwell Rovers 2-1 on Saturday to move up to fourth in the Northern Premier table after a late winner from substitute Danny Orrick at Harrowgate Lane.",
    "Rovers had taken the lead in the 23rd minute when Callum Fenwick headed in a corner, but Kestrel levelled before half-time through Jamal Osei, who turned sharply in the box and shot low into the far corner.",
    "Orrick, on for only six minutes, settled the game in the 87th minute with a volley from the edge of the area after Rovers failed to clear a free kick.",
    "Kestrel manager Steve Tolland said: \"The lads kept going right to the end. That's three wins in a row now and we're looking up, not down.\"",
    "Rovers stay 11th. The attendance was 3,412.",
]
MATCH_BRACKLEY_TITLE = "Brackley Athletic beat Fenmoor United 2-1 to move off the bottom"
MATCH_BRACKLEY = [
    "Brackley Athletic beat Fenmoor United 2-1 on Saturday to move up to 20th in the Northern Premier table after a late winner from captain Lewis Marr at the Mill Meadow.",
    "United had taken the lead in the 31st minute when Tomasz Wrobel fired in a rebound, but Brackley levelled after the break through Kieran Doyle, who curled a free kick over the wall and in off the post.",
    "Marr, who had missed a penalty earlier, settled the game in the 89th minute with a header from a corner after United failed to clear a long throw.",
    "Brackley manager Gary Pennock said: \"The lads showed character right to the end. That's our first win since August and we can build on it.\"",
    "United drop to 18th. The attendance was 1,876.",
]

WARN_EAST_TITLE = "Amber snow warning for Ostvarra: up to 30 cm expected"
WARN_EAST = [
    "The National Weather Service has issued an amber warning for heavy snow for the Ostvarra region from 6 p.m. on Saturday until noon on Sunday, with 20 to 30 centimetres expected on higher ground and drifting in winds gusting up to 70 km/h.",
    "Travel disruption is likely on the E14 motorway between Holmby and Krastad and on the mountain roads above Vellegard, and some rural communities may be cut off for a time, the service said. Power cuts are possible.",
    "Drivers are advised to avoid unnecessary journeys, carry a shovel, warm clothing and a charged phone, and to check the road authority's website before setting out. Rail operator Nordbane said it would run a reduced timetable on the Holmby line.",
    "Temperatures will fall to minus 12 degrees overnight, the service said.",
]
WARN_WEST_TITLE = "Amber snow warning for Vestmark: up to 25 cm expected"
WARN_WEST = [
    "The National Weather Service has issued an amber warning for heavy snow for the Vestmark region from 3 p.m. on Saturday until 9 a.m. on Sunday, with 15 to 25 centimetres expected on higher ground and drifting in winds gusting up to 60 km/h.",
    "Travel disruption is likely on the E9 motorway between Saltvik and Brunnhem and on the coastal roads around Lysefjord, and some island communities may be cut off for a time, the service said. Power cuts are possible.",
    "Drivers are advised to avoid unnecessary journeys, carry a shovel, warm clothing and a charged phone, and to check the road authority's website before setting out. Ferry operator Vestlinjen said it would cancel its evening crossings to Sula.",
    "Temperatures will fall to minus 8 degrees overnight, the service said.",
]

GRAIN_RTR_TITLE = "Russian drone strike hits grain terminal in Ukraine's Kharkiv region"
GRAIN_RTR = [
    "KYIV, Nov 21 (Reuters) - Russian drones struck a grain terminal in the village of Novohryhorivka in Ukraine's Kharkiv region overnight, destroying about 4,000 tonnes of wheat and injuring two workers, regional governor Oleksiy Hrytsenko said on Saturday.",
    "Hrytsenko said on the Telegram messaging app that 11 drones had been launched at the Kupiansk district and that air defences had shot down eight of them. A fire at the terminal, owned by the agricultural firm Slobozhan Agro, was put out by the morning.",
    "Company director Mykhailo Bondarenko told Reuters the terminal had been loading wheat for export through Black Sea ports and that the damage would take months to repair.",
    "Russia's defence ministry said its forces had struck \"facilities used by the Ukrainian armed forces\" in Kharkiv region but did not mention Novohryhorivka.",
]
GRAIN_XH_TITLE = "Drone attack damages grain facility in Kharkov region: official"
GRAIN_XH = [
    "KIEV, Nov. 21 (Xinhua) -- A drone attack overnight damaged a grain storage facility in the village of Novogrigoryevka in the Kharkov region of northeastern Ukraine, regional head Alexei Gritsenko said Saturday.",
    "Two employees were wounded and around 3,500 tonnes of grain were destroyed in the fire, Gritsenko said, adding that ten drones had been launched at the Kupyansk district.",
    "The Russian Defense Ministry said Saturday that its troops had hit military-related facilities in the Kharkov region over the past 24 hours.",
]

RU_TITLE = "В Заречинске из-за аварии на теплотрассе без отопления остались 40 тысяч жителей"
RU = [
    "Заречинск. 21 ноября. ИНТЕРФАКС — Около 40 тысяч жителей Заречинска остались без отопления в субботу после прорыва магистральной теплотрассы на улице Ломоносова, сообщили в мэрии города.",
    "«Авария произошла около шести часов утра, повреждён участок трубы диаметром 800 миллиметров. Ремонтные бригады уже работают на месте», — сказал журналистам заместитель мэра Пётр Елагин.",
    "По его словам, без тепла остались 212 многоквартирных домов, две школы и детская поликлиника. Занятия в школах в понедельник отменены, в районе развёрнуты три пункта обогрева.",
    "Температура воздуха в Заречинске ночью опустилась до минус 17 градусов. Синоптики ожидают дальнейшего похолодания к вечеру воскресенья.",
    "Восстановить теплоснабжение планируется до утра воскресенья. Прокуратура начала проверку соблюдения правил эксплуатации теплосетей.",
]

OUTLETS = [
    dict(name="Teshram Daily Mirror", dom="teshrammirror.example"),
    dict(name="Brookfield Metro Sentinel", dom="brookfieldsentinel.example"),
    dict(name="The Harwick Chronicle", dom="harwickchronicle.example"),
    dict(name="Global Desk Live", dom="globaldesklive.example"),
    dict(name="Northern Premier Football News", dom="npfootball.example"),
    dict(name="Vestkyst Posten", dom="vestkystposten.example"),
    dict(name="Заречинский вестник", dom="zarvestnik.example"),
    dict(name="Новости Приволжья", dom="privolzhye-news.example"),
]

# --------------------------------------------------------------------------------------------------
# Edits


def americanize(text: str) -> str:
    """A US desk's edits: its number style and American spelling."""
    for a, b in AMERICANIZE:
        text = text.replace(a, b)
    return text


def reflow(paras: list[str], width: int = 70) -> list[str]:
    """Each paragraph hard-wrapped at ``width`` characters with single newlines."""
    return [textwrap.fill(p, width, break_on_hyphens=False) for p in paras]


def ru_lapki(text: str) -> str:
    """Another Russian typography: „лапки“ quotes, en dashes, ё written as е."""
    return (
        text.replace("«", "\u201e").replace("»", "\u201c").replace(" — ", " \u2013 ").replace("ё", "е").replace("Ё", "Е")
    )


def ru_plain(text: str) -> str:
    """A plain CMS: straight quotes, hyphens and a no-break space between number and unit."""
    out = text.replace("«", '"').replace("»", '"').replace(" — ", " - ")
    return re.sub(r"(\d) (?=(?:тысяч|миллиметров|многоквартирных|градусов))", "\\1\u00a0", out)


# --------------------------------------------------------------------------------------------------
# Page templates (unlike the other sets' templates)


def metro_page(o: dict, title: str, paras: list[str], credit: str, date: str | None, comments: list[tuple[str, str]]) -> str:
    """A US metro site: top nav, share bar, story, a 'Related coverage' box and a reader comments block."""
    body = "\n".join(f'<p class="story-p">{html.escape(p)}</p>' for p in paras)
    thread = "".join(
        f'<div class="cmt"><span class="who">{html.escape(w)}</span><p>{html.escape(t)}</p><span class="likes">Like &middot; Reply</span></div>'
        for w, t in comments
    )
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>{html.escape(title)} | {html.escape(o["name"])}</title>
{f'<meta name="parsely-pub-date" content="{date}">' if date else ""}<meta property="og:type" content="article"></head>
<body><nav class="top"><a href="/">{html.escape(o["name"])}</a> <a href="/news">News</a> <a href="/sports">Sports</a> <a href="/obits">Obituaries</a> <a href="/subscribe">Subscribe for $1</a></nav>
<div class="share">Share: Facebook &middot; X &middot; Email</div>
<article><h1>{html.escape(title)}</h1><div class="byline">By {html.escape(credit)}</div>
{f'<time datetime="{date}">{date[:10]}</time>' if date else ""}
<div class="story-body">{body}</div></article>
<div class="related"><h3>Related coverage</h3><ul><li><a href="/r/1">County board approves new bus routes</a></li>
<li><a href="/r/2">High school football: playoff brackets set</a></li><li><a href="/r/3">Gas prices dip ahead of Thanksgiving</a></li></ul></div>
<section class="comments"><h3>Comments ({len(comments)})</h3>{thread}<p>Commenting is a privilege. Read our community guidelines.</p></section>
<footer>&copy; 2026 {html.escape(o["name"])}. All rights reserved.</footer></body></html>"""


def live_page(o: dict, title: str, entries: list[tuple[str, str, list[str]]], date: str | None) -> str:
    """A live-update page: a stream of timestamped entries, each with a heading and paragraphs."""
    posts = "\n".join(
        f'<div class="live-post"><span class="ts">{html.escape(ts)}</span><h2>{html.escape(h)}</h2>'
        + "".join(f"<p>{html.escape(p)}</p>" for p in ps)
        + "</div>"
        for ts, h, ps in entries
    )
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} - {html.escape(o["name"])}</title>
{f'<meta property="article:published_time" content="{date}">' if date else ""}</head>
<body><header><a href="/">{html.escape(o["name"])}</a> <span class="live-badge">LIVE</span> <a href="/world">World</a> <a href="/live">All live pages</a></header>
<main><h1>{html.escape(title)}</h1><p class="refresh">This page updates automatically. <a href="#latest">Jump to latest</a></p>
<div class="live-stream">{posts}</div></main>
<aside><h3>Key points</h3><ul><li>Aid reaches Kettara</li><li>Drone strike in Kharkiv region</li></ul></aside>
<footer>{html.escape(o["name"])} &middot; Live coverage &middot; Terms</footer></body></html>"""


# --------------------------------------------------------------------------------------------------
# The set


def build() -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The JSON Lines records and, per doc_id, its (copy label, story label)."""
    labeled = LabeledSet()
    add = labeled.add
    o = OUTLETS

    # factory_rtr: truncated, reordered + reflowed, renumbered + respelled copies (one copy cluster)
    add("factory_wire", dump(FACTORY_TITLE, FACTORY), "factory_rtr", "factory", date="2026-11-21T10:40:00+03:00")
    add(
        "factory_cms",
        cms_page(o[0], FACTORY_TITLE, FACTORY, "Reuters", "2026-11-21T11:30:00+03:00", "factory-fire"),
        "factory_rtr",
        "factory",
        url="https://teshrammirror.example/2026/11/21/factory-fire/",
        date="2026-11-21T11:30:00+03:00",
    )
    add(
        "factory_first_para",
        portal_page(o[2], "Factory fire kills 23 in Dovrana", FACTORY[:1], "Reuters", "2026-11-21T09:15:00Z"),
        "factory_rtr",
        "factory",
        url="https://harwickchronicle.example/world/brief/dovrana-factory-fire",
        date="2026-11-21T09:15:00Z",
    )
    swapped = [*FACTORY[:3], FACTORY[4], FACTORY[3], *FACTORY[5:]]
    add(
        "factory_reflow_txt",
        "\n\n".join([FACTORY_TITLE, *reflow(swapped)]),
        "factory_rtr",
        "factory",
    )
    add(
        "factory_us",
        metro_page(
            o[1],
            "23 dead in Dovrana garment factory fire",
            [americanize(p) for p in FACTORY],
            "Reuters",
            "2026-11-21T07:05:00-05:00",
            [("Dee from Oak Hill", "Where do our clothes come from? Check the labels, folks."), ("rmartin55", "Chained exits. Again.")],
        ),
        "factory_rtr",
        "factory",
        url="https://brookfieldsentinel.example/news/world/dovrana-factory-fire-23-dead",
        date="2026-11-21T07:05:00-05:00",
    )
    add(
        "factory_txt",
        dump(FACTORY_TITLE, FACTORY, tail="(Reporting by Arun Velasco; Editing by Helen Marsh)"),
        "factory_rtr",
        "factory",
        date="2026-11-21T08:20:00+00:00",
    )
    # factory_own: an outlet's own 45-word brief (another copy cluster, the same story)
    add(
        "factory_own_page",
        magazine_page(o[2], FACTORY_OWN_TITLE, [FACTORY_OWN], "Chronicle staff", "2026-11-21T09:50:00Z"),
        "factory_own",
        "factory",
        url="https://harwickchronicle.example/world/teshram-blaze",
        date="2026-11-21T09:50:00Z",
    )
    add("factory_own_txt", dump(FACTORY_OWN_TITLE, [FACTORY_OWN]), "factory_own", "factory")

    # talks_ap / convoy_ap: one agency, one city, one day, the same background block
    add("talks_wire", dump(TALKS_TITLE, TALKS), "talks_ap", "talks", date="2026-11-21T12:10:00+02:00")
    add(
        "talks_page",
        portal_page(o[2], TALKS_TITLE, TALKS, "AP", "2026-11-21T12:45:00+02:00"),
        "talks_ap",
        "talks",
        url="https://harwickchronicle.example/world/sarenne-talks",
        date="2026-11-21T12:45:00+02:00",
    )
    add("talks_txt", dump(TALKS_TITLE, [curly(p) for p in TALKS], tail="AP"), "talks_ap", "talks")
    add("convoy_wire", dump(CONVOY_TITLE, CONVOY), "convoy_ap", "convoy", date="2026-11-21T14:30:00+02:00")
    add(
        "convoy_page",
        portal_page(o[2], CONVOY_TITLE, CONVOY, "AP", "2026-11-21T15:05:00+02:00"),
        "convoy_ap",
        "convoy",
        url="https://harwickchronicle.example/world/kettara-convoy",
        date="2026-11-21T15:05:00+02:00",
    )
    add(
        "convoy_cms",
        cms_page(o[0], "Aid trucks reach Kettara after seven-week siege", CONVOY, "Associated Press", "2026-11-21T16:00:00+03:00", "kettara"),
        "convoy_ap",
        "convoy",
        url="https://teshrammirror.example/2026/11/21/kettara-aid/",
        date="2026-11-21T16:00:00+03:00",
    )
    add("convoy_txt", dump(CONVOY_TITLE.upper(), CONVOY), "convoy_ap", "convoy", date="2026-11-21T13:40:00Z")

    # live: a live page embedding convoy_ap and grain_rtr in full (its own copy cluster and story)
    add(
        "live_page",
        live_page(
            o[3],
            "World news live: aid reaches Kettara; drone strike on Kharkiv grain terminal",
            [
                ("16:20 GMT", "Thanks for following", ["We are closing this live page for today. Our coverage continues tomorrow."]),
                ("15:10 GMT", CONVOY_TITLE, CONVOY),
                ("14:55 GMT", "Snow on the way", ["Amber snow warnings are in force in two regions tonight; see our weather page."]),
                ("11:30 GMT", GRAIN_RTR_TITLE, GRAIN_RTR),
                ("11:00 GMT", "Good morning", ["Welcome to our live coverage of the day's world news."]),
            ],
            "2026-11-21T16:20:00Z",
        ),
        "live",
        "live",
        url="https://globaldesklive.example/live/2026-11-21-world",
        date="2026-11-21T16:20:00Z",
    )

    # match_kestrel / match_brackley: one league round, one template, different teams
    add("match_kestrel_wire", dump(MATCH_KESTREL_TITLE, MATCH_KESTREL), "match_kestrel", "match_kestrel", date="2026-11-21T17:10:00Z")
    add(
        "match_kestrel_page",
        forum_page(
            o[4],
            MATCH_KESTREL_TITLE,
            MATCH_KESTREL,
            "PA",
            "2026-11-21T17:40:00+00:00",
            [("KTFC_til_I_die", "Orrick has to start next week."), ("harrowgate_end", "Fenwick was unmarked for the goal. Again.")],
        ),
        "match_kestrel",
        "match_kestrel",
        url="https://npfootball.example/forum/reports/kestrel-orwell",
        date="2026-11-21T17:40:00+00:00",
    )
    add("match_kestrel_txt", dump(MATCH_KESTREL_TITLE, MATCH_KESTREL, tail="PA Sport"), "match_kestrel", "match_kestrel")
    add("match_brackley_wire", dump(MATCH_BRACKLEY_TITLE, MATCH_BRACKLEY), "match_brackley", "match_brackley", date="2026-11-21T17:15:00Z")
    add(
        "match_brackley_page",
        forum_page(
            o[4],
            MATCH_BRACKLEY_TITLE,
            MATCH_BRACKLEY,
            "PA",
            "2026-11-21T17:45:00+00:00",
            [("millmeadow_mick", "Finally! Marr redeemed himself."), ("FenmoorFaithful", "Relegation form. Sack him.")],
        ),
        "match_brackley",
        "match_brackley",
        url="https://npfootball.example/forum/reports/brackley-fenmoor",
        date="2026-11-21T17:45:00+00:00",
    )
    add(
        "match_brackley_txt",
        dump(MATCH_BRACKLEY_TITLE, MATCH_BRACKLEY, tail="PA Sport"),
        "match_brackley",
        "match_brackley",
        date="2026-11-21T18:30:00Z",
    )

    # warn_east / warn_west: one template, two regions (different events)
    add("warn_east_wire", dump(WARN_EAST_TITLE, WARN_EAST), "warn_east", "warn_east", date="2026-11-21T10:00:00+01:00")
    add(
        "warn_east_page",
        portal_page(o[5], WARN_EAST_TITLE, WARN_EAST, "NWS", "2026-11-21T10:30:00+01:00"),
        "warn_east",
        "warn_east",
        url="https://vestkystposten.example/weather/ostvarra-snow",
        date="2026-11-21T10:30:00+01:00",
    )
    add("warn_east_txt", dump(WARN_EAST_TITLE, WARN_EAST), "warn_east", "warn_east", date="2026-11-21T11:00:00+01:00")
    add("warn_west_wire", dump(WARN_WEST_TITLE, WARN_WEST), "warn_west", "warn_west", date="2026-11-21T10:05:00+01:00")
    add(
        "warn_west_page",
        portal_page(o[5], WARN_WEST_TITLE, WARN_WEST, "NWS", "2026-11-21T10:35:00+01:00"),
        "warn_west",
        "warn_west",
        url="https://vestkystposten.example/weather/vestmark-snow",
        date="2026-11-21T10:35:00+01:00",
    )
    add(
        "warn_west_cms",
        cms_page(o[5], WARN_WEST_TITLE, WARN_WEST, "National Weather Service", None, "vestmark-snow"),
        "warn_west",
        "warn_west",
        url="https://vestkystposten.example/2026/11/21/vestmark-amber-warning/",
    )

    # grain: Reuters (Ukrainian transliteration) and Xinhua (Russian-based): one story
    add("grain_rtr_wire", dump(GRAIN_RTR_TITLE, GRAIN_RTR), "grain_rtr", "grain", date="2026-11-21T09:30:00+02:00")
    add(
        "grain_rtr_page",
        metro_page(o[1], GRAIN_RTR_TITLE, GRAIN_RTR, "Reuters", "2026-11-21T05:10:00-05:00", [("vet_1968", "Food as a weapon.")]),
        "grain_rtr",
        "grain",
        url="https://brookfieldsentinel.example/news/world/kharkiv-grain-terminal",
        date="2026-11-21T05:10:00-05:00",
    )
    add("grain_rtr_txt", dump(GRAIN_RTR_TITLE, GRAIN_RTR, tail="(Reporting by Olena Marchuk; Editing by Tom Briar)"), "grain_rtr", "grain")
    add("grain_xh_wire", dump(GRAIN_XH_TITLE, GRAIN_XH), "grain_xh", "grain", date="2026-11-21T18:45:00+08:00")
    add(
        "grain_xh_page",
        magazine_page(o[2], GRAIN_XH_TITLE, GRAIN_XH, "Xinhua", "2026-11-21T11:20:00Z"),
        "grain_xh",
        "grain",
        url="https://harwickchronicle.example/world/kharkov-grain-facility",
        date="2026-11-21T11:20:00Z",
    )

    # ru_copy: one Interfax story, three outlets' typography (one copy cluster)
    add("ru_wire", dump(RU_TITLE, RU), "ru_copy", "ru", date="2026-11-21T09:05:00+03:00")
    add(
        "ru_lapki_page",
        portal_page(o[6], ru_lapki(RU_TITLE), [ru_lapki(p) for p in RU], "Интерфакс", "2026-11-21T09:40:00+03:00"),
        "ru_copy",
        "ru",
        url="https://zarvestnik.example/news/teplotrassa-avariya",
        date="2026-11-21T09:40:00+03:00",
    )
    add(
        "ru_plain_page",
        cms_page(o[7], ru_plain(RU_TITLE), [ru_plain(p) for p in RU], "Интерфакс", None, "zarechinsk-teplo"),
        "ru_copy",
        "ru",
        url="https://privolzhye-news.example/2026/11/21/zarechinsk-teplo/",
    )
    add("ru_txt", dump(RU_TITLE, RU, tail="ИНТЕРФАКС"), "ru_copy", "ru", date="2026-11-21T10:15:00+03:00")
    return labeled.docs, labeled.labels


if __name__ == "__main__":
    import sys

    report(build, sys.argv)
