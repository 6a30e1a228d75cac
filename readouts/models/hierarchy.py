"""Trees of topics and organizations: the check that keeps them trees, and walks over a whole
tree read as {id: parent id} (one query of a few hundred rows). A cycle made behind
validate_parent()'s back (a raw write) ends a walk instead of looping."""

from django.core.exceptions import ValidationError


def validate_parent(instance, noun):
    """Refuse a parent that would make a cycle (topics and organizations nest in trees)."""
    ancestor = instance.parent
    while ancestor is not None:
        if ancestor.pk == instance.pk:
            raise ValidationError({"parent": f"{noun} cannot sit inside itself or inside one of its own children."})
        ancestor = ancestor.parent


def within(pk, parents):
    """The id `pk` and the ids of everything inside it, at any depth."""
    children = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    inside, waiting = set(), [pk]
    while waiting:
        current = waiting.pop()
        if current not in inside:
            inside.add(current)
            waiting.extend(children.get(current, ()))
    return inside


def depth(parents):
    """How many levels of parents the deepest of the tree's members has."""
    deepest = 0
    for pk in parents:
        seen, above = {pk}, parents[pk]
        while above is not None and above not in seen:
            seen.add(above)
            above = parents[above]
        deepest = max(deepest, len(seen) - 1)
    return deepest
