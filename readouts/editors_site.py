"""The editors' desk: the admin site, leading with readouts. Everything else is entered from a
readout's screen or looked up afterwards, so readouts come first, then what a readout holds,
then what its pickers choose from; the archive's models before the site's own (accounts,
sign-in records). Its autocompletes label records as their pickers do (admin/pickers.py).

It lives outside readouts/admin/: Django makes the site when the first admin registers, and
importing that package is what registers them."""

from django.contrib import admin

# The archive's models in the order an editor meets them; any model not listed follows.
EDITORS_ORDER = ["readout", "statement", "commitment", "discrepancy", "person", "organization", "topic", "source"]


class EditorsSite(admin.AdminSite):
    site_header = "Readouts: editors' desk"
    site_title = "Readouts editors"
    index_title = "Archive entry"

    def autocomplete_view(self, request):
        from .admin.pickers import PickerJsonView  # loaded with the admins, after this site

        return PickerJsonView.as_view(admin_site=self)(request)

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)
        for app in apps:
            if app["app_label"] == "readouts":
                app["models"].sort(key=lambda model: _place(model["object_name"].lower()))
        return sorted(apps, key=lambda app: app["app_label"] != "readouts")


def _place(model_name):
    return EDITORS_ORDER.index(model_name) if model_name in EDITORS_ORDER else len(EDITORS_ORDER)
