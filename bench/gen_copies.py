"""Seeded generator of labeled syndicated copies, and the scores dedup is judged by.

Base stories come from the hand-written articles in ``bench/corpus/`` and from a phrase grammar
(event types, sentence templates with choice groups, invented names), so any number of distinct
stories can be made. Each base story is one *copy cluster*; an *event* may be reported by several
wires (different wording, figures and transliterations): one *story*, several copy clusters.

Copies get what syndication does to text: outlet wrappers, headline rewrites, truncation, dropped
paragraphs, typos, changed figures, inserted local paragraphs, typography changes, leftover
"Read more" lines and outlet disclaimers. Hard negatives are different stories of one event type,
country and cast of organisations, and short briefs built from the same templates.

    python bench/gen_copies.py --docs 1000 --seed 7 --out copies.jsonl   # JSON Lines for `wiredesk dedup`
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "include"))

from wiredesk.dedup import DedupDoc  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
UTC = dt.UTC


@dataclass(frozen=True)
class Labeled:
    """A generated document with its true copy cluster and story."""

    doc: DedupDoc
    copy_label: str
    story_label: str


@dataclass
class Story:
    """One base text: the thing every copy in a cluster comes from."""

    label: str
    event: str
    title: str
    paragraphs: list[str]
    published: dt.datetime


# --------------------------------------------------------------------------------------------------
# Names

_ONSETS = [
    "b",
    "d",
    "k",
    "l",
    "m",
    "n",
    "r",
    "s",
    "t",
    "v",
    "z",
    "sh",
    "kh",
    "br",
    "dr",
    "q",
    "h",
    "f",
    "g",
    "p",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "ai", "ou", "ei"]
_CODAS = ["", "", "", "", "n", "r", "l", "m", "s"]
_PLACE_FORMS = [
    "{}",
    "{}",
    "{}",
    "Deir {}",
    "San {}",
    "Kafr {}",
    "{} Heights",
    "Port {}",
    "Tell {}",
    "{}ovo",
    "{}burg",
    "{}abad",
    "Al {}",
]


def _syllable(rng: random.Random) -> str:
    """One invented syllable."""
    return rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)


def _word(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    """An invented capitalized word."""
    return "".join(_syllable(rng) for _ in range(rng.randint(lo, hi))).capitalize()


def _place(rng: random.Random) -> str:
    """An invented place name."""
    return rng.choice(_PLACE_FORMS).format(_word(rng))


def _person(rng: random.Random) -> str:
    """An invented person's name."""
    return f"{_word(rng, 2, 2)} {_word(rng, 2, 3)}"


def transliterate(name: str, rng: random.Random) -> str:
    """Another wire's spelling of ``name``: vowels, doubled letters and articles drift, consonants stay."""
    swaps = [
        ("ou", "u"),
        ("ai", "ay"),
        ("ei", "ey"),
        ("a", "e"),
        ("e", "i"),
        ("o", "u"),
        ("i", "y"),
        ("u", "ou"),
    ]
    out = name
    for _ in range(rng.randint(1, 2)):
        a, b = rng.choice(swaps)
        idx = [m.start() for m in re.finditer(a, out[1:])]
        if idx:
            k = rng.choice(idx) + 1
            out = out[:k] + b + out[k + len(a) :]
    if rng.random() < 0.3:
        m = re.search(r"([bdklmnrstvz])(?=[aeiou])", out[1:])
        if m:
            k = m.start() + 1
            out = out[:k] + out[k] + out[k:]
    if out.startswith("Al "):
        out = out[3:] if rng.random() < 0.5 else "al-" + out[3:]
    elif out.startswith("Deir "):
        out = "Dayr " + out[5:]
    return out


# --------------------------------------------------------------------------------------------------
# The phrase grammar: [a|b] picks one alternative, {slot} takes a fact of the event.

