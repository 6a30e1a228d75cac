"""Charts (readouts/charts.py, templates/readouts/_chart*.html): their numbers are the lists'
numbers, drafts never count, and what they draw is valid SVG with a title, a description and
a table of every figure."""

import calendar
import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html_join

from readouts import charts, figures, tracker
from readouts.models import (
    Commitment,
    CommitmentStatus,
    Organization,
    Person,
    Readout,
    Topic,
)

from .factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_topic,
    make_update,
)
from .test_sample_archive import SAMPLE

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
d = datetime.date


@pytest.fixture
def sample(db):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw


def drawing(html):
    """The page's first chart drawing, parsed as XML (it must be well formed)."""
    match = re.search(r"<svg class=\"chart__drawing\".*?</svg>", html, re.DOTALL)
    assert match, "no chart drawn"
    return ET.fromstring(match.group(0))


def figures_table(html):
    """The rows of the chart's table: [(header, [cells])], the header row first."""
    table = re.search(r"<table class=\"figures-table\">.*?</table>", html, re.DOTALL).group(0)
    rows = []
    for row in ET.fromstring(table).iter("tr"):
        cells = ["".join(cell.itertext()).strip() for cell in row]
        rows.append((cells[0], cells[1:]))
    return rows


def month_end(month):
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def listed(client, parameter, entity, start, end):
    """How many readouts the readout list gives for the entity between two days."""
    query = {parameter: entity.slug, "date_after": start.isoformat(), "date_before": end.isoformat()}
    response = client.get(reverse("readouts:readout_list"), query)
    assert response.status_code == 200
    return response.context["page"].paginator.count


# The numbers are the lists' numbers.


@pytest.mark.parametrize(
    "model, parameter, url_name",
    [
        (Person, "person", "readouts:person_detail"),
        (Organization, "organization", "readouts:organization_detail"),
        (Topic, "topic", "readouts:topic_detail"),
    ],
)
def test_the_sample_archives_monthly_counts_are_the_pages_and_the_lists(client, sample, model, parameter, url_name):
    entity = figures.most_appearing(model.objects.all(), 1)[0]
    response = client.get(reverse(url_name, args=[entity.slug]))
    chart = response.context["per_month"]
    assert chart.total == response.context["page"].paginator.count == entity.readout_count > 1
    for bar in chart.bars:
        assert bar.values[0] == listed(client, parameter, entity, bar.start, month_end(bar.start))
    assert len(chart.bars) > 1


def test_a_persons_months_count_their_published_readouts_and_fill_the_gaps(client):
    person = make_person(slug="ada")
    for day in (d(2024, 11, 3), d(2024, 11, 20), d(2025, 2, 1)):
        make_participant(make_readout(date=day), person)
    # Drafts count nowhere: not in a month of published readouts, nor in a month of their own.
    make_participant(make_readout(date=d(2024, 11, 5), status=Readout.Status.DRAFT), person)
    make_participant(make_readout(date=d(2025, 5, 5), status=Readout.Status.DRAFT), person)
    make_participant(make_readout(date=d(2024, 12, 5)))  # someone else's

    response = client.get(reverse("readouts:person_detail", args=["ada"]))
    chart = response.context["per_month"]
    assert [(bar.start, bar.values) for bar in chart.bars] == [
        (d(2024, 11, 1), [2]),
        (d(2024, 12, 1), [0]),
        (d(2025, 1, 1), [0]),
        (d(2025, 2, 1), [1]),
    ]
    assert chart.total == response.context["page"].paginator.count == 3
    for bar in chart.bars:
        assert bar.values[0] == listed(client, "person", person, bar.start, month_end(bar.start))
    assert chart.description == "3 readouts from November 2024 to February 2025; the most in a month, 2, in November 2024."


