"""Round-five held-out-style wire copies: probes not in wire_variants.py .. wire_variants4.py.

Written blind (without reading the dedup or cleaning rules) and before any tuning, so it measures, not fits.
Eight invented events, 35 documents, 12 copy clusters, 9 stories, all on one day: every ``published_at`` falls
within 2026-11-19 UTC, written with various zones (Z, +00:00, +01:00, -05:00, -08:00); six records have none
(three plain dumps, three pages). HTML pages (three new templates: an editor's-note page, a caption-heavy
photo layout and a one-``<p>`` page whose paragraphs are joined with ``<br>``) and plain-text dumps mixed.

* ``levee_ap`` (AP, ten paragraphs): a levee breach floods a river town. Five copies: the wire; a CMS page; a
  page whose outlet put a **150-word editor's note / context box at the top**, before the wire lead; a photo
  layout with an **image caption and credit between every paragraph**; and a page whose CMS **replaced every
  paragraph break with ``<br>`` inside one ``<p>``**. One copy cluster.
* ``levee_explainer`` (AP, same day): an AP explainer ("What to know about ...") on the same breach that reuses
  **two background paragraphs of the news story verbatim** (about 30% of the explainer). Another copy cluster,
  the **same story**.
* ``verdict_rtr``: a Reuters court story and its **corrected re-issue**, in which one figure (a fine of 4.2
  million -> 2.4 million) and one name (the judge's surname) changed and a "Correction: ..." line is appended at
  the end (on the page, the correction is the last paragraph). Decision: **one copy cluster** (the re-issue replaces the first issue of the same story). Four
  documents (wire + page of each issue).
* ``kettle`` / ``heater``: the **same press-release template** from one company (Norvane Appliances) announcing
  two different products with about 70% identical wording, different product names, prices, figures and dates.
  Decision by the brief: two announcements are **two events**, so two copy clusters and two stories, although
  the wording is near-duplicate.
* ``obit_halvard`` / ``obit_mesquita``: two obituaries from one agency in **one obituary template** ("X, the
  ... who ..., has died. He/She was N."), other people, careers and ages (three and two documents). Two copy
  clusters, two stories.
* ``fr_afp``: one AFP story in French republished by three francophone outlets with different typography:
  France-style narrow no-break spaces before ``:``, ``?``, ``!``, ``;`` and inside « guillemets », with ``’``
  apostrophes; Swiss/Belgian style with no space before punctuation and straight ``'``; and "quotes" with ``'``
  and ordinary spaces. One copy cluster (four documents). ``en_afp``: the **English AFP version** of the same
  story (translated, other sentence order): another copy cluster, the **same story** (two documents).
* ``budget_long`` (Reuters, about 1,500 words): a long story. Copies: the wire, a full page, and a page
  **truncated to about 30%** with "Read the full story at The Halden Ledger" appended, and the same truncation as
  a dump. One copy cluster (the brief: truncated copies join by containment).
* ``ferry_ap`` / ``ferry_rtr``: a ferry running aground reported separately by AP and Reuters. Two copy
  clusters, one story (a plain control).

People, places, outlets, companies and figures are invented; of the agencies, AP, AFP and Reuters are real names.
"""

from __future__ import annotations

import html

from labeled_copies import LabeledSet, report
from wire_variants import cms_page, dump, portal_page
from wire_variants2 import magazine_page

OUTLETS = [
    dict(name="Ostmark Valley Courier", dom="ostmarkcourier.example"),
    dict(name="Pell County Record", dom="pellrecord.example"),
    dict(name="The Halden Ledger", dom="haldenledger.example"),
    dict(name="Brightwater Daily", dom="brightwaterdaily.example"),
    dict(name="Le Courrier de Sainte-Aure", dom="courrier-sainteaure.example"),
    dict(name="La Tribune du Léman-Nord", dom="tribune-lemannord.example"),
    dict(name="Écho de Valbruyère", dom="echo-valbruyere.example"),
    dict(name="Marlow Bay Times", dom="marlowbaytimes.example"),
]

# --------------------------------------------------------------------------------------------------
# levee (AP news story) and the AP explainer sharing two background paragraphs

