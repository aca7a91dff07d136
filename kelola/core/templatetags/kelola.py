"""Template helpers: Indonesian formats for dates, numbers and rupiah (X-6)."""

from __future__ import annotations

import datetime
import decimal

from django import template
from django.db.models import Model
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def rupiah(value) -> str:
    """1234567.5 → "Rp1.234.568" (rupiah are shown without cents)."""
    if value in (None, ""):
        return ""
    amount = decimal.Decimal(value).quantize(decimal.Decimal("1"), rounding=decimal.ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    digits = f"{abs(int(amount)):,}".replace(",", ".")
    return f"{sign}Rp{digits}"


@register.filter
def display(value):
    """Render any field value for people: dates localised, booleans as Ya/Tidak, empty as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Ya") if value else _("Tidak")
    if isinstance(value, datetime.datetime):
        return formats.date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT"
        )
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Model) and hasattr(value, "get_absolute_url"):
        try:
            return format_html('<a href="{}">{}</a>', value.get_absolute_url(), value)
        except Exception:  # an object without a page of its own is shown as text
            return str(value)
    if isinstance(value, int | float | decimal.Decimal):
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    return value


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def pretty_changes(changes) -> str:
    if not isinstance(changes, dict):
        return str(changes)
    lines = []
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            lines.append(f"{key}: {value[0]!s} → {value[1]!s}")
        else:
            lines.append(f"{key}: {value!s}")
    return "\n".join(lines)


@register.simple_tag
def filter_select(field) -> str:
    """A filter's <select>, options rendered in Python (a template loop per option was a
    noticeable share of a list page's time)."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    current = field.value()
    current = "" if current is None else str(current)
    options = []
    for value, label in field.field.widget.choices:
        value = "" if value is None else str(value)
        selected = " selected" if value == current else ""
        options.append(
            f'<option value="{conditional_escape(value)}"{selected}>{conditional_escape(label)}</option>'
        )
    return format_html(
        '<select name="{}" id="{}" class="form-select form-select-sm">{}</select>',
        field.html_name,
        field.id_for_label,
        mark_safe("".join(options)),
    )
