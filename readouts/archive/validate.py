"""Check a whole archive before anything is written: every record, every reference, every key.

Each problem is reported where it is, in the file's own terms: `readouts[12].statements[2].kind`
(lists count from 0), with the reason. Nothing here writes to the database.
"""

import datetime
import re
from collections import Counter, defaultdict

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from readouts.models.statements import check_texts

from .format import (
    DATE,
    EARLIER_TEXTS,
    FORMAT,
    LINKS,
    METADATA,
    NEW_FIELDS,
    NUMBERED,
    READABLE,
    READOUT_REFERENCE,
    READOUTS,
    STATEMENTS,
    TOP_LEVEL,
    existing_pks,
    from_json,
    reference,
    required,
)

KINDS = {kind.name: kind for kind in TOP_LEVEL}

# clean() sees a related row as an unsaved object with this id: the reference is set, and no
# query runs; whether it resolves is checked separately, against the file and the database.
STAND_IN = -1
STAND_INS = {kind.model: kind.model(pk=STAND_IN) for kind in TOP_LEVEL}


class DuplicatedKeys(dict):
    """A JSON object in which some keys appeared more than once (json keeps the last value)."""

    duplicated = ()


NESTED = (dict, DuplicatedKeys, list)


def json_object(pairs):
    """json's object_pairs_hook: keeps a note of keys given twice, for Checker to report with
    their place in the file (the decoder, building objects inside out, cannot know it)."""
    value = dict(pairs)
    if len(value) == len(pairs):
        return value
    seen, duplicated = set(), []
    for key, _ in pairs:
        if key in seen and key not in duplicated:
            duplicated.append(key)
        seen.add(key)
    value = DuplicatedKeys(value)
    value.duplicated = duplicated
    return value


def check(data, progress=None):
    checker = Checker(progress)
    checker.check(data)
    return checker