LEVEE_TITLE = "Levee breach floods river town of Castrell, forcing 4,000 to flee"
LEVEE_BG1 = "The Castrell levee, an earthen embankment about 11 miles long, was built in 1958 after a flood that destroyed much of the town's business district. A 2021 state inspection rated two sections of it as 'unacceptable' because of seepage and animal burrows, and repairs budgeted at $18 million had been scheduled to begin next spring."
LEVEE_BG2 = "The Ostmark River drains a basin of roughly 6,200 square miles, and its level at Castrell has risen above flood stage in eight of the last ten years. Hydrologists have warned that heavier autumn storms are putting older flood defenses along the river under strain they were not designed to bear."
LEVEE = [
    "CASTRELL (AP) — A levee on the swollen Ostmark River gave way before dawn Thursday, sending a wall of brown water through the low-lying eastern half of Castrell and forcing about 4,000 residents to flee their homes, officials said.",
    "The breach, first reported by a sheriff's deputy at about 4:40 a.m., widened to roughly 150 feet within two hours, Pell County emergency manager Dolores Achterberg said. No deaths had been confirmed by midday, but rescue crews in boats were still going door to door.",
    '"We heard a sound like a freight train and then the water was at the porch steps," said Wendell Ruiz-Okafor, 67, who was carried to a boat with his wife and their two dogs. "By the time we got to the end of the street it was up to the mailboxes."',
    "Gov. Patricia Lindqvist declared a state of emergency for Pell and two neighboring counties and ordered National Guard units to help with evacuations and to fill sandbags along a second levee protecting the town's water treatment plant.",
    "Shelters opened at Castrell High School and at the county fairgrounds, where the Red Cross said more than 900 people had registered by noon. Officials asked residents in the western half of town to be ready to leave on short notice.",
    LEVEE_BG1,
    LEVEE_BG2,
    "The National Weather Service said the river crested at 31.4 feet overnight, nearly 9 feet above flood stage, after four days of heavy rain upstream. Forecasters expected the water to begin falling slowly on Friday but warned that another storm system could arrive by Sunday.",
    "Utility crews cut power to about 2,300 homes and businesses in the flooded area as a precaution, and Highway 14, the main route into town from the south, was closed at the bridge.",
    'Achterberg said engineers would not be able to assess how to close the breach until the water level dropped. "Right now our only job is getting people out," she said.',
]
EDITOR_NOTE = [
    "Editor's note: The Courier is making all coverage of the Castrell flood free to read. Residents who need help can call the county's emergency line at 555-0140; the Red Cross shelter at Castrell High School accepts pets in carriers. Our reporters are in Castrell and along Highway 14 and will update this page through the day.",
    "What we know so far: the east side of town is under several feet of water; the west side has been told to prepare to leave; schools in the Castrell district are closed on Thursday and Friday; boil-water advice is in force for anyone served by the Castrell municipal system until further notice. If you are safe and have photos or video you are willing to share, you can send them to our newsroom through the form on our homepage. Please do not put yourself at risk to take pictures, and do not drive through flooded roads. The wire report from The Associated Press follows below, with local details added where marked.",
]
CAPTIONS = [
    "Residents wade through floodwater on Birch Street in Castrell on Thursday. (AP Photo/Lena Morrow)",
    "A rescue boat carries a family and their dogs away from a flooded home. (AP Photo/Lena Morrow)",
    "Water pours through the breach in the Ostmark River levee, seen from above. (AP Photo/Kurt Anand)",
    "National Guard members fill sandbags near the water treatment plant. (AP Photo/Kurt Anand)",
    "Evacuees rest on cots in the gym at Castrell High School. (AP Photo/Lena Morrow)",
    "A 1958 photograph shows construction of the levee. (Pell County Historical Society via AP)",
    "The Ostmark River at flood stage near the Highway 14 bridge. (AP Photo/Kurt Anand)",
    "A gauge shows the river level near Castrell's riverfront park. (AP Photo/Lena Morrow)",
    "Utility workers shut off power lines on the east side of town. (AP Photo/Kurt Anand)",
]
EXPLAINER_TITLE = "What to know about the Castrell levee breach and why it failed"
EXPLAINER = [
    "CASTRELL (AP) — A levee on the Ostmark River failed early Thursday, flooding much of Castrell. Here's what to know about the embankment, the river and what comes next.",
    "WHAT HAPPENED?",
    "Water began flowing over and then through a weak section of the embankment near the town's eastern edge before dawn. Once water finds a path through an earthen levee, it erodes the soil quickly, which is why small leaks can turn into wide breaches in an hour or two.",
    "WHY WAS THE LEVEE VULNERABLE?",
    LEVEE_BG1,
    "Engineers say earthen levees of that age often sit on sandy foundations, and seepage underneath them can carry soil away unseen for years. Burrows dug by muskrats and groundhogs can give water a head start.",
    "IS THIS PART OF A LARGER PATTERN?",
    LEVEE_BG2,
    "WHAT HAPPENS NEXT?",
    "Crews usually wait for water to fall before closing a breach, often by dumping rock and clay from barges or trucks. Federal disaster aid depends on damage assessments that cannot begin until the water recedes, which could take a week or more.",
]

# --------------------------------------------------------------------------------------------------
# verdict (Reuters) and its corrected re-issue

