"""A page's own feeds: `{% feed_links %}` for <link rel="alternate"> in the head, and
`{% subscribe_link %}` for the visible link. Both take the feed's subject ("readouts", "person",
"organization", "topic", "relation", "commitment", "changes") and, but for the newest readouts,
the page's object (a relation's: its readouts.relations.Pair)."""

from django import template
from django.urls import reverse

from ..syndication import feeds

register = template.Library()

SUBJECTS = {
    # subject: (feed, the object's attribute its address takes)
    "readouts": (feeds.NewestReadoutsFeed, None),
    "person": (feeds.PersonFeed, "slug"),
    "organization": (feeds.OrganizationFeed, "slug"),
    "topic": (feeds.TopicFeed, "slug"),
    "relation": (feeds.RelationFeed, "slugs"),
    "commitment": (feeds.CommitmentFeed, "pk"),
    "changes": (feeds.PublisherChangesFeed, None),
}


def page_feeds(subject, obj=None):
    """The feed's title and its Atom and RSS addresses."""
    feed, key = SUBJECTS[subject]
    value = getattr(obj, key) if key else ()
    args = list(value) if isinstance(value, tuple) else [value]
    return {
        "title": feed.title(feed(), obj) if callable(feed.title) else feed.title,
        "atom": reverse(f"syndication:{subject}_atom", args=args),
        "rss": reverse(f"syndication:{subject}_rss", args=args),
    }


@register.inclusion_tag("syndication/_feed_links.html")
def feed_links(subject, obj=None):
    return {"feed": page_feeds(subject, obj)}


@register.inclusion_tag("syndication/_subscribe.html")
def subscribe_link(subject, obj=None):
    return {"feed": page_feeds(subject, obj)}
