"""Charts a reader sees without JavaScript: what they count and where each shape falls.

Each chart is a Chart: its figures (bars of periods, or marks on a time axis) and their
geometry in the units of an SVG viewBox, which templates/readouts/_chart.html draws with a
title, a one-sentence description and a table of every number it draws. The readers below run
one query each, from the definitions the lists use (appearance rows, CommitmentStatus.groups()),
and keep their figures per archive edition (caching.figures); everything else is pure.

A long span is drawn by quarter or by year rather than by month (MAX_BARS), and the caption
says so: 240 bars of a twenty-year career would be slivers.
"""

import datetime
import math
from html import escape
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, DateField, Func
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from . import caching, membership
from .dates import long_date
from .models import CommitmentStatus

# The viewBox. Narrow on purpose: at 390 px the drawing is shrunk by less than a fifth, so its
# 15-unit labels stay legible; CSS caps its width on wide screens (static/css/readouts.css).
WIDTH, HEIGHT = 440, 190
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 12, 30
PLOT_WIDTH, PLOT_HEIGHT = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

MAX_BARS = 36  # months up to three years, then quarters up to nine, then years
MAX_BAR_WIDTH = 40  # a few months' bars stay bars, not blocks
MAX_X_TICKS = 5
MAX_Y_TICKS = 4
TIMELINE_MARKS = 500
TIMELINE_LANES, LANE_HEIGHT, MARK_WIDTH = 5, 16, 3

# Month steps between labelled ticks, smallest first: a tick falls on a month whose number since
# year 0 is a multiple of the step, so yearly ticks fall on January.
TICK_STEPS = [1, 2, 3, 6, 12, 24, 60, 120, 240, 600]
# How each of up to five series is filled besides its colour, so that no reader needs colour
# to tell them apart (the template draws each kind of <pattern>).
PATTERNS = ["solid", "stripes", "dots", "crosshatch", "lines"]


@dataclass(frozen=True)
class Period:
    months: int  # 1, 3 or 12

    @property
    def name(self):
        return {1: "month", 3: "quarter", 12: "year"}[self.months]

    def start(self, day):
        index = _month_index(day)
        return _month(index - index % self.months)

    def label(self, start):
        if self.months == 1:
            return date_format(start, "F Y")
        if self.months == 3:
            return f"Q{(start.month - 1) // 3 + 1} {start.year}"
        return str(start.year)


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    pattern: str
    index: int  # its colour in readouts.css: 0 for a chart's only series, 1-5 in a stack


@dataclass
class Segment:
    series: Series
    value: int
    y: float
    height: float


@dataclass
class Bar:
    start: datetime.date
    label: str
    values: list  # one count per series
    x: float = 0
    width: float = 0
    segments: list = field(default_factory=list)

    @property
    def total(self):
        return sum(self.values)


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Mark:
    date: datetime.date
    day: str  # the date as a reader writes it
    title: str
    url: str
    x: float
    y: float
    width: int = MARK_WIDTH
    height: int = LANE_HEIGHT - 2


