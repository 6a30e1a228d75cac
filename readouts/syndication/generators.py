"""Atom and RSS writers that carry what Django's own leave out: an entry's HTML content next to its
plain-text summary, and categories with a scheme (a topic, a person) rather than bare words.

The feeds give each entry its HTML as the description (RSS's only place for it; Atom's <content>),
its plain summary as `summary` (Atom's <summary>), and `tags`: (term, scheme, label) triples whose
scheme is a path. The HTML's root-relative links, the schemes and the entry ids are made absolute
against the feed's own address, so that the feeds build them without a request at hand.
"""

import re
from urllib.parse import urljoin

from django.utils import feedgenerator
from django.utils.html import escape

# Characters XML 1.0 cannot carry: Django's writer refuses them (a 500), and text pasted from
# PDFs and word processors brings some (form feeds, vertical tabs).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    return NOT_XML.sub("", value) if isinstance(value, str) else value


class _Extras:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **{name: xml_text(value) for name, value in kwargs.items()})

    def add_item(self, *, summary, tags, **kwargs):
        kwargs = {name: xml_text(value) for name, value in kwargs.items()}
        summary = xml_text(summary)
        tags = [tuple(xml_text(part) for part in tag) for tag in tags]
        origin = urljoin(self.feed["feed_url"], "/")[:-1]
        kwargs["unique_id"] = urljoin(self.feed["feed_url"], kwargs["unique_id"])
        # The HTML escapes any quote of the text it shows, so this finds only its own links.
        kwargs["description"] = kwargs["description"].replace('href="/', f'href="{origin}/')
        tags = [(term, urljoin(self.feed["feed_url"], scheme), label) for term, scheme, label in tags]
        super().add_item(summary=summary, tags=tags, **kwargs)


class AtomFeed(_Extras, feedgenerator.Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["summary"]:
            handler.addQuickElement("summary", item["summary"], {"type": "text"})
        handler.addQuickElement("content", item["description"], {"type": "html"})
        for term, scheme, label in item["tags"]:
            handler.addQuickElement("category", "", {"term": term, "scheme": scheme, "label": label})


class RssFeed(_Extras, feedgenerator.Rss201rev2Feed):
    """RSS has no way to say that a title is plain text, and readers commonly show titles,
    descriptions and categories as HTML: the plain-text ones are HTML-escaped here, and the XML
    writer escapes them again, so that `<b>` arrives as the text "<b>", not as bold. (Atom says
    type="text", and its text is escaped once.) An item's description is HTML already."""

    def __init__(self, *args, **kwargs):
        kwargs["title"] = escape(kwargs["title"])
        kwargs["description"] = escape(kwargs["description"])
        super().__init__(*args, **kwargs)

    def add_item(self, *, title, tags, **kwargs):
        tags = [(escape(term), scheme, label) for term, scheme, label in tags]
        super().add_item(title=escape(title), tags=tags, **kwargs)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for term, scheme, _label in item["tags"]:
            handler.addQuickElement("category", term, {"domain": scheme})
