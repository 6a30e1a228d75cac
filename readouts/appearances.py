"""Keep the appearance tables (models/appearances.py) equal to what they are derived from.

refresh(readout_ids) rewrites some readouts' rows and rebuild() all of them, with one
INSERT ... SELECT per table from the querysets below, which say what "a readout of" a person, an
organization or a topic means (as readouts.membership does for any readout, draft or not), and
count the pairs of people who met up or down by what changed.

The signals in connect() refresh a readout whenever what it is derived from changes: a readout,
participant, statement or commitment saved or deleted, a readout's organizations or topics or a
commitment's actors changed, a topic moved under another parent or deleted. Outside a request
(a test, the shell, a command) that happens at once, inside the transaction that made the
change; within a request, once per readout when the request ends (deferred()). Bulk writes
(build_synthetic_archive, import_archive, loaddata) skip signals: the first two call rebuild(),
and after loaddata `manage.py rebuild_appearances` does.
"""

from collections import Counter, defaultdict
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import permutations

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from .membership import tables
from .models import Commitment, Participant, Readout, Statement, Topic


def _write(readouts, apps=global_apps):
    with connection.cursor() as cursor:
        for model, columns, rows in tables(apps):
            sql, params = rows(readouts).query.sql_with_params()
            cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) {sql}", params)


# Counts kept up to date by difference: each is {count model: (its two key columns, the key
# pairs a readout gives from the rows above, the SQL that derives them all at once)}. A
# readout's key pairs are read before and after its rows are rewritten, and each pair's count
# goes down by one for every readout it left and up for every one it joined.


def counts(apps=global_apps):
    """{count model: (key columns, key function, SQL)}, from the models of `apps`."""
    appearances, roles = (apps.get_model("readouts", name) for name in ("PersonAppearance", "PersonRole"))

    def met(readout_ids):
        together = defaultdict(list)
        for readout, person in appearances.objects.filter(readout__in=readout_ids).values_list("readout", "person"):
            together[readout].append(person)
        return Counter(pair for people in together.values() for pair in permutations(people, 2))

    def represented(readout_ids):
        rows = roles.objects.filter(readout__in=readout_ids, represented__isnull=False)
        rows = rows.values_list("represented", "person", "readout").distinct()
        return Counter((organization, person) for organization, person, _ in rows)

    return {
        apps.get_model("readouts", "PersonPair"): (
            ["person_id", "other_id"],
            met,
            f"""SELECT a.person_id, b.person_id, COUNT(*) FROM {appearances._meta.db_table} a
            JOIN {appearances._meta.db_table} b ON b.readout_id = a.readout_id AND b.person_id <> a.person_id
            GROUP BY a.person_id, b.person_id""",
        ),
        apps.get_model("readouts", "Representative"): (
            ["organization_id", "person_id"],
            represented,
            f"""SELECT represented_id, person_id, COUNT(DISTINCT readout_id) FROM {roles._meta.db_table}
            WHERE represented_id IS NOT NULL GROUP BY represented_id, person_id""",
        ),
    }


def _recount(model, columns, change):
    table, (first, second) = model._meta.db_table, columns
    with connection.cursor() as cursor:
        cursor.executemany(
            f"""INSERT INTO {table} ({first}, {second}, readouts) VALUES (%s, %s, %s)
            ON CONFLICT ({first}, {second}) DO UPDATE SET readouts = {table}.readouts + excluded.readouts""",
            [(*key, n) for key, n in change.items() if n > 0],
        )
        # Separately: a negative count, even one that a conflict would turn into an update,
        # breaks the column's check on PostgreSQL.
        cursor.executemany(
            f"UPDATE {table} SET readouts = readouts - %s WHERE {first} = %s AND {second} = %s",
            [(-n, *key) for key, n in change.items() if n < 0],
        )
    model.objects.filter(readouts=0).delete()


def refresh(readout_ids):
    """Rewrite these readouts' rows: a published readout gets its own, any other none."""
    readout_ids = list(set(readout_ids))
    if not readout_ids:
        return
    with transaction.atomic():
        before = {model: keys(readout_ids) for model, (_, keys, _) in counts().items()}
        for model, _, _ in tables():
            model.objects.filter(readout__in=readout_ids).delete()
        _write(Readout.objects.published().filter(pk__in=readout_ids).values("pk"))
        for model, (columns, keys, _) in counts().items():
            change = keys(readout_ids)
            change.subtract(before[model])
            _recount(model, columns, change)


def rebuild(apps=global_apps):
    """Empty the tables and derive every published readout's rows again, in one transaction."""
    with transaction.atomic():
        for model in [*(model for model, _, _ in tables(apps)), *counts(apps)]:
            model.objects.all().delete()
        _write(apps.get_model("readouts", "Readout").objects.filter(status="published").values("pk"), apps)
        with connection.cursor() as cursor:
            for model, (columns, _, sql) in counts(apps).items():
                cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}, readouts) {sql}")
            for model in [*(model for model, _, _ in tables(apps)), *counts(apps)]:
                cursor.execute(f"ANALYZE {model._meta.db_table}")  # the planner has no statistics for new rows