def test_an_organizations_and_a_topics_chart_include_what_is_inside_them(client):
    country = make_organization(slug="the-country")
    ministry = make_organization(kind="government_body", parent=country)
    theme = make_topic(slug="the-theme")
    place = make_topic(parent=theme)
    make_readout(date=d(2025, 1, 9), organizations=[ministry], topics=[place])
    make_readout(date=d(2025, 3, 9), organizations=[country], topics=[theme])
    for name, slug in (("organization_detail", "the-country"), ("topic_detail", "the-theme")):
        chart = client.get(reverse(f"readouts:{name}", args=[slug])).context["per_month"]
        assert [bar.values[0] for bar in chart.bars] == [1, 0, 1]


def test_two_people_together_only_in_a_draft_get_a_sentence_not_a_chart(client):
    ada, bea = make_person(slug="ada"), make_person(slug="bea")
    make_participant(make_readout(), ada)
    make_participant(make_readout(), bea)
    together = make_readout(status=Readout.Status.DRAFT)
    make_participant(together, ada)
    make_participant(together, bea, position=1)
    response = client.get(reverse("readouts:relation_detail", args=["ada", "bea"]))
    assert "No published engagements yet, so there is nothing to chart." in response.text
    assert "<svg class=\"chart__drawing\"" not in response.text


def test_the_chart_follows_an_edit_on_the_next_request(client, page_cache):
    person = make_person(slug="ada")
    make_participant(make_readout(date=d(2025, 1, 9)), person)
    url = reverse("readouts:person_detail", args=["ada"])
    assert "1 readout, all in January 2025." in client.get(url).text
    make_participant(make_readout(date=d(2025, 2, 9)), person)
    assert "2 readouts from January 2025 to February 2025" in client.get(url).text


# Periods.


def test_per_month_fills_missing_months_with_zero():
    chart = charts.per_month([(d(2025, 4, 1), 2), (d(2025, 1, 1), 3)], title="Calls", description_noun="call")
    assert [(bar.label, bar.values) for bar in chart.bars] == [
        ("January 2025", [3]),
        ("February 2025", [0]),
        ("March 2025", [0]),
        ("April 2025", [2]),
    ]
    assert chart.period == "month" and chart.note.startswith("Each bar is a month")


