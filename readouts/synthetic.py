"""A synthetic archive for scale tests and benchmarks (the build_synthetic_archive command).

Everything made here is fiction and is marked so: `is_synthetic=True` on readouts, people,
organizations, topics and sources, readout titles that start with "Synthetic: ", slugs that
start with "synthetic-", countries with invented names and addresses under `.invalid`.

The shapes follow the real archive's: 1-4 statements of 150-1,500 words per readout (paragraphs
of 40-150 words), 2-8 participants drawn from a pool of thousands of people (some with alternate
spellings), 2-6 topics from a pool of hundreds in a hierarchy, countries with bodies inside them,
0-4 commitments with 0-3 dated updates pointing to later readouts, quotes, discrepancies, links
to earlier readouts, dates over three decades, every format and kind of statement, ~95% published.
Popularity is skewed (a few leaders, countries and topics appear in many readouts), and the
statements' words follow a Zipf-like distribution over a diplomatic vocabulary, with recurring
multi-word phrases and a long tail of rare place names, so that search can be benchmarked on
common words, rare words and phrases.

Rows are written with bulk_create in batches (one transaction per batch) with explicit primary
keys allocated above the largest existing ones, so the build must not run while editors add
rows. The same seed on the same starting database gives the same archive.
"""

import datetime
import itertools
import math
import random

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify

from .models import (
    Commitment,
    CommitmentStatus,
    CommitmentUpdate,
    Discrepancy,
    DiscrepancyVersion,
    Organization,
    OrganizationKind,
    Participant,
    ParticipantRole,
    Person,
    Quote,
    Readout,
    ReadoutFormat,
    ReadoutLink,
    ReadoutLinkKind,
    Source,
    Statement,
    StatementKind,
    Topic,
    TopicKind,
)

TITLE_PREFIX = "Synthetic: "
SLUG_PREFIX = "synthetic-"
URL_PREFIX = "https://synthetic.invalid/"

FIRST_DATE = datetime.date(1991, 1, 1)
LAST_DATE = datetime.date(2024, 12, 31)

# The models that carry the mark (readouts first: clearing them clears what they hold).
MARKED_MODELS = [Readout, Person, Organization, Topic, Source]
# The models whose ids the build chooses, so that rows can point to each other before they exist.
EXPLICIT_ID_MODELS = [Organization, Person, Topic, Source, Readout, Statement, Commitment, Discrepancy]

# --------------------------------------------------------------------------------------------
# Vocabulary. Ranked: the first words are the most frequent (Zipf, s = 1).

FUNCTION_WORDS = (
    "the of and to in a on for that with as by is was were be at this it their from they have "
    "has its an which also both would will all further other those these between who not been "
    "had are or such more any into over during about after under"
).split()

CONTENT_WORDS = (
    "sides cooperation parties president minister discussed security agreed talks situation "
    "leaders meeting bilateral relations importance ceasefire support peace dialogue issues "
    "region efforts government stressed confirmed expressed continued international countries "
    "steps development economic agreement call conversation humanitarian military joint "
    "partnership interest stability trade energy matters questions process negotiations "
    "delegation foreign affairs national regional sovereignty readiness exchange views prospects "
    "strategic mutual respect commitment implementation framework principles progress position "
    "initiative proposals measures concern conflict resolution settlement sanctions investment "
    "infrastructure projects sectors financial assistance defence forces troops border territory "
    "integrity independence reform elections institutions parliament constitution rights law "
    "justice accountability civilians prisoners exchange return displaced persons refugees "
    "reconstruction recovery funding donors conference summit visit invitation anniversary "
    "ties friendship history tradition culture education science technology digital cyber "
    "nuclear weapons proliferation disarmament arms control treaty inspections verification "
    "maritime navigation ports shipping grain exports imports tariffs markets supply chains "
    "minerals gas oil pipeline transit electricity grid climate emissions finance health "
    "pandemic vaccines migration labour tourism transport aviation railways corridor ambassador "
    "envoy secretary deputy adviser spokesperson office ministry chancellor premier statement "
    "readout communique declaration memorandum protocol roadmap timetable mechanism commission "
    "committee working group consultations contacts channels coordination alignment unity "
    "solidarity condemned welcomed noted reaffirmed underlined emphasised reiterated agreed "
    "decided instructed tasked pledged promised announced signed ratified extended renewed "
    "suspended resumed postponed rejected urged called invited thanked congratulated informed "
    "briefed outlined explained assessed reviewed considered examined highlighted acknowledged "
    "shared hoped looked forward remain ready continue intensify strengthen deepen expand "
    "enhance promote ensure guarantee protect preserve restore maintain achieve reach build "
    "establish launch facilitate mediation mediators negotiators observers monitoring mission "
    "contingent peacekeeping deployment withdrawal de-escalation escalation tensions incidents "
    "attacks strikes drones missiles air defence systems deliveries packages aid loans grants "
    "budget debt currency banking reserves assets frozen seized compensation damages losses "
    "victims families hostages detainees release transfer lists names identification remains "
    "water food security crops harvest fertiliser prices inflation growth employment "
    "businesses companies contracts tenders licences regulation standards quality safety "
    "environment biodiversity forests oceans fisheries arctic space satellites research "
    "universities students scholarships visas consular citizens diaspora communities "
    "minorities languages religion heritage sport youth women gender equality development "
    "goals poverty inequality resilience adaptation disaster relief emergency response "
    "earthquake floods drought wildfires shelter medical hospitals doctors supplies"
).split()

