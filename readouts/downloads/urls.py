from django.urls import path

from . import views

app_name = "downloads"

urlpatterns = [
    path("readouts.csv", views.readouts_csv, name="readouts_csv"),
    path("commitments.csv", views.commitments_csv, name="commitments_csv"),
]