VERDICT_TITLE = "Court fines Tarrow Chemicals over river spill, orders cleanup"
VERDICT = [
    "HALDEN, Nov 19 (Reuters) - A district court on Thursday fined Tarrow Chemicals 4.2 million crowns over a 2024 spill of industrial solvent into the Vessa river and ordered the company to pay for a cleanup of the riverbed, in one of the largest environmental penalties handed down in the country.",
    "Judge Annika Bergstrand said the company had ignored repeated warnings from inspectors about corroded storage tanks at its Ullvik plant and had waited nine hours before informing authorities of the leak, which killed thousands of fish along a 20-kilometre stretch of the river.",
    '"This was not an unforeseeable accident but the result of choices made over several years," Bergstrand said as she read the verdict.',
    "Two former plant managers were given suspended sentences of eight and six months. Tarrow's lawyer, Mikael Odegaard, said the company was studying the ruling and had not decided whether to appeal.",
    "Tarrow, which employs about 1,100 people and makes coatings and adhesives, said in a statement it had spent more than 30 million crowns on new tanks and monitoring since the spill.",
    "Fishing associations and the municipality of Ullvik, which had joined the case as plaintiffs, welcomed the decision but said the cleanup order should set a firm deadline.",
]
VERDICT_FIXED = [p.replace("4.2 million", "2.4 million").replace("Bergstrand", "Bergqvist") for p in VERDICT]
VERDICT_CORRECTION = "Correction: An earlier version of this story misstated the amount of the fine and the judge's surname. The fine was 2.4 million crowns, not 4.2 million, and the judge is Annika Bergqvist."

# --------------------------------------------------------------------------------------------------
# press-release template, two products (two events)


def release(product: str, kind: str, price: str, watts: str, saving: str, date_line: str, extra: str) -> list[str]:
    return [
        f"LINDMOOR, Nov. 19, 2026 /PRNewswire/ -- Norvane Appliances, a leading maker of household appliances, today announced the launch of the {product}, a new {kind} designed for energy-conscious households. The {product} will be available from {date_line} at a suggested retail price of {price}.",
        f"The {product} uses Norvane's patented SmartDraw control, which adjusts power in real time and draws at most {watts}. In independent laboratory tests, it used up to {saving} less electricity than comparable models.",
        f'"Our customers told us they want appliances that are simple, quiet and affordable to run," said Harriet Osei-Lindgren, Chief Product Officer at Norvane Appliances. "The {product} delivers exactly that, and it is built to last."',
        f"{extra}",
        f"The {product} comes with a five-year warranty and can be recycled through Norvane's take-back program. It will be sold through major retailers and at norvane.example.",
        "About Norvane Appliances: Founded in 1987 and headquartered in Lindmoor, Norvane Appliances designs and manufactures household appliances sold in more than 30 countries. The company employs 2,400 people.",
        "Media contact: Jonas Riedl, press@norvane.example, +1 555 0199",
    ]


KETTLE_TITLE = "Norvane Appliances launches AquaSwift 2 kettle"
KETTLE = release(
    "AquaSwift 2",
    "electric kettle",
    "$69.99",
    "1,800 watts",
    "22%",
    "December 1",
    "The AquaSwift 2 boils a full 1.7-liter tank in under four minutes, keeps water warm for 30 minutes and switches off automatically when empty. It comes in three colors: slate, white and sage.",
)
HEATER_TITLE = "Norvane Appliances launches ThermaGlow 500 space heater"
HEATER = release(
    "ThermaGlow 500",
    "space heater",
    "$149.00",
    "1,500 watts",
    "31%",
    "January 15",
    "The ThermaGlow 500 heats a room of up to 250 square feet, includes tip-over and overheat protection and can be scheduled from a phone app. It is available in black and graphite.",
)

# --------------------------------------------------------------------------------------------------
# two obituaries in one agency template

OBIT_H_TITLE = "Tomas Halvard, conductor who revived forgotten operas, dies at 84"
OBIT_H = [
    "VELMORE (AP) — Tomas Halvard, the conductor who spent four decades reviving forgotten 18th-century operas, has died. He was 84.",
    "Halvard died Tuesday at his home in Velmore after a short illness, his daughter, Ingrid Halvard, said in a statement on Wednesday.",
    "Born in the port town of Sundby in 1942, Halvard studied violin before turning to conducting in his twenties. He led the Velmore Chamber Orchestra from 1971 to 2009 and staged more than 40 operas that had not been performed since their premieres.",
    "His recordings won three national music prizes, and critics credited him with making period instruments popular with audiences outside the concert hall.",
    "He is survived by his daughter, two grandchildren and his partner of 30 years, the harpsichordist Lena Vorst.",
]
OBIT_M_TITLE = "Carla Mesquita, architect who designed public libraries, dies at 79"
OBIT_M = [
    "VELMORE (AP) — Carla Mesquita, the architect who designed dozens of public libraries in small towns, has died. She was 79.",
    "Mesquita died Monday at a hospital in Velmore after a fall, her son, Rafael Mesquita, said in a statement on Wednesday.",
    "Born in the mountain village of Ordano in 1947, Mesquita studied engineering before turning to architecture in her thirties. She ran her own practice from 1980 to 2015 and designed more than 60 libraries, many of them built from local stone and timber.",
    "Her buildings won two national design awards, and critics credited her with making libraries into community centers with cafes, gardens and meeting rooms.",
    "She is survived by her son, three grandchildren and her sister, the painter Elena Mesquita.",
]

# --------------------------------------------------------------------------------------------------
# AFP in French (three typographies) and AFP in English

