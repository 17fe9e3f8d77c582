"""Round-three held-out-style wire copies: the weaknesses left after wire_variants.py and wire_variants2.py.

Written for test_dedup_variants3.py blind (without reading the dedup or cleaning rules) and before any
tuning, so it measures, not fits. Nine invented events, 39 documents, 11 copy clusters, all on one day: every
``published_at`` falls within 2026-12-03 UTC, written with various zones (Z, +00:00, +01:00, -04:00,
-05:00); dated pages carry the same date in their HTML; eight records have none (six plain dumps, two pages).
HTML pages (two new templates: a regional daily whose article body holds a boxed sidebar, and a
Spanish-language portal) and plain-text dumps mixed.

* ``flood_ap`` (AP, 5 paragraphs of about equal length), six copies: the wire; a page keeping only the first
  two paragraphs (about 40% of the story: 110 of 253 words) under another headline; a plain-text dump doing
  the same under a third headline; a dump whose outlet appended a 200-word "About us" / newsletter /
  donations block; a page whose article body holds an unrelated 290-word sidebar (a feature on a town's
  Christmas market) after the story; a plain dump with a trailing "— AP". All six are one copy cluster.
* ``flood_afp``: AFP's report of the same mudslide with other figures (14 dead, not 12; 25 injured, not 23),
  another spelling of the governor (Jimena Araujo / Ximena Araújo) and the town shortened ("San Lorenzo" for
  "San Lorenzo del Valle"): another copy cluster, the **same story** (three copies).
* ``storm``: a Reuters ice-storm story filed on the evening of Wednesday 2 December local time (UTC-5) and its
  day-2 update filed on Thursday afternoon local time: a new two-paragraph lead, six of day 1's ten
  paragraphs word for word (about 60% of day 1's words, 58%; 64% of the update's), one new paragraph. Decision:
  **one copy cluster**. The brief's copy clusters are exact *and near* duplicates found by text overlap
  ("confirmed by containment"), and a majority of both texts is the same wire text; this is also the ruling
  wire_variants.py made for a same-day write-through (five of eight paragraphs kept). It is the same story in
  any case. Both filings fall within the same UTC day. Five documents (two of day 1, three of the update).
* ``plant`` / ``recall``: two different stories from one business wire about one company on one day (a new
  factory; a product recall). Both end with the same 75-word company profile and the same wire tag line, a
  large share of each short story: two copy clusters, two stories (three copies each).
* ``court_fraud`` / ``court_arson``: two different cases decided the same day in the same city, in the same
  court, by the same judge (named in both), reported by one agency in the same pattern: two stories (three
  copies each).
* ``huelga_es``: one EFE story in Spanish republished by three outlets with different typography: «» quotes
  and em dashes; every accent and ñ stripped (an ASCII-only CMS); decomposed (NFD) accents and curly quotes.
  One copy cluster, one story (four documents).
* ``huelga_en``: EFE's English-language service's translation of the same story, and an outlet's copy of it.
  Decision: **another copy cluster, the same story**. A copy cluster groups republications of one text; a
  translation shares no text, but it is a report of the same event (two documents).
* ``brief_ferry`` / ``brief_library``: one agency's 60-word briefs on two unrelated events, both ending with
  the agency's identical sign-off line: two copy clusters, two stories (four and three copies; the copies of
  one brief are each other's copies despite being so short).

People, places, outlets, companies and figures are invented; of the agencies, AP, AFP, Reuters and EFE are real
names, MBW, NPA and NLP invented.
"""

from __future__ import annotations

import html
import unicodedata

from labeled_copies import LabeledSet, report
from wire_variants import cms_page, curly, dump, portal_page
from wire_variants2 import forum_page, magazine_page

# --------------------------------------------------------------------------------------------------
# The stories