@dataclass
class Chart:
    title: str
    description: str = ""  # the <desc>: one sentence of total, busiest period and span
    note: str = ""  # the visible caption: what a bar is
    empty_text: str = ""
    kind: str = "bars"  # or "timeline"
    series: list = field(default_factory=list)
    period: str = "month"
    bars: list = field(default_factory=list)
    marks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: float = TOP + PLOT_HEIGHT

    @property
    def tick_end(self):
        return self.baseline + 5

    @property
    def label_baseline(self):
        return self.baseline + 20

    @property
    def value_label_end(self):
        return self.left - 6

    @property
    def totals(self):
        """Each series' sum over the bars."""
        return [sum(bar.values[n] for bar in self.bars) for n in range(len(self.series))]

    @property
    def total(self):
        return sum(self.totals)

    @cached_property  # read for every bar and pattern the template draws
    def id(self):
        return "chart-" + slugify(self.title)

    @property
    def empty(self):
        return not (self.bars or self.marks)

    @cached_property
    def stacked(self):
        return len(self.series) > 1

    # The drawing's many shapes are built here rather than in templates/readouts/_chart_bars.html
    # and _chart_timeline.html, whose tags took 9 ms for the 180 segments of a country's outcomes
    # over thirty years and 30 ms for a pair's 500 marks (1 and 3 ms this way).

    @cached_property
    def rects(self):
        """The bars' <rect>s, each with its <title>."""
        rect = '<rect x="{}" y="{}" width="{}" height="{}"{}><title>{}: {}{}</title></rect>'
        return format_html_join(
            "",
            rect,
            (
                (
                    bar.x,
                    segment.y,
                    bar.width,
                    segment.height,
                    format_html(' fill="url(#{}-{})"', self.id, segment.series.key)
                    if self.stacked
                    else format_html(' class="chart__fill--{}"', segment.series.index),
                    bar.label,
                    segment.value,
                    f" {segment.series.label.lower()}" if self.stacked else "",
                )
                for bar in self.bars
                for segment in bar.segments
            ),
        )

    # A timeline's 500 marks and rows are joined from escaped strings: format_html() per mark,
    # which escapes each value through Django's lazy-aware wrappers, took 19 ms of a large
    # pair's first view for the two (this module's tests compare them with format_html's).

    @cached_property
    def links(self):
        """A timeline's marks: each a link to its readout around a <rect> with its <title>."""
        return mark_safe(
            "".join(
                f'<a href="{escape(mark.url)}"><title>{escape(mark.title)}, {escape(mark.day)}</title>'
                f'<rect x="{mark.x}" y="{mark.y}" width="{mark.width}" height="{mark.height}" class="chart__mark"/></a>'
                for mark in self.marks
            )
        )

    @cached_property
    def mark_rows(self):
        """A timeline's table: a row per mark, newest first."""
        return mark_safe(
            "".join(
                f'<tr><td>{escape(mark.day)}</td><td><a href="{escape(mark.url)}">{escape(mark.title)}</a></td></tr>'
                for mark in self.marks
            )
        )

    @property
    def role(self):
        # role="img" makes its children presentational: a timeline's links would be hidden from
        # assistive technology (and flagged as nested interactive content), so it keeps an
        # <svg>'s own role, a graphics document (HTML allows no "group" on an <svg>).
        return "" if self.kind == "timeline" else "img"


class MonthOf(Func):
    """The first day of a date's month (a DateField's), as a date. On SQLite, cut from the
    date's text ('YYYY-MM-DD'), where TruncMonth calls a Python function per row: 28 ms against
    3 ms for the 7,500 readouts of a country at 20,000 readouts. On PostgreSQL, truncated as a
    timestamp without time zone: TruncMonth casts the date to one with the session's zone and
    returns a timestamp for Python to parse (a country's 22,000 commitment rows, 10 → 6 ms), and
    converts each row's value again in Python (4,700 rows of a country's commitments by month)."""

    arity = 1
    output_field = DateField()
    TEMPLATES = {
        "sqlite": "SUBSTR(%(expressions)s, 1, 7) || '-01'",
        "postgresql": "DATE_TRUNC('month', %(expressions)s::timestamp)::date",
    }

    @classmethod
    def sql(cls, column, vendor):
        """The same in raw SQL, of a column (readouts/derived.py's counts by month)."""
        return cls.TEMPLATES[vendor] % {"expressions": column}

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=self.TEMPLATES["sqlite"], **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template=self.TEMPLATES["postgresql"], **extra_context)


# Periods and their labels.


def _month_index(day):
    return day.year * 12 + day.month - 1


def _month(index):
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_for(first, last):
    """The shortest period (month, quarter, year) that draws the span in MAX_BARS bars or
    fewer (years however many there are)."""
    for period in (Period(1), Period(3)):
        bars = (_month_index(period.start(last)) - _month_index(period.start(first))) // period.months + 1
        if bars <= MAX_BARS:
            return period
    return Period(12)


def _tick_label(start, step):
    # Quarters (13 or more bars) always take a step of a year or more.
    return str(start.year) if step >= 12 else date_format(start, "M Y")


def _step(indexes, period):
    """The smallest step, in months, that labels at most MAX_X_TICKS of these month indexes."""
    for step in TICK_STEPS:
        if step % period.months == 0 and sum(1 for index in indexes if index % step == 0) <= MAX_X_TICKS:
            return step
    return TICK_STEPS[-1]


def _nice_top(largest):
    """The top of the value axis and its step: a 1, 2 or 5 times a power of ten, at most
    MAX_Y_TICKS steps above zero."""
    magnitude = 10 ** max(0, math.floor(math.log10(max(largest, 1))) - 1)
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(largest / step) <= MAX_Y_TICKS:
                return max(1, math.ceil(largest / step)) * step, step
        magnitude *= 10


