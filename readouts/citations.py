"""How to cite a readout, and what its page tells citation managers and link previews.

Pure functions over values and already-loaded objects: nothing here runs a query. The readout
page preloads its statements with their issuers, its participants with their persons and the
organizations they represented, and its topics; `cited_work` and `readout_json_ld` read only
those.

Three forms of the citation:
- Chicago (17th edition), notes and bibliography system: the bibliography entry of a web page;
- APA (7th edition): the reference-list entry of a web page;
- BibTeX: a @misc entry that BibTeX and biblatex both read (`url`, `urldate`, `date` and
  `origdate` are biblatex's fields; classic BibTeX styles use `year`, `month` and `howpublished`).

Authors are the institutions that issued the readout's official statements (Statement.is_official),
in the page's order: the news organizations that carried or reported a statement are not its
authors. A readout known only from media reports is cited as an unsigned work, the title in the
author's place (CMOS 14.207; APA 7, 9.12), described as such; one with no statement at all has
the archive as its author.

Chicago and APA are built as segments, (text, italic) pairs, so that a template prints them as
escaped HTML with <i> where the style sets a title in italics, and a clipboard gets the same text.

A statement whose publisher changed it is also cited text by text (`cited_version`), through the
same three forms. The cited work is the statement's text as it stood, as the archive keeps it:
- author: the statement's issuers (each government of a joint statement, else its organization's
  name, else the name the statement gives);
- title: the statement's own headline, else its kind and the readout's title ("Readout:
  Trump–Putin telephone call"); the issuer is the author already, so the title does not repeat it;
- which text: "Version 1, as first published", "Version 2, as changed by its publisher",
  "Version 3 (current), as changed by its publisher". Chicago sets it after the title, as it sets
  an edition; APA in square brackets after the title, as it sets a description; BibTeX in `note`.
  The current text is "current" as of the date accessed: after a further change the archive keeps
  it as an earlier text, under the same version number;
- dates: the publication date is the statement's date of issue (else the day its first text was
  seen, else the readout's date). A changed text also has the day the archive first saw it, the
  nearest known date of the change (the page's "Changed by … on" date): Chicago gives it as "Last
  modified" after the publication date (CMOS 14.13, 14.207); APA dates the reference by it, since the
  date of an update that applies to the cited content is the date APA asks for; BibTeX's `date`
  (with `year` and `month`) is the text's own date and biblatex's `origdate` the first
  publication's;
- address: the readout's permanent address with the text's anchor (#s12-v1; the current text
  #s12). The fragment survives the permanent address's redirect to the page;
- BibTeX key: readouts-<readout>-s<statement>-v<number>, unique per text.
"""

import datetime
import json
import re
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import OrganizationKind, ReadoutFormat, StatementKind, TopicKind

# The language of the archive's own words on a readout page (base.html declares lang="en").
PAGE_LANGUAGE = "en"

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
BIBTEX_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass(frozen=True)
class CitedWork:
    """What every form of the citation needs, already reduced to plain values."""

    authors: tuple  # names, in the page's order; empty for an unsigned work
    title: str
    date: datetime.date
    end_date: datetime.date | None
    container: str  # the archive's name: publisher or website
    url: str  # the permanent address
    accessed: datetime.date
    key: str  # BibTeX key
    # What the title alone does not say: which text of a changed statement it is, or that a
    # readout is known only from media reports. Set after the title, as an edition is (Chicago),
    # in square brackets (APA), and as BibTeX's note.
    description: str = ""
    modified: datetime.date | None = None  # when the publisher changed the cited text

    @property
    def author_is_container(self):
        return self.authors == (self.container,)


def issuer_names(statements):
    """The issuers of the statements, in order, each once: the linked organization's name where
    there is one, else the name the statement gives."""
    names, seen = [], set()
    for statement in statements:
        for name in statement_authors(statement):
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    return names


MEDIA_ONLY = "Unsigned; known from media reports, no official statement"


