"""Small helpers shared by the connectivity services (the write building blocks are core's)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kelola.core.errors import KelolaError
from kelola.core.services import insert_validated


def insert(model, *, actor, **data):
    """Validate and insert a row (the caller has checked the permission)."""
    return insert_validated(model(**data), actor=actor, data=data)


def required_text(value, field: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise KelolaError(message, errors={field: [_("Wajib diisi.")]})
    return text


def mbps_text(value) -> str:
    """Decimal("40.50") → "40,5": Mbps as people write them (decimal comma, no trailing zeros)."""
    from decimal import Decimal

    if value is None:
        return "—"
    text = format(Decimal(value).quantize(Decimal("0.01")).normalize(), "f")
    return text.replace(".", ",")
