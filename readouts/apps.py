from django.apps import AppConfig


class ReadoutsConfig(AppConfig):
    name = "readouts"
    verbose_name = "Readouts archive"

    def ready(self):
        from . import derived

        derived.connect()
