"""The readout page's citations and metadata, from readouts/citations.py, for its templates.

`{% readout_citation readout as citation %}` gives the cite section and the <head> metadata
everything they print; `{% version_citation readout text as citation %}` the citation of one
text of a changed statement. They read only what the page has preloaded, so they add no query.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .. import citations, origin

register = template.Library()


def site_name():
    return settings.READOUTS_SITE_NAME


def permanent_url(readout):
    """/r/<id>/, absolute: it keeps leading to the readout whatever becomes of its slug."""
    return origin.absolute(reverse("readouts:readout_short", args=[readout.pk]))


@dataclass
class Citation:
    """The three forms of one cited work."""

    work: citations.CitedWork

    @property
    def permanent_url(self):
        return self.work.url

    @property
    def accessed(self):
        return self.work.accessed

    @cached_property
    def chicago(self):
        return citations.chicago(self.work)

    @cached_property
    def apa(self):
        return citations.apa(self.work)

    @property
    def chicago_html(self):
        return citations.segments_html(self.chicago)

    @property
    def apa_html(self):
        return citations.segments_html(self.apa)

    @cached_property
    def bibtex(self):
        return citations.bibtex(self.work)


@dataclass
class ReadoutCitation(Citation):
    readout: object
    page_url: str
    absolute: object

    @property
    def highwire_tags(self):
        return citations.highwire_tags(self.work, self.readout, self.page_url)

    @property
    def open_graph_tags(self):
        return citations.open_graph_tags(self.work, self.readout, self.page_url)

    @property
    def twitter_tags(self):
        return citations.twitter_tags(self.work, self.readout)

    @property
    def json_ld(self):
        return citations.json_ld_script(citations.readout_json_ld(self.readout, self.page_url, self.absolute))


@register.simple_tag(takes_context=True)
def readout_citation(context, readout):
    """The citation of `readout` as accessed today, at its permanent address (/r/<id>/)."""
    page_url = context.get("citation_url") or origin.absolute(readout.get_absolute_url())
    work = citations.cited_work(
        readout, url=permanent_url(readout), accessed=timezone.localdate(), site_name=site_name()
    )
    return ReadoutCitation(work, readout=readout, page_url=page_url, absolute=origin.absolute)


@register.simple_tag
def version_citation(readout, text):
    """The citation of `text`, one text of a changed statement of `readout` (a
    statement_texts.Version), as accessed today, at the permanent address and its anchor."""
    return Citation(
        citations.cited_version(
            readout, text, permanent_url=permanent_url(readout), accessed=timezone.localdate(), site_name=site_name()
        )
    )
