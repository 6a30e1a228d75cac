from django.apps import AppConfig


class ReadoutsConfig(AppConfig):
    name = "readouts"
    verbose_name = "Readouts archive"
