"""Move what free text states unambiguously into the fields 0015 added, and nothing else:

- a readout's location "[venue, ]city, country[ (remark)]", where the country is a country's
  name in the archive, fills venue, city and country; the remark, if any, stays as the location
  (the sample archive: "Riyadh, Saudi Arabia (venue not stated)" keeps "venue not stated").
  Any other location (a telephone call, two places) stays as it is.
- a source's note line such as "Aggregator; in Finnish; date as recorded: 2025-03." gives the
  kind and the language it names. A language and "Aggregator" leave the note (the fields say
  them); "Primary copy", "Blog" and "Reference" stay, since the kind says less than they do.
  A note that names no kind or language leaves the fields empty: unknown, not guessed.

fixtures/sample_archive.json is built with the same result (scripts/build_sample_archive.py).
"""

import re

from django.db import migrations

# A remark after the country: "Riyadh, Saudi Arabia (venue not stated)".
REMARK = re.compile(r"(?P<place>.+) \((?P<remark>[^()]+)\)")

LANGUAGES = {
    "arabic": "ar", "bulgarian": "bg", "chinese": "zh", "english": "en", "finnish": "fi", "french": "fr",
    "german": "de", "italian": "it", "polish": "pl", "portuguese": "pt", "russian": "ru", "spanish": "es",
    "ukrainian": "uk",
}
# The words of a note's kind item: (kind, whether the field says all they say).
KINDS = {
    "official text": ("official", True),
    "news report": ("news_report", True),
    "aggregator": ("republication", True),
    "republication": ("republication", True),
    "primary copy": ("republication", False),
    "blog": ("other", False),
    "reference": ("other", False),
}
LANGUAGE_ITEM = re.compile(r"in (\w+)", re.IGNORECASE)


def split_location(text, countries):
    """(venue, city, country pk, remark) where `text` states them, else None. A semicolon
    marks a description ("telephone; ..."), not a place."""
    text = text.strip()
    if ";" in text:
        return None
    match = REMARK.fullmatch(text)
    place, remark = (match["place"], match["remark"]) if match else (text, "")
    parts = place.split(", ")
    if len(parts) < 2 or parts[-1] not in countries or not all(part.strip() for part in parts) or "(" in parts[-2]:
        return None
    return ", ".join(parts[:-2]), parts[-2], countries[parts[-1]], remark


def read_note(note):
    """(kind, language, the note without the items the fields now hold)."""
    kinds, languages, lines = set(), set(), []
    for line in note.split("\n"):
        items = line[:-1].split("; ") if line.endswith(".") else None
        kept = []
        for item in items or []:
            words = item.strip().lower()
            language = LANGUAGE_ITEM.fullmatch(words)
            if language and language[1] in LANGUAGES:
                languages.add(LANGUAGES[language[1]])
            elif words in KINDS:
                kinds.add(KINDS[words][0])
                if not KINDS[words][1]:
                    kept.append(item)
            else:
                kept.append(item)
        if items is None or len(kept) == len(items):
            lines.append(line)
        elif kept:
            text = "; ".join(kept)
            lines.append(text[0].upper() + text[1:] + ".")
    if len(kinds) > 1 or len(languages) > 1:  # a note at odds with itself says nothing for sure
        return "", "", note
    return (kinds or {""}).pop(), (languages or {""}).pop(), "\n".join(lines)


def countries_by_name(Organization):
    names = {}
    for pk, name, others in Organization.objects.filter(kind="country").values_list("pk", "name", "alternate_names"):
        for each in {name, *(line.strip() for line in others.splitlines() if line.strip())}:
            names[each] = None if each in names else pk  # a name two countries share names neither
    return {name: pk for name, pk in names.items() if pk is not None}


def forwards(apps, schema_editor):
    Readout = apps.get_model("readouts", "Readout")
    Organization = apps.get_model("readouts", "Organization")
    Source = apps.get_model("readouts", "Source")
    countries = countries_by_name(Organization)
    blank = Readout.objects.filter(venue="", city="", country=None).exclude(location="")
    for readout in blank.only("pk", "location"):
        place = split_location(readout.location, countries)
        if place:
            venue, city, country, remark = place
            Readout.objects.filter(pk=readout.pk).update(venue=venue, city=city, country=country, location=remark)
    for source in Source.objects.filter(kind="", language="").exclude(note="").only("pk", "note"):
        kind, language, note = read_note(source.note)
        if kind or language:
            Source.objects.filter(pk=source.pk).update(kind=kind, language=language, note=note)


def backwards(apps, schema_editor):
    """Back into the free text, so that reversing 0015 loses nothing."""
    Readout = apps.get_model("readouts", "Readout")
    Source = apps.get_model("readouts", "Source")
    placed = Readout.objects.exclude(venue="", city="", country=None).select_related("country")
    for readout in placed:
        place = ", ".join(part for part in (readout.venue, readout.city, getattr(readout.country, "name", "")) if part)
        location = f"{place} ({readout.location})" if readout.location else place
        Readout.objects.filter(pk=readout.pk).update(location=location[:300])
    names = {code: name.capitalize() for name, code in LANGUAGES.items()}
    for source in Source.objects.exclude(kind="", language=""):
        # The words forwards() took out of the note: the language, and "Aggregator".
        meta = ["Aggregator"] if source.kind == "republication" and "Primary copy" not in source.note else []
        if source.language:
            meta.append(f"in {names.get(source.language, source.language)}")
        if meta:
            line = "; ".join(meta)
            note = "\n".join(part for part in (source.note, line[0].upper() + line[1:] + ".") if part)
            Source.objects.filter(pk=source.pk).update(note=note)


class Migration(migrations.Migration):

    dependencies = [
        ("readouts", "0015_facts_places_sources"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
