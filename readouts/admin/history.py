"""Each record's history in the admin (django-simple-history, tables in the history app): the
History button of a change screen lists every saved version, who saved it, when, and the old and
new value of each field that changed. Editors see it with the permission to view the record."""

from django.http import HttpResponseNotAllowed
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """Past versions are there to read, not to restore: a restore would bypass the check that
    keeps a save from overwriting changes its editor never saw (locking.py)."""

    def revert_disabled(self, request, obj=None):
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The package saves a POSTed past version even with reverting disabled.
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)
