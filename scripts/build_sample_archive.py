#!/usr/bin/env python
"""Build the sample archive fixture from the corpus.

    .venv/bin/python scripts/build_sample_archive.py [--output PATH]

Reads fixtures/corpus/readouts.yaml and fixtures/corpus/seed-unn-2025-03-20.txt and writes
fixtures/sample_archive.json, a Django fixture for `manage.py loaddata`. Primary keys are fixed,
so loading it twice updates rows instead of duplicating them, and the output is deterministic:
re-running the script on the same corpus gives a byte-identical file (a test checks this).

The rule: enter what the corpus says and nothing it does not. Every text field below is either
copied verbatim from the corpus (or the seed), or assembled from corpus values with labels such
as "Sources:"; the only hand-written prose is the eight one-line readout summaries in SUMMARIES,
each restating the corpus's own title, date, format, participants and location. Items under
the corpus's `unverified` key are never read. Mapping decisions are commented where they are made.
"""

import argparse
import datetime
import json
import re
import sys
from pathlib import Path

import yaml
from django.utils.text import slugify

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus" / "readouts.yaml"
SEED = ROOT / "fixtures" / "corpus" / "seed-unn-2025-03-20.txt"
OUTPUT = ROOT / "fixtures" / "sample_archive.json"

# auto_now / auto_now_add fields are not filled in by loaddata (raw saves), so the fixture must
# carry them. This is the day the sample archive was compiled, fixed so the output is stable.
COMPILED_AT = "2026-11-25T00:00:00Z"

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The corpus's record codes: sources (S019), statements (E09-S2) and events (E10). Public pages
# never show them (a test checks the sample archive's pages); Builder.plain() words them out
# in every field but those holding someone's exact words, addresses and slugs.
SOURCE_CODE = re.compile(r"\bS\d{3}\b")
SOURCE_RUN = re.compile(r"\bS\d{3}\b(?:(?:, | and |/|, and )S\d{3}\b)*")
STATEMENT_CODE = re.compile(r"\b(E\d\d)-S\d+\b")
EVENT_CODE = re.compile(r"\b(E\d\d)\b")
NOT_PROSE = {"text", "exact_words", "url", "official_url", "slug"}

FORMATS = {"phone call": "phone_call", "talks": "talks", "meeting": "meeting"}

# The countries come from the people list's `org` values, in order of first appearance.
# 'Russian Federation' occurs in the corpus (Putin's title) and is kept as another name.
COUNTRY_ALTERNATE_NAMES = {"Russia": ["Russian Federation"]}

# Government bodies, created only where a statement's issuer string names the body itself.
# Names are the corpus's own; alternate names are spellings the corpus also uses.
BODIES = [
    # key, name, slug, country, alternate names
    ("white-house", "The White House", "white-house", "United States", []),
    ("state-department", "US Department of State", "us-department-of-state", "United States",
     ["State Department", "U.S. Department of State"]),
    ("kremlin", "Kremlin", "kremlin", "Russia", []),
    ("office-of-the-president-of-ukraine", "Office of the President of Ukraine",
     "office-of-the-president-of-ukraine", "Ukraine", []),
    ("ministry-of-defence-of-ukraine", "Ministry of Defence of Ukraine", "ministry-of-defence-of-ukraine",
     "Ukraine", []),
    ("saudi-council-of-ministers", "Saudi Council of Ministers", "saudi-council-of-ministers", "Saudi Arabia", []),
]
# The seed's publisher. kind=media, no parent: a news agency does not sit inside a state.
MEDIA = [("unn", "UNN (Ukrainian National News)", "unn")]

# Statement.issuer_name keeps the corpus string verbatim; Statement.issuer points at:
# - the body, where the string names one (White House, Department of State, Kremlin, ...);
# - the country, where the string names only an office a person holds ('President of Ukraine',
#   'US Secretary of State', 'Aide to the President of Russia', 'Russian Foreign Minister');
# - the common parent (United States) where it names two bodies ('US Department of State /
#   White House'); the model has one issuer FK.
# The US-Ukraine joint statement of 11 March was 'released by the US Department of State': it is
# linked to the Department, which released the text, and its issuers are the two governments the
# string names (JOINT_ISSUERS). 'Kremlin spokesman' names the Kremlin, so it is linked to the Kremlin.
ISSUERS = {
    "President of the United States (personal account)": "United States",
    "President of the United States": "United States",
    "Kremlin (Press Service of the President of Russia)": "kremlin",
    "Kremlin spokesman": "kremlin",
    "Kremlin (statement on the results of the Russian-US expert talks)": "kremlin",
    "Kremlin (list of facilities under the moratorium)": "kremlin",
    "President of Ukraine": "Ukraine",
    "US Department of State, Office of the Spokesperson": "state-department",
    "US Secretary of State": "United States",
    "US National Security Advisor": "United States",
    "Aide to the President of Russia": "Russia",
    "Russian Foreign Minister": "Russia",
    "White House officials (unnamed)": "white-house",
    "Governments of the United States and Ukraine (released by the US Department of State, Office of the Spokesperson)":
        "state-department",
    "US Department of State (press remarks)": "state-department",
    "Head of the Office of the President of Ukraine": "office-of-the-president-of-ukraine",
    "Saudi Council of Ministers": "saudi-council-of-ministers",
    "The White House (readout posted by the Press Secretary)": "white-house",
    "US Department of State / White House (joint statement of the Secretary of State and the National Security Advisor)":
        "United States",
    "UNN (Ukrainian National News)": "unn",
    "White House Press Secretary (briefing)": "white-house",
    "The White House": "white-house",
    "Ministry of Defence of Ukraine (head of delegation)": "ministry-of-defence-of-ukraine",
}

# Joint statements' issuers, each government the corpus's issuer string names:
# 'Governments of the United States and Ukraine (released by ...)'.
JOINT_ISSUERS = {
    "Governments of the United States and Ukraine (released by the US Department of State, Office of the Spokesperson)":
        ["United States", "Ukraine"],
}

