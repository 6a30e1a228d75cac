from django.urls import path, register_converter

from . import views


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "dd")

app_name = "readouts"

urlpatterns = [
    path("", views.home, name="home"),
    path("readouts/", views.readout_list, name="readout_list"),
    path("readouts/<yyyy:year>/", views.year_archive, name="year_archive"),
    path("readouts/<yyyy:year>/<dd:month>/", views.month_archive, name="month_archive"),
    path("readouts/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/", views.readout_detail, name="readout_detail"),
    path(
        "readouts/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/compare/",
        views.readout_compare,
        name="readout_compare",
    ),
    path("r/<int:pk>/", views.readout_short, name="readout_short"),
    path("preview/readouts/<int:pk>/", views.readout_preview, name="readout_preview"),
    path("people/", views.person_list, name="person_list"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/", views.organization_list, name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("relations/<slug:first>/<slug:second>/", views.relation_detail, name="relation_detail"),
    path("commitments/", views.commitment_list, name="commitment_list"),
    path("commitments/table/", views.commitment_table, name="commitment_table"),
    path("commitments/<int:pk>/", views.commitment_detail, name="commitment_detail"),
    path("search/", views.search_page, name="search"),
]
