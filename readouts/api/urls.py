from django.conf import settings
from django.urls import path, re_path
from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2
from drf_spectacular.views import SpectacularAPIView
from rest_framework.exceptions import ValidationError
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

    def _get_version_parameter(self, request):
        """?version= names the API's one version or nothing: drf-spectacular writes it into the
        Content-Disposition header, where anything else could be a newline (a 500) or a forged
        parameter (`x";filename=evil.html`). Either way the one description is served."""
        version = settings.SPECTACULAR_SETTINGS["VERSION"]
        if request.GET.get("version", "") not in ("", version):
            raise ValidationError({"version": [f"This API has one version: {version}."]})
        return None


urlpatterns = [
    path("", views.APIRootView.as_view(), name="root"),
    path("schema/", SchemaView.as_view(urlconf="config.urls"), name="schema"),
    *router.urls,
    # Last: any other address under /api/ (ending in a slash) is a JSON 404, not the site's HTML page.
    re_path(r"^(?P<path>.*/)$", views.not_found),
]