def _round(value):
    return round(value, 2)


def _plural(count, noun):
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


# Bars.


def _bars(monthly, series, *, title, noun, dated_by, empty_text, summary):
    """A bar chart of {first day of month: [count per series]}: missing months are 0 between the
    first and the last; months are added up into quarters or years for a long span."""
    chart = Chart(title=title, series=series, empty_text=empty_text)
    monthly = {month: values for month, values in monthly.items() if any(values)}
    if not monthly:
        return chart
    first, last = min(monthly), max(monthly)
    period = period_for(first, last)
    chart.period = period.name
    starts = range(_month_index(period.start(first)), _month_index(period.start(last)) + 1, period.months)
    bars = {_month(index): Bar(_month(index), period.label(_month(index)), [0] * len(series)) for index in starts}
    for month, values in monthly.items():
        bar = bars[period.start(month)]
        bar.values = [a + b for a, b in zip(bar.values, values)]
    chart.bars = list(bars.values())

    top, step = _nice_top(max(bar.total for bar in chart.bars))
    slot = PLOT_WIDTH / len(chart.bars)
    width = min(slot - min(slot * 0.2, 4), MAX_BAR_WIDTH)
    for n, bar in enumerate(chart.bars):
        bar.x, bar.width = _round(LEFT + n * slot + (slot - width) / 2), _round(width)
        below = chart.baseline
        for one, value in zip(series, bar.values):
            if value:
                height = value / top * PLOT_HEIGHT
                below -= height
                bar.segments.append(Segment(one, value, _round(below), _round(height)))
    chart.y_ticks = [Tick(_round(chart.baseline - value / top * PLOT_HEIGHT), f"{value:,}") for value in range(0, top + 1, step)]
    tick_step = _step([_month_index(bar.start) for bar in chart.bars], period)
    chart.x_ticks = [
        Tick(_round(bar.x + bar.width / 2), _tick_label(bar.start, tick_step))
        for bar in chart.bars
        if _month_index(bar.start) % tick_step == 0
    ]

    most = max(sum(values) for values in monthly.values())
    busiest = _busiest([Period(1).label(month) for month in sorted(monthly) if sum(monthly[month]) == most])
    span = Period(1).label(first) if first == last else f"{Period(1).label(first)} to {Period(1).label(last)}"
    total = sum(bar.total for bar in chart.bars)
    chart.description = summary(total, span, busiest, most, first == last)
    if period.months == 1:
        chart.note = f"Each bar is a month; {noun}s are counted in the month of {dated_by}."
    else:
        months = _month_index(last) - _month_index(first) + 1
        chart.note = (
            f"Each bar is a {period.name}: the {months} months from {Period(1).label(first)} to "
            f"{Period(1).label(last)} are too many to draw one by one."
        )
    return chart


def _busiest(months):
    """The months a peak was reached in, as a summary names them: "March 2025", "February 2025
    and March 2025", or "each of 7 months" when more than three share it."""
    if len(months) > 3:
        return f"each of {len(months)} months"
    return months[0] if len(months) == 1 else f"{', '.join(months[:-1])} and {months[-1]}"


def per_month(counts, *, title, description_noun):
    """A bar chart of (first day of month, count) pairs; `description_noun` is what is counted,
    in the singular ("readout")."""
    monthly = {}
    for month, count in counts:
        monthly[month] = [monthly.get(month, [0])[0] + count]
    noun = description_noun

    def summary(total, span, busiest, most, one_month):
        if one_month:
            return f"{_plural(total, noun)}, all in {span}."
        return f"{_plural(total, noun)} from {span}; the most in a month, {most:,}, in {busiest}."

    return _bars(
        monthly,
        [Series("count", f"{noun.capitalize()}s", PATTERNS[0], 0)],
        title=title,
        noun=noun,
        dated_by="their date",
        empty_text=f"No published {noun}s yet, so there is nothing to chart.",
        summary=summary,
    )


def engagements_per_month(entity):
    """A person's, organization's or topic's published readouts per month, from their appearance
    rows (the rows their page lists): one query, once per edition."""

    def compute():
        rows = membership.appearances(entity).order_by().annotate(month=MonthOf("date")).values_list("month")
        return list(rows.annotate(count=Count("pk")).order_by("month"))

    counts = caching.figures(f"chart:per-month:{entity._meta.model_name}:{entity.pk}", compute)
    return per_month(counts, title="Readouts per month", description_noun="readout")


