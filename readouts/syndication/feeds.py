"""Atom (and RSS) feeds: the newest readouts, a person's, an organization's, a topic's, a pair's
(readouts.relations), a commitment's updates, and publishers' changes to their statements.

Published readouts only, the same ones the matching page lists (Readout.objects.published().of()),
newest first, at most ENTRIES of them. Each feed runs a fixed number of queries: its subject, the
readouts, and their participants and topics, preloaded.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .. import comparison, relations, statement_texts
from ..dates import date_span
from ..origin import CanonicalRequest
from ..models import Commitment, FormerAddress, Organization, Participant, Person, Readout, Topic
from ..models.addresses import site_path
from . import entries
from .generators import AtomFeed, RssFeed

ENTRIES = 50


def _midnight(date):
    """A date as the start of its day (in TIME_ZONE): feeds date entries with a moment."""
    return datetime.datetime.combine(date, datetime.time())


class ArchiveFeed(Feed):
    feed_type = AtomFeed
    language = "en"
    author_name = "Readouts archive"

    def subtitle(self, obj):
        return self.description(obj)

    def get_feed(self, obj, request):
        # Django's feeds make addresses absolute with the request's host: the canonical one instead.
        return super().get_feed(obj, CanonicalRequest(request))


class ReadoutFeed(ArchiveFeed):
    """Readouts as entries: the summary, the participants with the titles they held on the day
    (in the content and as categories), the topics as categories, the permanent /r/<id>/ address
    as the entry's id. Each subclass's readouts(obj) gives its subject's published readouts, as
    its page lists them."""

    def items(self, obj):
        participants = Participant.objects.select_related("person", "represented")
        return (
            self.readouts(obj)
            .newest_first()
            .select_related("country")
            .prefetch_related(
                Prefetch("participants", queryset=participants),
                # Themes before places, as lists show them.
                Prefetch("topics", queryset=Topic.objects.order_by("-kind", "name")),
            )[:ENTRIES]
        )

    def item_title(self, readout):
        return readout.title

    def item_description(self, readout):
        return entries.readout_html(readout)

    def item_link(self, readout):
        return readout.get_absolute_url()

    def item_guid(self, readout):
        return reverse("readouts:readout_short", args=[readout.pk])

    item_guid_is_permalink = True

    def item_pubdate(self, readout):
        return _midnight(readout.date)

    def item_updateddate(self, readout):
        return readout.updated_at

    def item_extra_kwargs(self, readout):
        people, tags = set(), []
        people_scheme, topics_scheme = reverse("readouts:person_list"), reverse("readouts:topic_list")
        for participant in readout.participants.all():
            if participant.person_id not in people:
                people.add(participant.person_id)
                label = participant.person.name + (f", {participant.title}" if participant.title else "")
                tags.append((participant.person.name, people_scheme, label))
        tags += [(topic.name, topics_scheme, topic.name) for topic in readout.topics.all()]
        return {"summary": readout.summary, "tags": tags}


class NewestReadoutsFeed(ReadoutFeed):
    title = "Readouts: the newest"
    description = "The newest diplomatic readouts published in the archive."

    def link(self):
        return reverse("readouts:readout_list")

    subtitle = description

    def readouts(self, obj):
        return Readout.objects.published()


class EntityFeed(ReadoutFeed):
    """A person's, an organization's or a topic's readouts. A feed's address lasts as its page's
    does: under a slug the entity has left (see FormerAddress), 301 to its feed of today."""

    model = None
    kind = None  # FormerAddress's name for the model

    def get_object(self, request, slug):
        return get_object_or_404(self.model.objects.public(), slug=slug)

    def __call__(self, request, slug):
        try:
            return super().__call__(request, slug=slug)
        except Http404:
            owner = FormerAddress.objects.owner_of(site_path(self.model(slug=slug).get_absolute_url()), self.kind)
            if owner is None or not owner.is_public:
                raise
            return HttpResponsePermanentRedirect(
                reverse(f"{request.resolver_match.namespace}:{request.resolver_match.url_name}", args=[owner.slug])
            )


class PersonFeed(EntityFeed):
    model, kind = Person, "person"

    def title(self, person):
        return f"Readouts with {person.name}"

    def description(self, person):
        return (
            f"The newest published readouts in which {person.name} took part, spoke or was quoted in a "
            "statement, or is among a commitment's actors."
        )

    def link(self, person):
        return person.get_absolute_url()

    def readouts(self, person):
        return Readout.objects.published().of(person)


class OrganizationFeed(EntityFeed):
    model, kind = Organization, "organization"

    def title(self, organization):
        return f"Readouts involving {organization.name}"

    def description(self, organization):
        return (
            f"The newest published readouts that list {organization.name}, in which a participant "
            "represented it, for which it issued a statement or in which it is among a commitment's actors, "
            "and those of the bodies inside it."
        )

    def link(self, organization):
        return organization.get_absolute_url()

    def readouts(self, organization):
        return Readout.objects.published().of(organization)


class TopicFeed(EntityFeed):
    model, kind = Topic, "topic"

    def title(self, topic):
        return f"Readouts about {topic.name}"

    def description(self, topic):
        return f"The newest published readouts about {topic.name} or its subtopics."

    def link(self, topic):
        return topic.get_absolute_url()

    def readouts(self, topic):
        return Readout.objects.published().of(topic)


class RelationFeed(ReadoutFeed):
    """The engagements of a pair (readouts.relations), as its page lists them. The other order
    of the slugs, or a slug its owner has left, 301s to the pair's own feed."""

    def get_object(self, request, first, second):
        return request.relation_pair  # found once, by __call__

    def __call__(self, request, first, second):
        pair = relations.find(first, second)
        if pair is None:
            raise Http404("No such pair of organizations or people.")
        if pair.slugs != (first, second):
            match = request.resolver_match
            return HttpResponsePermanentRedirect(reverse(f"{match.namespace}:{match.url_name}", args=pair.slugs))
        request.relation_pair = pair
        return super().__call__(request, first=first, second=second)

    def title(self, pair):
        return f"Readouts of {pair.name}"

    def description(self, pair):
        return f"The newest published readouts involving both {pair.a.name} and {pair.b.name}."

    def link(self, pair):
        return pair.get_absolute_url()

    def readouts(self, pair):
        return pair.readouts()