# Statement kinds. The corpus's head noun decides the kind ('remarks (...)' -> remarks,
# 'readout (joint statement)' -> readout); the detail goes to kind_note. Remarks that the corpus
# describes as nothing but an interview ('Fox News interview ...') become interviews. A statement
# whose kind string carries its own headline ('Outcomes of ...') gets that headline as its title.
KINDS = {
    "readout": ("readout", ""),
    "readout (joint statement)": ("readout", "joint statement"),
    "joint statement": ("joint_statement", ""),
    "statement": ("statement", ""),
    "statement (reported)": ("statement", "reported"),
    "remarks": ("remarks", ""),
    "remarks to reporters": ("remarks", "remarks to reporters"),
    "remarks to reporters (Oval Office)": ("remarks", "remarks to reporters (Oval Office)"),
    "remarks to Russian television": ("remarks", "remarks to Russian television"),
    "remarks (press and AP interview)": ("remarks", "press and AP interview"),
    "remarks (position stated around the talks)": ("remarks", "position stated around the talks"),
    "remarks (press conference, Kyiv)": ("remarks", "press conference, Kyiv"),
    "remarks (press briefing)": ("remarks", "press briefing"),
    "remarks (news conference)": ("remarks", "news conference"),
    "remarks (comment to media)": ("remarks", "comment to media"),
    "remarks (evening video address)": ("remarks", "evening video address"),
    "remarks (online talk with journalists) and social-media statement":
        ("remarks", "remarks (online talk with journalists) and social-media statement"),
    "remarks (Fox News interview with Bret Baier)": ("interview", "Fox News interview with Bret Baier"),
    "remarks (Fox News interview)": ("interview", "Fox News interview"),
    "social-media statement (Truth Social post)": ("social_media", "Truth Social post"),
    "social-media statement (X and Telegram posts)": ("social_media", "X and Telegram posts"),
    "social-media statement (X post)": ("social_media", "X post"),
    "social-media statement (X)": ("social_media", "X"),
    "social-media statement (Telegram/X)": ("social_media", "Telegram/X"),
    "social-media statement (X/Telegram)": ("social_media", "X/Telegram"),
    "social-media statement (Facebook/X)": ("social_media", "Facebook/X"),
    "media report": ("media_report", ""),
    "media report (anonymous official comment)": ("media_report", "anonymous official comment"),
}
KIND_WITH_HEADLINE = re.compile(r"^statement \('(?P<title>.+)'\)$")

# The statement whose text is the seed document (corpus.seed_document S001).
SEED_STATEMENT = "E09-S3"

# Headlines the corpus records for a statement elsewhere than in its kind string.
# E09-S2: source S002's note says the text is headed this way.
STATEMENT_TITLES = {"E09-S2": "Statement From Secretary Rubio And NSA Waltz On Call With Zelenskyy"}

# Participant roles: the corpus's leading words decide the role, the rest goes to role_note.
# 'delegation lead' (Peek and Anton led the US side in the US-Russia session) is mapped to
# principal, the role the corpus gives every other head of delegation; the full corpus text is
# kept in role_note so the difference stays visible.
ROLE_PREFIXES = [
    ("principal", "principal"),
    ("host", "host"),
    ("delegation member", "delegation_member"),
    ("delegation lead", "principal"),
    ("issuer", "issuer"),
    ("participant", "participant"),
]

# Commitment actors: actor_label keeps the corpus's `by` verbatim; people and organizations are
# resolved only where the text names them unambiguously. 'Presidents of the United States and
# Ukraine' on 11 March 2025 are Trump and Zelenskyy (the corpus's titles for the period). Where
# a proposer or announcer is named in brackets ('proposed by Trump, accepted by Putin'), only the
# committing parties are resolved. 'all parties (Ukrainian request)' resolves to nobody.
ACTORS = {
    "United States and Russia (negotiating teams)": ([], ["United States", "Russia"]),
    "Trump and Putin": (["P-trump", "P-putin"], []),
    "Putin and Trump": (["P-putin", "P-trump"], []),
    "Trump": (["P-trump"], []),
    "Trump (condition)": (["P-trump"], []),
    "Putin": (["P-putin"], []),
    "Waltz": (["P-waltz"], []),
    "Rubio and Waltz": (["P-rubio", "P-waltz"], []),
    "United States (per the Kremlin)": ([], ["United States"]),
    "United States (Vance and Rubio)": (["P-vance", "P-rubio"], ["United States"]),
    "United States": ([], ["United States"]),
    "Ukraine": ([], ["Ukraine"]),
    "Ukraine (proposal, conditional on Russia)": ([], ["Ukraine"]),
    "Ukraine (stated position)": ([], ["Ukraine"]),
    "Ukraine and United States": ([], ["Ukraine", "United States"]),
    "United States and Ukraine": ([], ["United States", "Ukraine"]),
    "United States and Russia": ([], ["United States", "Russia"]),
    "Russia and United States": ([], ["Russia", "United States"]),
    "Russia (conditional)": ([], ["Russia"]),
    "Russia (Putin)": (["P-putin"], ["Russia"]),
    "Russia and Ukraine (proposed by Trump, accepted by Putin)": ([], ["Russia", "Ukraine"]),
    "Russia and Ukraine (announced by Putin)": ([], ["Russia", "Ukraine"]),
    "Presidents of the United States and Ukraine": (["P-trump", "P-zelenskyy"], []),
    "US and Ukrainian defence staffs": ([], ["United States", "Ukraine"]),
    "US and Ukrainian technical teams": ([], ["United States", "Ukraine"]),
    "all parties (Ukrainian request)": ([], []),
}

# exact_words: only where the corpus gives the statement's own words for the commitment, either
# as the statement's quote or as a quoted version in a discrepancy, from the same sources as the
# commitment. Keyed by (statement id, index of the commitment in that statement).
EXACT_WORDS = {
    # quote of E05-S1 (S180, S181); the commitment itself quotes 'ready for peace'
    ("E05-S1", 0): "He can come back when he is ready for Peace.",
    # discrepancy 'Wording of the joint statement', the original English (S020, S022); the other
    # version (S021) is flagged by the corpus as re-translated from Russian
    ("E06-S1", 0): "immediate, interim 30-day ceasefire … subject to acceptance and concurrent implementation "
                   "by the Russian Federation",
    # quote of E06-S1 (S020, S022)
    ("E06-S1", 1): "Russian reciprocity is the key to achieving peace",
    # quote of E08-S1 (S061, S063)
    ("E08-S1", 0): "energy and infrastructure ceasefire",
    # discrepancy 'Scope of the partial ceasefire', Rubio/Waltz version (S002)
    ("E09-S2", 2): "partial ceasefire against energy",
    # quote of E10-S2 (S093)
    ("E10-S2", 0): "help restore Russia's access to the world market for agricultural and fertilizer exports",
}

