"""Fuzzing every public address: each URL pattern of config/urls.py (the admin's aside), with
hostile values in its path parameters and in every query parameter any page reads, answers
below 500 on a small archive, and never shows its draft.

The patterns, the filters' parameters and the parameters the views read are all found from the
code (URLconfs, FilterSets, sources), so a new page or filter is fuzzed without touching this
module; a path parameter of a kind it cannot generate values for fails its test.

Hypothesis runs derandomized (the same examples on every run, so CI is reproducible),
EXAMPLES examples per pattern; READOUTS_FUZZ_EXAMPLES=2000 runs more of them locally.
"""

import datetime
import os
import re
from pathlib import Path
from urllib.parse import quote

import django_filters
import drf_spectacular.views
import pytest
import rest_framework.pagination
from django import forms
from django.conf import settings as django_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from readouts.models import Commitment, Organization, Person, Readout, Topic
from readouts.search.index import rebuild
from readouts.syndication.sitemaps import SITEMAPS
from tests.factories import (
    make_commitment,
    make_organization,
    make_participant,
    make_person,
    make_readout,
    make_statement,
    make_topic,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("READOUTS_FUZZ_EXAMPLES", "100"))
DRAFT_TITLE = "Unpublished fuzzing draft 5f1c"


# ---- The addresses ----------------------------------------------------------------------------

_ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<parameter>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<parameter>\w+)>(?P<regex>(?:[^()]|\([^()]*\))*)\)")


def public_patterns():
    """{id: [(kind, text, regex or converter) parts]} for every URL pattern but the admin's: a
    pattern's id is its namespaced name, or its route for an unnamed one."""
    found = {}

    def walk(resolver, parts, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name == "admin":
                    continue  # editors only: tests/test_admin.py
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry, [*parts, *pattern_parts(entry.pattern)], inner)
            elif isinstance(entry, URLPattern):
                all_parts = [*parts, *pattern_parts(entry.pattern)]
                name = f"{namespace}{entry.name}" if entry.name else "".join(
                    text if kind == "text" else f"<{text}>" for kind, text, _ in all_parts
                )
                found[name] = all_parts
            else:
                raise TypeError(f"Cannot fuzz {entry!r}: neither a pattern nor an include.")

    walk(get_resolver(), [], "")
    return found


def pattern_parts(pattern):
    """[("text", literal, None) or ("parameter", name, regex)] of a route or a simple regex."""
    if isinstance(pattern, RoutePattern):
        route, parts, end = pattern._route, [], 0
        for match in _ROUTE_PARAMETER.finditer(route):
            parts.append(("text", route[end : match.start()], None))
            parts.append(("parameter", match["parameter"], pattern.converters[match["parameter"]].regex))
            end = match.end()
        return [*parts, ("text", route[end:], None)]
    if isinstance(pattern, RegexPattern):
        regex, parts, end = pattern._regex.removeprefix("^").removesuffix("$"), [], 0
        for match in _REGEX_GROUP.finditer(regex):
            parts.append(("text", _literal(regex[end : match.start()]), None))
            parts.append(("parameter", match["parameter"], match["regex"]))
            end = match.end()
        return [*parts, ("text", _literal(regex[end:]), None)]
    raise TypeError(f"Cannot fuzz the pattern {pattern!r}.")


def _literal(regex):
    text = re.sub(r"\\(.)", r"\1", regex)
    if re.escape(text).replace("\\-", "-").replace("\\/", "/") != regex.replace("\\/", "/"):
        raise TypeError(f"Cannot fuzz the regex {regex!r} outside its named groups.")
    return text


PATTERNS = public_patterns()

# ---- The query parameters ---------------------------------------------------------------------


def filtersets():
    found, pending = set(), [django_filters.FilterSet]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("readouts."):
                found.add(subclass)
    return found


