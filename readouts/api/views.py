"""The open JSON API: read-only, anonymous, published readouts only (and only what they hold).

Each list and each object runs a fixed number of queries whatever the archive's size: lists
preload a page's nested objects together, and counts of readouts per organization or topic
are made for the page's objects only, after paging.
"""

import re
from contextlib import nullcontext

from django.db.models import Prefetch
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import ReadOnlyModelViewSet

from .. import figures, origin, readout_page
from ..cards import readout_cards
from ..models import Commitment, CommitmentUpdate, Organization, Person, Readout, Topic
from ..models.entities import PERSON_SORT_KEY
from ..search import planned
from . import serializers
from .filters import (
    CommitmentAPIFilter,
    OrganizationAPIFilter,
    ReadoutAPIFilter,
    TopicAPIFilter,
)

PUBLISHED = Readout.Status.PUBLISHED
# Ids are 64-bit: a longer number names no object (and PostgreSQL would refuse to compare it).
ID = re.compile(r"[0-9]{1,18}")

ERROR = inline_serializer("Error", fields={"detail": drf_serializers.CharField()})
NOT_FOUND = OpenApiResponse(ERROR, description="No such object, or no such page.")
BAD_FILTER = OpenApiResponse(
    {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    description="A filter or page size could not be understood: the errors, by parameter.",
)


def documented(list_serializer, detail_serializer, noun):
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {noun}", responses={200: list_serializer(many=True), 400: BAD_FILTER, 404: NOT_FOUND}
        ),
        retrieve=extend_schema(summary=f"One of the {noun}, by id", responses={200: detail_serializer, 404: NOT_FOUND}),
    )


class ArchiveViewSet(ReadOnlyModelViewSet):
    """Lists filter and paginate; a single object is looked up by id, never filtered."""

    list_serializer_class = None

    def get_serializer_class(self):
        if self.action == "list" and self.list_serializer_class:
            return self.list_serializer_class
        return self.serializer_class

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_object(self):
        if not ID.fullmatch(self.kwargs["pk"]):
            raise NotFound("No such object.")
        return super().get_object()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self.complete(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.complete([instance])
        return Response(self.get_serializer(instance).data)

    def complete(self, objects):
        """Add what is counted for a page's objects, or the one object, at once (readout counts)."""


@documented(serializers.ReadoutListSerializer, serializers.ReadoutSerializer, "published readouts")
class ReadoutViewSet(ArchiveViewSet):
    """Published readouts, newest first (or best match first, with `q`), filtered as on /readouts/."""

    filterset_class = ReadoutAPIFilter
    list_serializer_class = serializers.ReadoutListSerializer
    serializer_class = serializers.ReadoutSerializer

    def get_queryset(self):
        published = Readout.objects.published()
        if self.action == "list":
            return readout_cards(published.newest_first())
        # Its commitments whole; the page's list of what it is evidence for is not part of the answer.
        return readout_page.preload(published, commitments=commitment_queryset(Commitment.objects.all()), evidence=False)

    def list(self, request, *args, **kwargs):
        # The search's queries are planned as on /search/ (readouts.search.planned).
        with planned() if request.query_params.get("q") else nullcontext():
            return super().list(request, *args, **kwargs)


def commitment_queryset(commitments):
    updates = CommitmentUpdate.objects.select_related("evidence").prefetch_related("sources")
    return commitments.prefetch_related(
        "actor_people", "actor_organizations", "sources", Prefetch("updates", queryset=updates)
    )


@documented(serializers.PersonSerializer, serializers.PersonSerializer, "people")
class PersonViewSet(ArchiveViewSet):
    """Everyone in the archive, alphabetically, as on /people/."""

    serializer_class = serializers.PersonSerializer
    filterset_class = None

    def get_queryset(self):
        return Person.objects.public().select_related("organization__count").order_by(PERSON_SORT_KEY, "name", "id")

    def complete(self, people):
        figures.counted(people)


@documented(serializers.OrganizationSerializer, serializers.OrganizationSerializer, "organizations")
class OrganizationViewSet(ArchiveViewSet):
    """Countries, government bodies and international organizations, by name; `?kind=` narrows them."""

    serializer_class = serializers.OrganizationSerializer
    filterset_class = OrganizationAPIFilter

    def get_queryset(self):
        return Organization.objects.public().select_related("parent").order_by("name", "id")

    def complete(self, organizations):
        figures.counted(organizations)


@documented(serializers.TopicSerializer, serializers.TopicSerializer, "topics")
class TopicViewSet(ArchiveViewSet):
    """Themes and places, by name; `?kind=` narrows them."""

    serializer_class = serializers.TopicSerializer
    filterset_class = TopicAPIFilter

    def get_queryset(self):
        return Topic.objects.public().select_related("parent").order_by("name", "id")

    def complete(self, topics):
        figures.counted(topics)


@documented(serializers.CommitmentSerializer, serializers.CommitmentSerializer, "commitments of published readouts")
class CommitmentViewSet(ArchiveViewSet):
    """Commitments of published readouts, newest readout first, filtered as on /commitments/."""

    serializer_class = serializers.CommitmentSerializer
    filterset_class = CommitmentAPIFilter

    def get_queryset(self):
        commitments = Commitment.objects.published().select_related("readout")
        return commitment_queryset(commitments).order_by("-readout__date", "-readout__id", "position", "id")


@extend_schema(exclude=True)
class APIRootView(APIView):
    """Where everything is: the lists and the OpenAPI description. A DRF view, so that a browser
    gets it as the browsable API's first page."""

    def get(self, request):
        names = ["readout", "person", "organization", "topic", "commitment"]
        plurals = ["readouts", "people", "organizations", "topics", "commitments"]
        links = {plural: origin.absolute(reverse(f"api:{name}-list")) for name, plural in zip(names, plurals)}
        links["schema"] = origin.absolute(reverse("api:schema"))
        return Response(links)

    def get_view_description(self, html=False):
        """In the browsable API, also where the API is explained: its schema and docs/api.md."""
        if not html:
            return super().get_view_description(html)
        return format_html(
            "<p>The archive's published readouts, people, organizations, topics and commitments: "
            "read-only, anonymous, in JSON for programs (this page is for browsers).</p>"
            '<p>The OpenAPI 3 description: <a href="{}">{}</a>. Every endpoint, filter and answer '
            "is explained in <code>docs/api.md</code>, in the archive's source.</p>",
            reverse("api:schema"),
            reverse("api:schema"),
        )


def not_found(request, path=""):
    """Any other address under /api/: a 404 in JSON, as the API's own."""
    return JsonResponse({"detail": "Not found."}, status=404)
