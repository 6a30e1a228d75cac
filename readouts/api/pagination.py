"""Page-number pagination for every API list: `?page=` and `?page_size=` (at most MAX_PAGE_SIZE).

A page that does not exist is a 404 with a JSON body; a malformed page size is a 400."""

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from ..origin import CanonicalRequest

MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()  # ?page=last would be the only page "number" that is not a number

    def paginate_queryset(self, queryset, request, view=None):
        page = super().paginate_queryset(queryset, request, view)
        self.request = CanonicalRequest(request)  # next and previous at the canonical origin
        return page

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value in (None, ""):
            return settings.READOUTS_PER_PAGE
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise ValidationError({self.page_size_query_param: [f"A whole number from 1 to {MAX_PAGE_SIZE}."]})
        return min(int(value), MAX_PAGE_SIZE)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1)
                parameter["description"] = f"Results per page (default {settings.READOUTS_PER_PAGE}, at most {MAX_PAGE_SIZE})."
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=1)
        return parameters