PHRASES = [
    "territorial integrity",
    "energy infrastructure",
    "prisoner exchange",
    "in the coming days",
    "strategic partnership",
    "humanitarian corridor",
    "just and lasting peace",
    "confidence-building measures",
    "the two leaders",
    "at the invitation of",
    "free trade agreement",
    "joint working group",
    "critical minerals",
    "supply chains",
    "nuclear power plant",
    "grain export corridor",
    "regional security architecture",
    "rules-based international order",
    "people-to-people contacts",
    "maritime ceasefire",
    "sustainable development goals",
    "climate finance",
    "security guarantees",
    "frozen sovereign assets",
    "mutually beneficial cooperation",
    "the highest level",
    "a comprehensive settlement",
    "full-scale invasion",
    "peace formula",
    "defence industrial base",
    "air defence systems",
    "return of deported children",
    "reconstruction conference",
    "economic partnership agreement",
    "visa liberalisation",
    "investment protection treaty",
    "nuclear non-proliferation",
    "arms control dialogue",
    "border demarcation",
    "water resources management",
]

HEAD_SHARE, PHRASE_SHARE, TAIL_SHARE = 0.955, 0.03, 0.015
RARE_WORD_COUNT = 20_000

_SYLLABLES = (
    "ka ri vo len dor mar tes an vel sko bra gul min dra fen hol zar ost lin per tav ul "
    "gor ne sha vik tor el mi ra du kov ber nis ta lo sen ar ve ga brin dal cor"
).split()
_ENDINGS = "ia ovo sk grad holm burg ar en ovka ville abad stan ez or ino".split()


def _invented_names(count, seed, endings=_ENDINGS, syllables=(2, 3)):
    """Distinct invented proper names ("Karivo", "Dormarsk"), the same for the same seed."""
    rng = random.Random(seed)
    names, seen = [], set()
    while len(names) < count:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice(syllables)))
        name = (stem + rng.choice(endings)).capitalize()
        if name not in seen and name.lower() not in _COMMON_SET:
            seen.add(name)
            names.append(name)
    return names


_COMMON_SET = set(FUNCTION_WORDS) | set(CONTENT_WORDS)
# Rare words: invented place names, each with the same tiny probability (~65 readouts in 100,000).
RARE_WORDS = _invented_names(RARE_WORD_COUNT, seed=20250319)

# Where meetings take place: invented towns (not among the rare words).
CITIES = _invented_names(200, seed=1945, endings=("grad", "holm", "burg", "ville", "abad", "ino"))

# What the benchmark searches for: a very common word, a rare one, a phrase of middling frequency.
COMMON_WORD = "cooperation"
RARE_WORD = RARE_WORDS[0]
PHRASE = "mutually beneficial cooperation"


