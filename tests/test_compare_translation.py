"""A statement's text beside its translation on the comparison page (?a=12&b=12-en), translations
as sides of any comparison, and the page's short titles."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from readouts.comparison import compare_url
from readouts.models import Readout, Statement
from tests.factories import (
    build_sized_archive,
    make_editor,
    make_readout,
    make_source,
    make_statement,
    make_translation,
    make_version,
)

pytestmark = pytest.mark.django_db

KREMLIN = (
    "Владимир Путин и Дональд Трамп провели телефонный разговор.\n\n"
    "Лидеры договорились о паузе в ударах по энергетической инфраструктуре.\n\n"
    "Обсуждался также Ближний Восток."
)
KREMLIN_EN = (
    "Vladimir Putin and Donald Trump held a telephone conversation.\n\n"
    "The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire.\n\n"
    "The Middle East was also discussed."
)
WHITE_HOUSE = (
    "President Trump and President Putin spoke today.\n\n"
    "The leaders agreed that the movement to peace will begin with an energy and infrastructure ceasefire."
)


@pytest.fixture
def call():
    readout = make_readout(title="Trump–Putin call", slug="trump-putin-call", date=datetime.date(2025, 3, 18))
    white_house = make_statement(readout, issuer_name="The White House", text=WHITE_HOUSE)
    kremlin = make_statement(readout, issuer_name="Kremlin", kind="statement", language="ru", text=KREMLIN)
    english = make_translation(
        kremlin, language="en", kind="official", text=KREMLIN_EN,
        source=make_source(name="en.kremlin.ru", url="https://en.kremlin.ru/events/76477"),
    )
    return readout, white_house, kremlin, english


def page(client, readout, a, b):
    response = client.get(compare_url(readout, a, b))
    return response, response.content.decode()


def heads(html):
    left, right = html.index('id="compare-left"'), html.index('id="compare-right"')
    return html[left:right], html[right : html.index("</header>", right)]


def rows(html):
    return html.split('<div class="compare__row')[1:]


def canonical(response):
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', response.content.decode().split("</head>")[0])
    return unescape(found[0]) if found else None


# ---- The text beside its translation ------------------------------------------------------------


def test_the_original_and_its_translation_stand_paragraph_beside_paragraph(client, call):
    readout, _, kremlin, english = call
    response, html = page(client, readout, kremlin, english.token)
    assert response.status_code == 200
    assert english.token == f"{kremlin.pk}-en"
    assert "<h1>Kremlin statement and its English translation</h1>" in html
    assert "<title>Kremlin statement and its English translation · Trump–Putin call · Readouts archive</title>" in html
    # Each row holds the n-th paragraph of the original and the n-th of the translation.
    body = rows(html)
    assert len(body) == 3
    for n, (original, translated) in enumerate(zip(KREMLIN.split("\n\n"), KREMLIN_EN.split("\n\n")), 1):
        row = body[n - 1]
        assert f'<div class="compare__text" lang="ru"><p id="a-p{n}">{original} ' in row
        assert f'<div class="compare__text" lang="en"><p id="b-p{n}">{translated} ' in row
        assert f'href="#a-p{n}"' in row and f'href="#b-p{n}"' in row
    # Two languages share no passages: nothing is marked, and the key says why.
    assert "<mark" not in html and "words are shared" not in html
    assert "Nothing is marked: texts in two languages share no passages." in html


def test_the_heads_say_whose_text_and_whose_translation(client, call):
    readout, _, kremlin, english = call
    left, right = heads(page(client, readout, kremlin, english.token)[1])
    assert "<h2>Kremlin</h2>" in left and "Verbatim text</span> in Russian" in left
    assert f'href="{readout.get_absolute_url()}#{kremlin.anchor}">The statement on the readout’s page' in left
    assert "<h2>Kremlin, English translation</h2>" in right
    assert "Translation</span> into English of the verbatim text in Russian" in right
    assert (
        'Official translation by Kremlin, published at <a href="https://en.kremlin.ru/events/76477" '
        'rel="noopener noreferrer external">en.kremlin.ru</a>'
    ) in right
    assert f'href="{readout.get_absolute_url()}#s{kremlin.pk}-en">The translation on the readout’s page' in right


@pytest.mark.parametrize(
    ("fields", "credit"),
    [
        ({"kind": "archive"}, "The archive’s own translation</p>"),
        ({"kind": "archive", "translator": "A. Editor"}, "The archive’s own translation, by A. Editor</p>"),
        ({"kind": "third_party", "translator": "Jane Doe"}, "Translation by Jane Doe</p>"),
        ({"kind": "third_party", "source": "meduza"}, 'Translation, published at <a href="https://meduza.io/en/1"'),
        (
            {"kind": "third_party", "translator": "Jane Doe", "source": "meduza"},
            'Translation by Jane Doe, published at <a href="https://meduza.io/en/1"',
        ),
    ],
)
def test_each_kind_of_translation_is_credited_in_its_head(client, call, fields, credit):
    readout, _, kremlin, _ = call
    if fields.get("source"):
        fields["source"] = make_source(name="Meduza", url="https://meduza.io/en/1")
    make_translation(kremlin, language="de", text="Wladimir Putin und Donald Trump telefonierten.", **fields)
    _, right = heads(page(client, readout, kremlin, f"{kremlin.pk}-de")[1])
    assert credit in right and "Official" not in right


def test_the_translation_may_stand_on_the_left(client, call):
    readout, _, kremlin, english = call
    response, html = page(client, readout, english.token, kremlin)
    assert "<h1>Kremlin statement and its English translation</h1>" in html
    first = rows(html)[0]
    assert first.index('lang="en"><p id="a-p1">Vladimir Putin') < first.index('lang="ru"><p id="b-p1">Владимир')
    assert canonical(response) == f"http://testserver{readout.get_absolute_url()}compare/?a={kremlin.pk}-en&b={kremlin.pk}"


def test_paragraph_ids_follow_the_originals_anchors_and_a_surplus_paragraph_stands_alone(client, call):
    readout, _, kremlin, english = call
    # The original's second paragraph was removed in an edit: its numbers are 1 and 3 (#s12-p3).
    Statement.objects.filter(pk=kremlin.pk).update(
        text=KREMLIN.split("\n\n")[0] + "\n\n" + KREMLIN.split("\n\n")[2], paragraph_ids=[1, 3], last_paragraph_id=3
    )
    english.text = "One.\n\nThree.\n\nA translator's note."
    english.save()
    html = page(client, readout, kremlin, english.token)[1]
    assert re.findall(r'<p id="(a-p\d+)">', html) == ["a-p1", "a-p3"]
    assert re.findall(r'<p id="(b-p\d+)">', html) == ["b-p1", "b-p3", "b-p4"]
    last = rows(html)[-1]
    assert "Nothing here in the original" in last and "A translator&#x27;s note." in last


def test_the_translation_of_an_earlier_text_stands_beside_that_text(client, call):
    readout, _, kremlin, english = call
    first = make_version(kremlin, text="Первый текст.\n\nВторой абзац.", seen_on=datetime.date(2025, 3, 18))
    Statement.objects.filter(pk=kremlin.pk).update(text_seen_on=datetime.date(2025, 3, 19))
    make_translation(kremlin, version=first, language="en", kind="archive", text="First text.\n\nSecond paragraph.")
    response, html = page(client, readout, f"{kremlin.pk}v1", f"{kremlin.pk}v1-en")
    assert response.status_code == 200
    assert "<h1>Kremlin statement (version 1) and its English translation</h1>" in html
    assert '<p id="a-p2">Второй абзац.' in html and '<p id="b-p2">Second paragraph.' in html
    assert KREMLIN_EN.split("\n\n")[0] not in html.split('class="compare__columns')[1]
    _, right = heads(html)
    assert "Of version 1, seen" in right
    # The current text named by its version number has the bare address.
    response = client.get(compare_url(readout, f"{kremlin.pk}v2", f"{kremlin.pk}v2-en"))
    assert canonical(response) == "http://testserver" + compare_url(readout, kremlin.pk, english.token)


# ---- Translations as sides of any comparison ----------------------------------------------------


def test_a_translation_is_compared_with_another_account_with_shared_passages_marked(client, call):
    readout, white_house, _, english = call
    response, html = page(client, readout, english.token, white_house)
    assert response.status_code == 200
    assert "<h1>Kremlin statement (English translation) and White House readout compared</h1>" in html
    assert '<mark class="shared">The leaders agreed that the movement to peace' in html
    assert 'class="compare__text" lang="en"' in html and 'lang="ru"' not in html.split('class="compare__columns')[1]
    assert "Kremlin, English translation</p>" in html  # the stacked layout's label


def test_two_translations_of_one_text_are_compared(client, call):
    readout, _, kremlin, english = call
    make_translation(kremlin, language="uk", text="Володимир Путін і Дональд Трамп провели розмову.")
    html = page(client, readout, english.token, f"{kremlin.pk}-uk")[1]
    assert "<h1>Kremlin statement: English and Ukrainian translations compared</h1>" in html


def test_the_form_offers_each_texts_translations(client, call):
    readout, white_house, kremlin, english = call
    first = make_version(kremlin, text="Первый текст.", seen_on=datetime.date(2025, 3, 18))
    Statement.objects.filter(pk=kremlin.pk).update(text_seen_on=datetime.date(2025, 3, 19))
    make_translation(kremlin, version=first, language="en", text="First text.")
    html = page(client, readout, kremlin, english.token)[1]
    start = html.index('<form class="compare__form"')
    form = html[start : html.index("</form>", start)]
    right = form.split('name="b"')[1]
    assert f'<option value="{kremlin.pk}-en" selected>Kremlin, statement (current text), English translation</option>' in right
    assert f'<option value="{kremlin.pk}v1-en">Kremlin, statement, version 1, English translation</option>' in right
    assert f'<option value="{white_house.pk}">' in right


# ---- What it refuses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "status", "message"),
    [
        ("{pk}-", 400, "a translation by its language: 12, 12v1, 12-en."),
        ("{pk}-e", 400, "a translation by its language"),
        ("{pk}-english", 400, "a translation by its language"),
        ("{pk}-en-", 400, "a translation by its language"),
        ("{pk}en", 400, "a translation by its language"),
        ("{pk}-en-GB-x-toolongsubtag", 400, "a translation by its language"),
        ("{pk}-fr", 404, "This text of statement {pk} has no translation into fr."),
        ("{pk}v1-en", 404, "Statement {pk} has no version 1."),
        ("{pk}-ru", 404, "This text of statement {pk} has no translation into ru."),
        ("{foreign}-en", 404, "This readout has no statement numbered {foreign}."),
        ("{pk}", 400, "Choose two different statements, or two versions of one."),
    ],
)
def test_bad_or_unknown_translations_are_refused_never_a_server_error(client, call, token, status, message):
    readout, _, kremlin, english = call
    foreign = make_statement(make_readout(), language="ru", text="Чужой текст.")
    make_translation(foreign, language="en", text="A foreign text.")
    ids = {"pk": kremlin.pk, "foreign": foreign.pk}
    # The same text twice: the translation against itself.
    a = english.token if token != "{pk}" else f"{kremlin.pk}-EN"
    b = token.format(**ids) if token != "{pk}" else english.token
    response = client.get(f"{readout.get_absolute_url()}compare/?a={a}&b={b}")
    assert response.status_code == status
    html = response.content.decode()
    assert message.format(**ids) in html
    assert canonical(response) is None and "compare__row" not in html and "A foreign text." not in html


def test_a_language_in_another_case_finds_the_translation_and_the_canonical_names_it_as_stored(client, call):
    readout, _, kremlin, _ = call
    response = client.get(f"{readout.get_absolute_url()}compare/?a=0{kremlin.pk}&b={kremlin.pk}-EN&utm_source=x")
    assert response.status_code == 200
    assert canonical(response) == f"http://testserver{readout.get_absolute_url()}compare/?a={kremlin.pk}&b={kremlin.pk}-en"


def test_a_draft_readouts_translation_is_not_found(client, call):
    readout, _, kremlin, english = call
    url = compare_url(readout, kremlin, english.token)
    Readout.objects.filter(pk=readout.pk).update(status=Readout.Status.DRAFT)
    response = client.get(url)
    assert response.status_code == 404
    assert b"Vladimir Putin" not in response.content and "Владимир".encode() not in response.content


def test_hostile_translation_text_and_credit_are_escaped(client, call):
    readout, _, kremlin, _ = call
    make_translation(kremlin, language="de", kind="third_party", translator="<script>x</script>", text="<img src=x onerror=alert(1)>")
    html = page(client, readout, kremlin, f"{kremlin.pk}-de")[1]
    assert "<script>x" not in html and "<img src=x" not in html
    assert "&lt;img src=x" in html and "&lt;script&gt;x" in html


# ---- Reached from the readout page --------------------------------------------------------------


def test_each_translation_on_the_readout_page_links_to_it_beside_the_original(client, call):
    readout, _, kremlin, english = call
    html = client.get(readout.get_absolute_url()).content.decode()
    details = html[html.index(f'<details class="statement__translation" id="s{kremlin.pk}-en">') :]
    details = details[: details.index("</details>")]
    links = re.findall(r'<a href="([^"]*)">Read it beside the original</a>', details)
    assert [unescape(link) for link in links] == [compare_url(readout, kremlin, english.token)]
    assert client.get(unescape(links[0])).status_code == 200


def test_the_editors_preview_has_no_link_to_the_comparison(client, call):
    readout, _, _, _ = call
    Readout.objects.filter(pk=readout.pk).update(status=Readout.Status.DRAFT)
    client.force_login(make_editor())
    html = client.get(reverse("readouts:readout_preview", args=[readout.pk])).content.decode()
    assert 'class="statement__translation"' in html and "Read it beside the original" not in html


# ---- Titles -------------------------------------------------------------------------------------


def test_two_statements_of_one_issuer_are_named_once(client, call):
    readout, white_house, _, _ = call
    remarks = make_statement(readout, issuer_name="The White House", kind="remarks", text="Remarks on the call.")
    second = make_statement(readout, issuer_name="The White House", text="A second readout.")
    assert "<h1>White House readout and remarks compared</h1>" in page(client, readout, white_house, remarks)[1]
    assert "<h1>Two White House accounts compared</h1>" in page(client, readout, white_house, second)[1]


def test_titles_leave_issuers_asides_to_the_columns_heads(client, call):
    readout, white_house, _, _ = call
    press = make_statement(readout, issuer_name="Kremlin (Press Service of the President of Russia)", language="ru", text="Текст.")
    talks = make_statement(readout, issuer_name="Kremlin (statement on the talks)", kind="statement", language="ru", text="Итоги.")
    html = page(client, readout, white_house, press)[1]
    assert "<h1>White House and Kremlin accounts compared</h1>" in html
    assert "<h2>Kremlin (Press Service of the President of Russia)</h2>" in html
    assert "<h1>Kremlin readout and statement compared</h1>" in page(client, readout, press, talks)[1]


# ---- Queries ------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 12])
def test_the_page_beside_a_translation_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    readouts = build_sized_archive(size)
    middle = readouts[len(readouts) // 2]
    statement = middle.statements.first()
    translation = make_translation(statement, language="de", kind="third_party", source=make_source(), text="Eins.")
    make_version(statement, text="An older text.")
    url = compare_url(middle, statement, translation.token)
    # readout; its statements with their issuers; their sources, earlier texts and translations
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200 and "its German translation" in response.content.decode()
