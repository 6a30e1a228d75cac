"""Admin change forms as a browser submits them: every field of the page's form, read from its
HTML (inputs, checked boxes, selected options, text areas), so tests post what an editor would;
and the readout add screen's fields and inline rows, for tests that post it from scratch."""

from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from tests.factories import make_editor


class _FormFields(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields = []  # (name, value) pairs in page order
        self._in_form = False
        self._select = None  # [name, multiple, first option's value, anything selected]
        self._textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._in_form = attrs.get("id") == self.form_id
        if not self._in_form:
            return
        if tag == "input" and "name" in attrs:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "reset", "image", "file"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((attrs["name"], attrs.get("value", "on")))
                return
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "select" and "name" in attrs:
            self._select = [attrs["name"], "multiple" in attrs, None, False]
        elif tag == "option" and self._select:
            if self._select[2] is None:
                self._select[2] = attrs.get("value", "")
            if "selected" in attrs:
                self._select[3] = True
                self.fields.append((self._select[0], attrs.get("value", "")))
        elif tag == "textarea" and "name" in attrs:
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select:
            name, multiple, first, selected = self._select
            if not multiple and not selected and first is not None:
                self.fields.append((name, first))  # a browser sends a single select's first option
            self._select = None
        elif tag == "textarea" and self._textarea:
            name, text = self._textarea
            self.fields.append((name, text.removeprefix("\n")))
            self._textarea = None


def form_data(response):
    """{name: [values]} of the admin form on the page, ready for client.post()."""
    opts = response.context["opts"]
    parser = _FormFields(f"{opts.model_name}_form")
    parser.feed(response.content.decode())
    data = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    return data


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def editor_client(username):
    """A signed-in browser of an editor of that name."""
    client = Client()
    client.force_login(make_editor(username=username))
    return client



def version_on(page):
    """The version of the record a change page was opened on (readouts/admin/locking.py)."""
    return page.context["adminform"].form["_version"].value()


def formset_data(page, rows=None):
    """POST data for every inline on an admin page: its management fields, and the given rows
    (a list of field dicts) for the inlines keyed by model. A row's rows of a nested inline go
    under that inline's model as a key of the row ({"text": ..., Quote: [{...}]}); every posted
    row carries the management fields of the inlines nested in it, as a browser sends them.
    Prefixes come from the page itself."""
    rows = rows or {}
    data = {}
    for inline in page.context["inline_admin_formsets"]:
        data |= _inline_data(inline.formset, inline.formset.prefix, rows.get(inline.formset.model, []))
    return data


def _inline_data(formset, prefix, forms):
    data = {
        f"{prefix}-TOTAL_FORMS": len(forms),
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    # The inlines nested in each row, as the page's empty row holds them (admin/nesting.py).
    nested = getattr(formset, "nested_formsets", [])
    for index, form in enumerate(forms):
        data |= {f"{prefix}-{index}-{name}": value for name, value in form.items() if isinstance(name, str)}
        for child in nested:
            child_prefix = f"{prefix}-{index}-{child.get_default_prefix()}"
            data |= _inline_data(child, child_prefix, form.get(child.model, []))
    return data


def readout_fields(**overrides):
    return {
        "title": "Trump–Zelenskyy phone call",
        "slug": "trump-zelenskyy-phone-call",
        "date": "2025-03-19",
        "format": "phone_call",
        "summary": "The presidents discussed a partial ceasefire.",
        "status": "draft",
    } | overrides


def add_readout(client, fields, rows=None):
    url = reverse("admin:readouts_readout_add")
    return client.post(url, fields | formset_data(client.get(url), rows))


def statement_row(**overrides):
    return {"kind": "readout", "issuer_name": "The White House", "language": "en", "position": 0} | overrides