# Signals. Raw saves (loaddata) are left to rebuild(), as the search index leaves them.

# The readouts changed inside a deferred() block, or None outside one.
_pending = ContextVar("appearances_pending", default=None)


@contextmanager
def deferred():
    """Refresh each readout changed within the block once, at its end (yields the set of their
    ids). An admin save of one readout with its inlines sends some twenty signals, each of which
    would otherwise rewrite the readout's rows: 280 queries instead of 20. The page cache's
    edition must move after the block (middleware.AppearancesMiddleware does), or a page read
    between the edit's commit and the refresh could be cached under the new edition."""
    if _pending.get() is not None:  # nested: the outer block refreshes
        yield _pending.get()
        return
    token = _pending.set(set())
    try:
        yield _pending.get()
    finally:
        changed = _pending.get()
        _pending.reset(token)
        if changed:
            refresh(changed)


def _schedule(readout_ids):
    pending = _pending.get()
    if pending is None:
        refresh(readout_ids)
    else:
        pending.update(readout_ids)


def _readout_of(instance):
    return instance.pk if isinstance(instance, Readout) else instance.readout_id


def _before_save(sender, instance, raw=False, **kwargs):
    """What the database still says: a topic's parent (its readouts count for the parent), or
    the readout a participant, statement or commitment belongs to (moved, it leaves its old one
    to refresh)."""
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
            _schedule(instance.readouts.values_list("pk", flat=True))
        return
    _schedule({_readout_of(instance), getattr(instance, "_appearances_left", None)} - {None})


# The readouts being deleted in this context (a request's thread, say): their participants',
# statements' and commitments' deletions must not write rows for them again (the cascade
# collected the readout's rows before those deletions ran).
_deleting = ContextVar("appearances_deleting", default=frozenset())


def _before_readout_delete(sender, instance, **kwargs):
    _deleting.set(_deleting.get() | {instance.pk})
    # Its rows go with it (CASCADE), without passing through refresh(): uncount them here.
    for model, (columns, keys, _) in counts().items():
        change = Counter()
        change.subtract(keys([instance.pk]))
        _recount(model, columns, change)


def _after_readout_delete(sender, instance, **kwargs):
    _deleting.set(_deleting.get() - {instance.pk})


def _after_delete(sender, instance, **kwargs):
    if instance.readout_id not in _deleting.get():
        _schedule([instance.readout_id])


def _before_topic_delete(sender, instance, **kwargs):
    # Its parent's rows that came from it must go too; the tags that lead there are about to.
    instance._appearances_tagged = list(instance.readouts.values_list("pk", flat=True))


def _after_topic_delete(sender, instance, **kwargs):
    _schedule(instance._appearances_tagged)


ACTORS = (Commitment.actor_people.through, Commitment.actor_organizations.through)


def _readouts_of(sender, instances):
    """The readouts whose rows an m2m change on `sender` touches, from the other side's pks."""
    if sender in ACTORS:
        return Commitment.objects.filter(pk__in=instances).values_list("readout", flat=True)
    return instances


def _after_m2m_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear", "post_clear"):
        return
    if not reverse:  # readout.topics.add(...), commitment.actor_people.remove(...)
        if action != "pre_clear":
            _schedule([_readout_of(instance)])
    elif action == "pre_clear":  # topic.readouts.clear(): which readouts, before they are gone
        related = instance.commitments if sender in ACTORS else instance.readouts
        instance._appearances_cleared = list(_readouts_of(sender, related.values_list("pk", flat=True)))
    elif action == "post_clear":
        _schedule(getattr(instance, "_appearances_cleared", []))
    else:  # topic.readouts.add(...), person.commitments.remove(...)
        _schedule(_readouts_of(sender, pk_set))


def connect():
    for model in (Readout, Participant, Statement, Commitment):
        post_save.connect(_after_save, sender=model, dispatch_uid=f"appearances-save-{model.__name__}")
    for model in (Participant, Statement, Commitment):
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"appearances-pre-save-{model.__name__}")
        post_delete.connect(_after_delete, sender=model, dispatch_uid=f"appearances-delete-{model.__name__}")
    pre_delete.connect(_before_readout_delete, sender=Readout, dispatch_uid="appearances-pre-delete-Readout")
    post_delete.connect(_after_readout_delete, sender=Readout, dispatch_uid="appearances-delete-Readout")
    pre_save.connect(_before_save, sender=Topic, dispatch_uid="appearances-pre-save-Topic")
    post_save.connect(_after_save, sender=Topic, dispatch_uid="appearances-save-Topic")
    pre_delete.connect(_before_topic_delete, sender=Topic, dispatch_uid="appearances-pre-delete-Topic")
    post_delete.connect(_after_topic_delete, sender=Topic, dispatch_uid="appearances-delete-Topic")
    for through in (Readout.topics.through, Readout.organizations.through, *ACTORS):
        m2m_changed.connect(_after_m2m_change, sender=through, dispatch_uid=f"appearances-m2m-{through.__name__}")