FLOOD_AP_TITLE = "Mudslide buries homes in San Lorenzo del Valle, killing 12"
FLOOD_AP = [
    "SAN LORENZO DEL VALLE, Valdoria (AP) — A mudslide triggered by two days of torrential rain swept through a hillside neighborhood of San Lorenzo del Valle before dawn on Thursday, burying at least 30 homes and killing 12 people, regional officials said. Rescuers were digging by hand for nine people reported missing.",
    "The slide tore loose from the slopes of Cerro Tambor at about 4 a.m. and poured down a ravine into the Las Moras district, where most houses were built of brick and sheet metal. Regional Gov. Ximena Araújo said the dead included four children and that 23 people had been taken to the hospital in nearby Puerto Olmedo.",
    '"We heard a roar like a train and then the lights went out," said Teodoro Quispe, 54, whose house at the edge of the district was spared. "When the sun came up, the street where my sister lives was gone. There was only mud and roofs, and people shouting names."',
    "Army engineers brought in two excavators by midmorning, but officials said they were being used cautiously because the hillside remained unstable and more rain was forecast for the weekend. About 400 residents of neighboring streets were moved to a school gymnasium and a church hall.",
    "The national weather service said 210 millimeters of rain had fallen on the area since Tuesday, more than the usual total for all of December. Araújo said she would ask the central government for emergency funds and blamed years of unplanned construction on the slopes above the town.",
]
FLOOD_AFP_TITLE = "Valdoria landslide death toll rises to 14"
FLOOD_AFP = [
    "San Lorenzo (AFP) - At least 14 people were killed when a landslide engulfed dozens of houses in the Valdorian town of San Lorenzo on Thursday after days of heavy rain, the regional government said, as rescuers searched for survivors beneath the mud.",
    'Governor Jimena Araujo told reporters that seven people were still unaccounted for and 25 had been injured. "The mountain simply came down on the neighbourhood," she said.',
    "The landslide hit the Las Moras area at the foot of Tambor hill shortly before dawn, when most residents were asleep. Images broadcast on local television showed rescuers and neighbours forming human chains to pass buckets of earth.",
    "Around 400 people were evacuated from nearby streets. The weather service warned of further downpours over the weekend.",
    "Deadly landslides are frequent in the foothills of Valdoria's central cordillera during the rainy season, when informal settlements spread onto steep slopes.",
]
ABOUT_US = [
    "About the Puerto Olmedo Herald",
    "The Puerto Olmedo Herald has served the towns of the Arandas valley since 1951. We are an independent, reader-funded newsroom of eleven journalists, two photographers and a lot of volunteers, and we publish every weekday morning in print and online.",
    "Get the Herald Morning Note: the five stories you need before breakfast, the weather for the valley, road closures and the day's events, delivered free to your inbox at 6 a.m. Sign up on our website; you can unsubscribe at any time with one click.",
    "Support local journalism. Advertising no longer pays for the reporting you read here. If you value what we do, become a Herald member from as little as three pesos a month, or make a one-off donation. Members get an ad-free site, our weekend crossword and invitations to reader events.",
    "Have a story for us? Write to the newsdesk or call the tip line. We read every message, and we protect our sources.",
    "Our corrections policy: when we get something wrong, we say so. Corrections are published on page two of the print edition and at the foot of the article online, with the date the change was made.",
]
SIDEBAR_TITLE = "Also in today's Herald: the Christmas market returns to Plaza Mayor"
SIDEBAR = [
    "After two years in a car park behind the bus station, Puerto Olmedo's Christmas market is moving back to Plaza Mayor this weekend, and the stallholders could not be happier. Sixty wooden huts went up on Monday around the fountain, and the council has promised that the square's old lamp posts will be strung with lights for the first time since the renovation.",
    'Marta Illanes, who has sold hand-knitted scarves and hats at the market for nineteen years, said the move to the car park had cost her almost half her customers. "People came to the square for a walk and a hot chocolate and then they bought something. Nobody walks to a car park for pleasure," she said, pinning price tags to a rack of bright red mittens.',
    "This year the market will also have a small stage for school choirs, a skating rink made of synthetic panels, and a food corner run by the cooking students of the technical college, who will sell empanadas, roasted chestnuts and spiced apple juice. All profits from the food corner will go to the college's travel fund.",
    "The council's culture officer, Ramiro Etchegaray, said the opening on Saturday at 5 p.m. would be followed by a lantern parade from the cathedral steps. He asked visitors to leave their cars at home, because the streets around the square will be closed to traffic every evening until Epiphany, and to use the extra night buses instead.",
    "Not everyone is pleased. Some shopkeepers on Calle Real say the huts block the view of their windows, and residents of the square worry about noise. The council said the music would stop at 10 p.m. sharp and that it would review the arrangements in January.",
]

