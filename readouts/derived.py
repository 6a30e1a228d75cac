"""The one write path for what is derived from the archive: the appearance tables, the counts
kept beside them, the search index and the edition the page cache is keyed by.

Signals only record which readouts a transaction changed (record()); one callback per
transaction, on commit, then refreshes exactly those readouts (refresh()), in one transaction
of its own: rewrites their appearance rows (as readouts.membership.tables() defines them) and
sizes, recounts the people, organizations and topics those rows name (never by difference: a
count is computed again from the rows), reindexes them for search (after the rows, which the
documents may read), and moves the edition once, last, so that a page cached between the
editor's commit and the refresh is retired.
A change that alters public pages but no readout's derived data (a person's biography, a
source) records no readout: its callback only moves the edition.

Raw saves (loaddata) record nothing; bulk writers (import_archive, the synthetic builder) and
`manage.py rebuild_derived` call rebuild(). `manage.py check_derived` compares every table with
what rebuild() would write (drift.py).
"""

from django.apps import apps as global_apps
from django.db import connection, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from . import caching, membership, relations
from .charts import MonthOf
from .models import (
    ArchiveEdition,
    Commitment,
    CommitmentUpdate,
    Discrepancy,
    DiscrepancyVersion,
    Organization,
    OrganizationCommitment,
    PairFigures,
    Participant,
    Person,
    PersonCommitment,
    Quote,
    Readout,
    ReadoutLink,
    SearchDocument,
    SearchRanking,
    SearchText,
    Statement,
    StatementTranslation,
    StatementVersion,
    Topic,
)
from .search import index

# Ids per statement: SQLite takes at most 32,766 parameters in one.
BATCH = 1000


def _batches(ids):
    ids = sorted(ids)
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


# The counts kept beside the appearance rows. Each is computed from those rows for some keys
# (`scope`: its key columns and the source's columns they come from), or for all of them.
# Raw SQL, as for the rows below: the ORM has no INSERT ... SELECT, which keeps the rows in the
# database (half a million person rows alone at 100,000 readouts) instead of sending each one
# through Python and back (not measured against bulk_create).


class CountTable:
    """A count table: `source` selects its rows from the appearance rows, for the keys that
    `{where}` names. `scope` lists its key columns with the source's columns they come from:
    with two (a pair of people), the rows recounted are the pairs of the keys given. A table
    counted by month (its column `month`) names the source's date column, `by_month`: a
    refresh recounts only the months of the rows it rewrote (a country's every month added
    90-180 ms to an edit naming it at 100,000 readouts on PostgreSQL; its months alone, <10)."""

    def __init__(self, model, columns, source, scope, by_month=None):
        self.model, self.columns, self.source, self.scope, self.by_month = model, columns, source, scope, by_month

    def sql(self, where="1 = 1"):
        """SELECT of every row the count table should hold (for the keys `where` names)."""
        return self.source.format(where=where)

    def recount(self, cursor, keys, months=None):
        """Compute the rows of these keys (ids of the scope's entity) again; of a table counted
        by month, only those of these months (the first days; None: all of them)."""
        table, columns = self.model._meta.db_table, ", ".join(self.columns)
        if len(self.scope) > 1 and len(keys) > BATCH:  # pairs across batches: all of them
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(f"INSERT INTO {table} ({columns}) {self.sql()}")
            return
        months = sorted(months) if self.by_month and months is not None and len(months) <= MONTHS else None
        if months == []:  # none of the rows rewritten is of this table
            return
        for batch in _batches(keys):
            marks = ", ".join(["%s"] * len(batch))
            stored = " AND ".join(f"{column} IN ({marks})" for column, _ in self.scope)
            source = " AND ".join(f"{column} IN ({marks})" for _, column in self.scope)
            stored_params = source_params = batch * len(self.scope)
            if months is not None:
                stored += f" AND month IN ({', '.join(['%s'] * len(months))})"
                # Date ranges, which the source's (entity, date) index finds.
                spans = " OR ".join([f"({self.by_month} >= %s AND {self.by_month} < %s)"] * len(months))
                source += f" AND ({spans})"
                day = connection.ops.adapt_datefield_value
                stored_params = stored_params + [day(month) for month in months]
                source_params = source_params + [day(d) for month in months for d in (month, _next_month(month))]
            cursor.execute(f"DELETE FROM {table} WHERE {stored}", stored_params)
            cursor.execute(f"INSERT INTO {table} ({columns}) {self.sql(source)}", source_params)


