"""Detail-page URLs without a full `reverse()` per row.

A list page links every row to its detail page; `reverse()` walks the resolver each time. The
path of a "<pk>" detail route differs only in the pk, so it is reversed once per route (and
script prefix, URLconf and language) with a sentinel pk and filled in afterwards.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_SENTINEL = "987654321987"


@lru_cache(maxsize=1024)
def _template(name: str, prefix: str, urlconf, language) -> tuple[str, str] | None:
    url = reverse(name, args=[int(_SENTINEL)], urlconf=urlconf)
    if url.count(_SENTINEL) != 1:
        return None
    head, _sep, tail = url.partition(_SENTINEL)
    return head, tail


def detail_url(name: str, pk) -> str:
    """`reverse(name, args=[pk])` for a route whose only argument is an integer pk."""
    parts = _template(name, get_script_prefix(), get_urlconf(), get_language())
    if parts is None or not isinstance(pk, int):
        return reverse(name, args=[pk])
    return f"{parts[0]}{pk}{parts[1]}"


def clear() -> None:
    _template.cache_clear()


def _on_setting_changed(*, setting, **kwargs) -> None:
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        clear()


setting_changed.connect(_on_setting_changed)