def _vocabulary():
    """(tokens, cumulative weights): each token a tuple of words, so phrases expand in place."""
    head = FUNCTION_WORDS + CONTENT_WORDS
    head_weights = [1 / rank for rank in range(1, len(head) + 1)]
    phrase_weights = [1 / rank for rank in range(1, len(PHRASES) + 1)]
    head_total, phrase_total = sum(head_weights), sum(phrase_weights)
    weights = (
        [HEAD_SHARE * w / head_total for w in head_weights]
        + [PHRASE_SHARE * w / phrase_total for w in phrase_weights]
        + [TAIL_SHARE / len(RARE_WORDS)] * len(RARE_WORDS)
    )
    tokens = [(word,) for word in head] + [tuple(phrase.split()) for phrase in PHRASES] + [(w,) for w in RARE_WORDS]
    return tokens, list(itertools.accumulate(weights))


_TOKENS, _CUMULATIVE = _vocabulary()


class TextMaker:
    """Sentences, paragraphs and statements of Zipf-distributed words."""

    def __init__(self, rng):
        self.rng = rng

    def words(self, count):
        tokens = self.rng.choices(_TOKENS, cum_weights=_CUMULATIVE, k=count)
        return list(itertools.islice(itertools.chain.from_iterable(tokens), count))

    def sentences(self, words):
        """Cut words into sentences of 6-28 words, capitalised and full-stopped."""
        rng, out, start = self.rng, [], 0
        while start < len(words):
            length = rng.randint(6, 28)
            if len(words) - start - length < 6:
                length = len(words) - start
            sentence = " ".join(words[start : start + length])
            out.append(sentence[0].upper() + sentence[1:] + ".")
            start += length
        return out

    def paragraph(self, count):
        return " ".join(self.sentences(self.words(count)))

    def paragraph_sizes(self, total):
        """Split a word count into paragraphs of 40-150 words each."""
        rng = self.rng
        low, high = math.ceil(total / 150), max(1, total // 40)
        count = min(high, max(low, round(total / rng.uniform(60, 110))))
        sizes = [total // count] * count
        for index in range(total % count):
            sizes[index] += 1
        for _ in range(count):  # move words between paragraphs, within bounds, to vary their length
            a, b = rng.randrange(count), rng.randrange(count)
            amount = rng.randint(0, 40)
            amount = min(amount, sizes[a] - 40, 150 - sizes[b])
            if a != b and amount > 0:
                sizes[a] -= amount
                sizes[b] += amount
        return sizes

    def statement_length(self):
        """150-1,500 words, most of them short: log-normal around 450."""
        return min(1500, max(150, round(self.rng.lognormvariate(math.log(450), 0.55))))

    def statement(self, total):
        return "\n\n".join(self.paragraph(size) for size in self.paragraph_sizes(total))


# --------------------------------------------------------------------------------------------
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


def _zipf_cumulative(count, s=1.0):
    return list(itertools.accumulate(1 / (rank**s) for rank in range(1, count + 1)))


class IdAllocator:
    """Primary keys above the largest in each table, handed out in order."""

    def __init__(self, models):
        self._next = {model: (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1 for model in models}

    def take(self, model):
        value = self._next[model]
        self._next[model] = value + 1
        return value


class SyntheticArchive:
    """Builds n synthetic readouts, with their pools of people, organizations, topics and sources."""

    def __init__(self, n, seed=1, batch_size=2000, progress=None):
        self.n, self.seed, self.batch_size = n, seed, batch_size
        self.rng = random.Random(seed)
        self.text = TextMaker(self.rng)
        self.sizes = pool_sizes(n)
        self.progress = progress  # a readouts.progress.Progress, or None
        self.counts = {}

    # ---- pools ---------------------------------------------------------------------------

    def build_pools(self):
        rng, ids = self.rng, self.ids
        organizations = []
        self.countries = []  # [(Organization, {body kind: Organization}, language)]
        names = _invented_names(self.sizes["countries"], seed=self.seed * 7919 + 1, endings=COUNTRY_ENDINGS)
        for name in names:
            country = Organization(
                id=ids.take(Organization), name=name, slug=f"{SLUG_PREFIX}{slugify(name)}",
                kind=OrganizationKind.COUNTRY, is_synthetic=True,
                alternate_names=f"Republic of {name}" if rng.random() < 0.3 else "",
                description="An invented country of the synthetic archive.",
            )
            organizations.append(country)
            bodies = {}
            for pattern, key in BODY_KINDS:
                if key in ("president", "foreign") or rng.random() < 0.6:
                    body_name = pattern.format(name)
                    body = Organization(
                        id=ids.take(Organization), name=body_name, slug=f"{SLUG_PREFIX}{slugify(body_name)}",
                        kind=OrganizationKind.GOVERNMENT_BODY, parent=country, is_synthetic=True,
                    )
                    organizations.append(body)
                    bodies[key] = body
            self.countries.append((country, bodies, rng.choice(LANGUAGES)))
        self.internationals = []
        for name in INTERNATIONAL:
            body = Organization(
                id=ids.take(Organization), name=name, slug=f"{SLUG_PREFIX}{slugify(name)}",
                kind=OrganizationKind.INTERNATIONAL, is_synthetic=True,
            )
            organizations.append(body)
            self.internationals.append(body)
        self.media = []
        for name in MEDIA:
            outlet = Organization(
                id=ids.take(Organization), name=name, slug=f"{SLUG_PREFIX}{slugify(name)}",
                kind=OrganizationKind.MEDIA, is_synthetic=True,
            )
            organizations.append(outlet)
            self.media.append(outlet)
        self.country_cumulative = _zipf_cumulative(len(self.countries), s=0.9)

        # People, each in a country (popular countries have more), with a usual body and title.
        people, seen = [], set()
        self.people_of = [[] for _ in self.countries]  # per country: [(person, body kind, title)]
        for _ in range(self.sizes["people"]):
            while True:
                first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
                name = f"{first} {last}"
                if name in seen:
                    name = f"{first} {rng.choice('ABCDEFGHIJKLMNOPRSTVW')}. {last}"
                if name not in seen:
                    break
            seen.add(name)
            country_index = rng.choices(range(len(self.countries)), cum_weights=self.country_cumulative)[0]
            country, bodies, _ = self.countries[country_index]
            key = rng.choice(list(bodies))
            person = Person(
                id=ids.take(Person), name=name, sort_name=f"{last}, {first}", is_synthetic=True,
                alternate_names="\n".join(self._variants(name)) if rng.random() < 0.3 else "",
                organization=country,
            )
            person.slug = f"{SLUG_PREFIX}{slugify(name)}-{person.id}"
            people.append(person)
            self.people_of[country_index].append((person, key, rng.choice(TITLES[key])))
        for members in self.people_of:
            if not members:  # every country has at least a leader, borrowed from another if need be
                members.append((people[rng.randrange(len(people))], "president", "President"))
        # Within a country, the first people drawn (its leaders) appear most often.
        self.people_cumulative = [_zipf_cumulative(len(members), s=1.2) for members in self.people_of]

        # Topics: themes with subtopics (and some sub-subtopics), places with their parts.
        topics = []
        target = self.sizes["topics"]
        themes = []
        for name in THEMES:
            topic = Topic(id=ids.take(Topic), name=name, kind=TopicKind.THEME, is_synthetic=True)
            topics.append(topic)
            themes.append(topic)
        places = []
        for name in REGIONS:
            topic = Topic(id=ids.take(Topic), name=name, kind=TopicKind.PLACE, is_synthetic=True)
            topics.append(topic)
            places.append(topic)
        towns = iter(_invented_names(target, seed=self.seed * 104729 + 3))
        while len(topics) < target:
            if rng.random() < 0.7:
                parent = rng.choice(themes)
                topic = Topic(
                    id=ids.take(Topic), name=f"{parent.name}: {rng.choice(SUBTOPIC_QUALIFIERS)}",
                    kind=TopicKind.THEME, parent=parent, is_synthetic=True,
                )
            else:
                topic = Topic(
                    id=ids.take(Topic), name=next(towns), kind=TopicKind.PLACE, parent=rng.choice(places),
                    is_synthetic=True,
                )
            topics.append(topic)
        for topic in topics:
            topic.slug = f"{SLUG_PREFIX}{slugify(topic.name)}-{topic.id}"
        self.topics = topics
        self.topic_cumulative = _zipf_cumulative(len(topics), s=0.8)
        # Popularity is by position in a shuffled list, so popular topics are themes, subtopics and places.
        self.topic_order = topics[:]
        rng.shuffle(self.topic_order)

        with transaction.atomic():
            # Parents before children (the foreign keys are checked at commit, but be tidy).
            Organization.objects.bulk_create([o for o in organizations if o.parent_id is None])
            Organization.objects.bulk_create([o for o in organizations if o.parent_id is not None])
            Person.objects.bulk_create(people)
            Topic.objects.bulk_create([t for t in topics if t.parent_id is None])
            Topic.objects.bulk_create([t for t in topics if t.parent_id is not None])
        self.counts.update(organizations=len(organizations), people=len(people), topics=len(topics))

    def _variants(self, name):
        rng = self.rng
        variants = []
        rules = [rule for rule in SPELLING_VARIANTS if rule[0] in name.lower()]
        rng.shuffle(rules)
        for old, new in rules[: rng.choice((1, 2))]:
            lower = name.lower()
            at = lower.find(old)
            variant = name[:at] + (new.capitalize() if name[at].isupper() else new) + name[at + len(old) :]
            if variant != name and variant not in variants:
                variants.append(variant)
        return variants

    # ---- readouts ------------------------------------------------------------------------

    def make_dates(self):
        """n dates over three decades, denser in recent years, in order."""
        span = (LAST_DATE - FIRST_DATE).days
        return sorted(FIRST_DATE + datetime.timedelta(days=int(span * self.rng.random() ** 0.7)) for _ in range(self.n))

    def build(self):
        self.ids = IdAllocator(EXPLICIT_ID_MODELS)
        self.build_pools()
        self.readout_dates = self.make_dates()
        self.first_readout_id = self.ids._next[Readout]
        self.pending_updates = {}  # batch index -> [(CommitmentUpdate)]
        self.statuses = {}  # commitment id -> latest status, set when updates are made
        if self.progress:
            self.progress.start(self.n, "readouts")
        for start in range(0, self.n, self.batch_size):
            rows = Rows()
            for index in range(start, min(self.n, start + self.batch_size)):
                self.make_readout(index, rows)
            rows.updates.extend(self.pending_updates.pop(start // self.batch_size, []))
            with transaction.atomic():
                rows.save()
            for key, value in rows.counts().items():
                self.counts[key] = self.counts.get(key, 0) + value
            if self.progress:
                self.progress.update(min(self.n, start + self.batch_size))
        self.reset_sequences()
        return self.counts

    def readout_id(self, index):
        return self.first_readout_id + index

    def make_readout(self, index, rows):
        rng, text = self.rng, self.text
        date = self.readout_dates[index]
        format = rng.choices(list(FORMAT_WEIGHTS), weights=list(FORMAT_WEIGHTS.values()))[0]
        side_count = 2 if rng.random() < 0.8 else rng.randint(3, 4)
        sides = []
        while len(sides) < side_count:
            choice = rng.choices(range(len(self.countries)), cum_weights=self.country_cumulative)[0]
            if choice not in sides:
                sides.append(choice)
        side_names = [self.countries[side][0].name for side in sides]
        joined = ", ".join(side_names[:-1]) + " and " + side_names[-1]
        if format == ReadoutFormat.VISIT:
            title = f"{FORMAT_TITLES[format]} {side_names[1]} by the leader of {side_names[0]}"
        else:
            title = f"{FORMAT_TITLES[format]} {joined}"
        readout_id = self.readout_id(index)
        published = rng.random() < 0.95
        host = self.countries[sides[-1 if format == ReadoutFormat.VISIT else 0]][0]
        readout = Readout(
            id=readout_id,
            title=TITLE_PREFIX + title,
            slug=f"{slugify(TITLE_PREFIX + title)[:180]}-{readout_id}",
            date=date,
            end_date=date + datetime.timedelta(days=rng.randint(1, 3)) if format in ("talks", "summit") and rng.random() < 0.5 else None,
            time=datetime.time(rng.randint(7, 21), rng.choice((0, 15, 30, 45))) if rng.random() < 0.6 else None,
            time_zone=rng.choice(["", "UTC", "local time"]),
            format=format,
            location="" if format in ("phone_call", "video_call") else f"{rng.choice(CITIES)}, {host.name}",
            duration=rng.choice(DURATIONS) if rng.random() < 0.5 else "",
            summary=text.paragraph(rng.randint(25, 60)),
            background=text.statement(rng.randint(80, 200)) if rng.random() < 0.4 else "",
            status=Readout.Status.PUBLISHED if published else Readout.Status.DRAFT,
            published_at=datetime.datetime.combine(date, datetime.time(12), tzinfo=datetime.timezone.utc) if published else None,
            is_synthetic=True,
        )
        rows.readouts.append(readout)

        # Participants: a principal (or host) per side, then delegation members; 2-8 in all.
        total = rng.randint(max(2, min(side_count, 8)), 8)
        chosen, participants = set(), []
        per_side = {side: [] for side in sides}
        for position in range(total):
            side = sides[position] if position < side_count else rng.choice(sides)
            members, weights = self.people_of[side], self.people_cumulative[side]
            for _ in range(8):
                member = rng.choices(members, cum_weights=weights)[0]
                if member[0].id not in chosen:
                    break
            else:
                continue
            person, key, title = member
            chosen.add(person.id)
            if position < side_count:
                role = ParticipantRole.HOST if position == 0 and format in ("meeting", "visit", "summit") else ParticipantRole.PRINCIPAL
            else:
                role = rng.choice([ParticipantRole.DELEGATION_MEMBER, ParticipantRole.DELEGATION_MEMBER, ParticipantRole.PARTICIPANT, ParticipantRole.ISSUER])
            country, bodies, _ = self.countries[side]
            participants.append(
                Participant(
                    readout_id=readout_id, person_id=person.id, role=role, title=title, position=position,
                    represented=bodies.get(key, country) if rng.random() < 0.3 else country,
                    role_note="head of delegation" if role == ParticipantRole.DELEGATION_MEMBER and rng.random() < 0.2 else "",
                )
            )
            per_side[side].append(person)
        if len(participants) < 2:  # a tiny pool: take anyone from the whole pool
            for person_list in self.people_of:
                for person, key, title in person_list:
                    if len(participants) >= 2:
                        break
                    if person.id not in chosen:
                        chosen.add(person.id)
                        participants.append(Participant(readout_id=readout_id, person_id=person.id, role=ParticipantRole.PARTICIPANT, title=title, position=len(participants)))
        rows.participants.extend(participants)

        # Organizations and topics.
        organization_ids = [self.countries[side][0].id for side in sides]
        if rng.random() < 0.25:
            organization_ids.append(rng.choice(self.internationals).id)
        rows.readout_organizations.extend((readout_id, o) for o in organization_ids)
        topic_ids = set()
        for _ in range(rng.randint(2, 6)):
            for _ in range(10):
                topic = rng.choices(self.topic_order, cum_weights=self.topic_cumulative)[0]
                if topic.id not in topic_ids:
                    topic_ids.add(topic.id)
                    break
        rows.readout_topics.extend((readout_id, t) for t in sorted(topic_ids))

        # Statements, 1-4, each with its source, speakers and quotes.
        statements = []
        for position in range(rng.choices((1, 2, 3, 4), weights=(30, 35, 20, 15))[0]):
            side = sides[position % side_count]
            country, bodies, language = self.countries[side]
            issuer = bodies.get("president") if rng.random() < 0.5 else bodies["foreign"]
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            statement_id = self.ids.take(Statement)
            words = text.statement(text.statement_length())
            statement = Statement(
                id=statement_id, readout_id=readout_id, position=position, kind=kind,
                title=f"{issuer.name} on the {FORMAT_NOUNS[format]} with {side_names[(position + 1) % side_count]}" if rng.random() < 0.5 else "",
                issuer_name=issuer.name, issuer=issuer,
                date_issued=date + datetime.timedelta(days=rng.choice((0, 0, 0, 1))),
                language=language if rng.random() < 0.5 else "en",
                text=words,
                summary=text.paragraph(rng.randint(20, 40)) if rng.random() < 0.2 else "",
                official_url=f"{URL_PREFIX}{slugify(country.name)}/{readout_id}/{position}" if rng.random() < 0.5 else "",
            )
            statements.append(statement)
            publisher = issuer.name if kind != StatementKind.MEDIA_REPORT else rng.choice(self.media).name
            source = Source(
                id=self.ids.take(Source), name=publisher, url=f"{URL_PREFIX}sources/{statement_id}",
                published_on=statement.date_issued, is_synthetic=True,
            )
            rows.sources.append(source)
            rows.statement_sources.append((statement_id, source.id))
            speakers = per_side[side][: rng.randint(1, 2)]
            rows.statement_speakers.extend((statement_id, person.id) for person in speakers)
            for _ in range(rng.choices((0, 1, 2), weights=(45, 40, 15))[0]):
                sentence = rng.choice(words.split(". "))
                quote = " ".join(sentence.split()[: rng.randint(6, 15)]).rstrip(".") + "."
                speaker = rng.choice(speakers) if speakers and rng.random() < 0.7 else None
                rows.quotes.append(Quote(statement_id=statement_id, text=quote, speaker_id=speaker and speaker.id, speaker_label="" if speaker else issuer.name))
        rows.statements.extend(statements)
        rows.readout_sources.append((readout_id, rows.sources[-len(statements)].id))

        # Where the accounts differ.
        if len(statements) >= 2 and rng.random() < 0.2:
            discrepancy = Discrepancy(id=self.ids.take(Discrepancy), readout_id=readout_id, subject=text.paragraph(rng.randint(5, 10)).rstrip("."), resolution="")
            rows.discrepancies.append(discrepancy)
            for position, statement in enumerate(statements[:2]):
                rows.versions.append(DiscrepancyVersion(discrepancy_id=discrepancy.id, statement_id=statement.id, says=text.paragraph(rng.randint(15, 40)), issuer_label=statement.issuer_name, position=position))

        # Commitments, 0-4, with 0-3 updates from later readouts.
        for position in range(rng.choices((0, 1, 2, 3, 4), weights=(35, 25, 20, 12, 8))[0]):
            commitment_id = self.ids.take(Commitment)
            actor_sides = sides[:2] if rng.random() < 0.4 else [rng.choice(sides)]
            timeframe = rng.choice(TIMEFRAMES)
            statement = rng.choice(statements)
            commitment = Commitment(
                id=commitment_id, readout_id=readout_id, statement_id=statement.id, position=position,
                actor_label=" and ".join(self.countries[side][0].name for side in actor_sides),
                counterpart=side_names[-1] if len(actor_sides) == 1 and rng.random() < 0.5 else "",
                description=text.paragraph(rng.randint(10, 30)),
                exact_words=text.paragraph(rng.randint(8, 20)) if rng.random() < 0.5 else "",
                timeframe=timeframe,
                due_date=date + datetime.timedelta(days=rng.randint(7, 365)) if rng.random() < 0.3 else None,
            )
            rows.commitment_organizations.extend((commitment_id, self.countries[side][0].id) for side in actor_sides)
            actor_people = [person for side in actor_sides for person in per_side[side][:1]]
            rows.commitment_people.extend((commitment_id, person.id) for person in actor_people)
            rows.commitment_sources.append((commitment_id, rows.sources[-len(statements) + statements.index(statement)].id))
            status = CommitmentStatus.ANNOUNCED
            # Updates come from later readouts, within the next 3,000 (a year or so at 100,000).
            later = range(index + 1, min(self.n, index + 3000))
            wanted = rng.choices((0, 1, 2, 3), weights=(40, 30, 20, 10))[0]
            for evidence_index in sorted(rng.sample(later, k=min(wanted, len(later)))):
                status = rng.choice(UPDATE_STATUSES)
                update = CommitmentUpdate(
                    commitment_id=commitment_id, date=self.readout_dates[evidence_index], status=status,
                    note=text.paragraph(rng.randint(10, 25)), evidence_id=self.readout_id(evidence_index),
                )
                batch = evidence_index // self.batch_size
                if batch == index // self.batch_size:
                    rows.updates.append(update)
                else:
                    self.pending_updates.setdefault(batch, []).append(update)
            commitment.status = status
            rows.commitments.append(commitment)

        # A link to an earlier readout.
        if index and rng.random() < 0.25:
            earlier = rng.randint(max(0, index - 200), index - 1)
            rows.links.append(
                ReadoutLink(from_readout_id=readout_id, to_readout_id=self.readout_id(earlier), kind=rng.choice(ReadoutLinkKind.values))
            )

    def reset_sequences(self):
        """PostgreSQL: move the id sequences past the explicit ids (SQLite needs nothing)."""
        statements = connection.ops.sequence_reset_sql(no_style(), EXPLICIT_ID_MODELS)
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


class Rows:
    """One batch of rows, written in dependency order."""

    def __init__(self):
        self.sources, self.readouts, self.participants, self.statements, self.quotes = [], [], [], [], []
        self.discrepancies, self.versions, self.commitments, self.updates, self.links = [], [], [], [], []
        self.readout_organizations, self.readout_topics, self.readout_sources = [], [], []
        self.statement_speakers, self.statement_sources = [], []
        self.commitment_people, self.commitment_organizations, self.commitment_sources = [], [], []

    def save(self):
        Source.objects.bulk_create(self.sources)
        Readout.objects.bulk_create(self.readouts)
        _through(Readout.organizations, self.readout_organizations)
        _through(Readout.topics, self.readout_topics)
        _through(Readout.sources, self.readout_sources)
        Participant.objects.bulk_create(self.participants)
        Statement.objects.bulk_create(self.statements)
        _through(Statement.speakers, self.statement_speakers)
        _through(Statement.sources, self.statement_sources)
        Quote.objects.bulk_create(self.quotes)
        Discrepancy.objects.bulk_create(self.discrepancies)
        DiscrepancyVersion.objects.bulk_create(self.versions)
        Commitment.objects.bulk_create(self.commitments)
        _through(Commitment.actor_people, self.commitment_people)
        _through(Commitment.actor_organizations, self.commitment_organizations)
        _through(Commitment.sources, self.commitment_sources)
        CommitmentUpdate.objects.bulk_create(self.updates)
        ReadoutLink.objects.bulk_create(self.links)

    def counts(self):
        return {
            "readouts": len(self.readouts),
            "statements": len(self.statements),
            "statement_words": sum(len(s.text.split()) for s in self.statements),
            "participants": len(self.participants),
            "quotes": len(self.quotes),
            "commitments": len(self.commitments),
            "commitment updates": len(self.updates),
            "sources": len(self.sources),
        }


def _through(descriptor, pairs):
    """Bulk-insert (source id, target id) pairs into a many-to-many table."""
    field = descriptor.field
    through = descriptor.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    through.objects.bulk_create([through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs])


# --------------------------------------------------------------------------------------------
# Removing synthetic rows.


def synthetic_counts():
    return {model._meta.verbose_name_plural: model.objects.filter(is_synthetic=True).count() for model in MARKED_MODELS}


def clear_synthetic():
    """Delete every synthetic row, and everything that depends on one, with a few DELETE ... IN
    (subquery) statements per table: Django's delete() would load the rows into memory first.

    Rows that point to synthetic ones are found from the models' relations, so tables added later
    (a search index with a foreign key to Readout, say) are cleared too. Real rows are kept; a
    real row that PROTECTs a synthetic one (an editor's link to it) stops the deletion.
    """
    deleted = {}
    with transaction.atomic():
        for model in MARKED_MODELS:  # readouts first: they hold the participants, quotes, sources...
            _delete_cascading(model, model.objects.filter(is_synthetic=True).values("pk"), deleted)
    return deleted


def _delete_cascading(model, pks, deleted, depth=0):
    """Delete model rows whose pk is in the `pks` subquery, after what depends on them."""
    from django.db.models import CASCADE, SET_NULL

    if depth > 6:
        raise RuntimeError(f"Relations nest too deep under {model.__name__}.")
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        related_model, field = relation.related_model, relation.field
        if related_model is model:  # a parent: the rows go in the same DELETE
            continue
        dependents = related_model._base_manager.filter(**{f"{field.name}__in": pks})
        if relation.on_delete is CASCADE or related_model._meta.auto_created:
            _delete_cascading(related_model, dependents.values("pk"), deleted, depth + 1)
        elif relation.on_delete is SET_NULL:
            dependents.update(**{field.name: None})
    sql, params = pks.order_by().query.sql_with_params()
    table, column = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({sql})", params)
        label = str(model._meta.verbose_name_plural)
        deleted[label] = deleted.get(label, 0) + cursor.rowcount
