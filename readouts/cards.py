"""Readouts as list entries show them: every list of readouts (home, lists, archives, search,
feeds, API) makes its entries here."""

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from .models import Participant, ParticipantRole, Statement, Topic


def readout_cards(readouts):
    """The readouts with their principals, topics and number of statements.

    Three queries for any number of readouts (the list, principals, topics). The statements are
    counted by a subquery, not a join and GROUP BY: the database then counts them for the page's
    readouts only, and the paginator's COUNT(*) reads the readouts alone.
    """
    principals = Participant.objects.filter(role__in=[ParticipantRole.PRINCIPAL, ParticipantRole.HOST])
    statements = (
        Statement.objects.filter(readout=OuterRef("pk")).order_by().values("readout").annotate(n=Count("pk")).values("n")
    )
    return readouts.annotate(statement_count=Coalesce(Subquery(statements), 0)).prefetch_related(
        Prefetch("participants", queryset=principals.select_related("person"), to_attr="principals"),
        # Themes before places.
        Prefetch("topics", queryset=Topic.objects.order_by("-kind", "name")),
    )