STORM_D1_TITLE = "Ice storm cuts power to 180,000 homes around Lake Tarrow"
STORM_D1 = [
    "GRANVILLE FALLS, Wendmark (Reuters) - A fierce ice storm coated the Lake Tarrow region in up to 3 centimetres of ice on Wednesday, snapping power lines and tree limbs and leaving about 180,000 homes and businesses without electricity, the utility Tarrow Hydro said.",
    "Freezing rain began falling before dawn and continued through the afternoon, turning roads into sheets of ice. Provincial police said they had responded to more than 300 collisions, most of them minor, and closed a 40-km stretch of Highway 9 after a tanker truck jackknifed near Pell Harbour.",
    'Tarrow Hydro spokeswoman Daria Whitcombe said crews could not safely climb poles while ice was still falling and that some customers should expect to be without power for several days. "This is the worst ice we have seen on our network since 1998," she said.',
    "Schools in Granville Falls and four neighbouring districts closed early and will remain closed on Thursday. The regional airport cancelled about half of its flights.",
    "Mayor Colin Okafor opened three warming centres in community halls and urged residents with gas generators to keep them outdoors, away from windows, to avoid carbon monoxide poisoning.",
    '"Check on your neighbours, especially the elderly," Okafor told a news conference at city hall. "A house without heat gets very cold very fast in this weather."',
    "Environment Wendmark had issued a freezing-rain warning on Tuesday, forecasting 15 to 25 millimetres of ice accretion. Temperatures were expected to drop to minus 18 degrees Celsius overnight on Thursday as an Arctic air mass moved in behind the storm.",
    'Orchard growers along the lake shore said the weight of the ice had split hundreds of apple trees. "You can hear branches cracking all night like gunshots," said grower Annika Solberg.',
    "Insurers said it was too early to estimate the damage. The 1998 ice storm in the region cost more than 1 billion crowns in insured losses.",
    "Tarrow Hydro said it had asked utilities in two neighbouring provinces to send line crews to help restore power.",
]
STORM_D2_TITLE = "Wendmark ice storm: three dead, 120,000 still without power on second day"
STORM_D2_LEAD = [
    "GRANVILLE FALLS, Wendmark (Reuters) - Three people died of suspected carbon monoxide poisoning and about 120,000 homes and businesses around Lake Tarrow were still without power on Thursday, a day after an ice storm brought down lines across the region, officials said.",
    "The three, an elderly couple and their adult son, were found in a house in Pell Harbour where a generator had been running in an attached garage, police said. Temperatures fell to minus 14 degrees Celsius overnight.",
]
STORM_D2_NEW = (
    "More than 600 line workers from neighbouring provinces arrived on Thursday morning, and Tarrow Hydro said it "
    "expected to restore power to 80% of customers by Saturday night."
)
# Day 1's paragraphs 3-7 and 9 (indices 2, 3, 4, 5, 6, 8): six of ten, about 60% of its words.
STORM_D2 = [*STORM_D2_LEAD, STORM_D1[2], STORM_D1[4], STORM_D1[5], STORM_D1[3], STORM_D1[6], STORM_D2_NEW, STORM_D1[8]]

VELTRANA_PROFILE = (
    "Veltrana Group, founded in 1974 in Oskarsholm, makes pumps, valves and water-treatment systems for utilities, "
    "farms and industry. It employs about 11,800 people in 31 countries and had sales of 4.2 billion euros last "
    "year. Its shares are listed on the Oskarsholm stock exchange, where it is a member of the OSX-30 index. The "
    "company's largest shareholder is the Brenning family foundation, which holds 27% of the capital and 41% of "
    "the votes."
)
MBW_TAG = "Meridian Business Wire - company news as it happens. Reporting by the MBW industry desk."
PLANT_TITLE = "Veltrana to open pump factory in Dunmere, creating 600 jobs"
PLANT = [
    "OSKARSHOLM (MBW) - Veltrana Group will build a factory for industrial pumps in Dunmere, the company said on Thursday, investing 180 million euros and creating about 600 jobs by 2029.",
    "The plant, on the site of a former paper mill, will make large pumps for desalination and irrigation projects, a market where Veltrana expects demand to double within ten years, chief executive Lotte Aagren said.",
    "Dunmere's mayor, Piet Osterholt, called the decision the best news for the town since the mill closed in 2015.",
    VELTRANA_PROFILE,
    MBW_TAG,
]
RECALL_TITLE = "Veltrana recalls 40,000 home water filters over bacteria risk"
RECALL = [
    "OSKARSHOLM (MBW) - Veltrana Group is recalling about 40,000 under-sink water filters sold to households since March because a faulty seal may let bacteria build up in the cartridge, the company said on Thursday.",
    "Owners of the AquaPure H2 model should stop using the filter and contact the company for a free replacement, Veltrana said, adding that it had received no reports of illness. The national food safety agency said it was monitoring the recall.",
    "Veltrana's shares fell 2.1% in morning trading.",
    VELTRANA_PROFILE,
    MBW_TAG,
]

