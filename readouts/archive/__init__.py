"""The archive as one JSON file (docs/archive-format.md): the operators' backup and the public dump.

format.py describes the records, export.py writes them, validate.py checks a file before
load.py writes it into the database.
"""
