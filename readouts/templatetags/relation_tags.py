"""Links to the page of a pair (readouts.relations): `{% relation_url a b %}`, and a readout's
principal parties as a pair, `{% principal_pair sides organizations as pair %}`. No queries."""

from django import template

from .. import relations

register = template.Library()


@register.simple_tag
def relation_url(first, second):
    return relations.url(first, second)


@register.simple_tag
def principal_pair(sides, organizations):
    """The pair of a readout's principal parties: the first two organizations among the sides its
    statements speak for (readout_page.sides()), then among the top-level organizations it lists
    (prefetched), or None."""
    found = {}
    for organization in [side.organization for side in sides] + [o for o in organizations if o.parent_id is None]:
        if organization is not None:
            found.setdefault(organization.pk, organization)
    parties = list(found.values())[:2]
    return relations.Pair(*parties) if len(parties) == 2 else None