FR_TITLE = "Grève des contrôleurs aériens : des centaines de vols annulés à Sainte-Aure"
FR = [
    "Sainte-Aure (AFP) - Des centaines de vols ont été annulés jeudi à l'aéroport de Sainte-Aure, paralysé par une grève des contrôleurs aériens qui réclament des embauches et une revalorisation de leurs salaires, a-t-on appris auprès de la direction de l'aéroport.",
    "Selon la direction, 312 vols sur les 540 prévus ont été supprimés et les retards atteignaient en moyenne deux heures pour les avions autorisés à décoller. « Nous demandons aux passagers de ne pas se rendre à l'aéroport sans avoir vérifié l'état de leur vol », a indiqué un porte-parole.",
    "« Nous sommes à bout : il manque quarante contrôleurs et on nous demande de faire toujours plus ! », a déclaré à l'AFP Nadine Ferraud, déléguée du syndicat SNCA. Le préavis court jusqu'à samedi soir.",
    "Le ministre des Transports, Julien Morvan-Lesage, a appelé les syndicats à « reprendre le dialogue » et a proposé une réunion vendredi matin. Combien de temps la grève va-t-elle durer ? Le syndicat n'a pas voulu se prononcer.",
    "Dans le hall des départs, des centaines de voyageurs patientaient sur des lits de camp installés par la Croix-Rouge. « On devait partir en vacances ce matin ; on ne sait même pas si on partira demain », racontait Sophie Arnal, venue avec ses deux enfants.",
    "Il s'agit du troisième mouvement social dans le contrôle aérien depuis le début de l'année, après des grèves en mars et en juin qui avaient entraîné l'annulation de plus de 1 000 vols.",
]
NNBSP = "\u202f"


def fr_france(text: str) -> str:
    """France: narrow no-break spaces before : ? ! ; and inside guillemets, ’ apostrophes."""
    t = text.replace("'", "\u2019")
    for c in ":?!;":
        t = t.replace(f" {c}", f"{NNBSP}{c}")
    return t.replace("« ", f"«{NNBSP}").replace(" »", f"{NNBSP}»")


def fr_swiss(text: str) -> str:
    """Swiss/Belgian habit here: no space before : ? ! ; and guillemets without inner spaces."""
    t = text
    for c in ":?!;":
        t = t.replace(f" {c}", c)
    return t.replace("« ", "«").replace(" »", "»")


def fr_plain(text: str) -> str:
    """Straight "quotes" instead of guillemets, ordinary spaces, straight apostrophes."""
    return text.replace("« ", '"').replace(" »", '"').replace("\u2019", "'")


EN_TITLE = "Air traffic controllers' strike grounds hundreds of flights in Sainte-Aure"
EN = [
    "SAINTE-AURE (AFP) - A strike by air traffic controllers demanding more staff and higher pay forced the cancellation of 312 of the 540 flights scheduled at Sainte-Aure airport on Thursday, airport management said.",
    '"We are at the end of our tether: we are forty controllers short and we are asked to do ever more," Nadine Ferraud of the SNCA union told AFP. The strike notice runs until Saturday night.',
    "Hundreds of travellers waited in the departures hall on camp beds set up by the Red Cross, while flights that were allowed to leave were delayed by two hours on average.",
    'Transport Minister Julien Morvan-Lesage urged the unions to "resume dialogue" and offered a meeting on Friday morning. The union would not say how long the strike would last.',
    "It is the third walkout in air traffic control this year, after strikes in March and June led to more than 1,000 flights being cancelled.",
]

# --------------------------------------------------------------------------------------------------
# budget: a very long Reuters story (about 1,500 words) and 30% truncations

