"""Removing the synthetic rows (build_synthetic_archive --clear), and only those."""

from django.db import connection, transaction

from readouts.models import Organization, Person, Readout, Source, Topic

# The models that carry the mark (readouts first: clearing them clears what they hold).
MARKED_MODELS = [Readout, Person, Organization, Topic, Source]


def synthetic_counts():
    return {model._meta.verbose_name_plural: model.objects.filter(is_synthetic=True).count() for model in MARKED_MODELS}


def clear_synthetic():
    """Delete every synthetic row, and everything that depends on one, with a few DELETE ... IN
    (subquery) statements per table: Django's delete() would load the rows into memory first.

    Rows that point to synthetic ones are found from the models' relations, so tables added later
    (a search index with a foreign key to Readout, say) are cleared too. Real rows are kept; a
    real row that PROTECTs a synthetic one (an editor's link to it) stops the deletion.
    """
    deleted = {}
    with transaction.atomic():
        for model in MARKED_MODELS:  # readouts first: they hold the participants, quotes, sources...
            _delete_cascading(model, model.objects.filter(is_synthetic=True).values("pk"), deleted)
    return deleted


def _delete_cascading(model, pks, deleted, depth=0):
    """Delete model rows whose pk is in the `pks` subquery, after what depends on them."""
    from django.db.models import CASCADE, SET_NULL

    if depth > 6:
        raise RuntimeError(f"Relations nest too deep under {model.__name__}.")
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and (relation.one_to_many or relation.one_to_one)):
            continue
        related_model, field = relation.related_model, relation.field
        if related_model is model:  # a parent: the rows go in the same DELETE
            continue
        dependents = related_model._base_manager.filter(**{f"{field.name}__in": pks})
        if relation.on_delete is CASCADE or related_model._meta.auto_created:
            _delete_cascading(related_model, dependents.values("pk"), deleted, depth + 1)
        elif relation.on_delete is SET_NULL:
            dependents.update(**{field.name: None})
    sql, params = pks.order_by().query.sql_with_params()
    table, column = connection.ops.quote_name(model._meta.db_table), connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({sql})", params)
        label = str(model._meta.verbose_name_plural)
        deleted[label] = deleted.get(label, 0) + cursor.rowcount