# Alternate names: only spellings that occur in the corpus or the seed, as names in their text or
# in the headlines/addresses of English-language sources the corpus keeps. Slugs of sources in
# other languages (German 'selenskyj', Bulgarian 'zelenski'/'trymp', Russian 'tramp', Italian
# 'umarov') and of rejected sources (source_errors: 'zelenskij') are transliterations or
# misspellings of a URL, not spellings the archive has read; they are left out.
PERSON_NAMES = {
    # corpus name 'Michael (Mike) Waltz': the seed writes 'Michael Waltz', S023 'Mike Waltz'
    "P-waltz": "Michael Waltz",
}
PERSON_ALTERNATE_NAMES = {
    "P-zelenskyy": ["Zelensky", "Zelenskiy"],  # seed and many source addresses; S005, S201 addresses
    "P-trump": ["Donald Trump"],  # seed
    "P-waltz": ["Mike Waltz"],  # corpus name field; S023
    "P-mbs": ["Mohammed bin Salman"],  # E06 context
}
# sort_name 'Surname, Given'. For the Saudi names the last element (the family name) is taken
# as the surname.
SORT_NAMES = {
    "P-trump": "Trump, Donald J.",
    "P-faisal": "Al Saud, Faisal bin Farhan",
    "P-aiban": "Al-Aiban, Musaed bin Mohammed",
    "P-mbs": "Al Saud, Mohammed bin Salman",
}

# Topics. Corpus theme slugs become themes, places_mentioned become places. Where a theme slug
# names a place that is also mentioned as a place ('black-sea' and 'Black Sea', 'kursk', 'iran',
# 'israel', 'middle-east', 'red-sea'), the two are one place topic. The theme 'zaporizhzhia-npp'
# and the place 'Zaporizhzhia nuclear power plant' are the same plant: one place topic.
THEME_NAMES = {
    "agricultural-exports": "Agricultural exports",
    "air-defence": "Air defence",
    "air-truce": "Air truce",
    "ambassadors": "Ambassadors",
    "artificial-intelligence": "Artificial intelligence",
    "bilateral-relations": "Bilateral relations",
    "ceasefire-30-day": "30-day ceasefire",
    "ceasefire-energy": "Energy ceasefire",
    "children-return": "Return of children",
    "civilian-detainees": "Civilian detainees",
    "civilian-infrastructure": "Civilian infrastructure",
    "compliance": "Compliance",
    "critical-infrastructure": "Critical infrastructure",
    "critical-minerals": "Critical minerals",
    "defence-industry": "Defence industry",
    "detainee-exchange": "Detainee exchange",
    "detainee-release": "Detainee release",
    "diplomatic-missions": "Diplomatic missions",
    "drones": "Drones",
    "durable-peace": "Durable peace",
    "economic-agreement": "Economic agreement",
    "economic-cooperation": "Economic cooperation",
    "elections": "Elections",
    "energy": "Energy",
    "energy-cooperation": "Energy cooperation",
    "energy-infrastructure": "Energy infrastructure",
    "energy-strike-ban": "Ban on strikes on energy facilities",
    "european-involvement": "European involvement",
    "fertilizer": "Fertilizer",
    "front-line": "Front line",
    "full-ceasefire": "Full ceasefire",
    "grain-initiative-2022": "Black Sea initiative of 2022",
    "gratitude": "Gratitude",
    "intelligence-sharing": "Intelligence sharing",
    "iran-nuclear": "Iran's nuclear programme",
    "javelin": "Javelin",
    "jeddah-follow-up": "Jeddah follow-up",
    "just-peace": "Just peace",
    "leader-visits": "Leaders' visits",
    "maritime-insurance": "Maritime insurance",
    "military-aid": "Military aid",
    "minerals": "Minerals",
    "mobilisation": "Mobilisation",
    "monitoring": "Monitoring",
    "munich-meeting": "Munich meeting",
    "nato-membership": "NATO membership",
    "nato-troops-in-ukraine": "NATO troops in Ukraine",
    "negotiating-teams": "Negotiating teams",
    "negotiations": "Negotiations",
    "non-proliferation": "Non-proliferation",
    "nuclear-power-plants": "Nuclear power plants",
    "patriot": "Patriot",
    "payment-systems": "Payment systems",
    "press-conference": "Press conference",
    "prisoner-exchange": "Prisoner exchange",
    "rearmament": "Rearmament",
    "root-causes": "Root causes",
    "rosselkhozbank": "Rosselkhozbank",
    "safe-navigation": "Safe navigation",
    "sanctions": "Sanctions",
    "sanctions-relief": "Sanctions relief",
    "saudi-mediation": "Saudi mediation",
    "sea-truce": "Sea truce",
    "security-assistance": "Security assistance",
    "security-guarantees": "Security guarantees",
    "self-defence": "Self-defence",
    "sport": "Sport",
    "summit-planning": "Summit planning",
    "swift": "SWIFT",
    "territory": "Territory",
    "third-country-mediation": "Third-country mediation",
    "trust": "Trust",
    "ukraine-participation": "Ukraine's participation",
    "ukraine-war": "Ukraine war",
    "us-dollar": "US dollar",
    "us-russia-relations": "US-Russia relations",
    "vessel-inspection": "Vessel inspection",
}
THEME_IS_PLACE = {
    "black-sea": "Black Sea",
    "iran": "Iran",
    "israel": "Israel",
    "kursk": "Kursk",
    "middle-east": "Middle East",
    "red-sea": "Red Sea",
    "zaporizhzhia-npp": "Zaporizhzhia nuclear power plant",
}
# Grouping topics that the corpus does not name: classification, not facts. The seed speaks of
# 'humanitarian issues, including the exchange of prisoners of war'.
GROUPING_TOPICS = [("ceasefire", "Ceasefire"), ("humanitarian-issues", "Humanitarian issues")]
GROUPING_NOTE = "A grouping topic of the archive's own, for browsing; the sources do not use it as a topic."
# Only obvious containment between topics that exist.
TOPIC_PARENTS = {
    "ceasefire-30-day": "ceasefire",
    "ceasefire-energy": "ceasefire",
    "full-ceasefire": "ceasefire",
    "air-truce": "ceasefire",
    "sea-truce": "ceasefire",
    "energy-strike-ban": "ceasefire",
    "prisoner-exchange": "humanitarian-issues",
    "civilian-detainees": "humanitarian-issues",
    "children-return": "humanitarian-issues",
    "patriot": "air-defence",  # Javelin is an anti-tank weapon, not air defence: left alone
    "sanctions-relief": "sanctions",
    "negotiating-teams": "negotiations",
    "nuclear-power-plants": "energy-infrastructure",
    "critical-minerals": "minerals",
    "kyiv": "ukraine",
    "moscow": "russia",
    "kursk": "russia",
    "riyadh": "saudi-arabia",
    "jeddah": "saudi-arabia",
    "washington": "united-states",
    "white-house": "washington",
    "oval-office": "white-house",
    "eastern-black-sea": "black-sea",
}

