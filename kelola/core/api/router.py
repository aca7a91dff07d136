"""The one API router; each domain registers its viewsets in its `api.py`."""

import re

from django.urls import Resolver404, URLResolver, include, re_path
from django.urls.resolvers import RegexPattern
from rest_framework.routers import DefaultRouter

_FIRST_SEGMENT = re.compile(r"[^/.]*")


class SegmentResolver(URLResolver):
    """Finds a resource's routes by the first segment of the path, a dictionary lookup,
    instead of trying each resource's pattern in turn (~120 failed tries, each raising and
    recording itself for the 404 page, before `/api/v1/tickets/` was found). Reversing, and
    any path whose segment names no resource, go through Django's own resolver over all the
    groups, so URLs and 404 pages are as before."""

    def __init__(self, groups: list[URLResolver], heads: dict[URLResolver, str]):
        super().__init__(RegexPattern(r"^"), groups)
        by_segment: dict[str, list[URLResolver]] = {}
        for group in groups:
            by_segment.setdefault(_FIRST_SEGMENT.match(heads[group]).group(), []).append(group)
        # One resolver per segment with the same empty pattern and no namespace as this one:
        # its match is exactly the one this resolver would build from the same group.
        self._by_segment = {
            segment: URLResolver(RegexPattern(r"^"), candidates) for segment, candidates in by_segment.items()
        }

    def resolve(self, path):
        narrowed = self._by_segment.get(_FIRST_SEGMENT.match(str(path)).group())
        if narrowed is not None:
            try:
                return narrowed.resolve(path)
            except Resolver404:
                pass  # Django's resolver below raises it with every route it tried
        return super().resolve(path)


class GroupedRouter(DefaultRouter):
    """DefaultRouter whose routes are grouped under one pattern per resource, and the groups
    found by the path's first segment (see `SegmentResolver`): `/api/v1/tickets/` costs one
    dictionary lookup and that resource's few routes instead of ~320 patterns in turn."""

    def get_urls(self):
        grouped: dict[str, list] = {}
        others = []
        prefixes = sorted({prefix for prefix, _viewset, _basename in self.registry}, key=len, reverse=True)
        heads = [f"^{prefix}{separator}" for prefix in prefixes for separator in ("/", "\\.")]
        for url in super().get_urls():
            regex = url.pattern.regex.pattern
            head = next((h for h in heads if regex.startswith(h)), None)
            if head is None:
                others.append(url)  # the API root
                continue
            grouped.setdefault(head, []).append(
                re_path("^" + regex[len(head) :], url.callback, kwargs=url.default_args, name=url.name)
            )
        groups = {re_path(head, include(routes)): head[1:] for head, routes in grouped.items()}
        return [*others, SegmentResolver(list(groups), groups)]


router = GroupedRouter()