BUDGET_TITLE = "Halden government unveils austerity budget, raises fuel tax and freezes public pay"
BUDGET = [
    "HALDEN, Nov 19 (Reuters) - The Halden government on Thursday presented a 2027 budget that raises fuel taxes, freezes public sector pay for a year and cuts spending on roads and regional subsidies, in an effort to bring the deficit back within the limits set by the country's fiscal rule after two years of overshooting.",
    "Finance Minister Eskil Brandtmoen told parliament the plan would reduce the deficit to 2.9% of gross domestic product next year from an estimated 4.6% this year, and to below 2% by 2029, provided the economy grew as forecast. He described the measures as painful but unavoidable and said they would be shared across all income groups.",
    '"We cannot keep borrowing to pay for today\'s spending and send the bill to our children," Brandtmoen said in a speech that was interrupted several times by opposition lawmakers. "This budget asks something of everyone, and it asks the most of those who can afford it."',
    "The budget raises the tax on petrol and diesel by 1.40 crowns per litre from March, a measure the ministry expects to bring in 5.8 billion crowns a year, and increases the top rate of income tax from 47% to 49% for earnings above 1.2 million crowns. A temporary windfall levy on bank profits, introduced in 2025, will be extended for two more years.",
    "On the spending side, pay for about 340,000 public sector employees will be frozen through 2027, saving an estimated 7.1 billion crowns. The roads budget will fall by 18%, and several motorway projects, including the long-planned eastern bypass around Ostrava Nord, will be postponed. Regional development grants will be cut by a quarter.",
    "Defence spending will rise by 6% in line with commitments to allies, and the budget sets aside 2.5 billion crowns for a new flood-protection programme after storms last winter damaged homes and farmland along the western coast. Health spending will rise roughly in line with inflation.",
    "The opposition Social Alliance, which leads in most opinion polls, said the fuel tax would hit rural families and commuters hardest and that the public pay freeze amounted to a real-terms cut for nurses, teachers and police officers at a time when prices were still rising faster than wages.",
    '"This is a budget written in the capital for the capital," said opposition leader Marit Solheim-Vik. "People who have to drive forty kilometres to work will pay for the government\'s mistakes." She said her party would vote against the budget and would table its own proposal next week.',
    "The government holds a majority of just three seats in the 169-member parliament, and one of its junior coalition partners, the rural Centre League, said it would not support the fuel tax in its current form. League leader Pal Ekornes said the party wanted the increase phased in over three years and offset by a larger commuter tax deduction.",
    'Analysts said the government would probably have to make concessions to get the budget through. "The numbers add up on paper, but the politics do not yet," said Ingrid Moe, chief economist at Nordbank. "I would expect the fuel tax to be watered down and the gap to be closed by slightly deeper cuts elsewhere or by a more optimistic growth forecast."',
    "The ministry forecast economic growth of 1.4% next year, up from 0.8% this year, and inflation slowing to 2.6% from 3.9%. Unemployment is expected to stay around 4.1%. Several independent forecasters are more pessimistic, putting growth closer to 1%, which would leave the deficit above the 3% ceiling.",
    "Financial markets took the plan calmly. The yield on Halden's 10-year government bond fell 4 basis points to 3.62% after the speech, and the crown was little changed against the euro. Ratings agency analysts had warned this year that a failure to reduce the deficit could put pressure on the country's credit rating.",
    "Business groups broadly welcomed the spending restraint but criticised the extension of the bank levy, which they said would discourage lending to small companies. The Confederation of Halden Industry said the road cuts would delay projects that firms had been waiting on for a decade.",
    "Unions representing public employees said they would consider industrial action if the pay freeze was not reversed. The largest, Fellesforbundet Offentlig, said it would hold a meeting of its leadership on Monday to discuss a response, and that strikes in schools and hospitals could not be ruled out before the budget vote.",
    "The budget also includes smaller measures: a higher tax on sugary drinks, a cut in the tax on electric vehicles' company-car benefit, a new fee on short-term rentals in large cities and a 300 million crown fund to help regional airports that lost routes during the last two years. Student grants will rise by 3%, below inflation.",
    "Parliament's finance committee will begin hearings next week, and the final vote is scheduled for Dec. 17. If the budget fails, the government would have to return with a revised proposal, and Prime Minister Kari Lunde-Haugen has hinted that she would treat the vote as a question of confidence.",
    "Brandtmoen, a former central bank official who took office in January, has staked his reputation on restoring the fiscal rule, which limits the structural deficit to 3% of GDP in normal years. The rule was suspended during the pandemic and has been breached in each of the last two years because of higher energy subsidies and defence spending.",
    "The government's own figures show that the fuel tax rise would add about 55 crowns to the cost of filling an average family car, and the ministry estimates that a household in a rural municipality would pay roughly 2,300 crowns more a year. To soften the blow, the budget raises the commuter deduction by 10% and doubles a heating allowance for pensioners on low incomes, measures that together cost about 1.3 billion crowns.",
    "Local authorities, which run schools and elderly care, will see their block grant rise by 1.8%, less than the 3.5% their association had asked for. The Association of Municipalities said several councils in the north would have to close schools or cut opening hours at care homes, and that the government was shifting the burden of austerity onto local budgets.",
    "The pay freeze does not apply to the armed forces, where the government has struggled to recruit and retain technicians and pilots, or to about 12,000 doctors whose contracts are negotiated separately. Union leaders called the exemptions arbitrary and said they would make any agreement harder to reach.",
    "Environmental groups gave the budget a mixed reception. They welcomed the flood-protection money and the higher fuel tax but said the cuts to rail maintenance, which fall by 9%, sent the wrong signal. The Halden Nature Society said the government should have scrapped fossil fuel subsidies for fishing vessels instead of postponing the decision to 2028.",
    "The budget assumes oil and gas revenues of 142 billion crowns next year, down from 168 billion this year because of lower prices. The sovereign wealth fund, worth about 4.3 trillion crowns, will continue to contribute to the budget at the 3% rate set by the fiscal rule, Brandtmoen said, rejecting calls from some opposition parties to draw more from the fund.",
    'Economists noted that the plan relies heavily on revenue measures in the first year and on spending restraint later, a pattern that has rarely held in the past. "Budgets of this kind tend to be front-loaded in their promises and back-loaded in their pain," said Tor Helland, a professor of public finance at Halden University. "The credibility test comes in 2028, not next year."',
    "Opinion polls published this month show the governing coalition at about 38% combined, against 45% for the opposition bloc, with a general election due in September 2027. Several coalition lawmakers have said privately that an unpopular budget in the last full year before the election could cost them their seats.",
    "Housing measures were limited. The budget keeps the mortgage interest deduction unchanged despite calls from the central bank to phase it out, and adds 400 million crowns to a state loan scheme for first-time buyers in regions where private banks are reluctant to lend. The housing minister, Siri Dahl-Aune, said a broader reform of property taxation would be presented in the spring, after a commission reports on how homes are valued for tax purposes. Estate agents said the uncertainty was already weighing on sales in the capital.",
    'Speaking to reporters after the speech, he said he was open to talks with the Centre League on how the fuel tax was phased in, but not on the size of the overall savings. "We can discuss the path, but not the destination," he said. Lawmakers from both sides said negotiations were likely to run until the last days before the vote.',
]
BUDGET_CUT = BUDGET[:8]  # about 29% of the words (417 of 1,462)
BUDGET_TAIL = "Read the full story at The Halden Ledger"

