from django.core.exceptions import ValidationError


def validate_parent(instance, noun):
    """Refuse a parent that would make a cycle (topics and organizations nest in trees)."""
    ancestor = instance.parent
    while ancestor is not None:
        if ancestor.pk == instance.pk:
            raise ValidationError({"parent": f"{noun} cannot sit inside itself or inside one of its own children."})
        ancestor = ancestor.parent
