from django.urls import path, re_path
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("readouts", views.ReadoutViewSet, basename="readout")
router.register("people", views.PersonViewSet, basename="person")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("commitments", views.CommitmentViewSet, basename="commitment")


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 description: JSON, or YAML for `Accept: application/yaml`."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]


urlpatterns = [
    path("", views.api_root, name="root"),
    path("schema/", SchemaView.as_view(urlconf="config.urls"), name="schema"),
    *router.urls,
    # Last: any other address under /api/ (ending in a slash) is a JSON 404, not the site's HTML page.
    re_path(r"^(?P<path>.*/)$", views.not_found),
]