# --------------------------------------------------------------------------------------------------
# ferry: AP and Reuters, one story (a plain control)

FERRY_AP_TITLE = "Ferry runs aground off Marlow Bay; all 212 aboard rescued"
FERRY_AP = [
    "MARLOW BAY (AP) — A passenger ferry ran aground on a sandbar off Marlow Bay on Thursday morning, and all 212 passengers and crew were taken off safely by coast guard and fishing boats, officials said.",
    "The Island Star was making its regular 40-minute crossing to Gull Island in thick fog when it struck bottom at about 7:15 a.m., the coast guard said. Three passengers were treated for minor injuries.",
    "The ferry operator, Bayline, said the vessel was not taking on water and would be towed off at high tide. Service to Gull Island was suspended for the rest of the day.",
]
FERRY_RTR_TITLE = "Marlow Bay ferry grounded in fog, passengers evacuated"
FERRY_RTR = [
    "MARLOW BAY, Nov 19 (Reuters) - More than 200 people were evacuated from a ferry that struck a sandbar in fog off Marlow Bay on Thursday, the coast guard said, with only minor injuries reported.",
    "Rescue boats and local fishermen ferried passengers to shore over two hours. Operator Bayline said the Island Star's hull appeared intact and it planned to refloat the ship on the evening tide.",
    "An inquiry into the grounding would look at the vessel's navigation equipment and the decision to sail in poor visibility, a maritime authority spokeswoman said.",
]

# --------------------------------------------------------------------------------------------------
# Templates