def cited_work(readout, url, accessed, site_name):
    """The citation's values for a readout whose statements (with issuers) are preloaded."""
    statements = readout.statements.all()
    authors = tuple(issuer_names(statement for statement in statements if statement.is_official))
    description = ""
    if not statements:
        authors = (site_name,)
    elif not authors:
        description = MEDIA_ONLY
    return CitedWork(
        authors=authors,
        description=description,
        title=readout.title.strip(),
        date=readout.date,
        end_date=readout.end_date if readout.end_date and readout.end_date != readout.date else None,
        container=site_name,
        url=url,
        accessed=accessed,
        key=f"readouts-{readout.pk}",
    )


def statement_authors(statement):
    """The issuers as a citation names them: each government of a joint statement, else the
    linked organization's name, else the statement's."""
    joint = [organization.name for organization in statement.joint_issuers.all()]
    return joint or [(statement.issuer.name if statement.issuer_id else statement.issuer_name).strip()]


def version_label(text):
    """Which text of a changed statement `text` (a statement_texts.Version) is."""
    if text.number == 1:
        return "Version 1, as first published"
    current = " (current)" if text.is_current else ""
    return f"Version {text.number}{current}, as changed by its publisher"


def cited_version(readout, text, permanent_url, accessed, site_name):
    """The citation's values for one text of a statement (a statement_texts.Version), whose
    issuer is preloaded; `permanent_url` is the readout's."""
    statement = text.statement
    published = statement.date_issued or statement.versions.all()[0].seen_on or readout.date
    return CitedWork(
        authors=tuple(filter(None, statement_authors(statement))) or (site_name,),
        title=statement.title.strip() or f"{statement.get_kind_display()}: {readout.title.strip()}",
        date=published,
        end_date=None,
        container=site_name,
        url=f"{permanent_url}#{text.anchor}",
        accessed=accessed,
        key=f"readouts-{readout.pk}-s{statement.pk}-v{text.number}",
        description=version_label(text),
        modified=text.seen_on if text.number > 1 else None,
    )


# Shared helpers -----------------------------------------------------------------------------


def _end_sentence(text):
    """A period after `text`, unless it already ends a sentence (“U.S.”, “Why now?”)."""
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _join(names, conjunction, serial_comma_for_two=False):
    if len(names) == 1:
        return names[0]
    if len(names) == 2 and not serial_comma_for_two:
        return f"{names[0]} {conjunction} {names[1]}"
    return f"{', '.join(names[:-1])}, {conjunction} {names[-1]}"


def us_date(date):
    """'March 18, 2025'."""
    return f"{MONTHS[date.month - 1]} {date.day}, {date.year}"


def us_date_range(start, end):
    """'March 18, 2025', 'March 18–19, 2025', 'March 31–April 2, 2025'."""
    if end is None:
        return us_date(start)
    if start.year != end.year:
        return f"{us_date(start)}–{us_date(end)}"
    if start.month != end.month:
        return f"{MONTHS[start.month - 1]} {start.day}–{MONTHS[end.month - 1]} {end.day}, {start.year}"
    return f"{MONTHS[start.month - 1]} {start.day}–{end.day}, {start.year}"


def plain_text(segments):
    return "".join(text for text, _italic in segments)


def segments_html(segments):
    """Escaped HTML of a citation's segments, italics as <i>."""
    return format_html_join(
        "", "{}", ((format_html("<i>{}</i>", text) if italic else format_html("{}", text),) for text, italic in segments)
    )


# Chicago -----------------------------------------------------------------------------------


def chicago_authors(names):
    """Chicago lists up to ten authors; with more, the first seven and “et al.” (CMOS 14.76)."""
    if len(names) > 10:
        return f"{', '.join(names[:7])}, et al"
    return _join(list(names), "and")


