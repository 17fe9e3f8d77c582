"""Labeled wire copies as outlets publish them: full HTML pages and text dumps of invented wire stories.

Written for the dedup checks (tests/quality/test_dedup_wire_pages.py). Four AP/AFP/Reuters stories
(300-500 words, datelines) and two briefs, each on the wire and republished by outlets with their own
chrome: a rewritten headline, a copy truncated to its first 40%, one with two local paragraphs inserted,
one with a typo and a changed figure ("at least 60" -> "at least 67"), a text dump. Hard negatives:
another wire's report of two of the events (same story, different copy cluster) and a different event
in the same place for two of them (neither). Three more briefs carry the wire-feed disclaimers of Indian
and aggregator sites. People, places, outlets and figures are invented.
"""

from __future__ import annotations

import html
import re

from labeled_copies import LabeledSet

STORIES: dict[str, dict] = {}
STORIES["flood"] = dict(
    wire="AP",
    place="VELMORA",
    title="Floods kill at least 60 in Velmora province as river bursts banks",
    date="2026-03-14T09:00:00Z",
    paras=[
        "VELMORA, Tarsenia (AP) — Flash floods tore through villages in Tarsenia's Velmora province after the Ostra River burst its banks overnight, killing at least 60 people and leaving hundreds missing, officials said Saturday.",
        "Provincial governor Lidia Karnovan told reporters in the town of Brezhets that rescue teams had pulled 212 people from collapsed homes and that the death toll was likely to rise as water receded from low-lying districts.",
        '"We have whole streets that are simply gone," Karnovan said, standing on a bridge above a channel choked with debris, cars and uprooted trees. "Our priority now is to reach the villages that have been cut off since Thursday."',
        "The national weather service said more than 180 millimeters of rain fell on the upper Ostra valley in 36 hours, nearly three times the monthly average for March. Meteorologists had issued an orange warning on Wednesday but upgraded it to red only hours before the river overtopped an earthen levee near Brezhets.",
        "Residents said the water rose faster than anyone could remember. Tomas Oreshin, a 54-year-old farmer, said he carried his elderly mother onto the roof of a grain store and waited nine hours before a boat from the fire service reached them.",
        "The army deployed four helicopters and about 1,500 soldiers to help with evacuations, the Defense Ministry said. Schools in six districts were turned into shelters, and the Red Crescent said it had distributed blankets and drinking water to more than 8,000 people.",
        "Prime Minister Aurel Dobrin cut short a visit abroad and was expected to fly to the region on Sunday. His office declared three days of national mourning.",
        "Critics have long warned that the levees along the Ostra, built in the 1970s, were poorly maintained. An audit published last year found that a third of the embankments in Velmora province needed urgent repairs that had not been funded.",
        "Floods in the same valley in 2019 killed 14 people and destroyed more than 600 homes.",
    ],
)
STORIES["quake"] = dict(
    wire="Reuters",
    place="PORT ALDEN",
    title="Magnitude 6.4 quake hits Kestrel Islands, damaging port and hospital",
    date="2026-03-14T11:30:00Z",
    paras=[
        "PORT ALDEN, Kestrel Islands, March 14 (Reuters) - A magnitude 6.4 earthquake struck off the Kestrel Islands on Saturday, damaging the main container port and a hospital in the capital Port Alden and killing at least nine people, authorities said.",
        "The quake hit at 7:42 a.m. local time at a depth of 18 km, about 40 km southeast of Port Alden, the national geophysics institute said. Several aftershocks followed, the strongest of magnitude 5.1.",
        "Civil protection chief Marek Helvig said cranes at the port had been shut down and that engineers were inspecting cracked quays. Ships were diverted to the smaller harbour at Skerrow, on the northern island.",
        "Patients at St. Brigid's Hospital were moved into tents in the car park after part of the ceiling collapsed in the emergency ward, the health ministry said. Two of the dead were killed when a wall fell on a street market in the old town.",
        '"It felt like the whole building was lifted and dropped," said Ana Lusk, a shop owner in Port Alden. "Everything on the shelves was on the floor in seconds."',
        "The government said it would not issue a tsunami warning, but closed beaches on the southern coast as a precaution. Power was cut to about 30,000 homes and was being restored gradually.",
        "The Kestrel Islands, with about 400,000 inhabitants, sit on a seismically active fault zone. A magnitude 7.0 quake in 1987 killed more than 200 people.",
        "Shares of Kestrel Port Holdings, which operates the container terminal, fell 7% in early trading.",
    ],
)
STORIES["strike"] = dict(
    wire="AFP",
    place="Lisvane",
    title="Dock workers in Lisvane strike over pay, halting exports",
    date="2026-03-15T08:00:00Z",
    paras=[
        "Lisvane (AFP) - Thousands of dock workers in the port city of Lisvane walked off the job on Sunday in a dispute over wages, halting exports of grain and timber from the country's busiest harbour, unions said.",
        "The strike, called by the Federation of Port Workers, is the first full stoppage at Lisvane in more than a decade. The union is demanding a 15 percent pay rise to keep pace with inflation, which reached 11 percent last year.",
        '"Our members have waited two years for an offer that respects their work," union leader Petra Valcourt told AFP outside the main gate, where several hundred workers had gathered with flags and drums.',
        "The port authority said around 40 ships were waiting at anchor and warned that a prolonged strike would cost the economy millions of euros a day. It said it had offered a raise of 6 percent and was ready to resume talks.",
        "Transport Minister Henri Aubel called on both sides to return to the table, saying the government would not intervene directly in the negotiations but would act as a mediator if asked.",
        "Grain traders said prices on the regional market rose slightly on Monday on fears of delays. Lisvane handles about 60 percent of the country's grain exports.",
        "The union has said the strike will continue until Wednesday and could be extended if no agreement is reached.",
    ],
)
STORIES["election"] = dict(
    wire="AP",
    place="KORVATH",
    title="Opposition leader Ilse Dravan wins Korvath mayoral race in upset",
    date="2026-03-16T06:00:00Z",
    paras=[
        "KORVATH, Marenland (AP) — Opposition candidate Ilse Dravan won the race for mayor of Korvath, Marenland's second-largest city, defeating the ruling party's candidate in a result that stunned the governing coalition, election officials said Monday.",
        "Dravan, a 41-year-old former public prosecutor, took 52.3% of the vote against 44.1% for incumbent mayor Stefan Holm, according to preliminary results from the city electoral commission. Turnout was 61%, the highest in a local election in two decades.",
        "She campaigned on promises to clean up city contracts and to build affordable housing on former railway land in the city's east. Holm had led in polls until the final weeks of the campaign.",
        '"Tonight the people of Korvath chose honesty over habit," Dravan told cheering supporters in the main square shortly after midnight.',
        "Holm conceded defeat early Monday and said he would cooperate with the transition. The ruling Civic Union party said the result reflected local issues and was not a verdict on the national government.",
        "Analysts said the loss would raise pressure on Prime Minister Otto Brenn ahead of national elections due next year. Korvath, an industrial city of about 700,000 people, has been governed by the Civic Union since 2006.",
        "Dravan is due to take office on April 1.",
    ],
)
# Short briefs (60-90 words).
STORIES["brief1"] = dict(
    wire="Reuters",
    place="HALDEN BAY",
    title="Ferry runs aground off Halden Bay, all 84 passengers safe",
    date="2026-03-14T15:00:00Z",
    paras=[
        "HALDEN BAY, March 14 (Reuters) - A passenger ferry ran aground on a sandbank off Halden Bay on Saturday, but all 84 passengers and 12 crew were brought ashore safely by lifeboats, the coast guard said.",
        "The vessel, operated by Nordlinie, was travelling from Halden Bay to the island of Ostvik in heavy fog. The company said an investigation had been opened.",
    ],
)
STORIES["brief2"] = dict(
    wire="AFP",
    place="Tarvo",
    title="Tarvo zoo welcomes rare snow leopard cubs",
    date="2026-03-15T10:00:00Z",
    paras=[
        "Tarvo (AFP) - Two rare snow leopard cubs were born at the Tarvo city zoo, the first births of the species there in 30 years, keepers said on Sunday.",
        "The cubs, a male and a female, are healthy and will stay with their mother, Asha, away from visitors until the summer, zoo director Mirela Kosta told AFP.",
    ],
)
# Hard negatives: another wire's report of one event (same story, not a copy), and a different event in
# the same place (neither).
OTHERS: dict[str, dict] = {}
OTHERS["flood_afp"] = dict(
    story="flood",
    wire="AFP",
    title="Tarsenia flood death toll climbs to 58, many missing",
    date="2026-03-14T13:00:00Z",
    paras=[
        "Brezhets (Tarsenia) (AFP) - The death toll from floods in central Tarsenia rose to 58 on Saturday, the emergencies ministry said, as rescuers searched submerged villages along the Ostra river for scores of missing.",
        "Governor Lidiya Karnovan of Velmora region said the flood wave had destroyed hundreds of houses after a dyke gave way near Brezhets late on Thursday night.",
        "Television footage showed residents wading through chest-deep water and soldiers in rubber boats evacuating children and the elderly from rooftops.",
        "The emergencies ministry said about 1,200 troops and several helicopters were taking part in the rescue operation. Around 7,500 people have been moved to temporary shelters in schools and sports halls.",
        "Premier Aurel Dobrin, who was abroad when the disaster struck, announced national mourning and promised compensation for families who lost their homes.",
        "Environmental groups have accused the authorities of neglecting flood defences along the Ostra for years.",
    ],
)
OTHERS["quake_ap"] = dict(
    story="quake",
    wire="AP",
    title="Strong earthquake shakes Kestrel Islands; 8 dead",
    date="2026-03-14T12:10:00Z",
    paras=[
        "PORT ALDEN, Kestrel Islands (AP) — A strong earthquake rattled the Kestrel Islands early Saturday, collapsing walls in the capital, Port Alden, and killing at least eight people, officials said.",
        "The U.S. Geological Survey put the magnitude at 6.3 and said the quake was centered at sea southeast of the capital. Residents ran into the streets in their nightclothes as buildings swayed.",
        "Marek Hellvig, who heads the islands' civil protection agency, said the port had suffered damage and that hospital patients were being treated outside as a precaution.",
        "A vendor said a wall crashed down onto stalls in the old town's market, where two people died.",
        "There was no tsunami threat, officials said, though beaches in the south were closed.",
    ],
)
OTHERS["flood_other"] = dict(
    story=None,
    wire="AP",
    title="Velmora province unveils plan to rebuild Ostra levees",
    date="2026-03-15T09:00:00Z",
    paras=[
        "VELMORA, Tarsenia (AP) — Officials in Tarsenia's Velmora province unveiled a five-year plan on Sunday to rebuild earthen levees along the Ostra River, a project they said would cost about 90 million euros.",
        "The plan, presented by the provincial public works department, foresees replacing 120 kilometers of embankments with reinforced concrete walls and building two retention basins upstream of the town of Brezhets.",
        "Department head Viktor Salm said work would begin in the autumn, after the harvest, and would be financed partly by a loan from a European development bank.",
        "Farmers' associations welcomed the plan but asked that land taken for the retention basins be compensated at market prices.",
        "Environmental groups said the concrete walls would harm wetlands and called for more space to be given to the river instead.",
    ],
)
OTHERS["quake_other"] = dict(
    story=None,
    wire="Reuters",
    title="Kestrel Port Holdings posts record annual profit",
    date="2026-03-13T08:00:00Z",
    paras=[
        "PORT ALDEN, Kestrel Islands, March 13 (Reuters) - Kestrel Port Holdings, which runs the main container terminal in Port Alden, reported a record annual profit on Friday, helped by higher volumes of transshipment cargo and new fees.",
        "Net profit rose 18% to 112 million euros, the company said, and it proposed raising its dividend to 1.40 euros a share. Container volumes grew 9% to 1.3 million TEU.",
        "Chief executive Lena Marsk said the company would invest in two new cranes and an automated gate system this year.",
        "Shares in the company have risen about a quarter over the past year.",
    ],
)

