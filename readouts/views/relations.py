"""The page of a pair: two countries, organizations or people, and their engagements."""

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string

from .. import caching, charts, relations
from .paging import paginate_readout_ids


def relation_detail(request, first, second):
    """The other order of the two slugs, or a slug its owner has left, answers 301 to the pair's
    own address (the query string kept); an unknown slug, or one entity twice, 404.

    Only the page of engagements changes with the page number: the contact timeline (up to
    TIMELINE_MARKS links) and the lists by side are rendered once (_keeper), and a later view
    reads neither the engagements' ids nor their statements, commitments and discrepancies."""
    pair = relations.find(first, second)
    if pair is None:
        raise Http404("No such pair of organizations or people.")
    if pair.slugs != (first, second):
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(pair.get_absolute_url() + (f"?{query}" if query else ""))
    kept = _keeper(pair)
    figures = kept("", pair.figures)
    sides = [
        {
            "side": side,
            "statement_count": figures["statements"][index],
            "people": figures["people"][index][0],
            "people_count": figures["people"][index][1],
        }
        for index, side in enumerate(pair.sides)
    ]
    commitment_count = sum(n for _, _, n in figures["commitments"])
    engagement_count = sum(n for _, n in figures["years"])

    def draw_timeline():
        chart = charts.contact_timeline(pair.newest(charts.TIMELINE_MARKS), total=engagement_count)
        return render_to_string("readouts/_chart.html", {"chart": chart})

    def render_lists():
        for shown, (_, statements) in zip(sides, pair.statements()):
            shown["statements"] = statements
        return render_to_string(
            "readouts/_relation_lists.html",
            {
                "sides": sides,
                "figures": figures,
                "commitments": pair.commitments() if commitment_count else [],
                "commitment_count": commitment_count,
                "discrepancies": pair.discrepancies() if figures["discrepancies"] else [],
                "discrepancy_count": figures["discrepancies"],
            },
        )

    timeline = kept(":timeline", draw_timeline)
    lists = kept(":lists", render_lists)
    context = {
        "pair": pair,
        # Counted by year already: the paginator need not count them again. After the figures,
        # timeline and lists, which may have read every engagement's id.
        "page": paginate_readout_ids(request, pair.page_ids(), count=engagement_count),
        "timeline": timeline,
        "per_month": charts.per_month(figures["months"], title="Engagements per month", description_noun="readout"),
        "figures": figures,
        "sides": sides,
        "lists": lists,
        "commitment_count": commitment_count,
        "discrepancy_count": figures["discrepancies"],
        "list_url": pair.list_url(),
    }
    return render(request, "readouts/relation_detail.html", context)


# How long a pair's figures and fragments are kept under its version: the key names all they
# depend on, so this only bounds memory (an edition lasts minutes on a busy day; a pair's
# readouts change far less often).
KEPT_SECONDS = 24 * 3600


def _keeper(pair):
    """kept(suffix, compute): the pair's figures and fragments, computed once per version of
    the pair (Pair.version()) and deployment, so that an edit elsewhere in the archive leaves
    them be; once per edition for a pair without a version."""
    version = pair.version()
    if version is None:
        return lambda suffix, compute: caching.figures(f"relation:{pair.key}{suffix}", compute)
    prefix = f"relation:{pair.key}:v{version}:{caching.release()}"
    return lambda suffix, compute: caching.kept(prefix + suffix, compute, KEPT_SECONDS)