def filter_parameters():
    """{parameter: [filters]} of the archive's FilterSets, named as their forms read them."""
    parameters = {}
    for filterset in filtersets():
        form = filterset(queryset=Readout.objects.none()).form  # its fields only: no query
        for name, f in filterset.base_filters.items():
            widget = form.fields[name].widget
            for suffix in getattr(widget, "suffixes", [""]):
                parameters.setdefault(f"{name}_{suffix}" if suffix else name, []).append(f)
    return parameters


def valid_values(f):
    """Values a filter accepts, in the archive the test builds."""
    if issubclass(f.field_class, forms.CharField):
        # Words of the archive's readouts, and of its draft (which no search may find).
        return ["discussed", "Telephone call", "Unpublished", "fuzzing draft", '"both sides" -draft']
    if "choices" in f.extra:
        return [str(value) for value, _ in f.extra["choices"]]
    if "queryset" in f.extra:
        return [str(value) for value in f.extra["queryset"].values_list(f.extra.get("to_field_name", "pk"), flat=True)]
    if isinstance(f, django_filters.DateFilter):
        return ["2025-03-19", "2025-01-01", "2025-12-31"]
    return []


_READ = re.compile(r"""(?:GET|query_params)(?:\.get\(|\[)\s*["'](\w+)["']|_query_param\s*=\s*["'](\w+)["']""")


def read_parameters():
    """The parameters the code reads itself (request.GET.get("page"), page_query_param…), in the
    project and in the views of the packages it routes to."""
    sources = [*(Path(__file__).resolve().parent.parent / "readouts").rglob("*.py")]
    sources += [Path(drf_spectacular.views.__file__), Path(rest_framework.pagination.__file__)]
    names = set()
    for source in sources:
        for match in _READ.finditer(source.read_text()):
            names.add(match[1] or match[2])
    return names


FILTERS = filter_parameters()
# Valid values of the parameters the views read themselves.
PAGING = {"page": ["1", "2"], "page_size": ["1", "100"], "order": ["date"]}
QUERY_PARAMETERS = sorted(
    {*FILTERS, *read_parameters(), "page", "page_size", "q", "order", "ordering", "format", "version", "lang"}
)

# ---- Hostile values ---------------------------------------------------------------------------

HOSTILE = [
    "",
    "\x00",
    "a\x00b",
    "\r\n",
    "x\r\nSet-Cookie: evil=1",
    "x\";filename=evil.html",
    " ",
    "\t",
    "x" * 3000,
    "y" * 20_000,
    "word " * 400,
    "9" * 400,
    # Search-engine operators, alone and unbalanced.
    "AND", "OR", "NOT", "NEAR", "-", "--", '"', '"""', "'", "*", ":", "(", ")", "~", "^", "NEAR(a b, 3)",
    'a AND (b OR "c', "-(a", "a:*", "title:x", "\"unbalanced", "'unbalanced", "a OR OR b", "- - -",
    "a ~2", "a^3", "a NEAR/2 b", "!!", "&|", "a & !b | c", "<->", "a <-> b", "a:* & b:*",
    # Numbers.
    "0", "00", "0000", "13", "32", "99", "9999", "-1", "-0", "1e309", "NaN", "inf", "1" * 40, "0x10", "1.5",
    "2147483648", "9223372036854775808", "-9223372036854775809", "١٢", "²",
    # Dates.
    "2025-02-30", "99999-01-01", "0000-00-00", "0001-01-01", "9999-12-31", "2025-13-01", "2025-00-10",
    "-2025-01-01", "2025-1-1", "31/12/2025", "2025-02-29",
    # Unicode oddities.
    "\u202eevil", "\u200f\u200e", "e\u0301\u0301\u0301", "\ufeff", "\ufffd", "\U0001f600", "ﬁ", "İ", "ß",
    "\u0000\u0001\u007f\u0085\u2028", "%uD800", "\\ud800\\udc00",
    # Injection.
    "' OR 1=1 --", "'; DROP TABLE readouts_readout; --", "1 UNION SELECT NULL", "%", "%%", "_", "\\",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}", "{% debug %}", "${7*7}",
    "../../etc/passwd", "javascript:alert(1)", "\\x00",
]
# Percent-escapes that are not UTF-8 (a lone byte, an escaped surrogate, an overlong slash).
RAW = [b"\xff", b"\xfe\xff", b"a\x80b", b"\xed\xa0\x80", b"\xc0\xaf", b"\x00"]