def chicago(work):
    """Chicago notes-bibliography, bibliography entry of a web page:
    Authors. “Title.” [Description.] Website, Date. [Last modified Date.] Accessed Date. URL.
    An unsigned work begins with its title (CMOS 14.207)."""
    parts = [f"{_end_sentence(chicago_authors(work.authors))} " if work.authors else ""]
    parts.append(f"“{_end_sentence(work.title)}”")
    if work.description:
        parts.append(f" {_end_sentence(work.description)}")
    dated = us_date_range(work.date, work.end_date)
    # When the archive stands in for the author, it is not named twice (CMOS 14.206).
    parts.append(f" {dated}." if work.author_is_container else f" {work.container}, {dated}.")
    if work.modified:
        parts.append(f" Last modified {us_date(work.modified)}.")
    parts.append(f" Accessed {us_date(work.accessed)}. {work.url}.")
    return [("".join(parts), False)]


# APA ---------------------------------------------------------------------------------------


def apa_authors(names):
    """APA lists up to twenty authors; with more, the first nineteen, an ellipsis and the last."""
    names = list(names)
    if len(names) > 20:
        return f"{', '.join(names[:19])}, . . . {names[-1]}"
    return _join(names, "&", serial_comma_for_two=True)


def apa_date(start, end):
    """'(2025, March 18)', '(2025, March 18–19)', '(2025, March 31–April 2)'."""
    if end is None:
        return f"({start.year}, {MONTHS[start.month - 1]} {start.day})"
    if start.year != end.year:
        return f"({start.year}, {MONTHS[start.month - 1]} {start.day}–{end.year}, {MONTHS[end.month - 1]} {end.day})"
    if start.month != end.month:
        return f"({start.year}, {MONTHS[start.month - 1]} {start.day}–{MONTHS[end.month - 1]} {end.day})"
    return f"({start.year}, {MONTHS[start.month - 1]} {start.day}–{end.day})"


def apa(work):
    """APA 7, web page: Authors. (Date). *Title* [Description]. Site. Retrieved Date, from URL

    A changed text is dated by its change. An unsigned work moves its title, and the
    description with it, to the author's place (APA 7, 9.12): *Title* [Description]. (Date)."""
    dated = apa_date(work.modified, None) if work.modified else apa_date(work.date, work.end_date)
    # The title is in italics, the period after it is not (nor added after a title's own ? or !).
    title = [(work.title, True)]
    if work.description:
        title.append((f" [{work.description}].", False))
    elif not work.title.endswith((".", "?", "!")):
        title.append((".", False))
    if work.authors:
        segments = [(f"{_end_sentence(apa_authors(work.authors))} {dated}. ", False), *title]
    else:
        segments = [*title, (f" {dated}.", False)]
    # The site is left out when it is also the author (APA 7, 9.8).
    site = "" if work.author_is_container else f" {_end_sentence(work.container)}"
    segments.append((f"{site} Retrieved {us_date(work.accessed)}, from {work.url}", False))
    return segments


# BibTeX ------------------------------------------------------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIALS))


def bibtex_escape(text):
    """Text as (La)TeX prints it literally; whitespace runs (newlines too) become one space."""
    text = " ".join(text.split())
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_SPECIALS[match.group()], text)


def bibtex(work):
    """A @misc entry. Each author is braced, so that BibTeX takes an organization's name whole
    (not as a person's family and given names, nor “and” inside it as a separator); the title
    is braced too, so that styles keep its capitals."""
    authors = " and ".join(f"{{{bibtex_escape(name)}}}" for name in work.authors)  # none when unsigned
    if work.modified:
        # A changed text: its own date, and the first publication's as biblatex's origdate.
        dated, date, origdate = work.modified, work.modified.isoformat(), work.date.isoformat()
    else:
        dated, origdate = work.date, None
        date = work.date.isoformat() + (f"/{work.end_date.isoformat()}" if work.end_date else "")
    # The URL is a verbatim field: escaping would corrupt it. It is built by the archive (scheme,
    # allowed host, /r/<id>/, an anchor such as #s12-v1), so it holds none of the characters
    # that could end the field.
    fields = [
        ("author", f"{{{authors}}}") if authors else None,
        ("title", f"{{{{{bibtex_escape(work.title)}}}}}"),
        ("howpublished", f"{{{bibtex_escape(work.container)}}}"),
        ("note", f"{{{bibtex_escape(work.description)}}}") if work.description else None,
        ("year", f"{{{dated.year}}}"),
        ("month", BIBTEX_MONTHS[dated.month - 1]),
        ("date", f"{{{date}}}"),
        ("origdate", f"{{{origdate}}}") if origdate else None,
        ("url", f"{{{work.url}}}"),
        ("urldate", f"{{{work.accessed.isoformat()}}}"),
    ]
    body = "".join(f"  {name} = {value},\n" for name, value in filter(None, fields))
    return f"@misc{{{work.key},\n{body}}}"


