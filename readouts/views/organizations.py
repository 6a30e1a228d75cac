from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render

from .. import charts, figures, membership, relations, tracker
from ..commitment_lists import latest_commitments
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
    children = organization.children.public()
    represented_it = Representative.objects.filter(organization=organization)
    times = represented_it.filter(person=OuterRef("pk")).values("readouts")
    people = Person.objects.public().filter(Q(organization=organization) | Q(pk__in=represented_it.values("person")))
    context = {
        "organization": organization,
        "per_month": charts.engagements_per_month(organization),
        "children": figures.counted(children),
        # A country's people run into the hundreds: those who represented it most often first.
        "people": people.annotate(times=Coalesce(Subquery(times), 0)).order_by("-times", PERSON_SORT_KEY, "name")[
            :PEOPLE_SHOWN
        ],
        "people_count": people.count(),
        "page": paginate_readout_ids(
            request,
            membership.appearances(organization).values_list("readout", flat=True),
            count=organization.count.readouts,
        ),
        "counterparts": relations.counterparts(organization),
    }
    context.update(latest_commitments(organization))
    context["scorecard"] = tracker.scorecard(organization)
    return render(request, "readouts/organization_detail.html", context)
