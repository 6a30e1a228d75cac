"""Facts the sources give about single statements, quotes and participants: a statement's
topics (its readout is of them too: readouts.membership) and place, the sources of a quote and
of a participant's part, and a source's kind and language. The pages show them and editors
enter them on the statement's, the readout's and the source's screens."""

import io

import pytest
from django.core.management import call_command
from pytest_django.asserts import assertContains

from readouts.models import Readout, Source, Statement
from tests.admin_helpers import change_url, form_data
from tests.factories import (
    make_participant,
    make_person,
    make_quote,
    make_readout,
    make_source,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db


def check_derived():
    call_command("check_derived", stdout=io.StringIO())  # raises CommandError on drift


def test_a_readout_is_of_its_statements_topics_and_the_broader_ones(client):
    energy = make_topic(name="Energy")
    power_plants = make_topic(name="Power plants", parent=energy)
    readout = make_readout(title="Call")
    statement = make_statement(readout)
    assert not Readout.objects.published().of(power_plants).exists()
    statement.topics.add(power_plants)
    assert list(Readout.objects.published().of(power_plants)) == [readout]
    assert list(Readout.objects.published().of(energy)) == [readout]
    assert readout in client.get(power_plants.get_absolute_url()).context["page"]
    check_derived()
    statement.topics.remove(power_plants)
    assert not Readout.objects.published().of(energy).exists()
    check_derived()


def test_a_topic_on_both_the_readout_and_a_statement_counts_once():
    energy = make_topic(name="Energy")
    readout = make_readout(topics=[energy])
    make_statement(readout).topics.add(energy)
    assert list(Readout.objects.published().of(energy)) == [readout]
    check_derived()


def test_the_page_lists_statement_topics_with_the_readouts_and_on_the_statement(client):
    ceasefire, black_sea = make_topic(name="Ceasefire"), make_topic(name="Black Sea", kind="place")
    readout = make_readout(topics=[ceasefire])
    statement = make_statement(readout, place="Helsinki, University of Helsinki premises")
    statement.topics.add(black_sea)
    response = client.get(readout.get_absolute_url())
    assert response.context["themes"] == [ceasefire] and response.context["places"] == [black_sea]
    assertContains(response, '<span class="label">Issued at</span> Helsinki, University of Helsinki premises', html=True)
    assertContains(response, f'<a class="topic" href="{black_sea.get_absolute_url()}">Black Sea</a>', count=2, html=True)


def test_the_page_shows_the_sources_of_quotes_and_participants(client):
    readout = make_readout()
    quote = make_quote(make_statement(readout), text="We agreed on a pause.")
    quote.sources.add(make_source(name="Kyiv Independent", url="https://kyivindependent.com/a"))
    participant = make_participant(readout, make_person(name="Marco Rubio"))
    participant.sources.add(make_source(name="Overt Defense", url="https://overtdefense.com/b"))
    response = client.get(readout.get_absolute_url())
    assertContains(
        response,
        '<span class="quote__sources">· as read in <a href="https://kyivindependent.com/a" '
        'rel="noopener noreferrer external">Kyiv Independent</a></span>',
        html=True,
    )
    assertContains(
        response,
        '<span class="participant__sources">Source: <a href="https://overtdefense.com/b" '
        'rel="noopener noreferrer external">Overt Defense</a></span>',
        html=True,
    )


def test_a_source_in_another_language_says_so(client):
    readout = make_readout()
    readout.sources.add(make_source(name="Verkkouutiset", language="fi"), make_source(name="UPI", language="en"))
    response = client.get(readout.get_absolute_url())
    assertContains(response, '<span class="source__language">(in Finnish)</span>', count=1, html=True)


def test_the_statement_screen_enters_topics_place_and_quote_sources(client, editor):
    statement = make_statement(make_readout(), text="The leaders spoke.")
    topic, source = make_topic(name="Energy"), make_source()
    data = form_data(client.get(change_url(statement)))
    data.update(topics=[str(topic.pk)], place=["Oval Office"])
    data.update({
        "quotes-TOTAL_FORMS": ["1"], "quotes-0-text": ["We spoke."], "quotes-0-speaker_label": ["Readout"],
        "quotes-0-sources": [str(source.pk)],
    })
    response = client.post(change_url(statement), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    statement = Statement.objects.get()
    assert (list(statement.topics.all()), statement.place) == ([topic], "Oval Office")
    assert list(statement.quotes.get().sources.all()) == [source]


def test_the_source_screen_takes_kind_and_language_and_refuses_a_bad_code(client, editor):
    source = make_source()
    data = form_data(client.get(change_url(source)))
    data.update(kind=["republication"], language=["not a language"])
    response = client.post(change_url(source), data)
    assert response.status_code == 200
    assert "language code" in str(response.context["adminform"].form.errors["language"])
    data.update(language=["fi"])
    assert client.post(change_url(source), data).status_code == 302
    source = Source.objects.get()
    assert (source.kind, source.language) == ("republication", "fi")
