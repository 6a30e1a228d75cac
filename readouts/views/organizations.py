from django.db.models import Count, OuterRef, Q, Subquery, Window
from django.db.models.functions import Coalesce
from django.shortcuts import render

from .. import charts, figures, membership, relations
from ..commitment_lists import actor_commitments
from ..models import Organization, OrganizationKind, Person, Representative
from ..models.entities import PERSON_SORT_KEY
from .moved import moved_or_404
from .paging import paginate_readout_ids


PEOPLE_SHOWN = 30

GROUP_HEADINGS = {
    OrganizationKind.COUNTRY: "Countries",
    OrganizationKind.GOVERNMENT_BODY: "Government bodies",
    OrganizationKind.INTERNATIONAL: "International organizations",
    OrganizationKind.MEDIA: "News organizations",
    OrganizationKind.OTHER: "Other organizations",
}


def organization_list(request):
    """Every organization with its count of published readouts, grouped by kind."""
    organizations = figures.with_counts(
        Organization.objects.public().select_related("parent"), figures.readout_counts(Organization)
    )
    groups = {kind: [] for kind in GROUP_HEADINGS}
    for organization in organizations:
        groups[organization.kind].append(organization)
    context = {"groups": [(GROUP_HEADINGS[kind], members) for kind, members in groups.items() if members]}
    return render(request, "readouts/organization_list.html", context)


def organization_detail(request, slug):
    try:
        organization = Organization.objects.public().select_related("parent", "count").get(slug=slug)
    except Organization.DoesNotExist:
        return moved_or_404(request, "organization")
    context = {
        "organization": organization,
        "per_month": charts.engagements_per_month(organization),
        "children": figures.counted_public(organization.children),
        **_people(organization),
        "page": paginate_readout_ids(
            request,
            membership.appearances(organization).values_list("readout", flat=True),
            count=organization.count.readouts,
        ),
        "counterparts": relations.counterparts(organization),
        **actor_commitments(organization),
    }
    return render(request, "readouts/organization_detail.html", context)


def _people(organization):
    """The PEOPLE_SHOWN people who represented the organization most often (a country's run into
    the hundreds), among its people and those who represented it, each with how often, and how
    many there are in all: one query, which counts them beside the first (COUNT(*) OVER ())."""
    represented_it = Representative.objects.filter(organization=organization)
    times = represented_it.filter(person=OuterRef("pk")).values("readouts")
    people = list(
        Person.objects.public()
        .filter(Q(organization=organization) | Q(pk__in=represented_it.values("person")))
        .annotate(times=Coalesce(Subquery(times), 0), total=Window(Count("pk")))
        .order_by("-times", PERSON_SORT_KEY, "name")[:PEOPLE_SHOWN]
    )
    return {"people": people, "people_count": people[0].total if people else 0}