def hostile_values(valid=()):
    return st.one_of(
        st.sampled_from(HOSTILE),
        st.sampled_from(RAW),
        st.text(st.characters(codec="utf-8"), max_size=40),
        st.binary(max_size=12),
        *([st.sampled_from(valid)] if valid else []),
        st.tuples(st.sampled_from(HOSTILE), st.sampled_from([*valid, *HOSTILE])).map("".join),
    )


def encode(value):
    """Percent-encoded, byte for byte for bytes (which need not be UTF-8)."""
    return quote(value, safe="")


# ---- The archive ------------------------------------------------------------------------------


@pytest.fixture
def archive(db, page_cache):
    """Two published readouts and a draft sharing a person, a country and a topic, with
    statements and commitments, indexed for search; served through the page cache, as readers
    are (the cache reads the query string first)."""
    person, country, topic = make_person(), make_organization(), make_topic()
    make_topic(parent=topic, kind="place")
    readouts = [
        make_readout(date=datetime.date(2025, 3, 19), topics=[topic], organizations=[country]),
        make_readout(date=datetime.date(2024, 12, 31), topics=[topic], organizations=[country], format="meeting"),
        make_readout(
            title=DRAFT_TITLE, date=datetime.date(2025, 3, 20), topics=[topic], organizations=[country],
            status=Readout.Status.DRAFT,
        ),
    ]
    for readout in readouts:
        make_participant(readout, person, represented=country)
        statement = make_statement(readout, speakers=[person], text=f"Both sides discussed {readout.title}.")
        make_commitment(readout, actor_people=[person], statement=statement)
    rebuild()
    return readouts


def path_strategies(parts, readouts):
    """The path of one pattern: real values (every object's) or hostile ones in each parameter."""
    parameters = {name: regex for kind, name, regex in parts if kind == "parameter"}
    real = _real_values(readouts)
    if set(parameters) - set(real):
        raise LookupError(f"No values to fuzz the path parameters {set(parameters) - set(real)} with.")
    per_parameter = st.fixed_dictionaries(
        {name: _parameter_values(regex, real[name]) for name, regex in parameters.items()}
    )
    coherent = _coherent_values(parameters, real, readouts)
    # Whole real addresses half of the time, which a mix of values per parameter rarely makes.
    strategy = st.one_of(st.sampled_from(coherent), per_parameter) if coherent else per_parameter
    return strategy.map(lambda values: _path(parts, values))


def edge_paths(parts, readouts):
    """A real address with, in turn, each hostile value its regex lets through in each parameter."""
    parameters = {name: regex for kind, name, regex in parts if kind == "parameter"}
    real = _real_values(readouts)
    base = (_coherent_values(parameters, real, readouts) or [{}])[0]
    return [
        _path(parts, {**base, name: value})
        for name, regex in parameters.items()
        for value in HOSTILE
        if re.fullmatch(regex, value)
    ]


def _coherent_values(parameters, real, readouts):
    """Parameters of real addresses (a readout's date with its slug, a person's slug…)."""
    coherent = [
        {"year": f"{r.date:%Y}", "month": f"{r.date:%m}", "day": f"{r.date:%d}", "slug": r.slug} for r in readouts
    ]
    coherent += [{"year": values["year"], "month": values["month"]} for values in coherent]
    coherent += [{"year": values["year"]} for values in coherent]
    coherent += [{name: value} for name, values in real.items() for value in values]
    coherent += [{"first": first, "second": second} for first, second in zip(real["first"], real["first"][1:])]
    return [values for values in coherent if set(values) == set(parameters)]


