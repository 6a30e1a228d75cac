"""What the synthetic archive is made of: its marks, its dates, the names of its people, bodies
and topics, how often each format and kind occurs, and how large its pools are for n readouts."""

import datetime

from readouts.models import CommitmentStatus, ReadoutFormat, StatementKind

TITLE_PREFIX = "Synthetic: "
SLUG_PREFIX = "synthetic-"
URL_PREFIX = "https://synthetic.invalid/"

FIRST_DATE = datetime.date(1991, 1, 1)
LAST_DATE = datetime.date(2024, 12, 31)

# Pools: countries and bodies, people, topics.

FIRST_NAMES = (
    "Anna Oleksandr Maria Ahmed Li Hiroshi Fatima Pierre Ingrid Carlos Yusuf Elena Dmitri Amara "
    "Kwame Sofia Mateus Aiko Rahul Leila Tomasz Nadia Viktor Chiara Jonas Marta Sergei Olga "
    "Bogdan Hanna Mikhail Irina Andriy Natalia Yuri Svetlana Mustafa Zeynep Kemal Aylin Jean "
    "Claire Hans Greta Lars Astrid Paolo Giulia Miguel Lucia Joao Beatriz Chen Wei Min Jun "
    "Takeshi Yuki Arjun Priya Samir Nour Omar Layla Tariq Amina Kofi Ama Chidi Ngozi Thabo "
    "Lindiwe Diego Valentina Mateo Camila Jakub Katarzyna Petr Jana Istvan Eszter Nikolai Daria "
    "Alexei Ksenia Giorgi Nino Armen Ani Rustam Dilnoza Bakhyt Aigerim"
).split()

SURNAMES = (
    "Kovalchuk Tkachenko Hoffmann Moreau Haddad Nakamura Okafor Novak Petrenko Shevchuk "
    "Kuznetsov Volkov Sokolov Lebedev Kozlov Morozov Yilmaz Demir Kaya Celik Dubois Laurent "
    "Lefebvre Schneider Fischer Weber Becker Lindqvist Johansson Rossi Bianchi Romano Silva "
    "Santos Oliveira Pereira Wang Zhang Liu Tanaka Suzuki Watanabe Sharma Patel Singh Khan "
    "Rahman Hussein Mansour Nasser Mensah Owusu Adeyemi Nwosu Dlamini Ndlovu Mokoena Garcia "
    "Martinez Rodriguez Fernandez Kowalski Nowak Wisniewski Horvath Nagy Kovacs Beridze "
    "Kapanadze Harutyunyan Petrosyan Karimov Rashidov Nurlanov Abenova Yermakov Zhukov "
    "Kharchenko Khomenko Zelinskyy Bondarenko Kravchenko Melnychuk Oliynyk Shapovalov Chernov "
    "Pavlichenko Yakovenko Tymoshenko Sydorenko Hrytsenko Yushchenko Ivanchuk Dzhaparov"
).split()

# Transliteration variants: a person with alternate spellings gets one or two of these.
SPELLING_VARIANTS = [
    ("kh", "h"), ("yy", "y"), ("yy", "iy"), ("y", "i"), ("ch", "tch"), ("sh", "ch"), ("j", "dj"),
    ("dzh", "j"), ("ou", "u"), ("ei", "ey"), ("ii", "i"), ("v", "w"), ("w", "v"), ("ck", "k"),
    ("ai", "ay"), ("ks", "x"), ("iu", "yu"), ("ia", "ya"), ("ov", "off"), ("ko", "co"),
]

COUNTRY_ENDINGS = "ia ovia ania land istan ora ica esia".split()
LANGUAGES = "en fr es ru uk ar zh de pt tr ja hi sw pl ka".split()

# Of the statements, the share whose publisher changed them (one or two earlier texts) and the
# share with a translation; "a third party's" translations name this invented translator.
VERSIONED_SHARE, TRANSLATED_SHARE = 0.05, 0.03
TRANSLATOR = "Synthetic Translations (invented)"

BODY_KINDS = [
    ("Office of the President of {}", "president"),
    ("Ministry of Foreign Affairs of {}", "foreign"),
    ("Government of {}", "government"),
    ("Ministry of Defence of {}", "defence"),
    ("Ministry of Energy of {}", "energy"),
    ("Embassy of {} to the Council of Nations", "embassy"),
]

TITLES = {
    "president": ["President", "Head of the Presidential Office", "Deputy Head of the Presidential Office"],
    "foreign": ["Minister of Foreign Affairs", "Deputy Minister of Foreign Affairs", "Spokesperson", "Special Envoy"],
    "government": ["Prime Minister", "Deputy Prime Minister", "Chief of Staff"],
    "defence": ["Minister of Defence", "Chief of the General Staff", "National Security Adviser"],
    "energy": ["Minister of Energy", "Deputy Minister of Energy"],
    "embassy": ["Ambassador", "Chargé d'affaires"],
}

