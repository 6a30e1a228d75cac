from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "readouts.history"
    label = "history"
    verbose_name = "Record history"