# More months than this in one refresh (an import, a rename of a country) recount them all.
MONTHS = 24


def _next_month(month):
    return month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)


def counts(apps=global_apps):
    """{name of the keys' entity: [CountTable]}, from the models of `apps`."""
    model = {name: apps.get_model("readouts", name) for name in (
        "PersonAppearance", "OrganizationAppearance", "TopicAppearance", "PersonRole",
        "PersonPair", "Representative", "PersonCount", "OrganizationCount", "TopicCount", "OrganizationPair",
        "PersonCommitment", "OrganizationCommitment", "PersonCommitmentMonth", "OrganizationCommitmentMonth",
    )}
    roles = model["PersonRole"]._meta.db_table
    organizations = apps.get_model("readouts", "Organization")._meta.db_table
    appearances = model["OrganizationAppearance"]._meta.db_table

    def readouts_of(entity, source):
        table = model[source]._meta.db_table
        return CountTable(
            model[f"{entity.title()}Count"],
            [f"{entity}_id", "readouts"],
            f"SELECT {entity}_id, COUNT(*) FROM {table} WHERE {{where}} GROUP BY {entity}_id",
            [(f"{entity}_id", f"{entity}_id")],
        )

    month = MonthOf.sql("date", connection.vendor)

    def commitments_by_month(entity):
        table = model[f"{entity.title()}Commitment"]._meta.db_table
        return CountTable(
            model[f"{entity.title()}CommitmentMonth"],
            [f"{entity}_id", "month", "status", "commitments"],
            f"SELECT {entity}_id, {month}, status, COUNT(*) FROM {table} WHERE {{where}} GROUP BY {entity}_id, {month}, status",
            [(f"{entity}_id", f"{entity}_id")],
            by_month="date",
        )

    return {
        "person": [
            readouts_of("person", "PersonAppearance"),
            commitments_by_month("person"),
            # Who met whom most often, both ways: only the pairs of people of the readouts that
            # changed can change. (All the pairs of those people took 120 ms for a readout of
            # four leaders at 20,000 readouts on SQLite, and with an OR on either person of the
            # pair SQLite scanned every appearance: 470 ms.)
            CountTable(
                model["PersonPair"],
                ["person_id", "other_id", "readouts"],
                # Who met: the participants (roles), not everyone a readout names (a leader
                # quoted in it has met no one there).
                f"""SELECT a.person_id, b.person_id, COUNT(DISTINCT a.readout_id) FROM {roles} a
                JOIN {roles} b ON b.readout_id = a.readout_id AND b.person_id <> a.person_id
                WHERE {{where}} GROUP BY a.person_id, b.person_id""",
                [("person_id", "a.person_id"), ("other_id", "b.person_id")],
            ),
            CountTable(
                model["Representative"],
                ["organization_id", "person_id", "readouts"],
                f"""SELECT represented_id, person_id, COUNT(DISTINCT readout_id) FROM {roles}
                WHERE represented_id IS NOT NULL AND ({{where}}) GROUP BY represented_id, person_id""",
                [("person_id", "person_id")],
            ),
        ],
        "organization": [
            readouts_of("organization", "OrganizationAppearance"),
            commitments_by_month("organization"),
            # Most frequent counterparts (models.OrganizationPair): b is top-level, no news
            # organization, and not the top of a's tree, which `tops` gives every organization
            # in a tree (one in a cycle, made behind clean()'s back, has none, and no
            # counterparts). Only the pairs of the organizations of the readouts that changed can
            # change: a new parent or kind refreshes the readouts of the organization and the
            # bodies inside it (NAMED_BY).
            CountTable(
                model["OrganizationPair"],
                ["organization_id", "other_id", "readouts"],
                f"""WITH RECURSIVE tops (organization_id, top_id) AS (
                    SELECT id, id FROM {organizations} WHERE parent_id IS NULL
                    UNION ALL
                    SELECT o.id, tops.top_id FROM {organizations} o JOIN tops ON o.parent_id = tops.organization_id
                )
                SELECT a.organization_id, b.organization_id, COUNT(*) FROM {appearances} a
                JOIN {appearances} b ON b.readout_id = a.readout_id
                JOIN tops ON tops.organization_id = a.organization_id AND tops.top_id <> b.organization_id
                JOIN {organizations} other ON other.id = b.organization_id AND other.parent_id IS NULL AND other.kind <> 'media'
                WHERE {{where}} GROUP BY a.organization_id, b.organization_id""",
                [("organization_id", "a.organization_id"), ("other_id", "b.organization_id")],
            ),
        ],
        "topic": [readouts_of("topic", "TopicAppearance")],
    }


