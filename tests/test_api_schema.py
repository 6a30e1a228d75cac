"""The API keeps to its OpenAPI description (/api/schema/), and a property-based run over every
operation (schemathesis, generating valid and invalid requests) finds no server error."""

import json

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from readouts.models import (
    Commitment,
    Organization,
    Person,
    Readout,
    Source,
    Statement,
    StatementTranslation,
    StatementVersion,
    Topic,
)
from readouts.search.index import rebuild
from tests.archive_helpers import SAMPLE

pytestmark = pytest.mark.django_db

SCHEMA = reverse("api:schema")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MODELS = {"readouts": Readout, "people": Person, "organizations": Organization, "topics": Topic, "commitments": Commitment}
OPERATIONS = [
    "GET /api/readouts/",
    "GET /api/readouts/{id}/",
    "GET /api/people/",
    "GET /api/people/{id}/",
    "GET /api/organizations/",
    "GET /api/organizations/{id}/",
    "GET /api/topics/",
    "GET /api/topics/{id}/",
    "GET /api/commitments/",
    "GET /api/commitments/{id}/",
]


@pytest.fixture
def sample_archive(db):
    call_command("loaddata", str(SAMPLE), verbosity=0)
    call_command("rebuild_derived", verbosity=0)  # loaddata saves raw
    rebuild()
    # A draft, to be sure that no generated request reaches it either.
    draft = Readout.objects.first()
    draft.pk, draft.slug, draft.status, draft.title = None, "draft", Readout.Status.DRAFT, "DRAFTONLY"
    draft.save()


# Schemathesis's WSGI transport sends requests' Accept-Encoding (Brotli and gzip) and reads the
# body as it comes: ask for it uncompressed. tests/test_compression.py checks compression.
UNCOMPRESSED = {"Accept-Encoding": "identity"}


@pytest.fixture
def api_schema(sample_archive):
    # Requests go through the WSGI application inside the test's transaction: like Django's
    # test client, keep the start and end of each request from closing the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi(SCHEMA, application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_schema_is_served_as_json_and_yaml_and_describes_every_operation(client):
    response = client.get(SCHEMA)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    as_json = json.loads(response.content)
    assert as_json["openapi"].startswith("3.")
    operations = [f"{method.upper()} {path}" for path, item in as_json["paths"].items() for method in item]
    assert sorted(operations) == sorted(OPERATIONS)
    response = client.get(SCHEMA, HTTP_ACCEPT="application/yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == as_json


def test_schema_generation_has_no_warnings():
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_every_answer_on_the_sample_archive_matches_the_schema(api_schema):
    readout = Readout.objects.published().filter(commitments__updates__isnull=False).first()
    examples = [
        ("GET /api/readouts/", {}, {}),
        ("GET /api/readouts/", {}, {"q": "ceasefire", "page_size": "3"}),
        ("GET /api/readouts/", {}, {"person": "nobody"}),
        ("GET /api/readouts/", {}, {"page": "999"}),
        ("GET /api/readouts/{id}/", {"id": readout.pk}, {}),
        ("GET /api/readouts/{id}/", {"id": 0}, {}),
        ("GET /api/people/", {}, {"page_size": "100"}),
        ("GET /api/people/{id}/", {"id": Person.objects.first().pk}, {}),
        ("GET /api/organizations/", {}, {"page_size": "100"}),
        ("GET /api/organizations/{id}/", {"id": Organization.objects.filter(parent__isnull=False).first().pk}, {}),
        ("GET /api/topics/", {}, {"page_size": "100"}),
        ("GET /api/topics/{id}/", {"id": Topic.objects.filter(parent__isnull=False).first().pk}, {}),
        ("GET /api/commitments/", {}, {"page_size": "100"}),
        ("GET /api/commitments/", {}, {"status": "open"}),
        ("GET /api/commitments/{id}/", {"id": Commitment.objects.filter(updates__isnull=False).first().pk}, {}),
    ]
    statuses = []
    for label, path_parameters, query in examples:
        operation = api_schema.find_operation_by_label(label)
        case = operation.Case(path_parameters=path_parameters, query=query)
        response = case.call(headers=UNCOMPRESSED)
        case.validate_response(response, checks=CHECKS)
        statuses.append(response.status_code)
    assert statuses == [200, 200, 400, 404, 200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200]


def test_a_statement_with_earlier_texts_and_translations_matches_the_schema(api_schema):
    statement = Statement.objects.filter(readout__status=Readout.Status.PUBLISHED).exclude(text="").first()
    version = StatementVersion.objects.create(statement=statement, text="The first text.", seen_on=statement.readout.date,
                                              source=Source.objects.first())
    StatementTranslation.objects.create(statement=statement, version=version, language="fr", kind="archive", text="Le premier.")
    StatementTranslation.objects.create(statement=statement, language="fr", kind="third_party", text="Le texte.",
                                        translator="Someone")
    Statement.objects.filter(pk=statement.pk).update(text_seen_on=statement.readout.date, text_source=Source.objects.last())
    operation = api_schema.find_operation_by_label("GET /api/readouts/{id}/")
    case = operation.Case(path_parameters={"id": statement.readout_id}, query={})
    response = case.call(headers=UNCOMPRESSED)
    case.validate_response(response, checks=CHECKS)
    [given] = [each for each in response.json()["statements"] if each["id"] == statement.pk]
    assert [version["number"] for version in given["versions"]] == [1]
    assert sorted(translation["version"] or 0 for translation in given["translations"]) == [0, 1]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=lambda mode: mode.value)
def test_property_based_run_finds_no_server_error(api_schema, mode):
    """Valid requests get answers that match the description; invalid ones a 4xx; none a 5xx."""
    checks = CHECKS + ([negative_data_rejection] if mode is GenerationMode.NEGATIVE else [])
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert sorted(operation.label for operation in operations) == sorted(OPERATIONS)
    for operation in operations:
        strategy = operation.as_strategy(generation_mode=mode)
        if "{id}" in operation.path:
            # Random ids mostly miss: also ask for the objects there are (and the draft's id).
            ids = sorted(MODELS[operation.path.split("/")[2]].objects.values_list("pk", flat=True))
            strategy |= st.sampled_from(ids).flatmap(
                lambda pk, operation=operation: operation.as_strategy(generation_mode=mode, path_parameters={"id": pk})
            )

        @settings(
            max_examples=50,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case):
            response = case.call(headers=UNCOMPRESSED)
            case.validate_response(response, checks=checks)
            assert "DRAFTONLY" not in response.text

        run()


@pytest.mark.parametrize(
    "version",
    ["\x00", "1\r\nSet-Cookie: evil=1", "\n", 'x";filename=evil.html', "2", "1 ", "é" * 5000],
)
def test_schema_refuses_any_version_but_the_apis_own(client, version):
    response = client.get(reverse("api:schema"), {"version": version})
    assert response.status_code == 400
    assert response.json() == {"version": ["This API has one version: 1."]}
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("query", [{}, {"version": ""}, {"version": "1"}])
def test_schema_answers_for_no_version_or_the_apis_own(client, query):
    response = client.get(reverse("api:schema"), query)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="Readouts API.json"'
    assert response.json()["info"]["version"] == "1"
