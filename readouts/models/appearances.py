"""Who and what appears in each published readout: one row per (person, readout), (organization,
readout) and (topic, readout), with the readout's date.

They hold nothing an editor typed: readouts/derived.py derives them with the meaning
readouts.membership gives "a readout of" a person, organization or topic, and rewrites a
readout's rows when a transaction that changed what that meaning follows commits. The pages of
a person, an organization or a topic, and the list's filters, read them instead
(Readout.objects.published().of(entity)): a leader's readouts, newest first, are then the first
rows of one index, where they were a join of thousands of participations to readouts, sorted
(half a second for a country at 100,000 readouts).
"""

from django.db import models

from .commitments import CommitmentVerbs
from .readouts import ReadoutVerbs


class AppearanceQuerySet(ReadoutVerbs, models.QuerySet):
    readout = "readout"


class Appearance(models.Model):
    readout = models.ForeignKey("Readout", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()  # the readout's, so that the entity's index is in date order

    objects = AppearanceQuerySet.as_manager()

    class Meta:
        abstract = True
        default_permissions = ()  # kept by the application, never by editors


class PersonAppearance(Appearance):
    """A published readout is of a person (readouts.membership): they took part, spoke, were quoted or committed."""

    # person_appearance_with_idx, which starts with the readout, serves the foreign key's look-ups.
    readout = models.ForeignKey("Readout", on_delete=models.CASCADE, related_name="+", db_index=False)
    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="appearances")
    entity_field = "person"

    class Meta(Appearance.Meta):
        constraints = [models.UniqueConstraint(fields=["person", "readout"], name="person_appearance_unique")]
        indexes = [
            # A person's readouts, newest first, and their count; the list's person filter.
            models.Index(fields=["person", "-date", "-readout"], name="person_appearance_date_idx"),
            # "Met most often": who else appears in the same readouts.
            models.Index(fields=["readout", "person"], name="person_appearance_with_idx"),
        ]


class OrganizationAppearance(Appearance):
    """A published readout is of an organization (readouts.membership), itself or a body inside it."""

    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="appearances")
    entity_field = "organization"

    class Meta(Appearance.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organization", "readout"], name="org_appearance_unique")
        ]
        indexes = [
            # An organization's readouts, newest first, their count and its bodies' counts.
            models.Index(fields=["organization", "-date", "-readout"], name="org_appearance_date_idx"),
        ]


class TopicAppearance(Appearance):
    """A published readout is about a topic (readouts.membership): tagged with it or one of its subtopics."""

    topic = models.ForeignKey("Topic", on_delete=models.CASCADE, related_name="appearances")
    entity_field = "topic"

    class Meta(Appearance.Meta):
        constraints = [models.UniqueConstraint(fields=["topic", "readout"], name="topic_appearance_unique")]
        indexes = [
            # A topic's readouts, newest first, their count and its subtopics' counts.
            models.Index(fields=["topic", "-date", "-readout"], name="topic_appearance_date_idx"),
        ]


class PersonRole(Appearance):
    """The title a person held in a published readout and whom they represented there: their
    participant rows' (there may be more than one), without the role itself."""

    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300, blank=True)
    represented = models.ForeignKey("Organization", null=True, on_delete=models.CASCADE, related_name="+")

    class Meta(Appearance.Meta):
        indexes = [
            # A person's titles with the first and last date they held each.
            models.Index(fields=["person", "title", "date"], name="person_role_title_idx"),
            # The people who represented an organization.
            models.Index(fields=["represented", "person"], name="person_role_represented_idx"),
            # Who represented whom in a set of readouts (a pair's sides), from the index alone.
            models.Index(fields=["readout", "represented", "person"], name="person_role_readout_idx"),
        ]


class CommitmentRowQuerySet(CommitmentVerbs, AppearanceQuerySet):
    commitment = "commitment"
    made_on = "date"

    def published(self):
        return self  # only published readouts' commitments have rows


class CommitmentAppearance(Appearance):
    commitment = models.ForeignKey("Commitment", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()  # the commitment's, its order within the readout
    # The commitment's, under its own names, so that an actor's tallies (readouts.tracker) count
    # these rows alone, by the same conditions as the commitments'.
    status = models.CharField(max_length=30)
    due_date = models.DateField(null=True, blank=True)

    objects = CommitmentRowQuerySet.as_manager()

    class Meta(Appearance.Meta):
        abstract = True


class PersonCommitment(CommitmentAppearance):
    """A person is among the actors of a published readout's commitment."""

    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    entity_field = "person"

    class Meta(CommitmentAppearance.Meta):
        constraints = [models.UniqueConstraint(fields=["person", "commitment"], name="person_commitment_unique")]
        indexes = [
            # A person's newest commitments, and their count.
            models.Index(fields=["person", "-date", "-readout", "position"], name="person_commitment_date_idx"),
            # A person's tallies and outcomes by month, from the index alone (once
            # vacuumed: PostgreSQL reads the table for rows its visibility map does not cover).
            models.Index(fields=["person", "status", "due_date", "date"], name="person_commitment_tally_idx"),
        ]


class OrganizationCommitment(CommitmentAppearance):
    """An organization, or a body inside it, is among the actors of a published readout's
    commitment: a country's rows are its own commitments and its bodies'."""

    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="+")
    entity_field = "organization"

    class Meta(CommitmentAppearance.Meta):
        constraints = [models.UniqueConstraint(fields=["organization", "commitment"], name="org_commitment_unique")]
        indexes = [
            # An organization's newest commitments, and their count.
            models.Index(fields=["organization", "-date", "-readout", "position"], name="org_commitment_date_idx"),
            # An organization's tallies and outcomes by month, from the index alone (once
            # vacuumed: PostgreSQL reads the table for rows its visibility map does not cover).
            models.Index(fields=["organization", "status", "due_date", "date"], name="org_commitment_tally_idx"),
        ]


