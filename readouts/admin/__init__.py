"""The editors' entry: one screen per readout, with the records it gathers as inlines.

Each module registers the admins for one concern; importing them here is what registers them.
"""

from . import commitments, entities, readouts, statements  # noqa: F401
