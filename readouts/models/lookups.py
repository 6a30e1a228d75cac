"""`field__among=ids`: the rows whose field is one of a list of ids, passed as one parameter
however many there are (SQLite takes at most 32,766 parameters in a query, and PostgreSQL plans
thousands slowly). On PostgreSQL `= ANY(array)`: PostgreSQL executed a pair's figures and
lists in 40-60% less time than with `IN (SELECT unnest(array))` (EXPLAIN ANALYZE, 8 pairs at
100,000 readouts), though the pages' times moved within the machine's drift."""

import json

from django.db.models import Field, ForeignObject, Lookup


class Among(Lookup):
    lookup_name = "among"
    prepare_rhs = False  # a list of ids, not one value of the field

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", [*params, json.dumps(list(self.rhs))]

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*params, list(self.rhs)]


# A relation takes only the lookups registered on ForeignObject and its subclasses.
Field.register_lookup(Among)
ForeignObject.register_lookup(Among)