# Readout slugs: the title up to its first '(' or ':', slugified ('trump-zelenskyy-telephone-call').
# The summary: the corpus has no event-level summary, so each is one or two sentences restating
# only the corpus's title, date, format, principals/hosts (with their titles) and location.
SUMMARIES = {
    "E01": "Telephone call between Donald J. Trump, President of the United States, and Vladimir Putin, "
           "President of the Russian Federation, on 12 February 2025.",
    "E02": "Telephone call between Donald J. Trump, President of the United States, and Volodymyr Zelenskyy, "
           "President of Ukraine, on 12 February 2025.",
    "E04": "Talks between US and Russian senior officials at Diriyah Palace in Riyadh, Saudi Arabia, on "
           "18 February 2025. Secretary of State Marco Rubio headed the US delegation and Minister of Foreign "
           "Affairs Sergey Lavrov the Russian delegation; Saudi Minister of Foreign Affairs Faisal bin Farhan "
           "Al Saud and National Security Advisor Musaed bin Mohammed Al-Aiban were the hosts.",
    "E05": "Meeting between Donald J. Trump, President of the United States, and Volodymyr Zelenskyy, President "
           "of Ukraine, in the Oval Office of the White House in Washington on 28 February 2025. The planned "
           "signing of the minerals agreement and the joint press conference were called off.",
    "E06": "Meeting of US and Ukrainian senior officials in Jeddah, Saudi Arabia, on 11 March 2025, on a US "
           "proposal for a 30-day ceasefire. Secretary of State Marco Rubio headed the US delegation and Andriy "
           "Yermak, Head of the Office of the President of Ukraine, the Ukrainian delegation; Faisal bin Farhan "
           "Al Saud and Musaed bin Mohammed Al-Aiban were the hosts.",
    "E08": "Telephone call between Donald J. Trump, President of the United States, and Vladimir Putin, "
           "President of the Russian Federation, on 18 March 2025, on an energy-strike pause and Black Sea talks.",
    "E09": "Telephone call between Donald J. Trump, President of the United States, and Volodymyr Zelenskyy, "
           "President of Ukraine, on 19 March 2025, on a partial energy ceasefire, Patriot systems and the "
           "return of Ukrainian children.",
    "E10": "Expert-level talks in Riyadh, Saudi Arabia, from 23 to 25 March 2025, on the Black Sea and energy "
           "strikes: US-Ukraine sessions on 23 and 25 March and a US-Russia session on 24 March. Rustem Umerov "
           "headed the Ukrainian delegation, Grigory Karasin and Sergey Beseda co-headed the Russian delegation, "
           "and Andrew Peek and Michael Anton led for the US in the US-Russia session.",
}

# Links between readouts, only where the corpus states the connection; the note gives the basis.
# (A commitment's later evidence is a CommitmentUpdate, not a link.)
LINKS = [
    ("E02", "E01", "follows_up",
     "Trump wrote after his call with Putin that he would now call Zelenskyy (Truth Social post, 12 February); "
     "in Zelenskyy's account of their call, Trump told him about the Putin call."),
    ("E04", "E01", "follows_up",
     "Trump wrote after the 12 February call with Putin that their teams would open negotiations at once; "
     "the State Department's readout of the Riyadh talks: 'One phone call followed by one meeting is not "
     "sufficient to establish enduring peace' (Tammy Bruce)."),
    ("E08", "E06", "responds_to",
     "On the 30-day truce idea proposed by the US and accepted by Ukraine at Jeddah, the Kremlin's readout "
     "of the 18 March call sets conditions; Russia agreed only to a 30-day pause on energy strikes."),
    ("E09", "E08", "follows_up",
     "Rubio and Waltz's statement: Trump briefed Zelenskyy on his call with Putin the day before (UNN: "
     "Trump 'fully informed Zelenskyy about his conversation' with Putin); Trump's post: the call was mostly "
     "about the previous day's Putin call."),
    ("E09", "E06", "refers_to",
     "Zelenskyy thanked Trump for the productive start in Jeddah on 11 March (Rubio/Waltz statement; "
     "Zelenskyy's posts)."),
    ("E10", "E09", "follows_up",
     "The White House statement on the US-Ukraine outcomes says the technical talks of 23-25 March were held "
     "in line with the Trump-Zelenskyy discussions; the 19 March statement said technical teams would meet "
     "in Saudi Arabia in the coming days."),
    ("E10", "E08", "follows_up",
     "The 18 March readouts announced technical negotiations on the Black Sea (White House) and talks on "
     "details of a Black Sea navigation initiative (Kremlin); the Kremlin's statement on the Riyadh results "
     "sets measures for the presidents' ban on energy strikes for 30 days from 18 March."),
]