def tables(apps=global_apps):
    """membership.tables() and the readouts' own sizes, in the same form."""
    Readout, Statement, Commitment = (apps.get_model("readouts", name) for name in ("Readout", "Statement", "Commitment"))

    def sizes(readouts):
        def count(model):
            rows = model.objects.filter(readout=OuterRef("pk")).order_by().values("readout")
            return Coalesce(Subquery(rows.annotate(n=Count("*")).values("n")), 0)

        sized = Readout.objects.filter(pk__in=readouts).order_by()
        return sized.annotate(s=count(Statement), c=count(Commitment)).values_list("pk", "s", "c")

    size = (apps.get_model("readouts", "ReadoutSize"), ["readout_id", "statements", "commitments"], sizes)
    return [*membership.tables(apps), size]


def _named(readout_ids):
    """{entity: the ids of those named in these readouts' appearance rows}."""
    named = {entity: set() for entity in counts()}
    for model, _, _ in membership.tables():
        for entity in named:
            if f"{entity}_id" in {field.attname for field in model._meta.local_fields}:
                for batch in _batches(readout_ids):
                    named[entity].update(model.objects.filter(readout__in=batch).values_list(f"{entity}_id", flat=True))
    return named


def _months(readout_ids):
    """The months (first days) of these readouts' commitment rows: what changes of the counts by
    month (CountTable.by_month) when the rows are rewritten."""
    months = set()
    for model in (PersonCommitment, OrganizationCommitment):
        for batch in _batches(readout_ids):
            days = model.objects.filter(readout__in=batch).order_by().values_list("date", flat=True).distinct()
            months.update(day.replace(day=1) for day in days)
    return months


def _write_rows(readouts, apps=global_apps):
    """INSERT ... SELECT of each table's rows, the SELECT built by the ORM (see CountTable)."""
    with connection.cursor() as cursor:
        for model, columns, rows in tables(apps):
            sql, params = rows(readouts).query.sql_with_params()
            cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) {sql}", params)


def refresh(readout_ids, named=None):
    """Bring everything derived from these readouts up to date, recount what they name (and
    `named`: {entity: ids} a deleted readout named), then move the edition, in one transaction:
    readers see all of it at once, and one commit costs less than three (SQLite: 100 ms for a
    readout's edit at 20,000 readouts with three, 50 ms with one)."""
    readout_ids = set(readout_ids)
    with transaction.atomic():
        if readout_ids:
            before, months = _named(readout_ids), _months(readout_ids)
            for batch in _batches(readout_ids):
                for model, _, _ in tables():
                    model.objects.filter(readout__in=batch).delete()
                _write_rows(Readout.objects.published().filter(pk__in=batch).values("pk"))
            after = _named(readout_ids)
            # A deleted readout's rows went with it, and their months are not known: all of them.
            months = None if any((named or {}).values()) else months | _months(readout_ids)
            with connection.cursor() as cursor:
                for entity, entity_counts in counts().items():
                    for count in entity_counts:
                        keys = before[entity] | after[entity] | (named or {}).get(entity, set())
                        count.recount(cursor, keys, months)
            # After the counterparts, which say which pairs are large.
            store_figures(before["organization"] | after["organization"] | (named or {}).get("organization", set()))
            index.reindex(readout_ids)  # after the rows, which the documents may read
        caching.bump()