# Metadata for citation managers and link previews --------------------------------------------


def highwire_date(date):
    """Highwire Press tags want YYYY/MM/DD."""
    return f"{date.year:04d}/{date.month:02d}/{date.day:02d}"


def highwire_tags(work, readout, page_url):
    """(name, content) pairs of the citation_* meta tags Zotero and Google Scholar read."""
    tags = [("citation_title", work.title)]
    tags += [("citation_author", name) for name in work.authors]
    tags += [
        ("citation_publication_date", highwire_date(work.date)),
        ("citation_date", highwire_date(work.date)),
        ("citation_publisher", work.container),
        ("citation_public_url", work.url),
        ("citation_abstract_html_url", page_url),
        ("citation_language", PAGE_LANGUAGE),
    ]
    tags += [("citation_keywords", topic.name) for topic in readout.topics.all()]
    return tags


def open_graph_tags(work, readout, page_url):
    """(property, content) pairs of Open Graph and article: tags for link previews."""
    published = readout.published_at or readout.date
    tags = [
        ("og:type", "article"),
        ("og:title", work.title),
        ("og:description", _preview_text(readout.summary)),
        ("og:url", page_url),
        ("og:site_name", work.container),
        ("article:published_time", published.isoformat()),
        ("article:modified_time", readout.updated_at.isoformat()) if readout.updated_at else None,
    ]
    tags += [("article:tag", topic.name) for topic in readout.topics.all()]
    return [tag for tag in tags if tag]


def twitter_tags(work, readout):
    return [
        ("twitter:card", "summary"),
        ("twitter:title", work.title),
        ("twitter:description", _preview_text(readout.summary)),
    ]