# The statement that carries each version of a discrepancy. Matching by shared sources alone
# misattributes: a media report's figure for the length of the Riyadh talks (S161) would be
# pinned on Zelenskyy's remarks, which merely share that source. So a version is linked only where
# the corpus says whose account it is (its issuer, or the topic/version text names the statement)
# and that statement shares a source with the version; every other version (media reports of
# lengths, counts, delegation lists; accounts two statements of one side both give) is unlinked.
# Keyed by (event, discrepancy topic, version position).
VERSION_STATEMENTS = {
    ("E01", "Subjects covered", 1): "E01-S1",  # Trump: his post listed the subjects
    ("E01", "Subjects covered", 2): "E01-S3",  # Kremlin: its readout
    ("E01", "Venue of a first summit", 1): "E01-S2",  # Trump: remarks, 'probably in Saudi Arabia'
    ("E01", "Venue of a first summit", 2): "E01-S3",  # Kremlin readout: invitation to Moscow
    ("E04", "How many points Rubio said were agreed", 1): "E04-S2",  # Rubio's remarks
    ("E04", "How many points Rubio said were agreed", 2): "E04-S2",
    ("E04", "Ushakov's characterisation (translation variance)", 1): "E04-S4",  # two renderings
    ("E04", "Ushakov's characterisation (translation variance)", 2): "E04-S4",  # of Ushakov's remarks
    ("E06", "Wording of the joint statement", 1): "E06-S1",
    ("E06", "Wording of the joint statement", 2): "E06-S1",
    ("E08", "Scope of the agreed pause", 1): "E08-S1",  # White House readout
    ("E08", "Scope of the agreed pause", 2): "E08-S2",  # Trump's post
    ("E08", "Scope of the agreed pause", 3): "E08-S3",  # Kremlin readout
    ("E08", "Russian conditions", 1): "E08-S1",
    ("E08", "Russian conditions", 2): "E08-S3",
    ("E08", "Middle East passage", 1): "E08-S1",
    ("E08", "Middle East passage", 2): "E08-S3",
    ("E08", "Topics only one side reported", 1): "E08-S3",  # Kremlin only
    ("E08", "Topics only one side reported", 2): "E08-S1",  # White House only
    ("E08", "Black Sea framing", 1): "E08-S1",
    ("E08", "Black Sea framing", 2): "E08-S3",
    ("E08", "Length of the call", 2): "E08-S5",  # 'almost two hours (Trump)': his Fox News interview
    ("E08", "Number of wounded to be handed over", 1): "E08-S3",  # '23 (Kremlin readout)'
    # 'would be the best protection': the corpus's own quote of the Rubio/Waltz statement, same sources
    ("E09", "Wording on US ownership of Ukrainian power plants", 1): "E09-S2",
    ("E09", "Scope of the partial ceasefire", 1): "E09-S2",  # Rubio/Waltz
    ("E09", "Scope of the partial ceasefire", 2): "E09-S4",  # Zelenskyy's posts
    ("E09", "Patriot pledge as relayed by the seed report", 1): "E09-S2",  # the US statement
    ("E09", "Patriot pledge as relayed by the seed report", 2): "E09-S3",  # the seed report (S001)
    ("E09", "Nuclear-plant ownership idea", 1): "E09-S2",  # 'US statement'
    ("E09", "Nuclear-plant ownership idea", 2): "E09-S4",  # 'Zelenskyy's written summary'
    ("E09", "Nuclear-plant ownership idea", 3): "E09-S6",  # 'Zelenskyy told a news conference'
    ("E10", "Conditionality of the Black Sea arrangement", 1): "E10-S2",  # 'White House (US-Russia text)'
    ("E10", "Conditionality of the Black Sea arrangement", 2): "E10-S3",  # Kremlin's five points
    ("E10", "Start date of the energy-strike pause", 2): "E10-S6",  # Zelenskyy's address
    ("E10", "Naming and inspection", 1): "E10-S2",  # the US-Russia text (S093)
    ("E10", "Naming and inspection", 2): "E10-S3",
    ("E10", "Eastern Black Sea clause", 1): "E10-S5",  # Umerov
    ("E10", "Whether the energy pause depends on sanctions (secondary-source error)", 1): "E10-S3",
}

# A discrepancy resolution that points to the corpus's `unverified` list, which stays out of the
# archive: the pointer is dropped, the resolution itself kept.
RESOLUTION_POINTERS_DROPPED = {"Left unresolved; see unverified list.": "Left unresolved."}


def parse_date(value):
    """A datetime.date for a plain ISO date, else None (ranges, months, 'on or before ...')."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and ISO_DATE.match(value):
        return datetime.date.fromisoformat(value)
    return None


def human_date(value):
    day = parse_date(value)
    return f"{day.day} {day:%B %Y}" if day else str(value)


def language_code(text):
    match = re.match(r"^([a-z]{2,3})\b", text)
    if not match:
        raise ValueError(f"No language code at the start of {text!r}")
    return match.group(1)


# The corpus's kinds of source: (the Source's kind, whether the note keeps the corpus's word,
# which says more than the kind). A news report is left unknown (see build_sources).
SOURCE_KINDS = {
    "news_report": ("", False),
    "aggregator": ("republication", False),
    "primary_copy": ("republication", True),
    "blog": ("other", True),
    "reference": ("other", True),
}


def participant_role(text):
    """('principal', 'head of US delegation') for 'principal (head of US delegation)'."""
    for prefix, role in ROLE_PREFIXES:
        if not text.startswith(prefix):
            continue
        detail = text[len(prefix):].strip()
        if role == prefix.replace(" ", "_") and not detail:
            return role, ""
        if role == prefix.replace(" ", "_") and re.fullmatch(r"\([^()]*\)", detail):
            return role, detail[1:-1]
        return role, text  # anything else ('delegation lead (...)', '...; member of ...'): the whole text
    raise ValueError(f"Unknown participant role {text!r}")


def place(location):
    """(venue, city, country name, location): the corpus's description of a place it does not
    name ("telephone; ...") is the location; a venue "not stated" says so there."""
    if "description" in location:
        return "", "", None, location["description"]
    venue = location.get("venue", "")
    if venue == "not stated":
        return "", location["city"], location["country"], "venue not stated"
    return venue, location["city"], location["country"], ""


def read_seed(path):
    """The seed's first line is a date and headline; the rest, one paragraph a line, is the text."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    heading = re.match(r"^\s*date (\d{4}-\d{2}-\d{2}) (.+)$", lines[0])
    if not heading:
        raise ValueError("The seed's first line should read ' date YYYY-MM-DD headline'.")
    return heading.group(1), heading.group(2).strip(), "\n\n".join(lines[1:])


def readout_source_ids(event):
    """Sources of the engagement's own facts: place, duration, participants and background."""
    ids = [*event["location"].get("src", []), *event.get("duration", {}).get("src", [])]
    for participant in event["participants"]:
        ids += participant.get("src", [])
    for key in ("outcome_of_meeting", "context", "related_context", "sessions", "participants_notes"):
        for item in event.get(key, []):
            ids += item.get("src", [])
    return ids