class CommitmentMonth(models.Model):
    """How many of an actor's commitment rows have a status and were made in a month (that of
    the readout that recorded them), counted again for the actors of every readout that changes
    (readouts/derived.py): what the actor's scorecard and tracker count (tracker.actor_counts()),
    a country's 3,800 months and statuses where it has 22,000 rows at 100,000 readouts."""

    month = models.DateField()  # its first day
    status = models.CharField(max_length=30)
    commitments = models.PositiveIntegerField()

    class Meta:
        abstract = True
        default_permissions = ()


class PersonCommitmentMonth(CommitmentMonth):
    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    entity_field = "person"

    class Meta(CommitmentMonth.Meta):
        constraints = [
            models.UniqueConstraint(fields=["person", "month", "status"], name="person_commitment_month_unique")
        ]


class OrganizationCommitmentMonth(CommitmentMonth):
    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="+")
    entity_field = "organization"

    class Meta(CommitmentMonth.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organization", "month", "status"], name="org_commitment_month_unique")
        ]


class PersonPair(models.Model):
    """How many published readouts two people took part in together ("met most often"), one row
    each way. Counted again from the participants' rows (PersonRole) for the people of every
    readout that changes (readouts/derived.py)."""

    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    readouts = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["person", "other"], name="person_pair_unique")]
        indexes = [
            # The people a person met most often.
            models.Index(fields=["person", "-readouts"], name="person_pair_readouts_idx"),
        ]


class OrganizationPair(models.Model):
    """How many published readouts an organization shares with each counterpart ("most frequent
    counterparts"). A counterpart is a top-level organization (a country, an international
    organization: one with no parent), not a news organization, other than the top of the
    organization's own tree: the White House's counterparts are Russia and Ukraine, not the
    United States or the Oval Office. Counted from the organizations' appearance rows (a readout
    of the Kremlin is one of Russia too), again for the organizations of every readout that
    changes (readouts/derived.py). Between two top-level organizations there is a row each way."""

    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="+")
    readouts = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["organization", "other"], name="organization_pair_unique")]
        indexes = [
            # An organization's most frequent counterparts.
            models.Index(fields=["organization", "-readouts"], name="organization_pair_readouts_idx"),
        ]


class PairFigures(models.Model):
    """The figures of a large pair's page (relations.Pair.count_figures(), stored as JSON) and
    its head, what it lists of the newest engagements (Pair.count_head()): two organizations,
    the second a counterpart of the first (OrganizationPair) with at least relations.STORED_FROM
    readouts together, which take 60-140 ms to count at 100,000 readouts. Written again for
    the pairs of the organizations of every readout that changes (readouts/derived.py); a
    smaller pair's page counts its own. One row a pair, the lower id first."""

    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="+")
    figures = models.JSONField()
    # Null in the rows migration 0025 found, until rebuild_derived writes them again.
    head = models.JSONField(null=True)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["organization", "other"], name="pair_figures_unique"),
            models.CheckConstraint(condition=models.Q(organization__lt=models.F("other")), name="pair_figures_order"),
        ]


class Representative(models.Model):
    """How many published readouts a person represented an organization in. Counted again from
    the roles for the people of every readout that changes (readouts/derived.py)."""

    organization = models.ForeignKey("Organization", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("Person", on_delete=models.CASCADE, related_name="+")
    readouts = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
        constraints = [
            # Also the look-up of an organization's people and each one's count.
            models.UniqueConstraint(fields=["organization", "person"], name="representative_unique"),
        ]


class ReadoutCount(models.Model):
    """How many published readouts a person, organization or topic has: their appearance rows,
    counted again for those named by every readout that changes (readouts/derived.py), so that
    the lists and the home page's figures read a count rather than group every appearance. Only
    those with readouts have a row."""

    readouts = models.PositiveIntegerField()

    class Meta:
        abstract = True
        default_permissions = ()


class PersonCount(ReadoutCount):
    person = models.OneToOneField("Person", primary_key=True, on_delete=models.CASCADE, related_name="count")

    class Meta(ReadoutCount.Meta):
        # The people with the most readouts (the home page).
        indexes = [models.Index(fields=["-readouts"], name="person_count_readouts_idx")]


class OrganizationCount(ReadoutCount):
    organization = models.OneToOneField(
        "Organization", primary_key=True, on_delete=models.CASCADE, related_name="count"
    )

    class Meta(ReadoutCount.Meta):
        # The organizations (countries) with the most readouts (the home page).
        indexes = [models.Index(fields=["-readouts"], name="org_count_readouts_idx")]


class TopicCount(ReadoutCount):
    topic = models.OneToOneField("Topic", primary_key=True, on_delete=models.CASCADE, related_name="count")

    class Meta(ReadoutCount.Meta):
        # The topics with the most readouts (the home page).
        indexes = [models.Index(fields=["-readouts"], name="topic_count_readouts_idx")]


class ReadoutSize(models.Model):
    """A published readout's number of statements and commitments, kept by readouts/derived.py
    with its appearance rows: the archive's size (the home page) is then a sum over one small
    row per readout, not a count of every statement joined to its readout."""

    readout = models.OneToOneField("Readout", primary_key=True, on_delete=models.CASCADE, related_name="+")
    statements = models.PositiveIntegerField()
    commitments = models.PositiveIntegerField()

    class Meta:
        default_permissions = ()
