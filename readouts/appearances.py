"""Keep the appearance tables (models/appearances.py) equal to what they are derived from.

refresh(readout_ids) rewrites some readouts' rows and rebuild() all of them, each with one
INSERT ... SELECT per table from the querysets below, which say what "a readout of" a person, an
organization or a topic means (as readouts.queries does for any readout, draft or not).

The signals in connect() refresh a readout at once, inside the transaction that changed it, so
that a page read in the same transaction (or a test) agrees with the archive: a readout saved or
deleted, a participant or statement saved or deleted, a readout's organizations or topics
changed, a topic moved under another parent or deleted. Bulk writes (build_synthetic_archive,
import_archive, loaddata) skip signals; their commands call rebuild(), as rebuild_search_index
does.
"""

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .models import Participant, Readout, Statement, Topic
from .models.appearances import OrganizationAppearance, PersonAppearance, TopicAppearance

TABLES = [PersonAppearance, OrganizationAppearance, TopicAppearance]


def rows(apps=global_apps):
    """{appearance model: function(readouts) -> a queryset of (entity, readout, date) rows}, from
    the models of `apps` (a migration passes its own)."""
    Participant, Readout, Statement = (apps.get_model("readouts", name) for name in ("Participant", "Readout", "Statement"))

    def people(readouts):
        return (
            Participant.objects.filter(readout__in=readouts).order_by().values_list("person", "readout", "readout__date").distinct()
        )

    def organizations(readouts):
        listed = Readout.organizations.through.objects.filter(readout__in=readouts)
        represented = Participant.objects.filter(readout__in=readouts, represented__isnull=False).order_by()
        issued = Statement.objects.filter(readout__in=readouts, issuer__isnull=False).order_by()
        return listed.values_list("organization", "readout", "readout__date").union(  # UNION drops duplicates
            represented.values_list("represented", "readout", "readout__date"),
            issued.values_list("issuer", "readout", "readout__date"),
        )

    def topics(readouts):
        tagged = Readout.topics.through.objects.filter(readout__in=readouts)
        from_subtopics = tagged.filter(topic__parent__isnull=False)
        return tagged.values_list("topic", "readout", "readout__date").union(
            from_subtopics.values_list("topic__parent", "readout", "readout__date")
        )

    return {
        apps.get_model("readouts", "PersonAppearance"): people,
        apps.get_model("readouts", "OrganizationAppearance"): organizations,
        apps.get_model("readouts", "TopicAppearance"): topics,
    }


def _write(readouts, apps=global_apps):
    """INSERT ... SELECT each table's rows for `readouts` (a queryset of published readouts' pks)."""
    with connection.cursor() as cursor:
        for model, rows_of in rows(apps).items():
            # Historical models (a migration's) lack entity_field: the one field left is the entity.
            entity = next(field for field in model._meta.local_fields if field.name not in ("id", "readout", "date"))
            sql, params = rows_of(readouts).query.sql_with_params()
            cursor.execute(f"INSERT INTO {model._meta.db_table} ({entity.column}, readout_id, date) {sql}", params)


def refresh(readout_ids):
    """Rewrite these readouts' rows: a published readout gets its own, any other none."""
    readout_ids = list(set(readout_ids))
    if not readout_ids:
        return
    with transaction.atomic():
        for model in TABLES:
            model.objects.filter(readout__in=readout_ids).delete()
        _write(Readout.objects.published().filter(pk__in=readout_ids).values("pk"))


def rebuild(apps=global_apps):
    """Empty the tables and derive every published readout's rows again, in one transaction."""
    with transaction.atomic():
        for model in rows(apps):
            model.objects.all().delete()
        _write(apps.get_model("readouts", "Readout").objects.filter(status="published").values("pk"), apps)
        with connection.cursor() as cursor:  # statistics for the planner, which has none for new rows
            for model in rows(apps):
                cursor.execute(f"ANALYZE {model._meta.db_table}")


# Signals. Raw saves (loaddata) are left to rebuild(), as the search index leaves them.


def _readout_of(instance):
    return instance.pk if isinstance(instance, Readout) else instance.readout_id


def _before_save(sender, instance, raw=False, **kwargs):
    """What the database still says: a topic's parent (its readouts count for the parent), or
    the readout a participant or statement belongs to (moved, it leaves its old one to refresh)."""
    if raw or instance._state.adding:
        return
    if sender is Topic:
        parent = Topic.objects.filter(pk=instance.pk).values_list("parent", flat=True).first()
        instance._appearances_moved = parent != instance.parent_id
    else:
        instance._appearances_left = sender.objects.filter(pk=instance.pk).values_list("readout", flat=True).first()


def _after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if sender is Topic:
        if getattr(instance, "_appearances_moved", False):
            refresh(instance.readouts.values_list("pk", flat=True))
        return
    refresh({_readout_of(instance), getattr(instance, "_appearances_left", None)} - {None})


# Readouts being deleted: their participants' and statements' deletions must not write rows
# for them again (the cascade collected the readout's rows before those deletions ran).
_deleting = set()


def _before_readout_delete(sender, instance, **kwargs):
    _deleting.add(instance.pk)


def _after_readout_delete(sender, instance, **kwargs):
    _deleting.discard(instance.pk)


def _after_delete(sender, instance, **kwargs):
    if instance.readout_id not in _deleting:
        refresh([instance.readout_id])


def _before_topic_delete(sender, instance, **kwargs):
    # Its parent's rows that came from it must go too; the tags that lead there are about to.
    instance._appearances_tagged = list(instance.readouts.values_list("pk", flat=True))


def _after_topic_delete(sender, instance, **kwargs):
    refresh(instance._appearances_tagged)


def _after_m2m_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if not reverse:  # readout.topics.add(...)
        if action != "pre_clear":
            refresh([instance.pk])
    elif action == "pre_clear":  # topic.readouts.clear(): which readouts, before they are gone
        instance._appearances_cleared = list(instance.readouts.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh(getattr(instance, "_appearances_cleared", []))
    else:  # topic.readouts.add(...), organization.readouts.remove(...)
        refresh(pk_set)


def connect():
    for model in (Readout, Participant, Statement):
        post_save.connect(_after_save, sender=model, dispatch_uid=f"appearances-save-{model.__name__}")
    for model in (Participant, Statement):
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"appearances-pre-save-{model.__name__}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"appearances-delete-{model.__name__}")
    pre_delete.connect(_before_readout_delete, sender=Readout, dispatch_uid="appearances-pre-delete-Readout")
    post_delete.connect(_after_readout_delete, sender=Readout, dispatch_uid="appearances-delete-Readout")
    pre_save.connect(_before_save, sender=Topic, dispatch_uid="appearances-pre-save-Topic")
    post_save.connect(_after_save, sender=Topic, dispatch_uid="appearances-save-Topic")
    pre_delete.connect(_before_topic_delete, sender=Topic, dispatch_uid="appearances-pre-delete-Topic")
    post_delete.connect(_after_topic_delete, sender=Topic, dispatch_uid="appearances-delete-Topic")
    for through in (Readout.topics.through, Readout.organizations.through):
        m2m_changed.connect(_after_m2m_change, sender=through, dispatch_uid=f"appearances-m2m-{through.__name__}")