COURT_FRAUD_TITLE = "Former Norhaven deputy mayor jailed for three years over bribes"
COURT_FRAUD = [
    "NORHAVEN (NPA) - A former deputy mayor of Norhaven was sentenced to three years in prison on Thursday for taking bribes from building contractors in return for city construction contracts, Norhaven District Court ruled.",
    "Judge Amara Kellerman said Tomas Brede, 61, had accepted at least 240,000 crowns in cash and a holiday home's renovation from two firms that went on to win contracts for schools and a swimming pool between 2019 and 2023.",
    '"You sold the trust of the people who elected you," Kellerman told Brede as she read out the verdict. Brede, who had denied the charges, showed no reaction. His lawyer said he would appeal.',
    "The owners of the two construction firms received suspended sentences and fines. The city has said it will seek damages.",
]
COURT_ARSON_TITLE = "Norhaven man acquitted of setting fire to his restaurant"
COURT_ARSON = [
    "NORHAVEN (NPA) - A restaurant owner accused of setting fire to his own premises to collect the insurance was acquitted on Thursday by Norhaven District Court, which found that the blaze could have been caused by faulty wiring.",
    "Judge Amara Kellerman said the prosecution had not proved that Karim Haddad, 45, was at the restaurant on the night of the fire in February last year, and that the experts had disagreed about where the fire started.",
    '"Suspicion is not proof," Kellerman said. Haddad wept in the dock and embraced his wife after the verdict. Prosecutors said they would study the ruling before deciding whether to appeal.',
    "The fire destroyed the Cedar House restaurant on Harbour Street and damaged two flats above it. No one was hurt.",
]

HUELGA_ES_TITLE = "Los médicos de Tamarán inician una huelga indefinida en la sanidad pública"
HUELGA_ES = [
    "Puerto Ayala (EFE).- Los médicos de los hospitales públicos de Tamarán comenzaron este jueves una huelga indefinida para exigir más personal y el pago de las guardias atrasadas, una protesta que obligó a suspender cerca de 1.200 operaciones y miles de consultas en el primer día, según el Ministerio de Salud.",
    "El Sindicato Médico de Tamarán (SIMETA) cifró el seguimiento en un 78 % en los grandes hospitales de Puerto Ayala y de San Cristóbal de la Peña, mientras que el ministerio lo rebajó al 54 %. Los servicios de urgencias, oncología y diálisis funcionan con servicios mínimos.",
    '"No pedimos privilegios, pedimos poder atender a los pacientes con dignidad", declaró a EFE la secretaria general del sindicato, María José Ibáñez Quiñones, ante las puertas del Hospital Universitario Nuestra Señora de la Candelaria.',
    "Según el sindicato, la sanidad pública acumula más de 900 plazas de médico sin cubrir y muchos profesionales encadenan guardias de 24 horas sin haber cobrado las de los últimos cinco meses.",
    "La ministra de Salud, Begoña Artiñano, aseguró en rueda de prensa que el Gobierno ha ofrecido un calendario de pagos y la contratación de 350 especialistas el próximo año, y pidió a los médicos que vuelvan a la mesa de negociación. «La puerta del ministerio sigue abierta», afirmó.",
    'Pacientes como Andrés Peñalver, de 72 años, que esperaba una operación de cadera desde junio, lamentaron la situación. "Les entiendo, pero yo ya no puedo ni caminar", dijo a la salida del hospital.',
]
HUELGA_EN_TITLE = "Tamaran doctors begin open-ended strike in public hospitals"
HUELGA_EN = [
    "Puerto Ayala (EFE) - Doctors in Tamaran's public hospitals began an open-ended strike on Thursday to demand more staff and payment of overdue on-call shifts, forcing the cancellation of around 1,200 operations and thousands of appointments on the first day, according to the Health Ministry.",
    "The Tamaran Medical Union (SIMETA) put participation at 78% in the large hospitals of Puerto Ayala and San Cristobal de la Pena, while the ministry said it was 54%. Emergency, oncology and dialysis departments are running with minimum services.",
    '"We are not asking for privileges, we are asking to be able to treat patients with dignity," the union\'s secretary general, Maria Jose Ibanez Quinones, told EFE outside Our Lady of Candelaria University Hospital.',
    "According to the union, the public health service has more than 900 vacant doctor posts, and many doctors work back-to-back 24-hour shifts without having been paid for those of the last five months.",
    'Health Minister Begona Artinano told a news conference that the government had offered a payment schedule and the hiring of 350 specialists next year, and urged the doctors to return to the negotiating table. "The ministry\'s door remains open," she said.',
    'Patients such as Andres Penalver, 72, who has been waiting for a hip operation since June, lamented the situation. "I understand them, but I can no longer even walk," he said as he left the hospital.',
]