class Checker:
    def __init__(self, progress=None):
        self.progress = progress
        self.version = None  # the file's, once read
        self.errors = []  # (path, message)
        self.counts = Counter()  # records checked, by their name in `counts`
        self.found = defaultdict(dict)  # list name -> {reference: pk} of rows the database holds
        self.defined = defaultdict(dict)  # list name -> {reference: path} of records in the file
        self.named = defaultdict(lambda: defaultdict(list))  # list name -> {reference: paths naming it}
        self.parents = defaultdict(dict)  # list name -> {reference: (parent reference, path)}

    def error(self, path, message):
        self.errors.append((path, message))

    def sorted_errors(self):
        """In the file's order: people before readouts, readouts[2] before readouts[10]."""
        order = {name: i for i, name in enumerate(METADATA + tuple(KINDS))}

        def position(error):
            first, *rest = re.split(r"[\[\].]+", error[0])
            return [order.get(first, len(order))] + [(0, int(part)) if part.isdigit() else (1, part) for part in rest]

        return sorted(self.errors, key=position)

    def check(self, data):
        self.check_duplicated_keys(data)
        if not isinstance(data, dict):
            return self.error("", f"an archive is a JSON object, not {json_type(data)}")
        if data.get("format") != FORMAT:
            return self.error("format", f"expected {FORMAT!r}: this file is not a Readouts archive")
        version = data.get("version")
        if type(version) is not int or version not in READABLE:
            given = repr(version) if "version" in data else "none"
            readable = ", ".join(map(str, READABLE[:-1])) + f" and {READABLE[-1]}"
            return self.error("version", f"this version of Readouts reads archives of versions {readable}, not {given}")
        self.version = version
        for name in sorted(data.keys() - set(METADATA) - KINDS.keys()):
            self.error(name, "unknown field")
        lists = {}
        for kind in TOP_LEVEL:
            records = data.get(kind.name, [])
            if isinstance(records, list):
                lists[kind] = records
            else:
                self.error(kind.name, f"expected a list, not {json_type(records)}")
        # The database's ids for the file's own records first: Readout.clean() needs them.
        for kind, records in lists.items():
            if kind is not LINKS:
                wanted = {self.reference(kind, record) for record in records} - {None}
                self.found[kind.name].update(existing_pks(kind, wanted))
        for kind, records in lists.items():
            if kind is READOUTS and self.progress:
                self.progress.start(len(records), "checking readouts")
            for i, record in enumerate(records):
                self.check_record(kind, record, f"{kind.name}[{i}]")
                if kind is READOUTS and self.progress:
                    self.progress.advance(1)
        self.resolve()
        self.check_parents()

    def check_duplicated_keys(self, data):
        """A key given twice in one object is refused, wherever it is: which value was meant?"""
        stack = [("", data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, DuplicatedKeys):
                for key in value.duplicated:
                    self.error(f"{path}.{key}" if path else key, "given more than once in the same object")
            # Only objects and lists are visited: most of a file's values are neither.
            if isinstance(value, dict):
                items = ((f"{path}.{key}" if path else key, item) for key, item in value.items() if type(item) in NESTED)
            elif isinstance(value, list):
                items = ((f"{path}[{i}]", item) for i, item in enumerate(value) if type(item) in NESTED)
            else:
                continue
            stack.extend(items)

    def check_record(self, kind, record, path, parent=None, numbered=None):
        """`numbered`: {list name: how many records the enclosing ones hold} for references by
        number (a readout's statements, a statement's earlier texts)."""
        if not isinstance(record, dict):
            return self.error(path, f"expected an object, not {json_type(record)}")
        numbered = dict(numbered or {})
        self.counts[kind.count_name] += 1
        for name in sorted(record.keys() - set(kind.fields)):
            self.error(f"{path}.{name}", "unknown field")
        for version, added in NEW_FIELDS.items():
            if self.version < version:
                for name in sorted(record.keys() & added.get(kind, set())):
                    self.error(f"{path}.{name}", f"unknown field in an archive of version {self.version} (new in version {version})")
        instance = kind.model()
        skip = set(kind.refs) | ({kind.parent} if kind.parent else set())
        for name in kind.values + tuple(kind.refs):
            if name not in record:
                if required(kind.field(name)):
                    self.error(f"{path}.{name}", "missing")
                skip.add(name)
            elif name in kind.refs:
                self.check_reference(kind, name, record[name], f"{path}.{name}", instance, numbered)
            else:
                try:
                    setattr(instance, kind.field(name).attname, from_json(kind.field(name), record[name]))
                except ValueError as error:
                    self.error(f"{path}.{name}", str(error))
                    skip.add(name)
        if parent is not None:
            setattr(instance, kind.parent, parent)
        if kind.key:
            self.define(kind, record, path, instance)
        # Given as null, not left out (which means "now", or the time the database already holds).
        if kind is READOUTS and record.get("status") == "published" and record.get("published_at", "") is None:
            self.error(f"{path}.published_at", "a published readout has a publication time (leave the field out "
                       "to stamp the time of the import)")
        self.clean(instance, skip, path)
        if kind in (STATEMENTS, EARLIER_TEXTS):
            self.check_paragraph_ids(instance, skip, path)
        for target, owner in NUMBERED.items():
            if kind.model._meta.model_name == owner:
                numbered[target] = len(record[target]) if isinstance(record.get(target), list) else 0
        for child in kind.children:
            self.check_children(child, record.get(child.name, []), f"{path}.{child.name}", instance, numbered)
        if kind is STATEMENTS:
            self.check_texts(instance, skip, record, path)

    def check_texts(self, statement, skip, record, path):
        """The earlier texts in the order seen, each different from the next (as the admin checks)."""
        texts = record.get(EARLIER_TEXTS.name, [])
        if not texts or not isinstance(texts, list) or not all(isinstance(text, dict) for text in texts):
            return
        earlier = []
        for text in texts:
            try:
                earlier.append((from_json(EARLIER_TEXTS.field("seen_on"), text.get("seen_on")),
                                from_json(EARLIER_TEXTS.field("text"), text.get("text"))))
            except ValueError:
                return  # reported at the field
        if any(name in skip and name in record for name in ("text", "text_seen_on")):
            return  # reported at the field
        for i, field, message in check_texts(earlier, statement.text, statement.text_seen_on):
            where = f"{path}.{field}" if i is None else f"{path}.{EARLIER_TEXTS.name}[{i}].{field}"
            self.error(where, message)

    def check_paragraph_ids(self, statement, skip, path):
        """Ids, where given, number every paragraph, and none is above the highest ever given
        (a statement's; an earlier text keeps the ids it had)."""
        ids = statement.paragraph_ids if "paragraph_ids" not in skip else []
        if not ids or {"text", "summary"} & skip:
            return
        count = len(statement.paragraphs)
        if len(ids) != count:
            self.error(f"{path}.paragraph_ids", f"{len(ids)} numbers for {count} paragraphs")
        elif hasattr(statement, "last_paragraph_id") and "last_paragraph_id" not in skip and statement.last_paragraph_id < max(ids):
            self.error(f"{path}.last_paragraph_id", f"lower than paragraph number {max(ids)}")

    def check_children(self, kind, records, path, parent, numbered):
        if not isinstance(records, list):
            return self.error(path, f"expected a list, not {json_type(records)}")
        seen = {}
        for i, record in enumerate(records):
            self.check_record(kind, record, f"{path}[{i}]", parent, numbered)
            if kind.match and isinstance(record, dict):
                key = tuple(str(record.get(name, kind.field(name).get_default())) for name in kind.match)
                if key in seen:
                    self.error(f"{path}[{i}]", f"the same {' and '.join(kind.match)} as {path}[{seen[key]}]")
                seen.setdefault(key, i)

    def check_reference(self, kind, name, value, path, instance, numbered):
        field, target = kind.field(name), kind.refs[name]
        if field.many_to_many:
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                return self.error(path, "expected a list of strings")
            for i, item in enumerate(value):
                if item in value[:i]:
                    self.error(path, f"{item!r} is listed twice")
                else:
                    self.name(target, item, path)
        elif value is None:
            if not field.null:
                self.error(path, "may not be null")
        elif target in NUMBERED:
            owner, noun = NUMBERED[target], "statement" if target == "statements" else "earlier text"
            count = numbered.get(target, 0)
            if not isinstance(value, int) or isinstance(value, bool):
                self.error(path, f"expected {'an' if noun[0] in 'aeiou' else 'a'} {noun}'s number (from 1)")
            elif not 1 <= value <= count:
                self.error(path, f"the {owner} has no {noun} {value} (it has {count})")
        elif not isinstance(value, str):
            self.error(path, "expected a string")
        else:
            self.name(target, value, path)
            setattr(instance, name, STAND_INS[field.related_model])

    def name(self, target, ref, path):
        if target == "readouts":
            match = READOUT_REFERENCE.fullmatch(ref)
            if not (match and is_date(match[1])):
                return self.error(path, f"{ref!r} does not name a readout: expected YYYY-MM-DD/slug")
        self.named[target][ref].append(path)

    def reference(self, kind, record):
        """The record's reference, where its key is well formed."""
        if not isinstance(record, dict) or not all(isinstance(record.get(name), str) for name in kind.key):
            return None
        if kind is READOUTS and not is_date(record["date"]):
            return None
        return reference(kind, record)

    def define(self, kind, record, path, instance):
        if kind is LINKS:
            key = tuple(str(record.get(name, kind.field(name).get_default())) for name in kind.key)
            if record.get("from_readout") is not None and record.get("from_readout") == record.get("to_readout"):
                self.error(path, "a readout cannot link to itself")
        else:
            key = self.reference(kind, record)
            instance.pk = self.found[kind.name].get(key)
            if "parent" in kind.refs and key:
                parent = record.get("parent")
                self.parents[kind.name][key] = (parent if isinstance(parent, str) else None, path)
        if key is None:
            return
        if key in self.defined[kind.name]:
            where = f"{path}.{kind.key[0]}" if len(kind.key) == 1 else path
            self.error(where, f"the same {' and '.join(kind.key)} as {self.defined[kind.name][key]}")
        else:
            self.defined[kind.name][key] = path

    def clean(self, instance, skip, path):
        try:
            instance.full_clean(exclude=skip, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.error(path if name == NON_FIELD_ERRORS else f"{path}.{name}", message)

    def resolve(self):
        """Every reference names a record of the file or a row of the database."""
        for target, names in self.named.items():
            unknown = names.keys() - self.defined[target].keys() - self.found[target].keys()
            self.found[target].update(existing_pks(KINDS[target], unknown))
            for ref in sorted(unknown - self.found[target].keys()):
                for path in names[ref]:
                    self.error(path, f"{ref!r} is neither in the file's {target} nor in the database")

    def check_parents(self):
        """Organizations and topics nest in trees: no record may end up inside itself."""
        for name, in_file in self.parents.items():
            model = KINDS[name].model
            tree = dict(model.objects.values_list("slug", "parent__slug"))
            tree.update((ref, parent) for ref, (parent, _) in in_file.items())
            for ref, (_, path) in in_file.items():
                seen, node = set(), tree.get(ref)
                while node is not None and node != ref and node not in seen:
                    seen.add(node)
                    node = tree.get(node)
                if node == ref:
                    self.error(f"{path}.parent", f"{ref!r} would sit inside itself or one of its own children")


def is_date(text):
    try:
        return bool(DATE.fullmatch(text)) and bool(datetime.date.fromisoformat(text))
    except ValueError:
        return False


def json_type(value):
    for kind, name in ((dict, "an object"), (list, "a list"), (str, "a string"), (bool, "true or false")):
        if isinstance(value, kind):
            return name
    return "null" if value is None else "a number"
