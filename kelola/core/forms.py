"""Form base: field-level Indonesian messages, dropdowns narrowed to what the user may see."""

from __future__ import annotations

from django import forms
from django.db import models

from kelola.core.models.base import ScopedQuerySet


def _form_field(db_field, **kwargs):
    # Addresses typed without a scheme are taken as https (Django 6's default, chosen now).
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """Model choices read with one plain query: Django's `.iterator()` opens a server-side
    cursor on PostgreSQL, three round trips for a select of a few dozen options."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


def list_model_choices(field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        field.iterator = ListedChoiceIterator
        field.widget.choices = field.choices


def style_widgets(form, *, small: bool = False) -> None:
    """Bootstrap classes on every widget of `form` (kept where a widget sets its own); dates use
    the browser's date picker."""
    size = " form-select-sm" if small else ""
    for field in form.fields.values():
        list_model_choices(field)
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select" + size
        else:
            css = "form-control" + (" form-control-sm" if small else "")
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
        widget.attrs.setdefault("class", css)


class _ScopedModelFormMetaclass(forms.models.ModelFormMetaclass):
    """Gives every subclass's Meta the project's `formfield_callback` (Django reads it from the
    form's own Meta only)."""

    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = _form_field
        return super().__new__(mcs, name, bases, attrs)


class ScopedModelForm(forms.ModelForm, metaclass=_ScopedModelFormMetaclass):
    """A ModelForm that never saves itself (services do) and restricts every choice of a
    related row to `visible_to(user)` (STYLE practice 2)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if isinstance(queryset, ScopedQuerySet) and user is not None:
                field.queryset = queryset.visible_to(user)
        style_widgets(self)

    def save(self, commit=True):  # pragma: no cover - guard
        raise RuntimeError("Forms do not save; call the register's service.")