NLP_SIGNOFF = "(Northline Press Agency - regional desk. Corrections: desk@northline.example)"
BRIEF_FERRY_TITLE = "Ferry service to Skarra island suspended after engine fault"
BRIEF_FERRY = (
    "KELDVIK, Dec 3 (NLP) - The only ferry linking Keldvik with Skarra island was taken out of service on Thursday "
    "after an engine fault was found during a routine check, operator Nordsund Lines said. About 300 islanders who "
    "commute daily will be carried by a chartered fishing boat and a helicopter for medical cases until repairs are "
    "finished, probably next week."
)
BRIEF_LIBRARY_TITLE = "Keldvik library reopens after two-year renovation"
BRIEF_LIBRARY = (
    "KELDVIK, Dec 3 (NLP) - Keldvik's public library reopened on Thursday after a two-year renovation that added a "
    "children's wing, a recording studio and a rooftop reading terrace, the city said. More than 1,000 people queued "
    "in the rain for the opening, and librarians handed out 640 new library cards before noon, head librarian "
    "Sigrid Moen said."
)

OUTLETS = [
    dict(name="Puerto Olmedo Herald", dom="olmedoherald.example"),
    dict(name="The Lakeshore Sentinel", dom="lakeshoresentinel.example"),
    dict(name="Granary Street Journal", dom="granarystreet.example"),
    dict(name="Northern Echo Online", dom="northernecho-online.example"),
    dict(name="Diario del Sur Tamaranés", dom="diariodelsur.example"),
    dict(name="La Voz de Ayala", dom="lavozdeayala.example"),
    dict(name="Harbourline News", dom="harbourline.example"),
]


# --------------------------------------------------------------------------------------------------
# Edits


def strip_accents(text: str) -> str:
    """An ASCII-only CMS: accents and ñ dropped, guillemets and curly quotes as straight quotes."""
    out = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in out if not unicodedata.combining(c))
    for a, b in (("«", '"'), ("»", '"'), ("\u201c", '"'), ("\u201d", '"'), ("\u2014", "-"), ("\u00a0", " ")):
        out = out.replace(a, b)
    return out


def guillemets(text: str) -> str:
    """Spanish typography: «» for every quotation and an em dash after the agency's dateline."""
    out = text.replace(" (EFE).- ", " (EFE) \u2014 ", 1)
    opening = True
    chars = []
    for c in out:
        if c == '"':
            chars.append("«" if opening else "»")
            opening = not opening
        else:
            chars.append(c)
    return "".join(chars).replace("78 %", "78\u00a0%").replace("54 %", "54\u00a0%")


def decomposed(text: str) -> str:
    """Decomposed accents (NFD: a letter followed by a combining mark) and curly quotes, as some feeds send."""
    return unicodedata.normalize("NFD", curly(text))


# --------------------------------------------------------------------------------------------------
# Page templates (unlike the other sets' templates)


def daily_page(o: dict, title: str, paras: list[str], credit: str, date: str | None, sidebar: tuple = ()) -> str:
    """A regional daily: masthead, story, and inside the same article body a boxed sidebar with its own heading."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    box = ""
    if sidebar:
        head, sparas = sidebar
        box = (
            f'<div class="boxout"><h2>{html.escape(head)}</h2>'
            + "".join(f"<p>{html.escape(p)}</p>" for p in sparas)
            + "</div>"
        )
    when = f'<p class="dateline">Published {date}</p>' if date else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} :: {html.escape(o["name"])}</title>
{f'<meta name="date" content="{date}">' if date else ""}<link rel="canonical" href="https://{o["dom"]}/story"></head>
<body><div id="masthead"><span class="paper">{html.escape(o["name"])}</span> <span class="edition">Today's paper</span></div>
<div id="article"><h1>{html.escape(title)}</h1><p class="by">{html.escape(credit)}</p>{when}
<div class="article-body">{body}
{box}</div></div>
<div id="footer">{html.escape(o["name"])} &middot; Subscribe &middot; e-Edition &middot; Contact</div></body></html>"""


