"""The API's page for browsers: DRF's browsable API, for reading only.

JSONRenderer stays first in REST_FRAMEWORK's renderers, so that a client asking for nothing in
particular (no Accept, `*/*`) gets JSON; only an Accept naming `text/html`, as browsers send it,
gets this page. Its template (templates/rest_framework/api.html) keeps to the site's
Content-Security-Policy: no inline script or style, nothing from elsewhere.
"""

from rest_framework.renderers import BrowsableAPIRenderer


class ReadOnlyBrowsableAPIRenderer(BrowsableAPIRenderer):
    """DRF's browsable API without its forms and buttons for POST, PUT, PATCH, DELETE and
    OPTIONS: the API only reads, and a form there would only ever earn a 405. The filters'
    form, a GET, stays."""

    def get_rendered_html_form(self, data, view, method, request):
        return None

    def get_raw_data_form(self, data, view, method, request):
        return None
