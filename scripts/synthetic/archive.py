"""The build: n synthetic readouts with their pools of people, organizations, topics and sources.

Rows are written with bulk_create in batches (one transaction per batch) with explicit primary
keys allocated above the largest existing ones, so the build must not run while editors add
rows. The same seed on the same starting database gives the same archive.
"""

import datetime
import itertools
import random
import re

from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils.text import slugify

from readouts.models import (
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
    StatementTranslation,
    StatementVersion,
    Topic,
    TopicKind,
    TranslationKind,
)
from readouts.models.statements import split_paragraphs
from readouts.slugs import SLUG_LENGTH, readable_slug

from .shapes import (
    BODY_KINDS,
    COUNTRY_ENDINGS,
    DURATIONS,
    FIRST_DATE,
    FIRST_NAMES,
    FORMAT_NOUNS,
    FORMAT_TITLES,
    FORMAT_WEIGHTS,
    INTERNATIONAL,
    KIND_WEIGHTS,
    LANGUAGES,
    LAST_DATE,
    MEDIA,
    REGIONS,
    SLUG_PREFIX,
    SPELLING_VARIANTS,
    SUBTOPIC_QUALIFIERS,
    SURNAMES,
    THEMES,
    TIMEFRAMES,
    TITLE_PREFIX,
    TITLES,
    TRANSLATED_SHARE,
    TRANSLATOR,
    UPDATE_STATUSES,
    URL_PREFIX,
    VERSIONED_SHARE,
    pool_sizes,
)
from .text import CITIES, TextMaker, invented_names

# The models whose ids the build chooses, so that rows can point to each other before they exist.
EXPLICIT_ID_MODELS = [Organization, Person, Topic, Source, Readout, Statement, Commitment, Discrepancy]


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
        # Statements' earlier texts and translations draw from a stream of their own, so that
        # the rest of the archive is the one the same seed built before they existed.
        self.texts_rng = random.Random(seed * 15485863 + 5)
        self.texts_text = TextMaker(self.texts_rng)
        self.sizes = pool_sizes(n)
        self.progress = progress  # a readouts.progress.Progress, or None
        self.counts = {}

    # ---- pools ---------------------------------------------------------------------------

    def build_pools(self):
        rng, ids = self.rng, self.ids
        organizations = []
        self.countries = []  # [(Organization, {body kind: Organization}, language)]
        names = invented_names(self.sizes["countries"], seed=self.seed * 7919 + 1, endings=COUNTRY_ENDINGS)
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
        towns = iter(invented_names(target, seed=self.seed * 104729 + 3))
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
            slug=f"{readable_slug(TITLE_PREFIX + title, SLUG_LENGTH - len(str(readout_id)) - 1)}-{readout_id}",
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
            self.make_earlier_texts(statement, publisher, rows)
            self.make_translation(statement, rows)
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

    # ---- statements' earlier texts and translations ----------------------------------------

    def make_earlier_texts(self, statement, publisher, rows):
        """For a few statements, one or two texts the publisher published before the current one,
        each a sentence longer or a few words different from the text that replaced it, with
        the day and the (synthetic) source where each text was seen."""
        rng = self.texts_rng
        if rng.random() >= VERSIONED_SHARE:
            return
        texts = [statement.text]
        for _ in range(1 if rng.random() < 0.7 else 2):
            texts.insert(0, self._earlier(texts[0]))
        day = statement.date_issued
        for number, body in enumerate(texts, start=1):
            source = Source(
                id=self.ids.take(Source), name=publisher, url=f"{URL_PREFIX}sources/{statement.id}/text-{number}",
                published_on=day, is_synthetic=True,
            )
            rows.sources.append(source)
            if number < len(texts):
                rows.statement_versions.append(StatementVersion(statement_id=statement.id, text=body, seen_on=day, source_id=source.id))
                day += datetime.timedelta(days=rng.randint(1, 5))
        statement.text_seen_on, statement.text_source_id = day, source.id

    def _earlier(self, text):
        """The text as it might have read before its publisher changed it: a sentence that was
        later removed, or a few words that were later changed, in one of its paragraphs."""
        rng, maker = self.texts_rng, self.texts_text
        paragraphs = split_paragraphs(text)
        at = rng.randrange(len(paragraphs))
        sentences = re.split(r"(?<=\.) ", paragraphs[at])
        where = rng.randrange(len(sentences))
        if rng.random() < 0.5:
            sentences.insert(where, maker.paragraph(rng.randint(8, 20)))
        else:
            words = sentences[where].split()
            for _ in range(rng.randint(1, 3)):
                word = rng.randrange(len(words))
                words[word] = maker.words(1)[0] + ("." if words[word].endswith(".") else "")
            sentences[where] = " ".join(words)
        paragraphs[at] = " ".join(sentences)
        earlier = "\n\n".join(paragraphs)
        return earlier if earlier != text else earlier + " " + maker.paragraph(8)

    def make_translation(self, statement, rows):
        """For a few statements, a translation of the current text, paragraph by paragraph:
        into English from another language, or from English into one of the archive's."""
        rng = self.texts_rng
        if rng.random() >= TRANSLATED_SHARE:
            return
        language = "en" if statement.language != "en" else rng.choice(LANGUAGES[1:])
        kind = rng.choice(TranslationKind.values)
        text = "\n\n".join(self.texts_text.paragraph(len(paragraph.split())) for paragraph in split_paragraphs(statement.text))
        rows.statement_translations.append(
            StatementTranslation(
                statement_id=statement.id, language=language, kind=kind, text=text,
                translator=TRANSLATOR if kind == TranslationKind.THIRD_PARTY else "",
            )
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
        self.statement_versions, self.statement_translations = [], []
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
        StatementVersion.objects.bulk_create(self.statement_versions)
        StatementTranslation.objects.bulk_create(self.statement_translations)
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
            "earlier texts": len(self.statement_versions),
            "translations": len(self.statement_translations),
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
