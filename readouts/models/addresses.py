"""Former addresses: every address a readout, person, organization or topic has had, so that a
link published before an editor changed a slug or a date still leads to the page, for good.

A save that changes an object's address records the address it leaves (signals below); the
detail views look an address up here only when no live object holds it, and answer 301 to the
owner's address of today, so a chain of renames never becomes a chain of redirects. Deleting
the owner deletes its former addresses (CASCADE). Saves that send no signals (loaddata, the
archive import's and the synthetic builder's bulk writes) record nothing.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_save, pre_save
from django.urls import get_script_prefix

# The owner's kinds, each a foreign key of FormerAddress and the fields its address is made of.
OWNERS = {
    "readout": ("readouts.Readout", ("date", "slug")),
    "person": ("readouts.Person", ("slug",)),
    "organization": ("readouts.Organization", ("slug",)),
    "topic": ("readouts.Topic", ("slug",)),
}


def site_path(url):
    """An address as the URL resolver sees it (request.path_info): without the script prefix,
    so that the records stay right if the site moves under another prefix."""
    prefix = get_script_prefix()
    return "/" + url[len(prefix) :] if url.startswith(prefix) else url


class FormerAddressQuerySet(models.QuerySet):
    def owner_of(self, path, kind):
        """The object of this kind that once lived at `path` (a path_info), or None. Whether it
        has a page today is the caller's to check (a readout's `is_published`, a person's,
        organization's or topic's `is_public`, whose count row is read here with it)."""
        related = kind if kind == "readout" else f"{kind}__count"
        address = self.filter(path=path, **{f"{kind}__isnull": False}).select_related(related).first()
        return getattr(address, kind) if address else None


OWNER_KEY = {"null": True, "blank": True, "on_delete": models.CASCADE, "related_name": "former_addresses"}


class FormerAddress(models.Model):
    path = models.CharField(
        max_length=500, unique=True, help_text="The address, from the site's root, e.g. '/people/old-slug/'."
    )
    # One of the four; CASCADE: deleting the owner forgets its former addresses.
    readout = models.ForeignKey("Readout", **OWNER_KEY)
    person = models.ForeignKey("Person", **OWNER_KEY)
    organization = models.ForeignKey("Organization", **OWNER_KEY)
    topic = models.ForeignKey("Topic", **OWNER_KEY)

    objects = FormerAddressQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name_plural = "former addresses"
        # Only saves write them; editors see them, and delete them only with their owner.
        default_permissions = ("view", "delete")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(readout__isnull=False, person=None, organization=None, topic=None)
                    | models.Q(readout=None, person__isnull=False, organization=None, topic=None)
                    | models.Q(readout=None, person=None, organization__isnull=False, topic=None)
                    | models.Q(readout=None, person=None, organization=None, topic__isnull=False)
                ),
                name="former_address_has_one_owner",
            ),
            models.CheckConstraint(condition=models.Q(path__startswith="/"), name="former_address_is_a_path"),
        ]
        # The look-up by path is served by the unique constraint's index; each owner's list
        # (admin inline, export, CASCADE) by its foreign key's index.

    def __str__(self):
        return self.path

    @property
    def owner(self):
        return self.readout or self.person or self.organization or self.topic

    def clean(self):
        owners = [kind for kind in OWNERS if getattr(self, f"{kind}_id") is not None]
        if len(owners) != 1:
            raise ValidationError("A former address belongs to exactly one readout, person, organization or topic.")
        if not self.path.startswith("/"):
            raise ValidationError({"path": "An address starts with '/'."})


def _address_fields(sender):
    for kind, (label, fields) in OWNERS.items():
        if sender._meta.label == label:
            return kind, fields
    return None, ()


def _remember_address(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save: the address the object has in the database, if this save may change it."""
    kind, fields = _address_fields(sender)
    instance._leaving_path = None
    if kind is None or raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not set(fields) & set(update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values(*fields).first()
    if stored is None or all(stored[name] == getattr(instance, name) for name in fields):
        return
    old = sender(pk=instance.pk, **stored)
    instance._leaving_path = site_path(old.get_absolute_url())


def _record_address(sender, instance, raw=False, **kwargs):
    """After the save: the address left behind now leads here, whoever held it before."""
    path = getattr(instance, "_leaving_path", None)
    if not path:
        return
    instance._leaving_path = None
    kind, _ = _address_fields(sender)
    owners = dict.fromkeys(OWNERS) | {kind: instance}
    FormerAddress.objects.update_or_create(path=path, defaults=owners)


for _label, _ in OWNERS.values():
    pre_save.connect(_remember_address, sender=_label, dispatch_uid=f"former_address_before_{_label}")
    post_save.connect(_record_address, sender=_label, dispatch_uid=f"former_address_after_{_label}")