def rebuild(apps=global_apps):
    """Empty the appearance and count tables and derive them all again, in one transaction.
    (The search index is rebuilt on its own: index.rebuild().)"""
    written = [model for model, _, _ in tables(apps)]
    every_count = [count for entity_counts in counts(apps).values() for count in entity_counts]
    with transaction.atomic():
        for model in [*written, *(count.model for count in every_count)]:
            model.objects.all().delete()
        _write_rows(apps.get_model("readouts", "Readout").objects.filter(status="published").values("pk"), apps)
        with connection.cursor() as cursor:
            for count in every_count:
                cursor.execute(f"INSERT INTO {count.model._meta.db_table} ({', '.join(count.columns)}) {count.sql()}")
            for model in [*written, *(count.model for count in every_count)]:
                cursor.execute(f"ANALYZE {model._meta.db_table}")  # the planner has no statistics for new rows
        if apps is global_apps:  # the pairs are counted by relations.Pair, with today's models
            store_figures()


def store_figures(organization_ids=None):
    """Write the stored figures and heads (models.PairFigures) of the large pairs of these
    organizations (None: of all) again, as relations.counted_pairs() counts them. A pair of two
    organizations an edit named is the only kind whose figures it can change: its engagements
    are readouts of both."""
    if organization_ids is not None and len(organization_ids) > BATCH:
        organization_ids = None
    stale = PairFigures.objects.all()
    if organization_ids is not None:
        stale = stale.filter(organization__in=organization_ids, other__in=organization_ids)
    stale.delete()
    counted = relations.counted_pairs(relations.stored_pairs(organization_ids))
    PairFigures.objects.bulk_create(
        PairFigures(organization_id=a, other_id=b, figures=figures, head=head)
        for (a, b), (figures, head) in counted.items()
    )


class _Changes:
    """What one transaction changed: registered with on_commit once, run once."""

    def __init__(self):
        self.readout_ids = set()
        self.named = {entity: set() for entity in counts()}
        self.done = False
        self.__qualname__ = "derived.refresh"  # how Django's log names a failed callback

    def __call__(self):
        self.done = True
        refresh(self.readout_ids, self.named)


def record(readout_ids=(), named=None):
    """Refresh these readouts (none: only move the edition) when the transaction commits, at
    once outside one; `named` ({entity: ids}) are recounted too. The ids gather in the
    transaction's one callback, which lives in Django's list of its on_commit callbacks, so a
    rollback discards them with it. A failure is logged, not raised (robust): the editor's
    change is committed by then, check_derived finds what the refresh missed and rebuild_derived
    repairs it."""
    callbacks = transaction.get_connection().run_on_commit
    pending = next((f for _, f, _ in reversed(callbacks) if isinstance(f, _Changes) and not f.done), None)
    fresh = pending is None
    if fresh:
        pending = _Changes()
    pending.readout_ids.update(readout_ids)
    for entity, ids in (named or {}).items():
        pending.named[entity].update(ids)
    if fresh:
        transaction.on_commit(pending, robust=True)


# Signals. Every model of the app but the derived ones: a change to a row a readout is made of
# refreshes that readout (and the one it left, when it moved); one to a person, organization or
# topic that changes what their readouts' derived data holds refreshes those readouts; any
# other change moves the edition only. Raw saves (loaddata) record nothing.

# The path from each kind of row to its readout(s).
OWNERS = {
    Readout: ["pk"],
    Participant: ["readout"],
    Statement: ["readout"],
    Commitment: ["readout"],
    Discrepancy: ["readout"],
    Quote: ["statement__readout"],
    StatementVersion: ["statement__readout"],
    StatementTranslation: ["statement__readout"],
    CommitmentUpdate: ["commitment__readout"],
    DiscrepancyVersion: ["discrepancy__readout"],
    ReadoutLink: ["from_readout", "to_readout"],
}

# What of a person, organization or topic their readouts' derived data holds: names in the
# search documents, a topic's parent in the appearance rows (and an organization's, where its
# bodies' readouts are its own), an organization's kind in the counterparts (no news outlet is one).
NAMED_BY = {
    Person: ["name", "slug", "alternate_names"],
    Organization: ["name", "slug", "alternate_names", "parent", "kind"],
    Topic: ["name", "slug", "parent"],
}


