from django import template
from django.urls import reverse

from .readouts_tags import changed_query

register = template.Library()


@register.simple_tag(takes_context=True)
def download_url(context, name):
    """The download `name` (e.g. 'downloads:readouts_csv') with the page's filters, without its page number."""
    query = changed_query(context["request"])
    return reverse(name) + (query if query.startswith("?") else "")