INTERNATIONAL = [
    "Council of Nations", "Northern Seas Union", "Continental Security Forum", "Bank for Reconstruction",
    "Atomic Energy Commission", "Union of Coastal States", "Grain Trade Council", "Southern Cooperation Pact",
    "Refugee Relief Agency", "Forum of River States", "Assembly of the Steppe", "Highland Development Fund",
    "Arctic Dialogue", "Organisation for Peace Monitoring", "Health Cooperation Agency",
]
MEDIA = [
    "Daily Courier", "Continental Wire", "Evening Dispatch", "World Review", "The Observer Gazette",
    "Morning Ledger", "Frontier Press", "Harbour Times", "Capital Bulletin", "Radio Meridian",
]

THEMES = [
    "Security", "Energy", "Trade", "Climate", "Health", "Migration", "Human rights", "Nuclear safety",
    "Humanitarian aid", "Sanctions", "Cyber security", "Maritime affairs", "Agriculture", "Finance",
    "Reconstruction", "Arms control", "Prisoners and detainees", "Transport", "Technology", "Education",
    "Culture", "Space", "Water", "Critical minerals", "Investment", "Elections", "Peace process",
    "Air defence", "Ceasefire", "Territorial disputes", "Visas", "Fisheries", "Tourism", "Debt",
    "Labour", "Disaster relief", "Counter-terrorism", "Food security", "Digital economy", "Justice",
]
SUBTOPIC_QUALIFIERS = [
    "monitoring", "financing", "regional cooperation", "legislation", "infrastructure", "talks",
    "verification", "emergency measures", "standards", "research", "private sector", "local authorities",
    "funding gaps", "implementation", "data sharing", "training",
]
REGIONS = [
    "Northern border", "Eastern provinces", "Southern coast", "Western highlands", "Central valley",
    "Inner sea", "Delta region", "Lake district", "Island chain", "Mountain passes",
]

FORMAT_WEIGHTS = {
    ReadoutFormat.PHONE_CALL: 34,
    ReadoutFormat.VIDEO_CALL: 10,
    ReadoutFormat.MEETING: 25,
    ReadoutFormat.TALKS: 11,
    ReadoutFormat.SUMMIT: 5,
    ReadoutFormat.VISIT: 10,
    ReadoutFormat.OTHER: 5,
}
FORMAT_TITLES = {
    ReadoutFormat.PHONE_CALL: "Telephone call between the leaders of",
    ReadoutFormat.VIDEO_CALL: "Video call between the leaders of",
    ReadoutFormat.MEETING: "Meeting of",
    ReadoutFormat.TALKS: "Talks between the delegations of",
    ReadoutFormat.SUMMIT: "Summit of",
    ReadoutFormat.VISIT: "Official visit to",
    ReadoutFormat.OTHER: "Contacts between",
}
KIND_WEIGHTS = {
    StatementKind.READOUT: 40,
    StatementKind.JOINT_STATEMENT: 8,
    StatementKind.STATEMENT: 15,
    StatementKind.REMARKS: 10,
    StatementKind.INTERVIEW: 5,
    StatementKind.SOCIAL_MEDIA: 10,
    StatementKind.TRANSCRIPT: 5,
    StatementKind.MEDIA_REPORT: 7,
}
FORMAT_NOUNS = {
    ReadoutFormat.PHONE_CALL: "telephone call",
    ReadoutFormat.VIDEO_CALL: "video call",
    ReadoutFormat.MEETING: "meeting",
    ReadoutFormat.TALKS: "talks",
    ReadoutFormat.SUMMIT: "summit",
    ReadoutFormat.VISIT: "visit",
    ReadoutFormat.OTHER: "contacts",
}
DURATIONS = ["about 30 minutes", "about an hour", "more than an hour", "about two hours", "several hours", "two days"]
TIMEFRAMES = ["in the coming days", "within a month", "by the end of the year", "before the next meeting", "", ""]
UPDATE_STATUSES = [
    CommitmentStatus.IN_PROGRESS,
    CommitmentStatus.FULFILLED,
    CommitmentStatus.FULFILLED_LATE,
    CommitmentStatus.PARTLY_FULFILLED,
    CommitmentStatus.CONTESTED,
    CommitmentStatus.STALLED,
    CommitmentStatus.NOT_IMPLEMENTED,
    CommitmentStatus.ABANDONED,
    CommitmentStatus.SUPERSEDED,
]


def pool_sizes(n):
    """How many people, countries and topics an archive of n readouts draws on."""
    return {
        "people": max(500, n // 20),
        "countries": min(190, max(30, n // 500)),
        "topics": min(800, max(120, n // 150)),
    }
