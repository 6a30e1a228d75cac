"""What the API says about each object. Every object carries its `url` (its API address) and
its `html_url` (its public page). Nested objects come from the views' preloading: no
serializer here runs a query of its own.

Only published readouts are ever named: links between readouts and a commitment update's
evidence are preloaded for published readouts only (readout_page.preload), and `evidence` is
checked here.
"""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import origin
from ..models import (
    Commitment,
    CommitmentUpdate,
    Discrepancy,
    DiscrepancyVersion,
    Organization,
    Participant,
    Person,
    Quote,
    Readout,
    ReadoutLink,
    Source,
    Statement,
    StatementTranslation,
    StatementVersion,
    Topic,
)


@extend_schema_field(OpenApiTypes.URI)
class HtmlUrlField(serializers.Field):
    """The object's public page, as an absolute address."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return origin.absolute(instance.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class ApiUrlField(serializers.Field):
    """The object's address in this API (by id, the one key that never changes)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return origin.absolute(reverse(f"api:{instance._meta.model_name}-detail", args=[instance.pk]))


@extend_schema_field(OpenApiTypes.URI)
class FilteredListField(serializers.Field):
    """The API's list of published readouts filtered by this object (?person=<slug>, ...)."""

    def __init__(self, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance):
        return origin.absolute(f"{reverse('api:readout-list')}?{self.parameter}={instance.slug}")


@extend_schema_field({"type": "array", "items": {"type": "string"}})
class NameListField(serializers.Field):
    """Other names and spellings, one per line in the database."""

    def __init__(self, **kwargs):
        super().__init__(source="alternate_name_list", read_only=True, **kwargs)

    def to_representation(self, names):
        return list(names)


class AddressedSerializer(serializers.ModelSerializer):
    """An object with its two addresses, `url` and `html_url`."""

    url = ApiUrlField()
    html_url = HtmlUrlField()


# Brief forms, for objects named inside others.


class PersonBriefSerializer(AddressedSerializer):
    class Meta:
        model = Person
        fields = ["id", "slug", "name", "url", "html_url"]


class OrganizationBriefSerializer(AddressedSerializer):
    class Meta:
        model = Organization
        fields = ["id", "slug", "name", "kind", "url", "html_url"]


class TopicBriefSerializer(AddressedSerializer):
    class Meta:
        model = Topic
        fields = ["id", "slug", "name", "kind", "url", "html_url"]