class Builder:
    def __init__(self, corpus, seed):
        self.corpus = corpus
        self.seed_date, self.seed_title, self.seed_text = seed
        self.objects = {}  # model label -> list of fixture objects, in pk order
        self.sources = {s["id"]: s for s in corpus["sources"]}
        self.people = {p["id"]: p for p in corpus["people"]}
        self.events = {e["id"]: e for e in corpus["events"]}
        self.statement_pks = {}
        self.version_keys_used = set()

    def add(self, model, fields):
        fields = {
            name: self.plain(value) if isinstance(value, str) and name not in NOT_PROSE else value
            for name, value in fields.items()
        }
        rows = self.objects.setdefault(model, [])
        pk = len(rows) + 1
        rows.append({"model": f"readouts.{model}", "pk": pk, "fields": fields})
        return pk

    def plain(self, text):
        """The corpus's prose with its record codes put in a reader's words: a run of source ids
        becomes their publishers' names ('read in S019, S040' -> 'read in Kyiv Independent, UPI'),
        a statement id its title or issuer, an event id the readout's day."""

        def publishers(match):
            names = list(dict.fromkeys(self.sources[code]["publisher"] for code in SOURCE_CODE.findall(match[0])))
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

        def statement(match):
            event, sid = match[1], match[0]
            found = next(s for s in self.events[event]["statements"] if s["id"] == sid)
            headline = KIND_WITH_HEADLINE.match(found["kind"])
            return headline.group("title") if headline else STATEMENT_TITLES.get(sid, found["issuer"]["institution"])

        def readout_day(match):
            return "the readout of " + human_date(str(self.events[match[1]]["date"]).partition("/")[0])

        text = SOURCE_RUN.sub(publishers, text)
        text = STATEMENT_CODE.sub(statement, text)
        text = re.sub(r" \((E\d\d)\)", "", text)  # "on 28 Feb (E05)": the day already says which
        text = re.sub(r"see (E\d\d) discrepancies", lambda m: f"see where the accounts differ in {readout_day(m)}", text)
        return EVENT_CODE.sub(readout_day, text)

    def cite(self, ids):
        """Which sources give a fact, by publisher; their addresses are the record's own sources."""
        return "; ".join(self.sources[i]["publisher"] for i in ids)

    def source_list(self, ids):
        return sorted({self.source_pks[i] for i in ids})

    def build(self):
        self.build_organizations()
        self.build_people()
        self.build_topics()
        self.build_sources()
        self.build_readouts()
        order = [
            "organization", "person", "topic", "source", "readout", "participant", "statement", "quote",
            "commitment", "commitmentupdate", "discrepancy", "discrepancyversion", "readoutlink",
        ]
        stale = set(VERSION_STATEMENTS) - self.version_keys_used
        if stale:
            raise ValueError(f"VERSION_STATEMENTS names versions the corpus does not have: {sorted(stale)}")
        return [obj for model in order for obj in self.objects.get(model, [])]

    def build_organizations(self):
        self.orgs = {}
        for person in self.corpus["people"]:
            name = person["org"]
            if name not in self.orgs:
                self.orgs[name] = self.add("organization", {
                    "name": name,
                    "slug": slugify(name),
                    "kind": "country",
                    "parent": None,
                    "alternate_names": "\n".join(COUNTRY_ALTERNATE_NAMES.get(name, [])),
                    "description": "",
                })
        for key, name, slug, country, alternates in BODIES:
            self.orgs[key] = self.add("organization", {
                "name": name,
                "slug": slug,
                "kind": "government_body",
                "parent": self.orgs[country],
                "alternate_names": "\n".join(alternates),
                "description": "",
            })
        for key, name, slug in MEDIA:
            self.orgs[key] = self.add("organization", {
                "name": name, "slug": slug, "kind": "media", "parent": None, "alternate_names": "", "description": "",
            })

    def build_people(self):
        self.person_pks = {}
        for person in self.corpus["people"]:
            name = PERSON_NAMES.get(person["id"], person["name"])
            given, _, surname = name.rpartition(" ")
            self.person_pks[person["id"]] = self.add("person", {
                "name": name,
                "slug": slugify(name),
                "sort_name": SORT_NAMES.get(person["id"], f"{surname}, {given}"),
                "alternate_names": "\n".join(PERSON_ALTERNATE_NAMES.get(person["id"], [])),
                "organization": self.orgs[person["org"]],
                # The corpus gives one title per person, for February-April 2025.
                "description": f"Title in the sources of February–April 2025: {person['title']}.",
            })

    def build_topics(self):
        themes, places = set(), set()
        for event in self.corpus["events"]:
            for statement in event["statements"]:
                themes.update(statement["topics"])
                places.update(statement["places_mentioned"])
        unnamed = themes - set(THEME_NAMES) - set(THEME_IS_PLACE)
        if unnamed:
            raise ValueError(f"Topics without a name in THEME_NAMES: {sorted(unnamed)}")
        places.update(THEME_IS_PLACE[t] for t in themes if t in THEME_IS_PLACE)
        rows = [(slug, name, "theme", GROUPING_NOTE) for slug, name in GROUPING_TOPICS]
        rows += [(slug, THEME_NAMES[slug], "theme", "") for slug in sorted(themes) if slug in THEME_NAMES]
        rows += [(slugify(place), place, "place", "") for place in sorted(places, key=str.lower)]
        slugs = [row[0] for row in rows]
        if len(slugs) != len(set(slugs)):
            raise ValueError("Two topics share a slug.")
        # Parents first, so that every parent's pk is known when a child is added.
        depth = {}

        def level(slug):
            if slug not in depth:
                depth[slug] = 0 if slug not in TOPIC_PARENTS else level(TOPIC_PARENTS[slug]) + 1
            return depth[slug]

        missing = (set(TOPIC_PARENTS) | set(TOPIC_PARENTS.values())) - set(slugs)
        if missing:
            raise ValueError(f"TOPIC_PARENTS names topics that do not exist: {sorted(missing)}")
        rows.sort(key=lambda row: level(row[0]))  # stable: keeps the order above within a level
        self.topic_pks = {}
        for slug, name, kind, description in rows:
            parent = TOPIC_PARENTS.get(slug)
            self.topic_pks[slug] = self.add("topic", {
                "name": name,
                "slug": slug,
                "kind": kind,
                "parent": self.topic_pks[parent] if parent else None,
                "description": description,
            })
        for slug, name in THEME_IS_PLACE.items():
            self.topic_pks[slug] = self.topic_pks[slugify(name)]
        for place in places:
            self.topic_pks.setdefault(place, self.topic_pks[slugify(place)])

    def build_sources(self):
        # Every corpus source becomes a Source: all of them carry some fact of the archive.
        # The model has no fields for the corpus's source id or an imprecise date, so they go into
        # the note, after the corpus's own note and any source error it records. Kind and language
        # have fields, filled as migration 0016 fills them from the notes this script wrote before
        # they had: a news report and English, which those notes never named, stay unknown.
        errors = {}
        for error in self.corpus.get("source_errors", []):
            if "id" in error:
                errors.setdefault(error["id"], []).append(error["problem"])
        self.source_pks = {}
        for source in self.corpus["sources"]:
            published_on = parse_date(source["date"])
            lines = [source["note"]] if source.get("note") else []
            lines += [f"Source error recorded in the corpus: {problem}" for problem in errors.get(source["id"], [])]
            # What a reader can use of the corpus's record of the source (its id is the archive's
            # own business): what kind of copy it is unless a news report, its language unless
            # English, and its date where the corpus records it imprecisely.
            kind, note_says_more = SOURCE_KINDS[source["kind"]]
            meta = [source["kind"].replace("_", " ").capitalize()] if note_says_more else []
            if published_on is None:
                meta.append(f"date as recorded: {source['date']}")
            if meta:
                line = "; ".join(meta)
                lines.append(line[0].upper() + line[1:] + ".")
            self.source_pks[source["id"]] = self.add("source", {
                "name": source["publisher"],
                "url": source["url"],
                "published_on": published_on.isoformat() if published_on else None,
                "kind": kind,
                "language": "" if source["lang"] == "en" else source["lang"],
                "note": "\n".join(lines),
            })

    def build_readouts(self):
        self.readout_pks = {}
        for event in self.corpus["events"]:
            self.readout_pks[event["id"]] = self.build_readout(event)
        commitment_position = {}
        for event in self.corpus["events"]:
            self.build_statements(event, commitment_position)
            self.build_discrepancies(event)
        for from_event, to_event, kind, note in LINKS:
            self.add("readoutlink", {
                "from_readout": self.readout_pks[from_event],
                "to_readout": self.readout_pks[to_event],
                "kind": kind,
                "note": note,
            })

    def background(self, event):
        """Context and outcome facts, one paragraph each, worded as in the corpus, with their sources."""
        paragraphs = []

        def para(text, ids):
            text = text.rstrip()
            if not text.endswith((".", "?", "!", ")")):
                text += "."
            paragraphs.append(f"{text} Sources: {self.cite(ids)}." if ids else text)

        for item in event.get("outcome_of_meeting", []):
            para(f"Outcome: {item['fact']}", item["src"])
        for item in event.get("context", []):
            para(f"Context: {item['fact']}", item["src"])
        for item in event.get("related_context", []):
            para(f"{human_date(item['date'])}: {item['fact']}", item["src"])
        for item in event.get("sessions", []):
            para(f"Session of {human_date(item['date'])}, {item['parties']}: {item['note']}", item["src"])
        for item in event.get("participants_notes", []):
            para(f"Participants: {item['fact']}", item["src"])
        # The readout's sources carry the addresses; the background says which publisher gave what.
        if event["location"].get("src"):
            para(f"Location as given by: {self.cite(event['location']['src'])}", [])
        if event.get("duration", {}).get("src"):
            para(f"Duration as given by: {self.cite(event['duration']['src'])}", [])
        return "\n\n".join(paragraphs)

    def build_readout(self, event):
        first, _, last = str(event["date"]).partition("/")  # E10: '2025-03-23/2025-03-25'
        date, end_date = parse_date(first), parse_date(last) if last else None
        organizations, topics = [], []
        for participant in event["participants"]:
            org = self.orgs[self.people[participant["person"]]["org"]]
            if org not in organizations:
                organizations.append(org)
        for statement in event["statements"]:
            for key in [*statement["topics"], *statement["places_mentioned"]]:
                if self.topic_pks[key] not in topics:
                    topics.append(self.topic_pks[key])
        venue, city, country, location = place(event["location"])
        slug = slugify(re.split(r"[(:]", event["title"])[0])
        taken = {(o["fields"]["date"], o["fields"]["slug"]) for o in self.objects.get("readout", [])}
        if (date.isoformat(), slug) in taken:
            raise ValueError(f"Slug {slug!r} is already taken on {date}.")
        pk = self.add("readout", {
            "title": event["title"],
            "slug": slug,
            "date": date.isoformat(),
            "end_date": end_date.isoformat() if end_date else None,
            "time": None,
            "time_zone": "",
            "format": FORMATS[event["format"]],
            "venue": venue,
            "city": city,
            "country": self.orgs[country] if country else None,
            "location": location,
            "duration": event.get("duration", {}).get("value", ""),
            "summary": SUMMARIES[event["id"]],
            "background": self.background(event),
            "organizations": sorted(organizations),
            "topics": sorted(topics),
            "sources": self.source_list(readout_source_ids(event)),
            "status": "published",
            "published_at": COMPILED_AT,
            "created_at": COMPILED_AT,
            "updated_at": COMPILED_AT,
        })
        for position, participant in enumerate(event["participants"], start=1):
            person = self.people[participant["person"]]
            role, role_note = participant_role(participant["role"])
            if participant.get("note"):
                role_note = f"{role_note}; {participant['note']}" if role_note else participant["note"]
            self.add("participant", {
                "readout": pk,
                "person": self.person_pks[person["id"]],
                "role": role,
                "role_note": role_note,
                "title": person["title"],
                "represented": self.orgs[person["org"]],
                "position": position,
            })
        return pk

    def build_statements(self, event, commitment_position):
        readout = self.readout_pks[event["id"]]
        for position, statement in enumerate(event["statements"], start=1):
            sid = statement["id"]
            headline = KIND_WITH_HEADLINE.match(statement["kind"])
            if headline:
                kind, kind_note, title = "statement", "", headline.group("title")
            else:
                kind, kind_note = KINDS[statement["kind"]]
                title = STATEMENT_TITLES.get(sid, "")
            date_issued = parse_date(statement["date_issued"])
            language = language_code(statement["original_language"])
            institution = statement["issuer"]["institution"]
            notes = [statement["note"]] if statement.get("note") else []
            if statement.get("official_url_referenced_in_copy"):
                # official_url_seen is false for every statement: official_url stays blank, and an
                # address printed in a stored copy is recorded here as the corpus words it.
                notes.append(
                    "Official address referenced in a stored copy (the official page itself was not seen): "
                    + statement["official_url_referenced_in_copy"]
                )
            text, cites = "", ""
            if sid == SEED_STATEMENT:
                # The seed: its full text verbatim, from the dateline on; the first line's date and
                # headline go to date_issued and title.
                if statement["source_urls_as_found"] != [self.corpus["corpus"]["seed_document"]]:
                    raise ValueError(f"{sid} should be read from the seed document alone.")
                if self.seed_date != statement["date_issued"]:
                    raise ValueError("The seed's date differs from the corpus's date for its statement.")
                title, text = self.seed_title, self.seed_text
                cites = "State Department website"  # 'UNN writes with reference to the State Department website'
                notes.append(
                    "The text is the seed document's, stored verbatim (fixtures/corpus/seed-unn-2025-03-20.txt), "
                    "from the dateline 'Kyiv • UNN' on, one paragraph a line as in the file, every line kept "
                    "(including the line beginning '\"Unsurpassed negotiator\"' and the 'Addition' section)."
                )
            pk = self.add("statement", {
                "readout": readout,
                "position": position,
                "kind": kind,
                "kind_note": kind_note,
                "title": title,
                "issuer_name": institution,
                "issuer": self.orgs[ISSUERS[institution]],
                "joint_issuers": [self.orgs[name] for name in JOINT_ISSUERS.get(institution, [])],
                "speakers": [self.person_pks[p] for p in statement["issuer"]["persons"]],
                "date_issued": date_issued.isoformat() if date_issued else None,
                "date_note": "" if date_issued else statement["date_issued"],
                "language": language,
                "language_note": "" if statement["original_language"] == language else statement["original_language"],
                "text": text,
                "summary": statement["summary"],
                "sources": [self.source_pks[s] for s in statement["source_urls_as_found"]],
                "cites": cites,
                "official_url": "",
                "note": "\n\n".join(notes),
            })
            self.statement_pks[sid] = pk
            if statement.get("quote"):
                by = statement["quote"]["by"]
                self.add("quote", {
                    "statement": pk,
                    "text": statement["quote"]["text"],
                    "speaker": self.person_pks.get(by),
                    "speaker_label": "" if by in self.person_pks else by,
                })
            for index, commitment in enumerate(statement.get("commitments", [])):
                self.build_commitment(event, statement, index, commitment, pk, commitment_position)

    def build_commitment(self, event, statement, index, commitment, statement_pk, commitment_position):
        readout = self.readout_pks[event["id"]]
        commitment_position[readout] = commitment_position.get(readout, 0) + 1
        people, organizations = ACTORS[commitment["by"]]
        outcome = commitment["outcome"]
        # due_date only where the timeframe is itself a calendar day.
        match = re.match(r"^(?:\w+, )?(\d{1,2} \w+ \d{4})$", commitment["timeframe"])
        due_date = datetime.datetime.strptime(match.group(1), "%d %B %Y").date() if match else None
        pk = self.add("commitment", {
            "readout": readout,
            "statement": statement_pk,
            "actor_label": commitment["by"],
            "actor_people": [self.person_pks[p] for p in people],
            "actor_organizations": [self.orgs[o] for o in organizations],
            "counterpart": "",
            "description": commitment["what"],
            "exact_words": EXACT_WORDS.get((statement["id"], index), ""),
            "timeframe": commitment["timeframe"],
            "due_date": due_date.isoformat() if due_date else None,
            "status": outcome["status"],
            "sources": self.source_list(commitment["src"]),
            "position": commitment_position[readout],
        })
        # One update per outcome, with the outcome's sources, dated by its evidence event (by_event).
        # The corpus gives outcomes no date of their own, so the date is the evidence event's day:
        # - where that event lists sessions (E10, Riyadh, 23-25 March: US-Ukraine on 23 March,
        #   US-Russia on 24 March, US-Ukraine again on 25 March), the date of the first session
        #   held between exactly the commitment's actor countries (its `by`, resolved in ACTORS;
        #   'US' in a session's parties is the United States). So the four US-Russia commitments
        #   evidenced by E10 (E04's teams and negotiators, E08's technical and Black Sea talks)
        #   are dated 24 March, as the note on E04's teams says ('Expert delegations named and met
        #   in Riyadh on 24 March'), and the US-Ukraine ones 23 March (E09: 'Met in Riyadh on 23
        #   and 25 March');
        # - otherwise (no sessions, or none between those countries) the event's first day.
        # An evidence readout earlier than the commitment's own readout (E09's energy pause,
        # evidenced by E08) cannot date the update (the model forbids updates dated before the
        # readout): that update stays undated.
        evidence = outcome.get("by_event")
        date = parse_date(str(self.events[evidence]["date"]).partition("/")[0]) if evidence else None
        session_countries = {"US": "United States"}
        for session in (self.events[evidence].get("sessions", []) if evidence else []):
            parties = re.sub(r"\s*\(.*\)$", "", session["parties"]).split("-")
            if organizations and {session_countries.get(p, p) for p in parties} == set(organizations):
                date = parse_date(str(session["date"]))
                break
        if date and date < parse_date(str(event["date"]).partition("/")[0]):
            date = None
        self.add("commitmentupdate", {
            "commitment": pk,
            "date": date.isoformat() if date else None,
            "status": outcome["status"],
            "note": outcome.get("note", ""),
            "sources": self.source_list(outcome.get("src", [])),
            "evidence": self.readout_pks[evidence] if evidence else None,
        })

    def build_discrepancies(self, event):
        readout = self.readout_pks[event["id"]]
        for position, discrepancy in enumerate(event.get("discrepancies", []), start=1):
            resolution = discrepancy.get("resolution", "")
            pk = self.add("discrepancy", {
                "readout": readout,
                "subject": discrepancy["topic"],
                "resolution": RESOLUTION_POINTERS_DROPPED.get(resolution, resolution),
                "position": position,
            })
            for version_position, version in enumerate(discrepancy["versions"], start=1):
                key = (event["id"], discrepancy["topic"], version_position)
                sid = VERSION_STATEMENTS.get(key)
                self.version_keys_used.add(key)
                if sid:
                    statement = next(s for s in event["statements"] if s["id"] == sid)
                    if not set(statement["source_urls_as_found"]) & set(version["src"]):
                        raise ValueError(f"{sid} shares no source with its version of {discrepancy['topic']!r}.")
                self.add("discrepancyversion", {
                    "discrepancy": pk,
                    "says": version["says"],
                    "issuer_label": version.get("issuer", ""),
                    "statement": self.statement_pks[sid] if sid else None,
                    "sources": [self.source_pks[s] for s in version["src"]],
                    "position": version_position,
                })


def build(corpus_path=CORPUS, seed_path=SEED):
    with open(corpus_path, encoding="utf-8") as handle:
        corpus = yaml.safe_load(handle)
    return Builder(corpus, read_seed(seed_path)).build()


def render(objects):
    return json.dumps(objects, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=Path, default=SEED)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    objects = build(args.corpus, args.seed)
    args.output.write_text(render(objects), encoding="utf-8")
    print(f"Wrote {len(objects)} objects to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
