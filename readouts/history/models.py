"""The history of every archive record an editor can change: one table of past versions per
model (django-simple-history), each with the editor who saved it and when.

The tables live in this app, not in readouts, so that nothing that walks the archive's own
models (the edition's signals in readouts/caching.py, export and import, the synthetic
builder) ever takes a past version for archive content. Versions are written by saves and
deletions; raw saves (loaddata) and bulk writes (import, build_synthetic_archive) write none.
The admin reads them (readouts/admin/history.py) and names them when it refuses a save made
on a stale form (readouts/admin/locking.py).
"""

from simple_history import register

from readouts import models as archive

# Derived or stamped columns: they change with every save and say nothing an editor typed.
NOT_TRACKED = {
    archive.Readout: ["updated_at"],
    archive.Statement: ["paragraph_ids", "last_paragraph_id"],
    archive.StatementVersion: ["paragraph_ids"],
}

TRACKED = [
    archive.Readout,
    archive.Participant,
    archive.ReadoutLink,
    archive.Statement,
    archive.StatementVersion,
    archive.StatementTranslation,
    archive.Quote,
    archive.Discrepancy,
    archive.DiscrepancyVersion,
    archive.Commitment,
    archive.CommitmentUpdate,
    archive.Person,
    archive.Organization,
    archive.Topic,
    archive.Source,
]

for model in TRACKED:
    register(model, app="readouts.history", excluded_fields=NOT_TRACKED.get(model, []))
