"""Template context for every page: navigation by domain, unread notifications."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kelola.core.notifications import unread_count

#: Navigation sections by domain; each domain appends its entries in AppConfig.ready:
#: (section label, [(label, url name, predicate(user) -> bool), ...]).
NAVIGATION: list[tuple[str, list[tuple[str, str, object]]]] = []


def register_navigation(section, entries) -> None:
    for label, items in NAVIGATION:
        if str(label) == str(section):
            items.extend(entries)
            return
    NAVIGATION.append((section, list(entries)))


_URLS: dict[str, str] = {}


def _url(name: str) -> str:
    # Navigation targets never change while the process runs; reverse them once.
    if name not in _URLS:
        _URLS[name] = reverse(name)
    return _URLS[name]


def kelola(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"site_name": settings.KELOLA_SITE_NAME}
    menu = []
    for section, entries in NAVIGATION:
        items = [
            {"label": str(label), "url": _url(url_name), "active": request.path.startswith(_url(url_name))}
            for label, url_name, allowed in entries
            if allowed is None or allowed(user)
        ]
        if items:
            menu.append({"label": str(section), "items": items})
    return {
        "site_name": settings.KELOLA_SITE_NAME,
        "navigation": menu,
        "unread_notifications": unread_count(user),
        "home_label": _("Beranda"),
    }
