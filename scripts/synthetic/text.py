"""The synthetic archive's words: a ranked diplomatic vocabulary (Zipf, s = 1) with recurring
phrases and a long tail of rare invented place names, and the TextMaker that strings them into
sentences, paragraphs and statements, so that search can be benchmarked on common words, rare
words and phrases."""

import itertools
import math
import random

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


def invented_names(count, seed, endings=_ENDINGS, syllables=(2, 3)):
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
RARE_WORDS = invented_names(RARE_WORD_COUNT, seed=20250319)

# Where meetings take place: invented towns (not among the rare words).
CITIES = invented_names(200, seed=1945, endings=("grad", "holm", "burg", "ville", "abad", "ino"))


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