OUTLETS = [
    dict(name="Valley Daily News", dom="valleydailynews.example", credit="Associated Press"),
    dict(name="The Capital Herald", dom="capitalherald.example", credit="Wire service"),
    dict(name="Gulf Morning Post", dom="gulfmorningpost.example", credit="Agencies"),
    dict(name="Harbour Times", dom="harbourtimes.example", credit="Staff and agencies"),
    dict(name="Alpine Courier", dom="alpinecourier.example", credit="Wire"),
    dict(name="Levant Ledger", dom="levantledger.example", credit="News desk"),
]


WIRE_FOOTER = {
    "AP": "Copyright 2026 The Associated Press. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed without permission.",
    "Reuters": "Reporting by Jon Farr; Editing by Alex Rowe. Our Standards: The Thomson Reuters Trust Principles.",
    "AFP": "bur-kl/jm/sst",
}
FEED_DISCLAIMERS = (
    "(Except for the headline, this story has not been edited by {o} staff and is published from a syndicated feed.)",
    "This story has been published from a wire agency feed without modifications to the text. Only the headline "
    "has been changed.",
    "Disclaimer: This is an auto-generated story from a syndicated news feed. {o} has not edited the content of "
    "this article.",
)


def build() -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The JSON Lines records and, per doc_id, its (copy label, story label)."""
    labeled = LabeledSet()
    add = labeled.add

    for k, s in STORIES.items():
        paras, brief = s["paras"], k.startswith("brief")
        add(f"{k}_wire", s["title"] + "\n\n" + "\n\n".join(paras), k, k, date=s["date"])
        for v in range(4 if brief else 6):
            o, title, ps = OUTLETS[v], s["title"], list(paras)
            if v == 0:
                title = "WATCH: " + title.split(",")[0] + " - live updates"
            if v == 1 and not brief:
                ps = ps[: max(2, round(len(ps) * 0.4))]
            if v == 2:
                ps = ps[:2] + [x.format(o=o["name"]) for x in LOCAL] + ps[2:]
            if v == 3:
                ps = [re.sub(r"at least (\d+)", lambda m: f"at least {int(m.group(1)) + 7}", p, count=1) for p in ps]
                ps[-1] = ps[-1].replace("the ", "teh ", 1)
                title = "Update: " + title
            slug = o["dom"].split(".")[0]
            if v == 4:
                text = f"{title}\n\n{s['wire']}\n\n" + "\n\n".join(ps)
                text += "\n\nShare this article\nFollow us on Facebook and X\n© 2026 " + o["name"]
                add(f"{k}_txt{v}", text, k, k, url=f"https://{o['dom']}/n/{k}")
                continue
            date = s["date"] if v % 2 == 0 else None
            url = f"https://{o['dom']}/news/{k}{v}/"
            add(f"{k}_{slug}", page(o, title, ps, s["wire"], s["date"], f"{k}{v}", v), k, k, url=url, date=date)
    for k, s in OTHERS.items():
        story = s["story"] or k
        add(f"{k}_wire", s["title"] + "\n\n" + "\n\n".join(s["paras"]), k, story, date=s["date"])
        for v in (1, 5):
            o = OUTLETS[v]
            text = page(o, s["title"], s["paras"], s["wire"], s["date"], f"{k}{v}", v)
            add(f"{k}_{o['dom'].split('.')[0]}", text, k, story, url=f"https://{o['dom']}/news/{k}{v}/")
    for k, (wire, title, text) in FEED_BRIEFS.items():
        add(f"{k}_wire", title + "\n\n" + text, k, k, date="2026-03-14T12:00:00Z")
        for v, o in enumerate(OUTLETS[:3]):
            body = text if v != 1 else text.replace("Saturday", "Saturday morning", 1)
            paras = [body] + [d.format(o=o["name"]) for d in FEED_DISCLAIMERS]
            doc_id = f"{k}_{o['dom'].split('.')[0]}"
            shown = title if v else "Watch: " + title
            add(
                doc_id,
                page(o, shown, paras, wire, "2026-03-14T12:00:00Z", doc_id, v),
                k,
                k,
                url=f"https://{o['dom']}/b/{doc_id}",
            )
        dump = f"{title}\n\nBy {wire}\n\n{text}\n\n{FEED_DISCLAIMERS[0].format(o='Daily Wire Online')}"
        add(
            f"{k}_txt",
            dump + "\n\nFollow us on Facebook, Twitter and Instagram.\n\nDownload our app for the latest news.",
            k,
            k,
        )
    return labeled.docs, labeled.labels


def page(o: dict, title: str, paras: list[str], wire: str, date: str, i: str, variant: int) -> str:
    """An outlet's article page: nav, byline with its wire credit, share bar, related box, newsletter prompt, footer."""
    ps = []
    for j, p in enumerate(paras):
        ps.append(f"<p>{html.escape(p)}</p>")
        if j == 1:
            ps.append(
                f'<div class="related"><h4>Related</h4><ul><li><a href="/a/{i}1">{o["name"]} readers react to weekend weather</a></li><li><a href="/a/{i}2">Council approves new bus routes for next year</a></li></ul></div>'
            )
        if j == 2:
            ps.append(
                "<p><strong>Sign up for our newsletter to get the latest news delivered to your inbox every morning.</strong></p>"
            )
        if j == 3 and variant % 2:
            ps.append("<p>READ ALSO: Police appeal for witnesses after robbery in city centre</p>")
    byline = {"AP": "By The Associated Press", "Reuters": "By Reuters", "AFP": "AFP"}[wire]
    foot = WIRE_FOOTER[wire] if variant % 3 != 2 else ""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} - {o["name"]}</title>
