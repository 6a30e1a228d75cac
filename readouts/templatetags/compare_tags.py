"""Links to the comparison of two statements: {% load compare_tags %}{% compare_url readout a b %}."""

from django import template

from .. import comparison

register = template.Library()


@register.simple_tag
def compare_url(readout, a, b):
    """The comparison page of statements `a` (left) and `b` (right) of `readout` (statements or ids)."""
    return comparison.compare_url(readout, a, b)