def note_page(o: dict, title: str, note: list[str], paras: list[str], credit: str, date: str | None) -> str:
    """A local paper that puts an editor's note and a 'what we know' box above the wire story."""
    box = "".join(f"<p>{html.escape(p)}</p>" for p in note)
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {html.escape(o["name"])}</title>
{f'<meta property="article:published_time" content="{date}">' if date else ""}</head>
<body><header><a href="/">{html.escape(o["name"])}</a> <a href="/local">Local</a> <a href="/weather">Weather</a></header>
<article><h1>{html.escape(title)}</h1><div class="byline">{html.escape(credit)}</div>
<div class="editors-note">{box}</div>
<div class="article-body">{body}</div></article>
<footer>{html.escape(o["name"])} &middot; Contact the newsroom</footer></body></html>"""


def photo_page(o: dict, title: str, paras: list[str], captions: list[str], credit: str, date: str | None) -> str:
    """A photo-heavy layout: a figure with an image and caption between every two paragraphs."""
    parts = []
    for j, p in enumerate(paras):
        parts.append(f"<p>{html.escape(p)}</p>")
        if j < len(captions):
            parts.append(
                f'<figure><img src="/img/levee-{j}.jpg" alt=""><figcaption>{html.escape(captions[j])}</figcaption></figure>'
            )
    body = "\n".join(parts)
    return f"""<html><head><title>{html.escape(title)} - {html.escape(o["name"])}</title>
{f'<meta name="date" content="{date}">' if date else ""}</head>
<body><div class="masthead">{html.escape(o["name"])}</div><main><h1>{html.escape(title)}</h1>
<p class="credit">{html.escape(credit)}</p><div class="gallery-story">{body}</div></main>
<div class="foot">Photos: The Associated Press</div></body></html>"""


def br_page(o: dict, title: str, paras: list[str], credit: str, date: str | None) -> str:
    """A CMS that lost paragraph markup: the whole story is one <p> with <br><br> between paragraphs."""
    body = "<br><br>".join(html.escape(p) for p in paras)
    return f"""<html><head><title>{html.escape(title)}</title>
{f'<meta property="og:published_time" content="{date}">' if date else ""}</head>
<body><div id="top">{html.escape(o["name"])} | Home | News</div><div id="content"><h2>{html.escape(title)}</h2>
<span class="src">Source: {html.escape(credit)}</span><p class="text">{body}</p></div>
<div id="bottom">Copyright {html.escape(o["name"])}</div></body></html>"""


# --------------------------------------------------------------------------------------------------
# The set


def build() -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The JSON Lines records and, per doc_id, its (copy label, story label)."""
    labeled = LabeledSet()
    add = labeled.add
    o = OUTLETS

    # levee: editor's note on top, captions between paragraphs, <br> page (one copy cluster)
    add("levee_wire", dump(LEVEE_TITLE, LEVEE), "levee_ap", "levee", date="2026-11-19T07:20:00-05:00")
    add(
        "levee_cms",
        cms_page(o[3], LEVEE_TITLE, LEVEE, "Associated Press", "2026-11-19T13:05:00Z", "castrell-levee"),
        "levee_ap",
        "levee",
        url="https://brightwaterdaily.example/2026/11/19/castrell-levee/",
        date="2026-11-19T13:05:00Z",
    )
    add(
        "levee_note_page",
        note_page(o[0], LEVEE_TITLE, EDITOR_NOTE, LEVEE, "The Associated Press", "2026-11-19T08:45:00-05:00"),
        "levee_ap",
        "levee",
        url="https://ostmarkcourier.example/local/castrell-flood-live",
        date="2026-11-19T08:45:00-05:00",
    )
    add(
        "levee_photo_page",
        photo_page(o[1], LEVEE_TITLE, LEVEE, CAPTIONS, "By The Associated Press", "2026-11-19T09:30:00-05:00"),
        "levee_ap",
        "levee",
        url="https://pellrecord.example/photos/castrell-levee-breach",
        date="2026-11-19T09:30:00-05:00",
    )
    add(
        "levee_br_page",
        br_page(o[7], LEVEE_TITLE, LEVEE, "AP", None),
        "levee_ap",
        "levee",
        url="https://marlowbaytimes.example/news/national/levee-breach-castrell",
    )
    # the explainer: another copy cluster, the same story
    add(
        "explainer_wire", dump(EXPLAINER_TITLE, EXPLAINER), "levee_explainer", "levee", date="2026-11-19T11:10:00-05:00"
    )
    add(
        "explainer_page",
        portal_page(o[3], EXPLAINER_TITLE, EXPLAINER, "AP", "2026-11-19T16:40:00Z"),
        "levee_explainer",
        "levee",
        url="https://brightwaterdaily.example/explainers/castrell-levee-what-to-know",
        date="2026-11-19T16:40:00Z",
    )

    # verdict and its corrected re-issue (one copy cluster)
    add("verdict_wire", dump(VERDICT_TITLE, VERDICT), "verdict_rtr", "verdict", date="2026-11-19T10:02:00+01:00")
    add(
        "verdict_page",
        magazine_page(o[2], VERDICT_TITLE, VERDICT, "Reuters", "2026-11-19T10:30:00+01:00"),
        "verdict_rtr",
        "verdict",
        url="https://haldenledger.example/news/tarrow-fined",
        date="2026-11-19T10:30:00+01:00",
    )
    add(
        "verdict_fixed_wire",
        dump(VERDICT_TITLE, VERDICT_FIXED, tail=VERDICT_CORRECTION),
        "verdict_rtr",
        "verdict",
        date="2026-11-19T12:47:00+01:00",
    )
    add(
        "verdict_fixed_page",
        cms_page(
            o[0], VERDICT_TITLE, [*VERDICT_FIXED, VERDICT_CORRECTION], "Reuters", "2026-11-19T12:15:00Z", "tarrow-fine"
        ),
        "verdict_rtr",
        "verdict",
        url="https://ostmarkcourier.example/2026/11/19/tarrow-fine/",
        date="2026-11-19T12:15:00Z",
    )

    # press-release template, two products: two events
    add("kettle_wire", dump(KETTLE_TITLE, KETTLE), "kettle", "kettle", date="2026-11-19T08:00:00-05:00")
    add(
        "kettle_page",
        portal_page(o[1], KETTLE_TITLE, KETTLE, "PR Newswire", "2026-11-19T13:20:00Z"),
        "kettle",
        "kettle",
        url="https://pellrecord.example/business/press-releases/norvane-aquaswift-2",
        date="2026-11-19T13:20:00Z",
    )
    add("heater_wire", dump(HEATER_TITLE, HEATER), "heater", "heater", date="2026-11-19T08:00:00-05:00")
    add(
        "heater_page",
        portal_page(o[1], HEATER_TITLE, HEATER, "PR Newswire", "2026-11-19T13:25:00Z"),
        "heater",
        "heater",
        url="https://pellrecord.example/business/press-releases/norvane-thermaglow-500",
        date="2026-11-19T13:25:00Z",
    )

    # two obituaries, one template
    add("obit_h_wire", dump(OBIT_H_TITLE, OBIT_H), "obit_halvard", "obit_halvard", date="2026-11-19T09:00:00+01:00")
    add(
        "obit_h_page",
        magazine_page(o[2], OBIT_H_TITLE, OBIT_H, "AP", "2026-11-19T10:15:00+01:00"),
        "obit_halvard",
        "obit_halvard",
        url="https://haldenledger.example/culture/obituaries/tomas-halvard",
        date="2026-11-19T10:15:00+01:00",
    )
    add(
        "obit_h_txt",
        dump(OBIT_H_TITLE, OBIT_H, tail="Copyright 2026 The Associated Press."),
        "obit_halvard",
        "obit_halvard",
    )
    add("obit_m_wire", dump(OBIT_M_TITLE, OBIT_M), "obit_mesquita", "obit_mesquita", date="2026-11-19T09:40:00+01:00")
    add(
        "obit_m_page",
        magazine_page(o[2], OBIT_M_TITLE, OBIT_M, "AP", "2026-11-19T11:05:00+01:00"),
        "obit_mesquita",
        "obit_mesquita",
        url="https://haldenledger.example/culture/obituaries/carla-mesquita",
        date="2026-11-19T11:05:00+01:00",
    )

    # AFP in French: three typographies (one copy cluster); AFP in English (same story)
    add("fr_wire", dump(FR_TITLE, FR), "fr_afp", "strike", date="2026-11-19T09:12:00+01:00")
    add(
        "fr_france_page",
        cms_page(
            o[4],
            fr_france(FR_TITLE),
            [fr_france(p) for p in FR],
            "AFP",
            "2026-11-19T09:50:00+01:00",
            "greve-controleurs",
        ),
        "fr_afp",
        "strike",
        url="https://courrier-sainteaure.example/2026/11/19/greve-controleurs/",
        date="2026-11-19T09:50:00+01:00",
    )
    add(
        "fr_swiss_page",
        portal_page(o[5], fr_swiss(FR_TITLE), [fr_swiss(p) for p in FR], "ATS/AFP", "2026-11-19T10:20:00+01:00"),
        "fr_afp",
        "strike",
        url="https://tribune-lemannord.example/monde/greve-aeroport-sainte-aure",
        date="2026-11-19T10:20:00+01:00",
    )
    add(
        "fr_plain_page",
        magazine_page(o[6], fr_plain(FR_TITLE), [fr_plain(p) for p in FR], "AFP", None),
        "fr_afp",
        "strike",
        url="https://echo-valbruyere.example/actu/greve-controleurs-aeriens",
    )
    add("en_wire", dump(EN_TITLE, EN), "en_afp", "strike", date="2026-11-19T10:05:00+01:00")
    add(
        "en_page",
        cms_page(o[7], EN_TITLE, EN, "AFP", "2026-11-19T04:40:00-05:00", "sainte-aure-strike"),
        "en_afp",
        "strike",
        url="https://marlowbaytimes.example/2026/11/19/sainte-aure-strike/",
        date="2026-11-19T04:40:00-05:00",
    )

    # budget: 1,500 words, full copies and 30% truncations with a "Read the full story" tail
    add("budget_wire", dump(BUDGET_TITLE, BUDGET), "budget_rtr", "budget", date="2026-11-19T11:30:00+01:00")
    add(
        "budget_page",
        magazine_page(o[2], BUDGET_TITLE, BUDGET, "Reuters", "2026-11-19T12:10:00+01:00"),
        "budget_rtr",
        "budget",
        url="https://haldenledger.example/politics/budget-2027",
        date="2026-11-19T12:10:00+01:00",
    )
    add(
        "budget_cut_page",
        portal_page(
            o[3], BUDGET_TITLE, [*BUDGET_CUT, BUDGET_TAIL], "Reuters via The Halden Ledger", "2026-11-19T03:55:00-08:00"
        ),
        "budget_rtr",
        "budget",
        url="https://brightwaterdaily.example/world/halden-austerity-budget",
        date="2026-11-19T03:55:00-08:00",
    )
    add("budget_cut_txt", dump(BUDGET_TITLE, BUDGET_CUT, tail=BUDGET_TAIL), "budget_rtr", "budget")

    # ferry: AP and Reuters, one story
    add("ferry_ap_wire", dump(FERRY_AP_TITLE, FERRY_AP), "ferry_ap", "ferry", date="2026-11-19T08:20:00-05:00")
    add(
        "ferry_ap_page",
        cms_page(o[7], FERRY_AP_TITLE, FERRY_AP, "Associated Press", None, "ferry-aground"),
        "ferry_ap",
        "ferry",
        url="https://marlowbaytimes.example/2026/11/19/ferry-aground/",
    )
    add(
        "ferry_ap_txt",
        dump(FERRY_AP_TITLE, FERRY_AP, tail="Copyright 2026 The Associated Press. All rights reserved."),
        "ferry_ap",
        "ferry",
    )
    add("ferry_rtr_wire", dump(FERRY_RTR_TITLE, FERRY_RTR), "ferry_rtr", "ferry", date="2026-11-19T13:40:00+00:00")
    add(
        "ferry_rtr_page",
        portal_page(o[0], FERRY_RTR_TITLE, FERRY_RTR, "Reuters", "2026-11-19T14:05:00Z"),
        "ferry_rtr",
        "ferry",
        url="https://ostmarkcourier.example/world/marlow-bay-ferry-grounded",
        date="2026-11-19T14:05:00Z",
    )
    return labeled.docs, labeled.labels


if __name__ == "__main__":
    import sys

    report(build, sys.argv)
