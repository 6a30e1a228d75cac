"""Slugs people can read in an address: at most SLUG_LENGTH characters, cut between words.

Generated slugs only; a stored slug keeps its length (the field allows more), so no address
changes. The admin's slug fields are filled in the same way by static/js/admin-slug.js."""

from django.utils.text import slugify

SLUG_LENGTH = 60


def readable_slug(text, max_length=SLUG_LENGTH):
    """slugify(text), shortened to its words that fit in max_length (a single longer word is cut)."""
    slug = slugify(text)
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    return slug[:cut] if cut > 0 else slug[:max_length]
