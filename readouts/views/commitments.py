from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from .. import charts, tracker
from ..filters import OPEN, OVERDUE, CommitmentFilter
from ..models import Commitment, CommitmentStatus, CommitmentUpdate, Person
from . import names
from .paging import paginate


def _with_actors(commitments):
    return commitments.select_related("readout", "statement").prefetch_related(
        "actor_people", "actor_organizations"
    )


def _filtered(request):
    commitments = Commitment.objects.published().order_by("-readout__date", "-readout__id", "position", "id")
    filterset = CommitmentFilter(request.GET, queryset=_with_actors(commitments))
    return filterset, filterset.is_valid()


def _link(query, **changes):
    """The commitment list's address with the query's filters, changed: a value of None drops
    the filter. Any page number is dropped, as the list found is another."""
    query = query.copy()
    for name in ["page", *changes]:
        query.pop(name, None)
    for name, value in changes.items():
        if value is not None:
            query[name] = value
    address = reverse("readouts:commitment_list")
    return f"{address}?{query.urlencode()}" if query else address


def _linked_tallies(query, tallies, chosen):
    """The tallies, each with the address of the list it counts: the query's other filters and
    that status or group, for the tallies count every status of what those filters find."""
    status, group = chosen.get("status"), chosen.get("group")
    statuses = {value: (label, n) for value, label, n in tallies["statuses"]}
    return {
        "total": tallies["total"],
        "total_url": _link(query, status=None, group=None),
        "overdue": tallies["overdue"],
        "overdue_url": _link(query, status=OVERDUE, group=None),
        "overdue_current": status == OVERDUE,
        "groups": [
            {
                "key": key,
                "label": label,
                "count": n,
                "url": _link(query, status=None, group=key),
                "current": group == key,
                "statuses": [
                    {
                        "value": value,
                        "label": statuses[value][0],
                        "count": statuses[value][1],
                        "url": _link(query, status=value, group=None),
                        "current": status == value,
                    }
                    for value in members
                    if statuses[value][1]
                ],
            }
            for (key, label, members), (_, _, n) in zip(CommitmentStatus.groups(), tallies["groups"])
        ],
    }


def _found(tallies, chosen):
    """How many commitments the list finds, as the tallies of what the other filters find count
    them (sparing the list a count of its own); None when a status and an outcome are both
    chosen, which no tally counts."""
    status, group = chosen.get("status"), chosen.get("group")
    if status and group:
        return None
    if status == OVERDUE:
        return tallies["overdue"]
    if status == OPEN:
        group = "pending"  # CommitmentStatus.groups() makes the open statuses this group
    elif status:
        return dict((value, n) for value, _, n in tallies["statuses"])[status]
    if group:
        return dict((key, n) for key, _, n in tallies["groups"])[group]
    return tallies["total"]


def _page(request, filterset, count):
    """The page of the commitments found: with an actor chosen, its ids from the actor's rows
    (CommitmentFilter.actor_ids()), then only the page's commitments."""
    ids = filterset.actor_ids()
    if ids is None:
        return paginate(request, filterset.qs, count=count)
    page = paginate(request, ids, count=count)
    ids = list(page.object_list)
    by_pk = {commitment.pk: commitment for commitment in _with_actors(Commitment.objects.filter(pk__in=ids))}
    page.object_list = [by_pk[pk] for pk in ids if pk in by_pk]
    return page


def _whole_archive(chosen):
    return not set(chosen) - set(CommitmentFilter.OUTCOME)


def commitment_list(request):
    filterset, valid = _filtered(request)
    if valid and (moved := names.by_slug(request, filterset)):
        return moved
    context = {"filterset": filterset, "page": None, "tallies": None}
    if valid:
        chosen = filterset.chosen()
        whole = _whole_archive(chosen)
        # Every outcome of what the other filters find, by month: the tallies and the chart.
        if whole:
            counts = tracker.archive_counts()
        elif actor := filterset.lone_actor():
            counts = tracker.actor_counts(actor, monthly=True)
        else:
            counts = tracker.counts(filterset.counted(), monthly=True)
        tallies = tracker.tallied(counts)
        context["tallies"] = _linked_tallies(request.GET, tallies, chosen)
        context["outcomes"] = charts.status_over_time(counts)
        context["page"] = _page(request, filterset, count=_found(tallies, chosen))
        context["table_url"] = _table_link(request.GET)
    return render(request, "readouts/commitment_list.html", context, status=200 if valid else 400)


def _table_link(query):
    query = query.copy()
    for name in ["page", *CommitmentFilter.OUTCOME]:
        query.pop(name, None)
    address = reverse("readouts:commitment_table")
    return f"{address}?{query.urlencode()}" if query else address


def commitment_table(request):
    """Who committed what: the actors with the most commitments among those the filters find,
    by outcome group, each count linked to the list of the commitments it counts."""
    filterset, valid = _filtered(request)
    if valid and (moved := names.by_slug(request, filterset)):
        return moved
    context = {"filterset": filterset, "table": None, "outcome": CommitmentFilter.OUTCOME}
    if valid:
        chosen = filterset.chosen()
        if _whole_archive(chosen):
            table = tracker.archive_actor_table()
        else:
            table = tracker.actor_table(
                filterset.without_outcome(), person=chosen.get("person"), organization=chosen.get("organization")
            )
        rows = []
        for actor, counts in table["rows"]:
            kind = "person" if isinstance(actor, Person) else "organization"

            def link(status=None, group=None, kind=kind, actor=actor):
                return _link(request.GET, **{kind: actor.slug, "status": status, "group": group})

            cells = [(counts[key], link(group=key)) for key, _ in table["groups"]]
            rows.append({
                "actor": actor,
                "kind": kind,
                "cells": cells,
                "total": (counts["total"], link()),
                "overdue": (counts["overdue"], link(status=OVERDUE)),
            })
        context.update(
            table={"rows": rows, "groups": table["groups"], "more": table["more"]},
            list_url=_link(request.GET, status=None, group=None),
        )
    return render(request, "readouts/commitment_table.html", context, status=200 if valid else 400)


def commitment_detail(request, pk):
    """Commitments of draft readouts do not exist for the public."""
    commitment = get_object_or_404(
        _with_actors(Commitment.objects.published()).prefetch_related(
            "sources",
            Prefetch("updates", queryset=CommitmentUpdate.objects.select_related("evidence").prefetch_related("sources")),
        ),
        pk=pk,
    )
    return render(request, "readouts/commitment_detail.html", {"commitment": commitment})