def derived_models():
    """The tables written here, whose changes are none of the signals' business."""
    return {
        ArchiveEdition,
        SearchDocument,
        SearchRanking,
        SearchText,
        PairFigures,
        *(model for model, _, _ in tables()),
        *(count.model for entity_counts in counts().values() for count in entity_counts),
    }


def _readouts_of_rows(model, pks):
    ids = set()
    for batch in _batches(pks):
        for path in OWNERS[model]:
            ids.update(model.objects.filter(pk__in=batch).values_list(path, flat=True))
    return ids - {None}


def _readouts_of(model, instance):
    """The readouts the row belongs to, as it now says (one step away without a query)."""
    if model is Readout:
        return {instance.pk}
    if any("__" in path for path in OWNERS[model]):
        return _readouts_of_rows(model, [instance.pk])
    return {getattr(instance, f"{path}_id") for path in OWNERS[model]} - {None}


def readouts_naming(entity):
    """The readouts, drafts included, whose derived data holds this person, organization or
    topic: its readouts (membership), whose documents hold its names too, and for a country the
    readouts held there (their documents hold its names as the place)."""
    named = membership.readouts_of(entity)
    if isinstance(entity, Organization):
        named |= Q(country=entity)
    return set(Readout.objects.filter(named).values_list("pk", flat=True))


def _named_by(sender, values):
    return [values[name] if isinstance(values, dict) else getattr(values, sender._meta.get_field(name).attname)
            for name in NAMED_BY[sender]]


def _before_save(sender, instance, raw=False, **kwargs):
    """What the database still says: the readouts a row belongs to (moved, it leaves one to
    refresh), or what an entity's readouts hold of it."""
    instance._derived_stored = None
    if raw or instance._state.adding:
        return
    if sender in OWNERS and sender is not Readout:
        instance._derived_stored = _readouts_of_rows(sender, [instance.pk])
    elif sender in NAMED_BY:
        instance._derived_stored = sender.objects.filter(pk=instance.pk).values_list(*NAMED_BY[sender]).first()


def _after_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    stored, instance._derived_stored = getattr(instance, "_derived_stored", None), None
    if sender in OWNERS:
        record(_readouts_of(sender, instance) | (stored or set()))
    elif sender in NAMED_BY and stored is not None and list(stored) != _named_by(sender, instance):
        record(readouts_naming(instance))
    else:
        record()


def _before_delete(sender, instance, **kwargs):
    # Before, not after: the rows that lead from it to its readouts are about to go (and a
    # readout's appearance rows with it, which name the people, organizations and topics whose
    # counts change).
    if sender is Readout:
        record([instance.pk], _named([instance.pk]))
    elif sender in OWNERS:
        record(_readouts_of(sender, instance))
    elif sender in NAMED_BY:
        record(readouts_naming(instance))
    else:
        record()


def _after_m2m_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:  # readout.topics.add(...), statement.speakers.remove(...)
        record(_readouts_of(type(instance), instance) if type(instance) in OWNERS else ())
        return
    if action == "pre_clear":  # topic.readouts.clear(): which readouts, before they are gone
        columns = {field.related_model: field.attname for field in sender._meta.fields if field.many_to_one}
        owner = model
        pks = sender.objects.filter(**{columns[type(instance)]: instance.pk}).values_list(columns[model], flat=True)
    else:  # topic.readouts.add(...), person.statements.remove(...)
        owner, pks = model, pk_set
    record(_readouts_of_rows(owner, list(pks)) if owner in OWNERS else ())


def connect():
    derived = derived_models()
    for model in global_apps.get_app_config("readouts").get_models():
        if model in derived:
            continue
        name = model.__name__
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"derived-pre-save-{name}")
        post_save.connect(_after_save, sender=model, dispatch_uid=f"derived-save-{name}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"derived-pre-delete-{name}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_after_m2m_change, sender=through, dispatch_uid=f"derived-m2m-{through.__name__}")
