"""The HTML content of feed entries, built in Python: a feed renders 50 entries of some ten links
each, and the template engine took twice as long for them as these functions do (about 100 ms
against 45 ms for the newest readouts at 10,000 readouts).

Links are root-relative here; the feed writers (generators.py) make them absolute against the
feed's own address, as feed readers need.
"""

from django.utils.html import format_html, format_html_join, linebreaks
from django.utils.safestring import mark_safe

from ..dates import date_span


def readout_html(readout):
    """The readout's day, format and place, its summary, its participants with the titles they
    held on the day, and its topics. Needs its country, participants (with person and represented)
    and topics preloaded."""
    when = date_span(readout.date, readout.end_date)
    place = f" · {readout.place}" if readout.place else ""
    parts = [format_html("<p>{} · {}{}</p>", when, readout.get_format_display(), place), linebreaks(readout.summary, autoescape=True)]
    participants = readout.participants.all()
    if participants:
        items = format_html_join("", "<li>{}</li>", ((_participant(participant),) for participant in participants))
        parts.append(format_html("<p>Participants:</p><ul>{}</ul>", items))
    topics = readout.topics.all()
    if topics:
        links = format_html_join(", ", '<a href="{}">{}</a>', ((topic.get_absolute_url(), topic.name) for topic in topics))
        parts.append(format_html("<p>Topics: {}</p>", links))
    parts.append(format_html('<p><a href="{}">Read the statements of each side</a></p>', readout.get_absolute_url()))
    return mark_safe("\n".join(parts))


def _participant(participant):
    """As the page lists them: name, title, and their part with its caveat ("Delegation member
    (reported)"), so that a feed never reads a mere issuer or a reported presence as attendance."""
    person = format_html('<a href="{}">{}</a>', participant.person.get_absolute_url(), participant.person.name)
    title = f", {participant.title}" if participant.title else ""
    role = participant.role_text
    if participant.represented:
        represented = participant.represented
        role = format_html('{} · for <a href="{}">{}</a>', role, represented.get_absolute_url(), represented.name)
    return format_html("{}{} · {}", person, title, role)


def commitment_update_html(update):
    """The update's status and date, its note, the readout that is its evidence (if published),
    and the commitment it follows."""
    when = f", {date_span(update.date)}" if update.date else " (undated)"
    parts = [format_html("<p>{}{}</p>", update.get_status_display(), when)]
    if update.note:
        parts.append(linebreaks(update.note, autoescape=True))
    evidence = update.evidence
    if evidence and evidence.is_published:
        parts.append(
            format_html(
                '<p>Evidence: <a href="{}">{}</a>, {}</p>',
                evidence.get_absolute_url(),
                evidence.title,
                date_span(evidence.date, evidence.end_date),
            )
        )
    commitment = update.commitment
    parts.append(
        format_html(
            '<p>Commitment: <a href="{}">{}: {}</a></p>',
            commitment.get_absolute_url(),
            commitment.actor_label,
            commitment.description,
        )
    )
    return mark_safe("\n".join(parts))


def change_html(change):
    """What changed and when, the two texts' dates and sources, and a link to the statement."""
    statement, readout = change.statement, change.statement.readout
    parts = [format_html("<p>{}.</p>", change.headline)]
    for label, text in (("Earlier text", change.before), ("Replaced by the text", change.after)):
        seen = f" seen on {date_span(text.seen_on)}" if text.seen_on else ""
        where = format_html(' at <a href="{}">{}</a>', text.source.url, text.source.name) if text.source else ""
        parts.append(format_html("<p>{} (version {}){}{}.</p>", label, text.number, seen, where))
    parts.append(
        format_html(
            '<p>Readout: <a href="{}#{}">{}</a>, {}</p>',
            readout.get_absolute_url(),
            statement.anchor,
            readout.title,
            date_span(readout.date, readout.end_date),
        )
    )
    return mark_safe("\n".join(parts))
