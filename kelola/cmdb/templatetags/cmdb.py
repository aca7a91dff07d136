"""Template helpers of the configuration register: the kind summary of a tree and the "Dampak"
panel of a service-desk ticket."""

from __future__ import annotations

from django import template

from kelola.cmdb import graph
from kelola.cmdb.choices import CiKind

register = template.Library()

PANEL_DEPTH = graph.DEFAULT_DEPTH
PANEL_ITEMS = 5


@register.simple_tag
def kind_counts(tree) -> list[tuple[str, int]]:
    counts = tree.count_by_kind()
    return [(kind.label, counts[kind]) for kind in CiKind if counts.get(kind)]


@register.simple_tag(takes_context=True)
def ticket_impact(context, ticket):
    """The item of the ticket's system (or else its service) as the reader may see it, with what
    its failure affects: None when there is nothing to show."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if ticket is None or user is None or not user.is_authenticated:
        return None
    from kelola.cmdb.models import ConfigurationItem

    candidates = [
        (ticket.system_id, "portfolio", "electronicsystem"),
        (ticket.service_id, "servicedesk", "service"),
    ]
    for object_id, app_label, model in candidates:
        if object_id is None:
            continue
        item = (
            ConfigurationItem.objects.visible_to(user)
            .filter(content_type__app_label=app_label, content_type__model=model, object_id=object_id)
            .first()
        )
        if item is not None:
            impact = graph.affected_by(item, user, max_depth=PANEL_DEPTH)
            counts = impact.count_by_kind()
            return {
                "item": item,
                "impact": impact,
                "services": counts.get(CiKind.SERVICE, 0),
                "systems": counts.get(CiKind.SYSTEM, 0),
                "top": impact.top(limit=PANEL_ITEMS),
            }
    return None