def _parameter_values(regex, real):
    """Real values, and hostile ones: most often those the resolver lets through (0000 for a
    year, 99 for a month), which reach the view."""
    let_through = [value for value in HOSTILE if re.fullmatch(regex, value)]
    return st.one_of(
        st.sampled_from(real),
        *([st.sampled_from(let_through)] if let_through else []),
        st.from_regex(regex, fullmatch=True, alphabet=st.characters(codec="utf-8")),
        hostile_values(),
    )


def _real_values(readouts):
    slugs = [
        *Person.objects.values_list("slug", flat=True),
        *Organization.objects.values_list("slug", flat=True),
        *Topic.objects.values_list("slug", flat=True),
        *(readout.slug for readout in readouts),
    ]
    pks = {*Readout.objects.values_list("pk", flat=True), *Commitment.objects.values_list("pk", flat=True)}
    pks |= {pk for model in (Person, Organization, Topic) for pk in model.objects.values_list("pk", flat=True)}
    dates = [readout.date for readout in readouts]
    return {
        "slug": slugs,
        # A pair of organizations or people (/relations/<first>/<second>/).
        "first": slugs,
        "second": slugs,
        "pk": sorted(str(pk) for pk in pks),
        "year": sorted({f"{date:%Y}" for date in dates}),
        "month": sorted({f"{date:%m}" for date in dates}),
        "day": sorted({f"{date:%d}" for date in dates}),
        "section": sorted(SITEMAPS),
        "path": ["readouts/", "x/y/", "schema/x/"],
    }


def _path(parts, values):
    return "/" + "".join(encode(values[text]) if kind == "parameter" else text for kind, text, _ in parts)


def query_strategy():
    """A query string of up to six parameters: the filters', the views', and unknown ones."""
    names = list(QUERY_PARAMETERS)
    valid = {name: sorted({*PAGING.get(name, []), *(v for f in FILTERS.get(name, []) for v in valid_values(f))})
             for name in names}
    pair = st.one_of(
        st.sampled_from(names).flatmap(lambda name: st.tuples(st.just(name), hostile_values(valid[name]))),
        st.tuples(hostile_values(), hostile_values()),  # unknown parameters, hostile names
    )
    pairs = st.lists(pair, max_size=6).map(
        lambda pairs: "&".join(f"{encode(name)}={encode(value)}" for name, value in pairs)
    )
    # More parameters than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS).
    too_many = (django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or 1000) + 1
    return st.one_of(pairs, st.just("&".join(["page=1"] * too_many)))


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
def test_no_address_or_parameter_gives_a_server_error_or_shows_a_draft(client, archive, pattern):
    parts = PATTERNS[pattern]

    def check(url):
        # The test client raises any exception a view lets through.
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert response.status_code < 500, url
        assert DRAFT_TITLE.encode() not in content, url
        if pattern == "readouts:readout_preview":
            assert response.status_code == 404, url

    # Every hostile value the resolver lets through, in each path parameter in turn: too few
    # to leave to chance (0000 for a year, 13 for a month, 2**63 for an id).
    for path in edge_paths(parts, archive):
        check(path)

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(address=st.tuples(path_strategies(parts, archive), query_strategy()))
    def run(address):
        path, query = address
        check(f"{path}?{query}" if query else path)

    run()


def test_every_public_page_is_fuzzed():
    """The walk over the URLconfs finds the pages (none lost to an include it cannot read)."""
    names = {name for name in PATTERNS if ":" in name}
    for expected in ["readouts:home", "readouts:readout_detail", "readouts:readout_preview", "readouts:search",
                     "api:schema", "api:readout-list", "api:readout-detail", "syndication:sitemap_section",
                     "syndication:readouts_rss", "downloads:readouts_csv"]:
        assert expected in names
    assert not any(name.startswith("admin") for name in PATTERNS)
    assert {"date_after", "date_before", "person", "organization", "topic", "format", "statement_kind",
            "status", "kind", "q", "ordering", "page", "page_size"} <= set(QUERY_PARAMETERS)