def _preview_text(text, limit=300):
    """One paragraph-free line, cut at a word near `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


# schema.org JSON-LD ------------------------------------------------------------------------

ATTENDANCE_MODES = {
    ReadoutFormat.PHONE_CALL: "https://schema.org/OnlineEventAttendanceMode",
    ReadoutFormat.VIDEO_CALL: "https://schema.org/OnlineEventAttendanceMode",
    ReadoutFormat.MEETING: "https://schema.org/OfflineEventAttendanceMode",
    ReadoutFormat.TALKS: "https://schema.org/OfflineEventAttendanceMode",
    ReadoutFormat.SUMMIT: "https://schema.org/OfflineEventAttendanceMode",
    ReadoutFormat.VISIT: "https://schema.org/OfflineEventAttendanceMode",
    # "Other" says nothing about how people took part.
}

VERBATIM_NOTE = "The archive holds this statement's verbatim text."
SUMMARY_NOTE = "The archive holds an editor's summary of this statement, not its own words."


def _start_date(readout):
    """The day, or the day and local time where known (without an offset: the sources give zones
    such as 'ET' that do not name one)."""
    if readout.time:
        return datetime.datetime.combine(readout.date, readout.time).isoformat(timespec="minutes")
    return readout.date.isoformat()


def _organization(organization, absolute):
    return {"@type": "Organization", "name": organization.name, "url": absolute(organization.get_absolute_url())}


def readout_json_ld(readout, page_url, absolute):
    """The readout as a schema.org Event with its attendees, topics and statements.

    Attendees are the participants who took part (Participant.takes_part), each in a Role that
    names their part as the page does; people who only issued a statement or are mentioned in
    one are not attendees.

    `absolute` turns a path into an absolute address. Each statement is a Report about the
    event, written by its issuer (a media report of what officials said: by the outlets
    that carried it), at its anchor on the page; its `description` says whether the
    archive holds its verbatim text or an editor's summary (which is then its `abstract`).
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{page_url}#event",
        "name": readout.title,
        "description": readout.summary,
        "url": page_url,
        "startDate": _start_date(readout),
    }
    if readout.end_date:
        data["endDate"] = readout.end_date.isoformat()
    if readout.format in ATTENDANCE_MODES:
        data["eventAttendanceMode"] = ATTENDANCE_MODES[readout.format]
    if readout.place:
        data["location"] = {"@type": "Place", "name": readout.place}
    attendees = []
    for participant in readout.participants.all():
        if not participant.takes_part:
            continue
        person = {
            "@type": "Person",
            "name": participant.person.name,
            "url": absolute(participant.person.get_absolute_url()),
        }
        if participant.title:
            person["jobTitle"] = participant.title
        if participant.represented_id:
            person["affiliation"] = _organization(participant.represented, absolute)
        # schema.org's Role qualifies the attendance with the page's words, caveat included
        # ("Delegation member (reported)").
        attendees.append({"@type": "Role", "roleName": participant.role_text, "attendee": person})
    if attendees:
        data["attendee"] = attendees
    topics = [
        {
            "@type": "Place" if topic.kind == TopicKind.PLACE else "Thing",
            "name": topic.name,
            "url": absolute(topic.get_absolute_url()),
        }
        for topic in readout.topics.all()
    ]
    if topics:
        data["about"] = topics
    statements = [_statement_json_ld(statement, page_url, absolute) for statement in readout.statements.all()]
    if statements:
        data["subjectOf"] = statements
    return data


def _statement_credits(statement, absolute):
    """{"author": …} and, where another body released it, {"publisher": …}: the linked
    organization, else the name the statement gives; each government of a joint statement, which
    the linked body released; but a media report of what a government's officials said was
    written by the outlets that carried it, not by the government."""
    reported = statement.kind == StatementKind.MEDIA_REPORT
    if reported and statement.issuer_id and statement.issuer.kind != OrganizationKind.MEDIA:
        outlets = dict.fromkeys(source.name for source in statement.sources.all())
        return {"author": [{"@type": "Organization", "name": name} for name in outlets]}
    joint = [_organization(organization, absolute) for organization in statement.joint_issuers.all()]
    if joint:
        released = {"publisher": _organization(statement.issuer, absolute)} if statement.issuer_id else {}
        return {"author": joint, **released}
    if statement.issuer_id:
        return {"author": _organization(statement.issuer, absolute)}
    return {"author": {"@type": "Organization", "name": statement.issuer_name}}


def _statement_json_ld(statement, page_url, absolute):
    item = {
        "@type": "Report",
        "name": statement.title or f"{statement.get_kind_display()} by {statement.issuer_name}",
        "genre": statement.get_kind_display(),
        **_statement_credits(statement, absolute),
        "inLanguage": statement.language,
        "url": f"{page_url}#{statement.anchor}",
        "description": VERBATIM_NOTE if statement.is_verbatim else SUMMARY_NOTE,
    }
    if statement.date_issued:
        item["datePublished"] = statement.date_issued.isoformat()
    if not statement.is_verbatim:
        item["abstract"] = statement.summary
    if statement.official_url:
        item["sameAs"] = statement.official_url
    return item


# What json_script escapes: no text can close the <script> element or open a comment in it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A <script type="application/ld+json"> element, escaped as Django's json_script escapes
    (which cannot set the type): every <, > and & is a JSON \\u escape, so hostile text cannot
    end the element."""
    escaped = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # Safe: the JSON above holds no <, > or &, so it cannot be read as markup.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(escaped))
