from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("readouts.api.urls")),
    path("", include("readouts.syndication.urls")),
    path("", include("readouts.downloads.urls")),
    path("", include("readouts.urls")),
]

# A database that cannot be reached is a 503, not a 500 (readouts/outage.py).
handler500 = "readouts.outage.server_error"