@pytest.mark.parametrize(
    "months, period, bars",
    [(36, "month", 36), (37, "quarter", 13), (108, "quarter", 36), (109, "year", 10), (240, "year", 20)],
)
def test_long_spans_are_drawn_by_quarter_or_year_and_say_so(months, period, bars):
    counts = [(d(2000 + n // 12, n % 12 + 1, 1), n % 7 + 1) for n in range(months)]
    chart = charts.per_month(counts, title="Calls", description_noun="call")
    assert chart.period == period
    assert len(chart.bars) == bars
    assert chart.total == sum(count for _, count in counts)
    if period != "month":
        assert f"Each bar is a {period}: the {months} months from January 2000" in chart.note
    # Every bar stays inside the plot, and none is a sliver.
    assert all(charts.LEFT <= bar.x and bar.x + bar.width <= charts.WIDTH - charts.RIGHT for bar in chart.bars)
    assert min(bar.width for bar in chart.bars) >= 8
    assert 1 <= len(chart.x_ticks) <= charts.MAX_X_TICKS


def test_a_quarter_holds_its_three_months():
    chart = charts.per_month(
        [(d(2020, 2, 1), 1), (d(2020, 3, 1), 2), (d(2020, 4, 1), 4), (d(2023, 12, 1), 8)],
        title="Calls",
        description_noun="call",
    )
    assert chart.period == "quarter"
    assert (chart.bars[0].label, chart.bars[0].values) == ("Q1 2020", [3])
    assert (chart.bars[1].label, chart.bars[1].values) == ("Q2 2020", [4])
    assert (chart.bars[-1].label, chart.bars[-1].values) == ("Q4 2023", [8])
    assert [tick.label for tick in chart.x_ticks] == ["2020", "2021", "2022", "2023"]
    # The busiest month, not the busiest quarter, is the one the description names.
    assert "the most in a month, 8, in December 2023" in chart.description


def test_the_value_axis_reaches_the_tallest_bar_in_round_steps():
    chart = charts.per_month([(d(2025, 1, 1), 7), (d(2025, 2, 1), 23)], title="Calls", description_noun="call")
    assert [tick.label for tick in chart.y_ticks] == ["0", "10", "20", "30"]
    tallest = max(chart.bars, key=lambda bar: bar.total).segments[0]
    assert tallest.y + tallest.height == chart.baseline
    assert tallest.height == pytest.approx(23 / 30 * charts.PLOT_HEIGHT, abs=0.01)


def test_empty_counts_give_no_chart():
    chart = charts.per_month([], title="Calls", description_noun="call")
    assert chart.empty and chart.empty_text == "No published calls yet, so there is nothing to chart."
    assert "<svg" not in render_to_string("readouts/_chart.html", {"chart": chart})


# What is drawn.


def test_the_drawing_is_valid_svg_with_its_title_description_and_every_figure(client):
    person = make_person(slug="ada")
    for day in (d(2025, 1, 9), d(2025, 1, 19), d(2025, 3, 9)):
        make_participant(make_readout(date=day), person)
    html = client.get(reverse("readouts:person_detail", args=["ada"])).text
    svg = drawing(html)
    assert svg.get("role") == "img"
    assert svg.get("viewBox") == f"0 0 {charts.WIDTH} {charts.HEIGHT}" and svg.get("width") == "100%"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") and svg.get("aria-describedby") == desc.get("id")
    assert title.text == "Readouts per month"
    assert desc.text == "3 readouts from January 2025 to March 2025; the most in a month, 2, in January 2025."
    assert [label.text for label in svg.iter(f"{SVG}text")] == ["0", "1", "2", "Jan 2025", "Feb 2025", "Mar 2025"]
    assert len(list(svg.iter(f"{SVG}rect"))) == 2  # February draws nothing

    rows = figures_table(html)
    assert rows == [
        ("Month", ["Readouts"]),
        ("January 2025", ["2"]),
        ("February 2025", ["0"]),
        ("March 2025", ["1"]),
        ("Total", ["3"]),
    ]
    assert '<th scope="col">Month</th>' in html and '<th scope="row">January 2025</th>' in html
    assert "<summary>The figures</summary>" in html and "<caption>Readouts per month</caption>" in html


def test_ids_are_unique_and_every_reference_resolves():
    counts = [(d(2025, 1, 1), 1), (d(2025, 2, 1), 2)]
    html = "".join(
        render_to_string("readouts/_chart.html", {"chart": chart})
        for chart in (
            charts.per_month(counts, title="Readouts per month", description_noun="readout"),
            charts.per_month(counts, title="Calls per month", description_noun="call"),
        )
    )
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 4
    for reference in re.findall(r'aria-(?:labelledby|describedby)="([^"]+)"', html):
        assert reference in ids


def stacked_sample():
    """Commitments at two readouts a quarter apart, with every outcome group, and a draft's."""
    march, june = make_readout(date=d(2025, 3, 3)), make_readout(date=d(2025, 6, 3))
    statuses = {march: ["fulfilled", "fulfilled_late", "announced", "contested"], june: ["abandoned", "partly_fulfilled"]}
    for readout, readout_statuses in statuses.items():
        for status in readout_statuses:
            commitment = make_commitment(readout)
            if status != "announced":
                make_update(commitment, status=status)
    make_commitment(make_readout(date=d(2025, 4, 3), status=Readout.Status.DRAFT))


def test_status_over_time_counts_each_group_as_the_commitments_do():
    stacked_sample()
    chart = charts.status_over_time(tracker.counts(Commitment.objects.all(), monthly=True))
    assert [series.label for series in chart.series] == [label for _, label, _ in CommitmentStatus.groups()]
    published = Commitment.objects.published()
    for total, (_, _, statuses) in zip(chart.totals, CommitmentStatus.groups()):
        assert total == published.filter(status__in=statuses).count()
    assert chart.total == published.count() == 6
    assert [(bar.label, bar.values) for bar in chart.bars] == [
        ("March 2025", [2, 0, 1, 0, 1]),
        ("April 2025", [0, 0, 0, 0, 0]),  # the draft's month is no month of commitments
        ("May 2025", [0, 0, 0, 0, 0]),
        ("June 2025", [0, 1, 0, 1, 0]),
    ]
    assert chart.description == (
        "6 commitments made in readouts from March 2025 to June 2025; the most, 4, in March 2025: "
        "2 kept, 1 partly kept, 1 pending, 1 not kept and 1 contested or superseded."
    )
    assert chart.note == "Each bar is a month; commitments are counted in the month of the readout that recorded them."


def test_the_sample_archives_outcomes_add_up_to_its_commitments(sample):
    chart = charts.status_over_time(tracker.counts(Commitment.objects.all(), monthly=True))
    published = Commitment.objects.published()
    assert chart.total == published.count() > 0
    for total, (_, _, statuses) in zip(chart.totals, CommitmentStatus.groups()):
        assert total == published.filter(status__in=statuses).count()


def test_stacked_bars_are_told_apart_by_pattern_and_legend():
    stacked_sample()
    html = render_to_string("readouts/_chart.html", {"chart": charts.status_over_time(tracker.counts(Commitment.objects.all(), monthly=True))})
    svg = drawing(html)
    patterns = {pattern.get("id"): pattern for pattern in svg.iter(f"{SVG}pattern")}
    assert len(patterns) == 5
    # Each pattern but the first draws marks over its colour: no two look alike without colour.
    assert [len(pattern) for pattern in patterns.values()] == [1, 2, 2, 2, 2]
    assert len({ET.tostring(pattern[-1]) for pattern in list(patterns.values())[1:]}) == 4
    fills = [rect.get("fill") for rect in svg.find(f"{SVG}g[@class='chart__bars']").iter(f"{SVG}rect")]
    # One segment per group present in a bar, each filled with its group's pattern.
    assert len(fills) == 5 and all(fill[5:-1] in patterns for fill in fills)
    legend = re.search(r'<ul class="chart__legend">.*?</ul>', html, re.DOTALL).group(0)
    for key, label, _ in CommitmentStatus.groups():
        assert f"url(#chart-commitments-by-outcome-{key})" in legend and label in legend
    rows = figures_table(html)
    assert rows[0] == ("Month", ["Kept", "Partly kept", "Pending", "Not kept", "Contested or superseded", "Total"])
    assert rows[1] == ("March 2025", ["2", "0", "1", "0", "1", "4"])
    assert rows[-1] == ("Total", ["2", "1", "1", "1", "1", "6"])


# A contact timeline.


def test_each_mark_of_a_contact_timeline_links_to_its_readout():
    readouts = [make_readout(date=d(2025, 1, 1) + datetime.timedelta(days=9 * n)) for n in range(12)]
    chart = charts.contact_timeline([(readout.date, readout.title, readout.get_absolute_url()) for readout in readouts])
    html = render_to_string("readouts/_chart.html", {"chart": chart})
    svg = drawing(html)
    assert svg.get("role") is None  # an <svg>'s own role: its links stay reachable
    links = list(svg.iter(f"{SVG}a"))
    assert [link.get("href") for link in links] == [readout.get_absolute_url() for readout in reversed(readouts)]
    for link, readout in zip(links, reversed(readouts)):
        assert link.find(f"{SVG}title").text == f"{readout.title}, {readout.date.day} {readout.date:%B %Y}"
    xs = [float(link.find(f"{SVG}rect").get("x")) for link in links]
    assert xs == sorted(xs, reverse=True) and charts.LEFT - 2 <= min(xs) and max(xs) <= charts.WIDTH - charts.RIGHT
    assert svg.find(f"{SVG}desc").text == "12 engagements from 1 January 2025 to 10 April 2025."
    for readout in readouts:
        assert f'<a href="{readout.get_absolute_url()}">{readout.title}</a>' in html


def test_a_crowded_timeline_draws_the_newest_marks_and_says_so():
    start = d(2020, 1, 1)
    readouts = [(start + datetime.timedelta(days=n), f"Call {n}", f"/readouts/call-{n}/") for n in range(620)]
    chart = charts.contact_timeline(readouts)
    assert len(chart.marks) == charts.TIMELINE_MARKS
    assert chart.marks[0].title == "Call 619" and chart.marks[-1].title == "Call 120"
    assert "the newest 500 of 620 shown" in chart.note
    assert chart.description.startswith("620 engagements from 1 January 2020 to")
    # Marks a day apart stack in lanes instead of hiding one another, within the drawing.
    assert 1 < len({mark.y for mark in chart.marks}) <= charts.TIMELINE_LANES
    assert all(charts.TOP <= mark.y and mark.y + mark.height <= chart.baseline for mark in chart.marks)
    assert len(list(drawing(render_to_string("readouts/_chart.html", {"chart": chart})).iter(f"{SVG}a"))) == 500


def test_a_timeline_given_only_the_newest_says_how_many_there_are():
    start = d(2024, 1, 1)
    newest = [(start + datetime.timedelta(days=n), f"Call {n}", f"/readouts/call-{n}/") for n in range(100)]
    chart = charts.contact_timeline(newest, total=1_250)
    assert len(chart.marks) == 100
    assert chart.description == "1,250 engagements; the newest 100 from 1 January 2024 to 9 April 2024."
    assert "the newest 100 of 1,250 shown" in chart.note


def test_hostile_titles_are_escaped_in_the_drawing():
    chart = charts.contact_timeline([(d(2025, 1, 1), "<script>&\"Talks\"</script>", "/readouts/x/?a=1&b=2")])
    html = render_to_string("readouts/_chart.html", {"chart": chart})
    svg = drawing(html)
    link = next(svg.iter(f"{SVG}a"))
    assert link.get("href") == "/readouts/x/?a=1&b=2"
    assert link.find(f"{SVG}title").text == '<script>&"Talks"</script>, 1 January 2025'
    assert "<script>" not in html


def test_a_timelines_marks_and_rows_are_escaped_as_format_html_escapes():
    """Chart.links and Chart.mark_rows join escaped strings themselves; they write what
    format_html() would, whatever the title or address holds."""
    hostile = ["<script>&\"Talks\"</script>", "O'Brien's call", "A & B <i>", "Plain talks"]
    chart = charts.contact_timeline(
        [(d(2025, 1, 1 + n), title, f"/readouts/{n}/?a=1&b='{n}'") for n, title in enumerate(hostile)]
    )
    link = '<a href="{}"><title>{}, {}</title><rect x="{}" y="{}" width="{}" height="{}" class="chart__mark"/></a>'
    row = '<tr><td>{}</td><td><a href="{}">{}</a></td></tr>'
    marks = chart.marks
    assert chart.links == format_html_join(
        "", link, ((m.url, m.title, m.day, m.x, m.y, m.width, m.height) for m in marks)
    )
    assert chart.mark_rows == format_html_join("", row, ((m.day, m.url, m.title) for m in marks))
    assert "&lt;script&gt;" in chart.mark_rows and "O&#x27;Brien" in chart.links


def test_a_peak_shared_by_several_months_names_them_all():
    tied = charts.per_month([(d(2025, 2, 1), 2), (d(2025, 3, 1), 2)], title="Readouts per month", description_noun="readout")
    assert tied.description == "4 readouts from February 2025 to March 2025; the most in a month, 2, in February 2025 and March 2025."
    flat = charts.per_month([(d(2025, month, 1), 1) for month in range(1, 6)], title="Readouts", description_noun="readout")
    assert flat.description.endswith("the most in a month, 1, in each of 5 months.")


def test_a_figure_holds_the_drawing_and_its_caption_last_and_the_table_follows_it():
    """HTML allows a figure's caption only first or last: the table of figures comes after it."""
    chart = charts.per_month([(d(2025, 2, 1), 3), (d(2025, 4, 1), 1)], title="Readouts per month", description_noun="readout")
    html = render_to_string("readouts/_chart.html", {"chart": chart})
    figure = html[html.index("<figure"):html.index("</figure>")]
    assert figure.rstrip().endswith("</figcaption>")
    assert "<details" not in figure and html.index("</figure>") < html.index('<details class="chart__figures">')
