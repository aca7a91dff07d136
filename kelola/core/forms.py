"""Form base: field-level Indonesian messages, dropdowns narrowed to what the user may see."""

from __future__ import annotations

from django import forms

from kelola.core.models.base import ScopedQuerySet


class ScopedModelForm(forms.ModelForm):
    """A ModelForm that never saves itself (services do) and restricts every choice of a
    related row to `visible_to(user)` (STYLE practice 2)."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if isinstance(queryset, ScopedQuerySet) and user is not None:
                field.queryset = queryset.visible_to(user)
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select | forms.SelectMultiple) else "form-control"
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"
            widget.attrs.setdefault("class", css)

    def save(self, commit=True):  # pragma: no cover - guard
        raise RuntimeError("Forms do not save; call the register's service.")