<meta property="og:title" content="{html.escape(title)}"><meta property="article:published_time" content="{date}">
<link rel="canonical" href="https://{o["dom"]}/news/{i}/"></head><body>
<div class="top"><a href="/">{o["name"]}</a> <a href="/subscribe">Subscribe</a> <a href="/login">Log in</a></div>
<nav><a href="/world/">World</a> <a href="/business/">Business</a> <a href="/sport/">Sport</a> <a href="/opinion/">Opinion</a> <a href="/weather/">Weather</a></nav>
<main><article><h1>{html.escape(title)}</h1><p class="by">{byline} | {o["credit"]} | <time datetime="{date}">{date[:10]}</time></p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a> <a href="#">Print</a></div>
<div class="body">{"".join(ps)}{f"<p><em>{html.escape(foot)}</em></p>" if foot else ""}</div>
<div class="tags">Tags: World, Disasters, Europe</div></article>
<aside><h3>Most read</h3><ol><li><a href="/x1">Ten things to do this weekend in the city</a></li><li><a href="/x2">Local bakery wins national award</a></li><li><a href="/x3">Traffic chaos expected as bridge closes for repairs</a></li></ol></aside></main>
<footer><p>&copy; 2026 {o["name"]}. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a> <a href="/contact">Contact us</a></p></footer></body></html>"""


LOCAL = [
    "In {o}'s own region, emergency services said they were monitoring the situation closely and had offered assistance if needed.",
    "A spokesperson for the local community association said residents with relatives in the area could call a helpline set up on Saturday morning.",
]


# Briefs that outlets print with stacked wire-feed disclaimers (the same three paragraphs under each story).
FEED_BRIEFS = {
    "b3": (
        "Reuters",
        "Rail strike cancels trains across Norvik region",
        "NORVIK, March 14 (Reuters) - Rail workers in the Norvik region began a 24-hour strike on Saturday, cancelling about 400 trains and leaving commuters to find buses, the operator Nordbahn said. The union wants shorter shifts and two more rest days a month. Talks are due to resume on Tuesday.",
    ),
    "b4": (
        "Reuters",
        "Central bank of Orlandia holds rates at 4.5%",
        "ORLANDIA CITY, March 14 (Reuters) - Orlandia's central bank kept its key interest rate unchanged at 4.5% on Saturday, as expected by all 12 economists polled by Reuters, and said inflation was easing more slowly than it had forecast. Governor Pavel Runar said the bank was ready to act if prices rose again.",
    ),
    "b5": (
        "AP",
        "Fire destroys historic market hall in Dunmere",
        "DUNMERE, Calvia (AP) — A fire destroyed the 19th-century market hall in the center of Dunmere early Saturday, officials said. No one was hurt. Firefighters battled the blaze for five hours, and the cause was under investigation, fire chief Olga Brandt said.",
    ),
}
DISC = [
    "(Except for the headline, this story has not been edited by {o} staff and is published from a syndicated feed.)",
    "This story has been published from a wire agency feed without modifications to the text. Only the headline has been changed.",
    "Disclaimer: This is an auto-generated story from a syndicated news feed. {o} has not edited the content of this article.",
]