class EventFeed(ArchiveFeed):
    """Entries for things that happened to a readout's records on a day that may be unknown:
    item_day(item) gives (that day or None, the readout). Their ids are anchors on a page, not
    pages of their own."""

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        day, _ = self.item_day(item)
        return _midnight(day) if day else None

    def item_updateddate(self, item):
        """Atom wants every entry dated: an undated one takes its readout's day."""
        day, readout = self.item_day(item)
        return _midnight(day or readout.date)


class CommitmentFeed(EventFeed):
    """A commitment's updates, newest first (undated ones last): status, date, note and the
    later readout that is the evidence. A commitment of a draft readout has no feed."""

    def get_object(self, request, pk):
        return get_object_or_404(Commitment.objects.published().select_related("readout"), pk=pk)

    def title(self, commitment):
        return f"Commitment: {commitment.actor_label}, {date_span(commitment.readout.date, commitment.readout.end_date)}"

    def description(self, commitment):
        return f"What became of it: {commitment.description}"

    def link(self, commitment):
        return commitment.get_absolute_url()

    def items(self, commitment):
        return commitment.updates.select_related("evidence").order_by(F("date").desc(nulls_last=True), "-id")[
            :ENTRIES
        ]

    def item_title(self, update):
        when = date_span(update.date) if update.date else "undated"
        return f"{update.get_status_display()} ({when})"

    def item_description(self, update):
        return entries.commitment_update_html(update)

    def item_link(self, update):
        if update.evidence and update.evidence.is_published:
            return update.evidence.get_absolute_url()
        return self.item_guid(update)

    def item_guid(self, update):
        return f"{update.commitment.get_absolute_url()}#update-{update.pk}"

    def item_day(self, update):
        return update.date, update.commitment.readout

    def item_extra_kwargs(self, update):
        tags = [(update.get_status_display(), reverse("readouts:commitment_list"), update.get_status_display())]
        return {"summary": update.note, "tags": tags}


class PublisherChangesFeed(EventFeed):
    """Each change a publisher made to a statement after publishing it (an earlier text replaced
    by the next), newest first, across the published readouts. The entry links to the two
    texts compared word by word."""

    title = "Readouts: statements changed by their publishers"
    description = "Statements that governments and institutions changed after publishing them, newest change first."
    subtitle = description

    def link(self):
        return reverse("readouts:readout_list")

    def items(self):
        return statement_texts.recent_changes(ENTRIES)

    def item_title(self, change):
        statement, readout = change.statement, change.statement.readout
        kind = statement.get_kind_display().lower()
        return f"{statement.issuer_name} changed its {kind} {'of' if kind == 'readout' else 'on'} {readout.title}"

    def item_description(self, change):
        return entries.change_html(change)

    def item_link(self, change):
        """The word-by-word comparison of the two texts."""
        return comparison.compare_url(change.statement.readout, change.before.token, change.after.token)

    def item_guid(self, change):
        readout = reverse("readouts:readout_short", args=[change.statement.readout_id])
        return f"{readout}#{change.before.anchor}"

    def item_day(self, change):
        return change.on, change.statement.readout

    def item_extra_kwargs(self, change):
        return {"summary": change.headline, "tags": []}


def rss(feed_class):
    """The same feed as RSS 2.0."""
    return type(f"{feed_class.__name__}Rss", (feed_class,), {"feed_type": RssFeed})