class ReadoutBriefSerializer(AddressedSerializer):
    class Meta:
        model = Readout
        fields = ["id", "title", "date", "format", "url", "html_url"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["name", "url", "published_on", "kind", "language", "note"]


# People, organizations and topics.


class PersonSerializer(AddressedSerializer):
    alternate_names = NameListField()
    organization = OrganizationBriefSerializer(
        source="public_organization",
        allow_null=True,
        help_text="The organization the person usually represents; null until it is in a published readout.",
    )
    readout_count = serializers.IntegerField(
        help_text="Published readouts of the person (as /readouts/?person= finds them)."
    )
    readouts = FilteredListField("person")

    class Meta:
        model = Person
        fields = [
            "id", "slug", "name", "sort_name", "alternate_names", "organization", "description",
            "readout_count", "readouts", "url", "html_url",
        ]


class OrganizationSerializer(AddressedSerializer):
    alternate_names = NameListField()
    parent = OrganizationBriefSerializer(allow_null=True, help_text="The country or body it sits inside.")
    readout_count = serializers.IntegerField(
        help_text="Published readouts of it or of a body inside it (as /readouts/?organization= finds them)."
    )
    readouts = FilteredListField("organization")

    class Meta:
        model = Organization
        fields = [
            "id", "slug", "name", "kind", "parent", "alternate_names", "description",
            "readout_count", "readouts", "url", "html_url",
        ]


class TopicSerializer(AddressedSerializer):
    parent = TopicBriefSerializer(allow_null=True, help_text="The broader topic.")
    readout_count = serializers.IntegerField(help_text="Published readouts tagged with it or a subtopic.")
    readouts = FilteredListField("topic")

    class Meta:
        model = Topic
        fields = ["id", "slug", "name", "kind", "parent", "description", "readout_count", "readouts", "url", "html_url"]


# Commitments.


class CommitmentUpdateSerializer(serializers.ModelSerializer):
    evidence = serializers.SerializerMethodField(help_text="The later readout that shows the outcome.")
    sources = SourceSerializer(many=True)

    class Meta:
        model = CommitmentUpdate
        fields = ["date", "status", "note", "evidence", "sources"]

    @extend_schema_field(ReadoutBriefSerializer(allow_null=True))
    def get_evidence(self, update):
        evidence = update.evidence
        if evidence is None or not evidence.is_published:
            return None
        return ReadoutBriefSerializer(evidence, context=self.context).data


class CommitmentFieldsSerializer(AddressedSerializer):
    """A commitment's own fields and its history, as nested in its readout."""

    actor_people = PersonBriefSerializer(many=True)
    actor_organizations = OrganizationBriefSerializer(many=True)
    sources = SourceSerializer(many=True)
    updates = CommitmentUpdateSerializer(many=True)

    class Meta:
        model = Commitment
        fields = [
            "id", "statement", "actor_label", "actor_people", "actor_organizations", "counterpart",
            "description", "exact_words", "timeframe", "due_date", "status", "sources", "updates", "url", "html_url",
        ]


class CommitmentSerializer(CommitmentFieldsSerializer):
    """A commitment on its own, with the readout that records it."""

    readout = ReadoutBriefSerializer()

    class Meta(CommitmentFieldsSerializer.Meta):
        fields = ["id", "readout", *CommitmentFieldsSerializer.Meta.fields[1:]]


# Readouts.


class PrincipalSerializer(serializers.ModelSerializer):
    person = PersonBriefSerializer()

    class Meta:
        model = Participant
        fields = ["person", "role", "title"]


class ReadoutListSerializer(AddressedSerializer):
    """A readout as the list shows it: its principals, topics and number of statements."""

    permanent_url = serializers.SerializerMethodField(help_text="The short address that outlives any change of date or slug.")
    principals = PrincipalSerializer(many=True)
    topics = TopicBriefSerializer(many=True)
    statement_count = serializers.IntegerField()

    class Meta:
        model = Readout
        fields = [
            "id", "title", "date", "end_date", "format", "location", "summary", "principals", "topics",
            "statement_count", "url", "html_url", "permanent_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_permanent_url(self, readout):
        return origin.absolute(reverse("readouts:readout_short", args=[readout.pk]))


class ParticipantSerializer(serializers.ModelSerializer):
    person = PersonBriefSerializer()
    title = serializers.CharField(help_text="The title they held at the time.")
    represented = OrganizationBriefSerializer(allow_null=True, help_text="Whom they represented.")
    sources = SourceSerializer(many=True)
    takes_part = serializers.BooleanField(
        help_text="Whether the sources place them in the engagement (with any caveat `role_note` gives); "
        "false for people who only issued a statement about it (`issuer`) or are named in one (`mentioned`)."
    )
    role_text = serializers.CharField(help_text="Their part as the page states it: the role with its note.")

    class Meta:
        model = Participant
        fields = ["person", "role", "role_note", "role_text", "takes_part", "title", "represented", "sources"]


class QuoteSerializer(serializers.ModelSerializer):
    speaker = PersonBriefSerializer(allow_null=True)
    sources = SourceSerializer(many=True)

    class Meta:
        model = Quote
        fields = ["text", "speaker", "speaker_label", "sources"]


class StatementVersionSerializer(serializers.ModelSerializer):
    number = serializers.IntegerField(help_text="1 for the first text captured; the current text comes after the last.")
    source = SourceSerializer(allow_null=True, help_text="Where the archive saw this text.")

    class Meta:
        model = StatementVersion
        fields = ["number", "text", "seen_on", "source", "note"]


class StatementTranslationSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(
        source="version_number",
        allow_null=True,
        help_text="The number of the earlier text it translates; null: the current text.",
    )
    source = SourceSerializer(allow_null=True)

    class Meta:
        model = StatementTranslation
        fields = ["language", "kind", "version", "text", "source", "translator", "note"]


class StatementSerializer(serializers.ModelSerializer):
    is_verbatim = serializers.BooleanField(
        help_text="True: `text` is the statement's verbatim text. False: the archive holds only the editor's `summary`."
    )
    issuer = OrganizationBriefSerializer(allow_null=True)
    joint_issuers = OrganizationBriefSerializer(
        many=True, help_text="A joint statement's issuers, each government that issued it; `issuer` is then the body that released it."
    )
    is_official = serializers.BooleanField(
        help_text="True: the issuer published it as its own. False: a media report, or a news organization's text, "
        "which carries or reports what others said; citations do not name its issuer as an author."
    )
    speakers = PersonBriefSerializer(many=True)
    topics = TopicBriefSerializer(many=True)
    sources = SourceSerializer(many=True)
    quotes = QuoteSerializer(many=True)
    text_seen_on = serializers.DateField(
        allow_null=True, help_text="When the current `text` was first seen, if its publisher changed an earlier one."
    )
    text_source = SourceSerializer(allow_null=True, help_text="Where the current `text` was first seen.")
    versions = serializers.SerializerMethodField(
        help_text="The earlier texts its publisher replaced, oldest first; `text` is the version after the last."
    )
    translations = serializers.SerializerMethodField(help_text="Translations of the current text or of an earlier one.")

    class Meta:
        model = Statement
        fields = [
            "id", "kind", "kind_note", "title", "issuer_name", "issuer", "joint_issuers", "is_official", "speakers", "topics", "place", "date_issued",
            "date_note", "language", "language_note", "is_verbatim", "text", "summary", "sources", "cites", "official_url",
            "note", "quotes", "text_seen_on", "text_source", "versions", "translations",
        ]

    @staticmethod
    def _numbers(statement):
        return {version.pk: n for n, version in enumerate(statement.versions.all(), 1)}

    @extend_schema_field(StatementVersionSerializer(many=True))
    def get_versions(self, statement):
        versions = statement.versions.all()
        for number, version in enumerate(versions, 1):
            version.number = number
        return StatementVersionSerializer(versions, many=True, context=self.context).data

    @extend_schema_field(StatementTranslationSerializer(many=True))
    def get_translations(self, statement):
        numbers = self._numbers(statement)
        translations = statement.translations.all()
        for translation in translations:
            translation.version_number = numbers.get(translation.version_id)
        return StatementTranslationSerializer(translations, many=True, context=self.context).data


class DiscrepancyVersionSerializer(serializers.ModelSerializer):
    sources = SourceSerializer(many=True)

    class Meta:
        model = DiscrepancyVersion
        fields = ["says", "issuer_label", "statement", "sources"]


class DiscrepancySerializer(serializers.ModelSerializer):
    versions = DiscrepancyVersionSerializer(many=True)

    class Meta:
        model = Discrepancy
        fields = ["subject", "resolution", "versions"]


class LinkOutSerializer(serializers.ModelSerializer):
    readout = ReadoutBriefSerializer(source="to_readout")

    class Meta:
        model = ReadoutLink
        fields = ["kind", "note", "readout"]


class LinkInSerializer(serializers.ModelSerializer):
    readout = ReadoutBriefSerializer(source="from_readout")

    class Meta:
        model = ReadoutLink
        fields = ["kind", "note", "readout"]


class ReadoutSerializer(ReadoutListSerializer):
    """A readout with everything its page shows."""

    country = OrganizationBriefSerializer(allow_null=True, help_text="The country it took place in.")
    participants = ParticipantSerializer(many=True)
    organizations = OrganizationBriefSerializer(many=True)
    sources = SourceSerializer(many=True)
    statements = StatementSerializer(many=True)
    discrepancies = DiscrepancySerializer(many=True)
    commitments = CommitmentFieldsSerializer(many=True)
    links_out = LinkOutSerializer(many=True, help_text="Earlier readouts this one follows up on, responds or refers to.")
    links_in = LinkInSerializer(many=True, help_text="Later readouts that follow up on, respond or refer to this one.")
    statement_count = serializers.SerializerMethodField()

    class Meta:
        model = Readout
        fields = [
            "id", "title", "date", "end_date", "time", "time_zone", "format", "venue", "city", "country", "location",
            "duration", "summary", "background", "participants", "organizations", "topics", "sources", "statement_count", "statements",
            "discrepancies", "commitments", "links_out", "links_in", "published_at", "updated_at",
            "url", "html_url", "permanent_url",
        ]

    def get_statement_count(self, readout) -> int:
        return len(readout.statements.all())