_TYPES: dict[str, dict[str, list[str]]] = {
    "fire": {
        "title": [
            "[Fire|Blaze] [sweeps through|guts|hits] {facility} in {place}",
            "{n1} [hurt|injured] as fire [tears through|engulfs] {place} {facility}",
            "[Firefighters battle|Crews fight] [huge|major] blaze at {place} {facility}",
        ],
        "lead": [
            "A fire [tore through|swept through|gutted] a {facility} in {place} [overnight|on {day}|early on "
            "{day}], [injuring|hurting] {n1} people, {official_role} {official} said.",
            "[At least|More than] {n1} people were [hurt|injured] when [a large|a huge|a fierce] fire [broke "
            "out|started] at a {facility} in {place} on {day}, [emergency services|the fire service|officials] "
            "said.",
        ],
        "body": [
            "The [blaze|fire] [started|began] [shortly after midnight|in the early hours|late in the evening] "
            "[in|near] the {part} and [spread|moved quickly] to [neighbouring|nearby] buildings in {district}.",
            "[Around|About|More than] {n2} firefighters [were sent to|worked at|fought the flames at] the "
            "[site|scene] for [several|more than {n3}] hours.",
            "{official} said {n3} of the [injured|wounded] were in a serious condition [with burns|from smoke "
            "inhalation|after being trapped].",
            "Police [have opened|launched] an investigation into [the cause|what started the fire], and "
            "{official2} said [an electrical fault|a gas leak|arson] [had not been|could not be] ruled out.",
            "Residents of {district} were [told|asked] to keep [their windows closed|indoors] [while|until] "
            "[the smoke cleared|air tests came back].",
            "[Roads|Streets|Rail lines] around the {facility} [stayed|remained] closed [for most of the "
            "day|into the evening], [causing|with] long [delays|tailbacks] in {place}.",
            "The {facility} [employs|had employed] about {n4} people, according to its [owner|operator], "
            "{company}.",
            '"[We were lucky|It could have been much worse|Nobody expected it to spread so fast]", said '
            "{witness}, who [lives|works] nearby.",
        ],
    },
    "quake": {
        "title": [
            "[Strong|Powerful] quake [kills|leaves] [at least |]{n1} [dead |]in {region}",
            "Earthquake [toll climbs|death toll rises] to {n1} in {region}",
            "[Rescuers dig|Search goes on] for survivors after {region} quake",
        ],
        "lead": [
            "A magnitude {mag} earthquake [struck|hit|shook] {region} [late on|early on|on] {day}, killing "
            "[at least|more than] {n1} people, [civil defence|disaster|regional] officials said.",
            "[Rescuers|Rescue teams|Soldiers and volunteers] [searched|dug] through [rubble|debris|collapsed "
            "homes] in {place} on {day} after a [powerful|strong|shallow] earthquake killed [at least|] {n1} "
            "people.",
        ],
        "body": [
            "The [quake|earthquake|tremor] [hit|struck] at a depth of [about|around] {n3} kilometres, with its "
            "epicentre near {place}, [according to|said] the {agency}.",
            "[Most of the|Many of the] [deaths|victims] were in {place} and [the nearby village of|the hamlet "
            "of] {place2}, where [houses|homes|a church tower] collapsed.",
            "{official_role} {official} said the toll was [likely|expected] to rise as [teams|rescuers] reached "
            "[remote|outlying] villages.",
            "[Landslides|Rockfalls] [blocked|cut] the [main|only] road into {place}, and [helicopters|the air "
            "force] [brought|flew in] [doctors|tents and water].",
            "[Aftershocks|Several aftershocks] of up to magnitude {mag2} kept [residents|families] [sleeping "
            "outdoors|in the streets].",
            '"[We heard a roar|The ground moved like water|Everything fell at once]", said {witness}, '
            "[a farmer|a teacher|a shopkeeper] in {place}.",
            "{region} [sits on|lies along] [one of the country's|a] most active fault [systems|lines], and a "
            "quake in {year} killed [hundreds|many people] there.",
            "The [hospital|main clinic] in {place2} was [overwhelmed|short of blood and beds], {official2} "
            "said.",
        ],
    },
    "shelling": {
        "title": [
            "[Shelling|Rocket fire|Airstrikes] [kills|kill] {n1} in {place}, monitor says",
            "[Children among dead|Civilians killed] as [rockets hit|shells strike] {place}",
            "{n1} [dead|killed] in [strikes|attack] on {place} market",
        ],
        "lead": [
            "[Shelling|Rocket fire|Air strikes] killed at least {n1} civilians in {place} on {day}, [a war "
            "monitor|the {monitor}|rescuers] said.",
            "[At least|More than] {n1} people were killed when [rockets|shells|bombs] [hit|struck] a [market|"
            "school|residential street] in {place} on {day}, according to the {monitor}.",
        ],
        "body": [
            "The {monitor} said [the strikes|the shells] hit [a market|a school|a bakery] in the town's "
            "[eastern|northern|old] quarter.",
            '"[It was market day|People were queuing for bread|Children were on their way to school]", '
            "the monitor's [director|head], {official}, said.",
            "[Rescue workers|Volunteers] said they had recovered {n3} bodies, [among them|including] {n2} "
            "children.",
            "{place} lies on the road between {place2} and the [border crossing|frontier post] at {place3}.",
            "There was no [comment|immediate comment] from the [defence ministry|army], which [said|has said] "
            "it [targets|struck] only militant positions.",
            "[Dozens of wounded|The wounded] were taken to [a field clinic|the hospital] in {place2}, "
            "{witness} said.",
            "{place} has changed hands [twice|several times] since {year}, {witness} said.",
        ],
    },
    "court": {
        "title": [
            "Court [rules|finds] against {company} in {place} [case|dispute]",
            "[Judges|Judge] [order|orders] {company} to pay {money}",
            "{company} [loses|wins] appeal over {topic}",
        ],
        "lead": [
            "A court in {place} [ordered|told] {company} to pay {money} in damages on {day} over {topic}, "
            "[ending|closing] a dispute that had lasted {n3} years.",
            "{company} [lost|won] its appeal [against|over] {topic} on {day}, after judges in {place} [ruled|"
            "found] that [the company|it] had [acted lawfully|breached its contracts].",
        ],
        "body": [
            "Presiding judge {official} said the [evidence|documents] showed the company had [known|been "
            "warned] about the problem since {year}.",
            "Lawyers for {company} said they would [study the ruling|consider an appeal] [before deciding|and "
            "reserve comment], {witness} said outside the court in {place}.",
            "[The case|The lawsuit] was brought by {n2} [residents|former employees|suppliers] [from|in] "
            "{district}.",
            '"[This is a day for the families|We never gave up|Justice was slow but it came]", said '
            "{witness}, one of the claimants.",
            "The company's shares [fell|dropped|slipped] {pct} percent [after|following] the ruling.",
            "[Regulators|Prosecutors] in {place2} are [running|conducting] a separate investigation into "
            "{topic}.",
        ],
    },
    "results": {
        "title": [
            "{company} [profit|earnings] [jumps|falls|slides] {pct} percent",
            "{company} [beats|misses] [forecasts|estimates] as [sales rise|demand slows]",
            "{company} [cuts|raises] outlook after {quarter} quarter",
        ],
        "lead": [
            "{company} said on {day} its {quarter}-quarter net profit [rose|fell] {pct} percent to {money}, "
            "[helped|hurt] by [demand in {region}|currency moves|higher costs].",
            "[Shares in|Shares of] {company} [rose|fell] {pct} percent on {day} after the {place}-based "
            "[group|company] reported [quarterly|{quarter}-quarter] [results|earnings] [above|below] "
            "forecasts.",
        ],
        "body": [
            "Revenue [reached|came to] {money2}, [compared with|against] {money} a year earlier.",
            "Chief executive {official} said the [company|group] would [keep investing|cut costs] [in|at] "
            "its {place2} [plant|operations].",
            "Analysts [at|from] {company2} had expected [a smaller|a larger] [gain|drop].",
            "The company [employs|has] [about|around] {n4} people [worldwide|in {n3} countries].",
            "[It|The group] [kept|changed] its forecast for the full year, [citing|pointing to] {topic}.",
            '"[The quarter was tough|We are pleased with the progress|Demand surprised us]", {official} '
            "told analysts on a call.",
        ],
    },
    "strike": {
        "title": [
            "[Rail|Bus|Port|Hospital] workers strike in {place} over pay",
            "Strike [halts|disrupts] {facility} in {place}",
            "{union} calls {n3}-day strike",
        ],
        "lead": [
            "[Thousands of|About {n4}] workers at {facility} in {place} [walked out|went on strike] on {day} "
            "[over pay|in a dispute over wages], [the union said|{union} said].",
            "A strike by {union} [halted|disrupted] [services|work] at {facility} in {place} on {day}, "
            "[leaving|stranding] [commuters|passengers|patients] [without|with few] [options|services].",
        ],
        "body": [
            "{union} [wants|is demanding] a pay rise of {pct} percent, [against|compared with] the {n3} "
            "percent offered by management.",
            "Union leader {official} said [members|workers] were [prepared|ready] to [stay out|strike again] "
            "[if talks failed|next month].",
            "[Management|The employer] said the strike would cost [about|around] {money} a day at {facility}.",
            "[Picket lines|Pickets] formed [outside|at] the [main gate|depot] in {district} from [dawn|early "
            "morning].",
            '"[We cannot live on these wages|Prices have gone up and our pay has not]", said {witness}, '
            "who has worked there for {n3} years.",
            "Talks [are due to|will] resume on {day2} [with a mediator|at the labour ministry].",
        ],
    },
    "election": {
        "title": [
            "{party} [wins|leads] {region} [vote|election]",
            "{official} [claims victory|concedes] in {region}",
            "[Turnout|Voting] [high|low] as {region} [elects|chooses] new assembly",
        ],
        "lead": [
            "{party} [won|took] {pct} percent of the vote in {region}'s [regional|provincial] election on {day}, "
            "[according to|said] the electoral commission.",
            "[Voters|Voters in {region}] [handed|gave] {party} [a clear win|a narrow lead] on {day}, [with|"
            "after] [most|nearly all] ballots counted.",
        ],
        "body": [
            "[Turnout|Participation] was {n3} percent, [up|down] from the last vote in {year}.",
            "[Party leader|Candidate] {official} [told supporters|said] in {place} that the result was a "
            "[mandate|message] for [change|stability].",
            "{party2} [came second|trailed] with {n2} seats in the {n4}-seat assembly.",
            "[Observers|Monitors] from {agency} said the vote had been [orderly|largely fair], though they "
            "noted [long queues|problems with registration] in {district}.",
            "The new {region} assembly [meets|will meet] for the first time on {day2}, with {n2} new members.",
            '"[People want jobs|Voters were tired of promises|This is a new start]", said {witness}, a '
            "voter in {place}.",
        ],
    },
    "crash": {
        "title": [
            "{n1} [killed|dead] as bus [plunges|crashes] [off road|into ravine] near {place}",
            "[Bus|Coach] crash [kills|leaves] {n1} [dead |]in {region}",
            "Driver arrested after {place} crash",
        ],
        "lead": [
            "[A bus|A coach|A minibus] [carrying|packed with] {n4} passengers [plunged|veered] off a "
            "[mountain|coastal] road near {place} on {day}, killing {n1} people, police said.",
            "[At least|More than] {n1} people [died|were killed] and {n2} were injured when [a bus|a coach] "
            "[collided with|hit] a lorry near {place} [late on|on] {day}.",
        ],
        "body": [
            "[Police|Officials] said the [driver|bus] [appeared|seemed] to have lost control on a [sharp "
            "bend|wet road|steep descent].",
            "The injured were taken to hospitals in {place2} and {place3}, {official_role} {official} said.",
            "[The bus|The coach] [was travelling|had set off] from {place2} [to|towards] the capital [with "
            "families|with pilgrims|with students].",
            "[The driver|The bus owner] was [arrested|detained] and [questioned|held] [on suspicion of "
            "negligence|pending an inquiry].",
            "[Road deaths|Crashes] on the route [have risen|are common], and {agency} has [called for|promised] "
            "[barriers|repairs].",
            '"[I heard the brakes|The bus was going too fast]", said {witness}, who [saw|witnessed] the '
            "crash.",
        ],
    },
}
_GENERIC = [
    "[Officials|Authorities] in {place} said [more details|further information] would be [released|given] [later|on "
    "{day2}], {official2} told reporters.",
    "The [government|ministry] [has promised|said it would send] [help|aid|extra staff] to {place}.",
    "[Local media|Television] [showed|broadcast] [pictures|footage] of [the scene|crowds gathering] in {place}.",
    "[Opposition politicians|Critics] [called for|demanded] an [independent|urgent] inquiry into [what happened|the "
    "events] in {place}.",
    "{place} has a population of [about|around] {n4} and [lies|sits] [in the west of|on the edge of] {region}.",
    "[In a statement|Speaking to reporters], {official2} said [lessons would be learned|the priority was the "
    "families] and [asked|urged] people to [avoid the area|stay calm|follow official advice].",
    "[Neighbours|People living nearby] in {district} [described|recalled] [hearing|seeing] [a loud bang|smoke|"
    "sirens] [just before|shortly after] [dawn|midday|the evening news].",
    "[A spokesperson|A spokeswoman|A spokesman] for {company2} said the [firm|company] [was following|had been "
    "told about] the situation [closely|by the authorities] and had [no further comment|nothing to add].",
    "[Schools|Several schools] in {district} [stayed closed|sent pupils home] on {day}, [the education office "
    "said|according to parents].",
    "The [last|previous] [comparable|similar] [case|incident] in {region} was in {year}, when [dozens|many] "
    "[people|families] were [affected|forced from their homes].",
    "[Volunteers|Church groups|Students] [set up|organised] [a collection point|a soup kitchen|a phone line] in "
    "{place2} [for those affected|for families] [within hours|by the afternoon].",
    "[Insurance experts|Economists] [estimated|put] the [cost|damage] at [around|up to] {money}, [though|but] "
    "[they cautioned|they said] [it was too early to be sure|the figure could change].",
    "[Regional radio|A local newspaper] [reported|said] that [similar|earlier] [warnings|complaints] had been "
    "[ignored|filed] [last year|in {year}].",
    "{official} [is due to|will] [visit|travel to] {place} on {day2} [to meet|and meet] [families|local "
    "leaders|officials].",
    "[Flags|Flags on public buildings] in {place} [will fly|were lowered] at half mast [on {day2}|for three days], "
    "{official2} said.",
]
_LOCAL = [
    "[Several|A number of] families from {outlet_town} [have relatives|live] in {place}, and [the town council|the "
    "mayor of {outlet_town}] said [it|they] would [help|send donations].",
    "[Readers|Residents] in {outlet_town} can [donate|give] through the [community fund|local Red Cross office] on "
    "{street}, [organisers|volunteers] said.",
    "[For|In] {outlet_town}, the [news|events] [come|comes] [weeks after|as] [a similar|its own] [scare|debate] about "
    "[safety|funding] at the {facility2}.",
]
_FACILITIES = [
    "container terminal",
    "chemical plant",
    "furniture warehouse",
    "textile factory",
    "shopping centre",
    "rail depot",
    "food market",
    "printing works",
    "bus garage",
    "timber yard",
    "cold store",
    "car plant",
    "power station",
    "ferry terminal",
    "hospital",
]
_PARTS = ["loading bay", "boiler room", "storage hall", "east wing", "roof space", "basement", "workshop"]
_TOPICS = [
    "water pollution",
    "unpaid wages",
    "a faulty braking system",
    "price fixing",
    "a collapsed dam",
    "toxic waste",
    "a cancelled contract",
    "tax arrears",
    "data protection",
    "a failed merger",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ROLES = ["police spokesman", "mayor", "governor", "fire chief", "regional official", "health minister"]


_REGION_FORMS = ["", " Province", " Valley", " Highlands"]


class _Country:
    """A recurring cast: regions, agencies, monitors, unions and parties shared by many events."""

    def __init__(self, rng: random.Random, towns: int = 400) -> None:
        """Invent the country's cast (``towns`` places, so a big day does not crowd events into a few)."""
        self.regions = [_word(rng) + rng.choice(_REGION_FORMS) for _ in range(6)]
        self.agency = "National " + rng.choice(
            ["Seismological Service", "Road Safety Agency", "Election Office"]
        )
        self.monitor = f"{_word(rng)} Monitor for Civilian Protection"
        self.union = f"{_word(rng)} Transport Union"
        self.parties = [
            f"{_word(rng)} {rng.choice(['Party', 'Alliance', 'Front', 'Movement'])}" for _ in range(4)
        ]
        self.companies = [
            f"{_word(rng)} {rng.choice(['Group', 'Holdings', 'Industries', 'Bank'])}" for _ in range(8)
        ]
        self.towns = [_place(rng) for _ in range(towns)]


def _facts(rng: random.Random, country: _Country, when: dt.datetime) -> dict[str, str]:
    """The facts of one event."""
    towns = rng.sample(country.towns, 3)
    # The event's own region, company and party (a vote or a company's results is one story per day);
    # now and then a shared one, so different events still meet on names.
    region = rng.choice(country.regions) if rng.random() < 0.2 else _word(rng) + rng.choice(_REGION_FORMS)
    company = (
        rng.choice(country.companies)
        if rng.random() < 0.2
        else f"{_word(rng)} {rng.choice(['Group', 'Holdings', 'Industries', 'Bank'])}"
    )
    party = (
        rng.choice(country.parties)
        if rng.random() < 0.2
        else f"{_word(rng)} {rng.choice(['Party', 'Alliance', 'Front', 'Movement'])}"
    )
    return {
        "place": towns[0],
        "place2": towns[1],
        "place3": towns[2],
        "region": region,
        "district": _word(rng) + rng.choice(["", " district", " quarter"]),
        "official": _person(rng),
        "official2": _person(rng),
        "witness": _person(rng),
        "official_role": rng.choice(_ROLES),
        "facility": rng.choice(_FACILITIES),
        "facility2": rng.choice(_FACILITIES),
        "part": rng.choice(_PARTS),
        "company": company,
        "company2": rng.choice(country.companies),
        "topic": rng.choice(_TOPICS),
        "agency": country.agency,
        "monitor": country.monitor,
        "union": country.union,
        "party": party,
        "party2": rng.choice(country.parties),
        "n1": str(rng.randint(3, 140)),
        "n2": str(rng.randint(2, 60)),
        "n3": str(rng.randint(2, 19)),
        "n4": f"{rng.randint(2, 90) * 100:,}",
        "pct": f"{rng.randint(1, 45)}.{rng.randint(0, 9)}",
        "money": f"{rng.randint(2, 900)} million {rng.choice(['euros', 'dollars', 'crowns'])}",
        "money2": f"{rng.randint(1, 9)}.{rng.randint(0, 9)} billion",
        "mag": f"{rng.randint(50, 78) / 10:.1f}",
        "mag2": f"{rng.randint(38, 52) / 10:.1f}",
        "year": str(rng.randint(1968, 2026)),
        "quarter": rng.choice(["first", "second", "third", "fourth"]),
        "day": _DAYS[when.weekday()],
        "day2": _DAYS[(when.weekday() + rng.randint(1, 4)) % 7],
    }


_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def realize(template: str, facts: dict[str, str], rng: random.Random) -> str:
    """Fill one template: pick an alternative in each [..|..] group, then the {slots}."""
    text = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    text = _SLOT.sub(lambda m: facts[m.group(1)], text)
    return re.sub(r"\s+", " ", text).strip()


def _variant_facts(facts: dict[str, str], rng: random.Random) -> dict[str, str]:
    """Another wire's view of the same event: other figures, other spellings of the names."""
    out = dict(facts)
    for k in ("place", "place2", "official", "witness"):
        out[k] = transliterate(facts[k], rng)
    for k in ("n1", "n2", "n3"):
        if rng.random() < 0.7:
            out[k] = str(max(1, int(facts[k]) + rng.randint(-5, 12)))
    out["witness"] = _person(rng)
    return out


def _write_story(kind: str, facts: dict[str, str], rng: random.Random, brief: bool) -> tuple[str, list[str]]:
    """Title and paragraphs of one wire's report of an event."""
    spec = _TYPES[kind]
    title = realize(rng.choice(spec["title"]), facts, rng)
    sentences = [realize(rng.choice(spec["lead"]), facts, rng)]
    pool = spec["body"] + _GENERIC
    k = rng.randint(1, 2) if brief else rng.randint(12, min(20, len(pool)))
    sentences += [realize(t, facts, rng) for t in rng.sample(pool, k)]
    paragraphs, i = [], 0
    while i < len(sentences):
        step = 1 if (i == 0 or brief) else rng.choice([1, 2, 2, 3])
        paragraphs.append(" ".join(sentences[i : i + step]))
        i += step
    return title, paragraphs


def _corpus_stories(start: dt.datetime) -> list[Story]:
    """The hand-written articles as base stories (their own event labels, times moved to ``start``)."""
    stories = []
    for path in sorted(CORPUS.glob("*.txt")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        published = dt.datetime.fromisoformat(meta["published"])
        stories.append(
            Story(
                f"corpus:{path.stem}",
                f"corpus:{meta['event']}",
                meta["title"],
                [p.strip() for p in body.split("\n\n") if p.strip()],
                published,
            )
        )
    base = min(s.published for s in stories)
    first = {}
    for s in stories:
        first[s.event] = min(first.get(s.event, s.published), s.published)
    for s in stories:
        # Keep each event's internal timing but put the corpus inside the generated days: the event is moved
        # as a whole (moving each report by its own time of day put one report of the Velsen fire 21 hours
        # after the other, which came 2.5 hours after it).
        shift = (first[s.event] - base) % dt.timedelta(days=1)
        s.published = start + dt.timedelta(hours=6) + shift + (s.published - first[s.event])
    return stories


def base_stories(
    n_clusters: int, rng: random.Random, start: dt.datetime, days: int, with_corpus: bool = True
) -> list[Story]:
    """About ``n_clusters`` base stories: grammar events (some told by two or three wires) and the corpus."""
    # About one event per town and day at most, as in a world's worth of news.
    countries = [_Country(rng, max(400, n_clusters // 6)) for _ in range(6)]
    stories = _corpus_stories(start) if with_corpus else []
    event_no = 0
    while len(stories) < n_clusters:
        event_no += 1
        kind = rng.choice(list(_TYPES))
        when = start + dt.timedelta(seconds=rng.randint(0, days * 86400 - 1))
        facts = _facts(rng, rng.choice(countries), when)
        brief = rng.random() < 0.08
        wires = 1 if brief else rng.choices([1, 2, 3], weights=[80, 15, 5])[0]
        for w in range(wires):
            f = facts if w == 0 else _variant_facts(facts, rng)
            title, paragraphs = _write_story(kind, f, rng, brief)
            published = when + dt.timedelta(minutes=rng.randint(0, 300) if w else 0)
            stories.append(Story(f"b{len(stories)}", f"e{event_no}", title, paragraphs, published))
    return stories


# --------------------------------------------------------------------------------------------------
# Copies

_CURLY = [("'", "\u2019"), ('"', "\u201c"), (" - ", " \u2014 "), (" - ", " \u2013 ")]
_HEADLINE_TAILS = [" | {outlet}", " - {outlet}", ": what we know", " (UPDATE 1)", " - report"]


class _Outlet:
    """A publisher that reprints wire copy in its own way."""

    def __init__(self, rng: random.Random, k: int) -> None:
        """Invent outlet number ``k`` and its reprinting habits."""
        self.name = f"The {_word(rng, 2, 2)} {rng.choice(['Times', 'Post', 'Herald', 'Courier', 'Daily', 'Observer'])}"
        self.host = re.sub(r"[^a-z]", "", self.name.lower()) + f"{k}.example"
        self.town = _place(rng)
        self.street = f"{_word(rng, 2, 2)} Street"
        self.prefix = rng.random() < 0.3
        self.byline = rng.random() < 0.3
        self.curly = rng.random() < 0.5
        # Some outlets leak a boilerplate paragraph the cleaner did not know: same text on every page.
        self.disclaimer = None
        if rng.random() < 0.06:
            self.disclaimer = (
                f"{self.name} republishes agency content under licence and is not responsible for "
                f"its accuracy. Questions about this article should be sent to the newsdesk of "
                f"{self.name} in {self.town}, which answers within two working days."
            )


def _typo(text: str, rng: random.Random) -> str:
    """One keyboard slip in a random word."""
    words = [m for m in re.finditer(r"[a-z]{4,}", text)]
    if not words:
        return text
    m = rng.choice(words)
    w = m.group(0)
    k = rng.randint(1, len(w) - 2)
    op = rng.randint(0, 2)
    w2 = (
        w[:k] + w[k + 1] + w[k] + w[k + 2 :]
        if op == 0
        else w[:k] + w[k + 1 :]
        if op == 1
        else w[:k] + w[k] + w[k:]
    )
    return text[: m.start()] + w2 + text[m.end() :]


def _change_figure(text: str, rng: random.Random) -> str:
    """Update one number (a toll rises, an estimate is revised)."""
    nums = list(re.finditer(r"\b\d+\b", text))
    if not nums:
        return text
    m = rng.choice(nums)
    return text[: m.start()] + str(int(m.group(0)) + rng.randint(1, 9)) + text[m.end() :]


def make_copy(
    story: Story, outlet: _Outlet, rng: random.Random, headlines: list[str], exact: bool
) -> tuple[str, str]:
    """Title and body of one outlet's copy of ``story``."""
    title = story.title
    paras = list(story.paragraphs)
    if not exact:
        if rng.random() < 0.5:
            title = rng.choice(
                [
                    title + rng.choice(_HEADLINE_TAILS).format(outlet=outlet.name),
                    title.upper() if rng.random() < 0.2 else title.split(",")[0],
                    re.sub(r"\b(\w+)$", lambda m: m.group(1) + " - update", title),
                ]
            )
        # An outlet trims from the bottom or cuts a paragraph or two, rarely both.
        r = rng.random()
        if r < 0.15 and len(paras) > 2:
            # A copy keeping only the first 40% (one of the named cases).
            paras = paras[: max(1, round(len(paras) * 0.4))]
        elif r < 0.3 and len(paras) > 2:
            paras = paras[: rng.randint(max(1, len(paras) // 2), len(paras) - 1)]
        elif r < 0.55 and len(paras) > 3:
            for _ in range(rng.randint(1, 2)):
                del paras[rng.randint(1, len(paras) - 1)]
        kept = len(paras) / len(story.paragraphs)
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 3)):
                k = rng.randrange(len(paras))
                paras[k] = _typo(paras[k], rng)
        if rng.random() < 0.2:
            for _ in range(rng.randint(1, 2)):
                k = rng.randrange(len(paras))
                paras[k] = _change_figure(paras[k], rng)
        if rng.random() < 0.2 and kept >= 0.5:
            local = {
                "outlet_town": outlet.town,
                "place": "the area",
                "street": outlet.street,
                "facility2": rng.choice(_FACILITIES),
            }
            for _ in range(rng.choice([1, 1, 1, 2])):
                paras.insert(rng.randint(1, len(paras)), realize(rng.choice(_LOCAL), local, rng))
        if rng.random() < 0.1 and len(paras) > 2:
            paras.insert(rng.randint(1, len(paras) - 1), "Read more: " + rng.choice(headlines))
    if outlet.prefix:
        paras[0] = f"({outlet.name}) - " + paras[0]
    if outlet.byline:
        paras.append(f"Reporting by {_person(rng)}; editing by {_person(rng)}")
    if outlet.disclaimer:
        paras.append(outlet.disclaimer)
    body = "\n\n".join(paras)
    if outlet.curly:
        for a, b in _CURLY:
            if rng.random() < 0.7:
                body = body.replace(a, b)
    if rng.random() < 0.1:
        body = body.replace(". ", ".  ").replace("\n\n", "\n \n")
    return title, body


def generate(
    n_docs: int,
    seed: int = 0,
    days: int = 1,
    start: dt.date = dt.date(2031, 3, 14),
    late_share: float = 0.05,
    with_corpus: bool = True,
    one_partition: bool = False,
) -> list[Labeled]:
    """``n_docs`` labeled documents over ``days`` day partitions (seeded: same arguments, same output).

    ``one_partition`` puts every document in the first day's partition (one fetch day's batch).
    """
    rng = random.Random(seed)
    t0 = dt.datetime.combine(start, dt.time(0, 0), tzinfo=UTC)
    outlets = [_Outlet(rng, k) for k in range(max(20, n_docs // 40))]
    # Cluster sizes: most stories are reprinted a few times, a few very widely (capped).
    sizes: list[int] = []
    while sum(sizes) < n_docs:
        sizes.append(min(60, 1 + int(rng.paretovariate(1.4)) - 1 + rng.randint(0, 3)))
    stories = base_stories(len(sizes), rng, t0, days, with_corpus)
    rng.shuffle(sizes)
    headlines = [s.title for s in stories[:500]]
    out: list[Labeled] = []
    for story, size in zip(stories, sizes, strict=False):
        size = min(size, n_docs - len(out))
        if size <= 0:
            break
        for c in range(size):
            outlet = rng.choice(outlets)
            exact = c > 0 and rng.random() < 0.3
            title, body = make_copy(story, outlet, rng, headlines, exact)
            delay = dt.timedelta(minutes=rng.randint(0, 720))
            if c > 0 and rng.random() < late_share:
                delay += dt.timedelta(days=rng.randint(1, 3))
            published = story.published + (delay if c else dt.timedelta(0))
            # Some pages carry no usable date; a few carry the wire's original time.
            pub = None if rng.random() < 0.05 else published
            day = start if one_partition else min(published.date(), (t0 + dt.timedelta(days=days + 3)).date())
            slug = re.sub(r"[^a-z0-9]+", "-", title.lower())[:50].strip("-")
            doc = DedupDoc(
                article_id=f"d{len(out):07d}",
                day=day,
                text=body,
                title=title,
                lead=body.split("\n\n")[0][:400],
                url=f"https://{outlet.host}/news/{slug}-{len(out)}",
                published_at=pub,
            )
            out.append(Labeled(doc, story.label, story.event))
    return out


# --------------------------------------------------------------------------------------------------
# Scores


def _pairs(groups: Iterable[int]) -> int:
    """Pairs inside groups of the given sizes."""
    return sum(n * (n - 1) // 2 for n in groups)


def pairwise(pred: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering ``pred`` against ``truth`` (id → cluster)."""
    both = Counter((pred[k], truth[k]) for k in truth)
    tp = _pairs(both.values())
    pp = _pairs(Counter(pred[k] for k in truth).values())
    tt = _pairs(Counter(truth.values()).values())
    p = tp / pp if pp else 1.0
    r = tp / tt if tt else 1.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "true_pairs": tt,
        "predicted_pairs": pp,
    }


def bcubed(pred: dict[str, str], truth: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 (per-item averages; big clusters do not dominate)."""
    both = Counter((pred[k], truth[k]) for k in truth)
    psize = Counter(pred[k] for k in truth)
    tsize = Counter(truth.values())
    n = len(truth)
    p = sum(c * c / psize[pl] for (pl, _), c in both.items()) / n
    r = sum(c * c / tsize[tl] for (_, tl), c in both.items()) / n
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(assignments: Iterable, labeled: list[Labeled]) -> dict[str, dict[str, float]]:
    """Copy-cluster and story scores of dedup ``assignments`` against the generator's labels."""
    got = {a.article_id: a for a in assignments}
    copy_truth = {x.doc.article_id: x.copy_label for x in labeled}
    story_truth = {x.doc.article_id: x.story_label for x in labeled}
    copy_pred = {k: got[k].copy_cluster_id for k in copy_truth}
    story_pred = {k: got[k].story_id for k in story_truth}
    return {
        "copy_pairwise": pairwise(copy_pred, copy_truth),
        "copy_bcubed": bcubed(copy_pred, copy_truth),
        "story_pairwise": pairwise(story_pred, story_truth),
        "story_bcubed": bcubed(story_pred, story_truth),
    }


def by_group(labeled: list[Labeled]) -> dict[str, list[Labeled]]:
    """Documents grouped by copy label (handy in tests)."""
    out: dict[str, list[Labeled]] = defaultdict(list)
    for x in labeled:
        out[x.copy_label].append(x)
    return out


def main(argv: list[str] | None = None) -> int:
    """Write a generated set as JSON Lines (the ``wiredesk dedup`` input, plus label columns)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--days", type=int, default=1)
    ap.add_argument("--out", default="-")
    args = ap.parse_args(argv)
    rows = generate(args.docs, args.seed, args.days)
    fh = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    try:
        for x in rows:
            d = x.doc
            fh.write(
                json.dumps(
                    {
                        "doc_id": d.article_id,
                        "text": d.text,
                        "title": d.title,
                        "url": d.url,
                        "published_at": d.published_at.isoformat() if d.published_at else None,
                        "copy_label": x.copy_label,
                        "story_label": x.story_label,
                    }
                )
                + "\n"
            )
    finally:
        if fh is not sys.stdout:
            fh.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
