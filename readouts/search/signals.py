"""Keep the index current: every change to what a readout's document holds schedules that
readout for reindexing when the transaction commits (index.reindex_on_commit).

- a readout, statement, quote or participant saved or deleted: its readout (and, when it moved
  to another readout, the one it left);
- a readout's topics or organizations, or a statement's speakers, added, removed or cleared;
- a person, organization or topic renamed (or its slug, other names or parent changed), or
  deleted: every published readout that names it.

Raw saves (loaddata) are skipped: load a fixture, then run rebuild_search_index.
"""

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from .. import membership
from ..models import Organization, Participant, Person, Quote, Readout, Statement, Topic
from .index import reindex_on_commit

# The rows a readout's document is made of, and the path from each to its readout's id.
OWNER = {Readout: "pk", Statement: "readout", Participant: "readout", Quote: "statement__readout"}

# What of a person, organization or topic the documents hold.
INDEXED_FIELDS = {
    Person: ["name", "slug", "alternate_names"],
    Organization: ["name", "slug", "alternate_names"],
    Topic: ["name", "slug", "parent"],
}


def _owner(instance):
    """The readout the row belongs to, as the row now says."""
    if isinstance(instance, Quote):
        return set(Statement.objects.filter(pk=instance.statement_id).values_list("readout", flat=True))
    return {instance.pk if isinstance(instance, Readout) else instance.readout_id}


def _stored_owner(instance):
    """The readout the row belongs to, as the database still says."""
    return set(type(instance).objects.filter(pk=instance.pk).values_list(OWNER[type(instance)], flat=True))


def readouts_naming(instance):
    """The published readouts whose documents hold this person's, organization's or topic's name."""
    if isinstance(instance, Person):
        condition = (
            membership.with_person(instance)
            | Q(pk__in=Statement.objects.filter(speakers=instance).values("readout"))
            | Q(pk__in=Quote.objects.filter(speaker=instance).values("statement__readout"))
        )
    elif isinstance(instance, Organization):
        condition = membership.involving_organization(instance)
    else:  # a topic: named in its readouts, and the facet of its subtopics' readouts
        condition = membership.about_topic(instance)
    return set(Readout.objects.published().filter(condition).values_list("pk", flat=True))


def before_save(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding:
        return
    if sender in OWNER:
        # Moved to another readout? The one it leaves needs reindexing too.
        reindex_on_commit(_stored_owner(instance))
        return
    fields = INDEXED_FIELDS[sender]
    stored = sender.objects.filter(pk=instance.pk).values_list(*fields).first()
    if stored and list(stored) != [getattr(instance, sender._meta.get_field(name).attname) for name in fields]:
        reindex_on_commit(readouts_naming(instance))


def after_save(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex_on_commit(_owner(instance))


def before_delete(sender, instance, **kwargs):
    # Before, not after: the rows that lead from it to its readouts are about to go.
    reindex_on_commit(_stored_owner(instance) if sender in OWNER else readouts_naming(instance))


def after_m2m_change(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:  # readout.topics.add(...), statement.speakers.remove(...)
        reindex_on_commit(_owner(instance))
    elif sender is Statement.speakers.through:  # person.statements.add(...)
        statements = Statement.objects.filter(pk__in=pk_set) if pk_set is not None else instance.statements.all()
        reindex_on_commit(set(statements.values_list("readout", flat=True)))
    elif pk_set is not None:  # topic.readouts.add(...), organization.readouts.remove(...)
        reindex_on_commit(pk_set)
    else:
        reindex_on_commit(set(instance.readouts.values_list("pk", flat=True)))


def connect():
    for model in [Statement, Participant, Quote, *INDEXED_FIELDS]:
        pre_save.connect(before_save, sender=model, dispatch_uid=f"search-pre-save-{model.__name__}")
    for model in [*OWNER, *INDEXED_FIELDS]:
        pre_delete.connect(before_delete, sender=model, dispatch_uid=f"search-pre-delete-{model.__name__}")
    for model in OWNER:
        post_save.connect(after_save, sender=model, dispatch_uid=f"search-post-save-{model.__name__}")
    for through in (Readout.topics.through, Readout.organizations.through, Statement.speakers.through):
        m2m_changed.connect(after_m2m_change, sender=through, dispatch_uid=f"search-m2m-{through.__name__}")
