from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from .. import dates
from ..models import Person, Topic

register = template.Library()


def changed_query(request, **changes):
    """The current query string with `changes` made (a value of None removes the parameter).

    Empty parameters and the page number are dropped, which keeps shared addresses short and
    gives each listing one canonical address; a link that changes a filter starts at page 1.
    """
    query = request.GET.copy()
    for name in list(query):
        values = [value for value in query.getlist(name) if value]
        if name == "page" or name in changes or not values:
            del query[name]
        else:
            query.setlist(name, values)
    for name, value in changes.items():
        if value is not None:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else request.path


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with only `page` replaced, so filters survive pagination; page 1
    has no `page` at all."""
    return changed_query(context["request"], page=None if number == 1 else number)


@register.filter
def paragraphs(text):
    """Plain text split on blank lines; each paragraph is escaped where the template prints it."""
    return [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]


@register.filter
def language_name(code):
    """'ru' → 'Russian'; codes Django does not know are shown as they are."""
    try:
        return get_language_info(code)["name"]
    except KeyError:
        return code


@register.simple_tag
def page_numbers(page):
    """Page numbers around the current one, with the paginator's ellipsis for the gaps."""
    return page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)


SECTIONS = {
    "readout_list": "readouts",
    "readout_detail": "readouts",
    "year_archive": "readouts",
    "month_archive": "readouts",
    "person_list": "people",
    "person_detail": "people",
    "organization_list": "organizations",
    "organization_detail": "organizations",
    "topic_list": "topics",
    "topic_detail": "topics",
    "commitment_list": "commitments",
    "commitment_detail": "commitments",
    "search": "search",  # in no entry of the navigation: the header leaves its search box out
}


@register.simple_tag(takes_context=True)
def current_section(context):
    """Which main-navigation entry the page belongs to (none on error pages without a request)."""
    match = getattr(context.get("request"), "resolver_match", None)
    return SECTIONS.get(match.url_name if match else None, "")


@register.filter
def date_span(readout):
    """A readout's day or days as a reader writes them (dates.date_span)."""
    return dates.date_span(readout.date, readout.end_date)


# A list entry's links (its principals, its topics) are built here rather than in a template,
# whose tags took 2 and 4.7 ms of a page of 25 readouts; with the standard library's escape()
# (Django's is the same, wrapped for lazy strings) and each list's addresses from one look-up
# of the URLconf (Named.addresses()), 0.4 rather than 1.7 ms for a page's topics.


@register.filter
def topic_links(topics):
    """Topics as links, comma-separated."""
    address = Topic.addresses()
    links = '<span class="sep">, </span>'.join(
        f'<a class="topic" href="{escape(address(topic.slug))}">{escape(topic.name)}</a>' for topic in topics
    )
    return mark_safe(f'<span class="topic-list">{links}</span>')


@register.filter
def people_links(participants):
    """The participants' people as links, comma-separated."""
    address = Person.addresses()
    people = (participant.person for participant in participants)
    return mark_safe(", ".join(f'<a href="{escape(address(person.slug))}">{escape(person.name)}</a>' for person in people))


@register.filter
def statement_date(statement):
    """When a statement was issued, in words (dates.statement_date)."""
    return dates.statement_date(statement)


# Languages not written in the Latin alphabet: text of theirs written in it is a rendering.
NON_LATIN = {"ar", "be", "bg", "el", "fa", "he", "hi", "hy", "ja", "ka", "kk", "ko", "mk", "ru", "sr", "th", "uk", "zh"}
# Which alphabet a text is written in shows in its opening: reading a long statement whole for it
# cost a readout page about a millisecond.
SAMPLE = 600


@register.filter
def shown_language(text, language):
    """The `lang` of `text` taken from a statement whose original is in `language`, or "" for the
    page's English. Text of a language written in another alphabet is marked only when it is
    written in that alphabet: in Latin letters it is the source's English rendering."""
    primary = (language or "").split("-")[0].lower()
    if not primary or primary == "en":
        return ""
    letters = [char for char in text[:SAMPLE] if char.isalpha()]
    latin = sum(1 for char in letters if char < "\u0250")
    if primary in NON_LATIN:
        return language if letters and latin < len(letters) / 2 else ""
    return language


@register.filter
def noted(sources):
    """The sources that carry a note, for the provenance's expandable part."""
    return [source for source in sources if source.note]