def es_page(o: dict, title: str, paras: list[str], credit: str, date: str | None) -> str:
    """A Spanish-language portal: section label, byline line, body, a 'Te puede interesar' box, legal footer."""
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"""<!doctype html><html lang="es"><head><meta charset="utf-8"><title>{html.escape(title)} | {html.escape(o["name"])}</title>
{f'<meta property="article:published_time" content="{date}">' if date else ""}</head>
<body><header><a href="/">{html.escape(o["name"])}</a> <nav><a href="/nacional">Nacional</a> <a href="/salud">Salud</a> <a href="/deportes">Deportes</a></nav></header>
<main><span class="seccion">Salud</span><h1>{html.escape(title)}</h1><div class="firma">Agencia {html.escape(credit)}</div>
<div class="cuerpo">{body}</div></main>
<aside><h3>Te puede interesar</h3><ul><li><a href="/a1">Así será el tiempo este fin de semana</a></li><li><a href="/a2">Resultados de la jornada de liga</a></li></ul></aside>
<footer>&copy; {html.escape(o["name"])}. Todos los derechos reservados. Aviso legal &middot; Política de privacidad</footer></body></html>"""


# --------------------------------------------------------------------------------------------------
# The set


def build() -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The JSON Lines records and, per doc_id, its (copy label, story label)."""
    labeled = LabeledSet()
    add = labeled.add

    o = OUTLETS
    # flood_ap: truncated copies and copies with a long appended block (all one copy cluster)
    add("flood_ap_wire", dump(FLOOD_AP_TITLE, FLOOD_AP), "flood_ap", "flood", date="2026-12-03T10:05:00Z")
    add(
        "flood_ap_first2",
        portal_page(o[1], "Deadly mudslide hits Valdorian town", FLOOD_AP[:2], "AP", "2026-12-03T11:20:00+00:00"),
        "flood_ap",
        "flood",
        url="https://lakeshoresentinel.example/world/valdoria-mudslide",
        date="2026-12-03T11:20:00+00:00",
    )
    add(
        "flood_ap_first2_txt",
        dump("Rain-soaked hillside gives way above Valdorian town", FLOOD_AP[:2]),
        "flood_ap",
        "flood",
    )
    add(
        "flood_ap_aboutus",
        dump(FLOOD_AP_TITLE, [*FLOOD_AP, *ABOUT_US], head="Puerto Olmedo Herald - wire"),
        "flood_ap",
        "flood",
        date="2026-12-03T07:30:00-05:00",
    )
    add(
        "flood_ap_sidebar",
        daily_page(
            o[0],
            FLOOD_AP_TITLE,
            FLOOD_AP,
            "The Associated Press",
            "2026-12-03T08:10:00-05:00",
            (SIDEBAR_TITLE, SIDEBAR),
        ),
        "flood_ap",
        "flood",
        url="https://olmedoherald.example/2026/12/03/mudslide-san-lorenzo",
        date="2026-12-03T08:10:00-05:00",
    )
    add(
        "flood_ap_txt",
        dump(
            FLOOD_AP_TITLE,
            [FLOOD_AP[0].replace("SAN LORENZO DEL VALLE, Valdoria (AP) — ", "", 1), *FLOOD_AP[1:]],
            tail="— AP",
        ),
        "flood_ap",
        "flood",
    )
    # flood_afp: another wire's report, other figures and the shortened town name (same story)
    add("flood_afp_wire", dump(FLOOD_AFP_TITLE, FLOOD_AFP), "flood_afp", "flood", date="2026-12-03T12:40:00+01:00")
    add(
        "flood_afp_page",
        magazine_page(o[2], FLOOD_AFP_TITLE, FLOOD_AFP, "AFP", "2026-12-03T13:15:00+01:00"),
        "flood_afp",
        "flood",
        url="https://granarystreet.example/world/valdoria-landslide-toll",
        date="2026-12-03T13:15:00+01:00",
    )
    add(
        "flood_afp_txt",
        dump(FLOOD_AFP_TITLE.upper(), [curly(p) for p in FLOOD_AFP], tail="AFP"),
        "flood_afp",
        "flood",
        date="2026-12-03T14:00:00+01:00",
    )
    # storm: day-1 story and its day-2 update (one copy cluster, see the module docstring)
    add("storm_d1_wire", dump(STORM_D1_TITLE, STORM_D1), "storm", "storm", date="2026-12-02T21:15:00-05:00")
    add(
        "storm_d1_page",
        cms_page(o[1], STORM_D1_TITLE, STORM_D1, "Reuters", "2026-12-03T02:50:00Z", "ice-storm"),
        "storm",
        "storm",
        url="https://lakeshoresentinel.example/2026/12/02/ice-storm-power/",
        date="2026-12-03T02:50:00Z",
    )
    add(
        "storm_d2_wire",
        dump(STORM_D2_TITLE, STORM_D2, head="UPDATE 2"),
        "storm",
        "storm",
        date="2026-12-03T15:40:00-05:00",
    )
    add(
        "storm_d2_page",
        forum_page(
            o[3],
            STORM_D2_TITLE,
            STORM_D2,
            "Reuters",
            "2026-12-03T16:25:00-05:00",
            [
                ("lakeside_bob", "Still no power on Birch Road. Third night by candlelight."),
                ("m.k.", "Please, generators OUTSIDE."),
            ],
        ),
        "storm",
        "storm",
        url="https://northernecho-online.example/forum/news/ice-storm-deaths",
        date="2026-12-03T16:25:00-05:00",
    )
    add(
        "storm_d2_txt",
        dump(STORM_D2_TITLE, STORM_D2, tail="(Reporting by Jon Farrow; Editing by Mia Castell)"),
        "storm",
        "storm",
    )
    # plant / recall: one company, one business wire, one day, the same profile and tag line
    add("plant_wire", dump(PLANT_TITLE, PLANT), "plant", "plant", date="2026-12-03T08:00:00+01:00")
    add(
        "plant_page",
        magazine_page(o[2], PLANT_TITLE, PLANT, "Meridian Business Wire", "2026-12-03T08:45:00+01:00"),
        "plant",
        "plant",
        url="https://granarystreet.example/business/veltrana-dunmere",
        date="2026-12-03T08:45:00+01:00",
    )
    add("plant_txt", dump(PLANT_TITLE.upper(), PLANT), "plant", "plant", date="2026-12-03T09:30:00+01:00")
    add("recall_wire", dump(RECALL_TITLE, RECALL), "recall", "recall", date="2026-12-03T10:30:00+01:00")
    add(
        "recall_page",
        magazine_page(o[2], RECALL_TITLE, RECALL, "Meridian Business Wire", "2026-12-03T11:05:00+01:00"),
        "recall",
        "recall",
        url="https://granarystreet.example/business/veltrana-recall",
        date="2026-12-03T11:05:00+01:00",
    )
    add(
        "recall_cms",
        cms_page(
            o[6], "Check your water filter: Veltrana recall", RECALL, "MBW", "2026-12-03T11:30:00+01:00", "recall"
        ),
        "recall",
        "recall",
        url="https://harbourline.example/2026/12/03/veltrana-filter-recall/",
        date="2026-12-03T11:30:00+01:00",
    )
    # court_fraud / court_arson: one court, one judge, one day, two cases
    add(
        "court_fraud_wire",
        dump(COURT_FRAUD_TITLE, COURT_FRAUD),
        "court_fraud",
        "court_fraud",
        date="2026-12-03T11:10:00Z",
    )
    add(
        "court_fraud_page",
        portal_page(o[6], COURT_FRAUD_TITLE, COURT_FRAUD, "NPA", "2026-12-03T11:55:00Z"),
        "court_fraud",
        "court_fraud",
        url="https://harbourline.example/news/brede-sentenced",
        date="2026-12-03T11:55:00Z",
    )
    add(
        "court_fraud_txt",
        dump(COURT_FRAUD_TITLE, COURT_FRAUD, tail="NPA"),
        "court_fraud",
        "court_fraud",
        date="2026-12-03T12:30:00Z",
    )
    add(
        "court_arson_wire",
        dump(COURT_ARSON_TITLE, COURT_ARSON),
        "court_arson",
        "court_arson",
        date="2026-12-03T14:25:00Z",
    )
    add(
        "court_arson_page",
        portal_page(o[6], COURT_ARSON_TITLE, COURT_ARSON, "NPA", "2026-12-03T15:00:00Z"),
        "court_arson",
        "court_arson",
        url="https://harbourline.example/news/restaurant-owner-acquitted",
        date="2026-12-03T15:00:00Z",
    )
    add(
        "court_arson_txt",
        dump(COURT_ARSON_TITLE.upper(), COURT_ARSON, head="NPA court report"),
        "court_arson",
        "court_arson",
    )
    # huelga_es: one Spanish wire story, three outlets' typography
    add("huelga_es_wire", dump(HUELGA_ES_TITLE, HUELGA_ES), "huelga_es", "huelga", date="2026-12-03T09:20:00-04:00")
    add(
        "huelga_es_guillemets",
        es_page(o[4], HUELGA_ES_TITLE, [guillemets(p) for p in HUELGA_ES], "EFE", "2026-12-03T10:05:00-04:00"),
        "huelga_es",
        "huelga",
        url="https://diariodelsur.example/salud/huelga-medicos-tamaran",
        date="2026-12-03T10:05:00-04:00",
    )
    add(
        "huelga_es_ascii",
        es_page(o[5], strip_accents(HUELGA_ES_TITLE), [strip_accents(p) for p in HUELGA_ES], "EFE", None),
        "huelga_es",
        "huelga",
        url="https://lavozdeayala.example/nacional/huelga-indefinida-medicos",
    )
    add(
        "huelga_es_nfd",
        dump(decomposed(HUELGA_ES_TITLE), [decomposed(p) for p in HUELGA_ES], tail="EFE"),
        "huelga_es",
        "huelga",
    )
    # huelga_en: the agency's English translation (another copy cluster, the same story)
    add("huelga_en_wire", dump(HUELGA_EN_TITLE, HUELGA_EN), "huelga_en", "huelga", date="2026-12-03T11:45:00-04:00")
    add(
        "huelga_en_page",
        daily_page(o[3], HUELGA_EN_TITLE, HUELGA_EN, "EFE", "2026-12-03T16:30:00Z"),
        "huelga_en",
        "huelga",
        url="https://northernecho-online.example/world/tamaran-doctors-strike",
        date="2026-12-03T16:30:00Z",
    )
    # brief_ferry / brief_library: 60-word briefs of one agency, the same sign-off line under both
    add(
        "brief_ferry_wire",
        dump(BRIEF_FERRY_TITLE, [BRIEF_FERRY, NLP_SIGNOFF]),
        "brief_ferry",
        "brief_ferry",
        date="2026-12-03T09:05:00+01:00",
    )
    add(
        "brief_ferry_cms",
        cms_page(o[3], BRIEF_FERRY_TITLE, [BRIEF_FERRY, NLP_SIGNOFF], "NLP", "2026-12-03T09:40:00+01:00", "ferry"),
        "brief_ferry",
        "brief_ferry",
        url="https://northernecho-online.example/2026/12/03/skarra-ferry/",
        date="2026-12-03T09:40:00+01:00",
    )
    add(
        "brief_ferry_portal",
        portal_page(o[6], "In brief: " + BRIEF_FERRY_TITLE, [curly(BRIEF_FERRY), NLP_SIGNOFF], "NLP", None),
        "brief_ferry",
        "brief_ferry",
        url="https://harbourline.example/brief/skarra-ferry",
    )
    add(
        "brief_ferry_txt",
        dump(BRIEF_FERRY_TITLE, [BRIEF_FERRY.replace(" - ", " -- ", 1), NLP_SIGNOFF]),
        "brief_ferry",
        "brief_ferry",
    )
    add(
        "brief_library_wire",
        dump(BRIEF_LIBRARY_TITLE, [BRIEF_LIBRARY, NLP_SIGNOFF]),
        "brief_library",
        "brief_library",
        date="2026-12-03T13:50:00+01:00",
    )
    add(
        "brief_library_cms",
        cms_page(
            o[3], BRIEF_LIBRARY_TITLE, [BRIEF_LIBRARY, NLP_SIGNOFF], "NLP", "2026-12-03T14:20:00+01:00", "library"
        ),
        "brief_library",
        "brief_library",
        url="https://northernecho-online.example/2026/12/03/keldvik-library/",
        date="2026-12-03T14:20:00+01:00",
    )
    add(
        "brief_library_txt",
        dump(BRIEF_LIBRARY_TITLE, [BRIEF_LIBRARY, NLP_SIGNOFF]),
        "brief_library",
        "brief_library",
        date="2026-12-03T15:10:00+01:00",
    )
    return labeled.docs, labeled.labels


if __name__ == "__main__":
    import sys

    report(build, sys.argv)