def status_over_time(counts):
    """Commitments by the period of the readout that recorded them, stacked by the five outcome
    groups of CommitmentStatus.groups(), from their counts by month and status
    (tracker.counts(monthly=True): [(month, status, overdue, n)], published ones only)."""
    groups = CommitmentStatus.groups()
    group_of = {status: n for n, (_, _, statuses) in enumerate(groups) for status in statuses}
    monthly = {}
    for month, status, _, count in counts:
        monthly.setdefault(month, [0] * len(groups))[group_of[status]] += count
    series = [Series(key, label, PATTERNS[n], n + 1) for n, (key, label, _) in enumerate(groups)]

    def summary(total, span, busiest, most, one_month):
        totals = [sum(values[n] for values in monthly.values()) for n in range(len(groups))]
        parts = [f"{count:,} {label.lower()}" for (_, label, _), count in zip(groups, totals) if count]
        outcomes = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
        made = f"all in {span}" if one_month else f"from {span}; the most, {most}, in {busiest}"
        return f"{_plural(total, 'commitment')} made in readouts {made}: {outcomes}."

    return _bars(
        monthly,
        series,
        title="Commitments by outcome",
        noun="commitment",
        dated_by="the readout that recorded them",
        empty_text="No published commitments yet, so there is nothing to chart.",
        summary=summary,
    )


# A contact timeline.


def contact_timeline(readouts, *, total=None, title="Contacts over time"):
    """One mark per engagement on a time axis, each a link to its readout: `readouts` is a list
    of (date, title, url), published ones only; `total` is how many there are when the list
    holds only the newest ones. The newest TIMELINE_MARKS are drawn (and the caption says so)
    when there are more."""
    everything = sorted(readouts, key=lambda readout: readout[0], reverse=True)
    count = max(total or 0, len(everything))
    shown = sorted(everything[:TIMELINE_MARKS], key=lambda readout: readout[0])
    noun = "engagement"
    chart = Chart(title=title, kind="timeline", empty_text=f"No published {noun}s yet, so there is nothing to chart.")
    if not shown:
        return chart
    first, last = shown[0][0], shown[-1][0]
    days = (last - first).days

    def x(day):
        return _round(LEFT + (day - first).days / days * PLOT_WIDTH if days else LEFT + PLOT_WIDTH / 2)

    # Marks closer than a mark's width go up a lane, up to TIMELINE_LANES; beyond, they overlap.
    ends, placed = [], []
    for day, name, url in shown:
        at = x(day)
        lane = next((n for n, end in enumerate(ends) if end + 1 <= at), None)
        if lane is None:
            lane = len(ends) if len(ends) < TIMELINE_LANES else min(range(len(ends)), key=ends.__getitem__)
            if lane == len(ends):
                ends.append(at)
        ends[lane] = at + MARK_WIDTH
        placed.append((day, name, url, at, lane))
    chart.height = TOP + len(ends) * LANE_HEIGHT + BOTTOM
    chart.baseline = TOP + len(ends) * LANE_HEIGHT
    chart.marks = [
        Mark(day, long_date(day), name, url, _round(at - MARK_WIDTH / 2), chart.baseline - (lane + 1) * LANE_HEIGHT + 2)
        for day, name, url, at, lane in placed
    ]
    chart.marks.reverse()  # newest first, as the table lists them

    indexes = range(_month_index(first), _month_index(last) + 1)
    step = _step(indexes, Period(1))
    chart.x_ticks = [
        Tick(x(_month(index)), _tick_label(_month(index), step))
        for index in indexes
        if index % step == 0 and first <= _month(index)
    ] or [Tick(x(first), _tick_label(first, 1))]

    earliest = everything[-1][0]
    span = f"all on {long_date(last)}" if earliest == last else f"from {long_date(earliest)} to {long_date(last)}"
    if count > len(everything):  # the caller read only the newest
        chart.description = f"{_plural(count, noun)}; the newest {len(everything):,} {span}."
    else:
        chart.description = f"{_plural(count, noun)} {span}."
    if count > len(shown):
        chart.note = f"One mark per {noun}, each a link to its readout: the newest {len(shown):,} of {count:,} shown."
    else:
        chart.note = f"One mark per {noun}, each a link to its readout."
    return chart
