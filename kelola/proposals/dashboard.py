"""Home dashboard cards of proposals: what waits at each step, and for how long."""

from __future__ import annotations

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core.dashboard import Card

from .choices import ProposalStatus
from .models import Proposal


def waiting_per_step(user) -> list[dict]:
    """Submitted (waiting for review) and reviewed (waiting for the GCIO): count and oldest age."""
    rows = (
        Proposal.objects.visible_to(user)
        .filter(status__in=[ProposalStatus.SUBMITTED, ProposalStatus.REVIEWED])
        .values("status")
        .annotate(count=Count("pk"), oldest_submitted=Min("submitted_at"), oldest_reviewed=Min("reviewed_at"))
    )
    now = timezone.now()
    result = []
    for row in rows:
        since = (
            row["oldest_submitted"] if row["status"] == ProposalStatus.SUBMITTED else row["oldest_reviewed"]
        )
        result.append(
            {
                "status": row["status"],
                "count": row["count"],
                "oldest_days": (now - since).days if since else None,
            }
        )
    return result


def oldest_waiting(user, limit: int = 10) -> list[dict]:
    """The proposals waiting longest for the next step, with their age in days."""
    now = timezone.now()
    rows = (
        Proposal.objects.visible_to(user)
        .filter(status__in=[ProposalStatus.SUBMITTED, ProposalStatus.REVIEWED])
        .select_related("agency")
        .order_by("submitted_at")[:limit]
    )
    result = []
    for proposal in rows:
        since = proposal.reviewed_at if proposal.status == ProposalStatus.REVIEWED else proposal.submitted_at
        result.append({"proposal": proposal, "days": (now - since).days if since else None})
    return result


def cards(user) -> list[Card]:
    counts = Proposal.objects.visible_to(user).aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=Q(status=ProposalStatus.SUBMITTED)),
        reviewed=Count("pk", filter=Q(status=ProposalStatus.REVIEWED)),
    )
    if not counts["total"]:
        return []
    url = reverse("proposals:proposal_list")
    ages = {row["status"]: row["oldest_days"] for row in waiting_per_step(user)}
    return [
        Card(
            _("Usulan menunggu reviu"),
            counts["submitted"],
            f"{url}?status=submitted",
            hint=_("tertua %(days)s hari") % {"days": ages[ProposalStatus.SUBMITTED]}
            if ages.get(ProposalStatus.SUBMITTED) is not None
            else "",
            tone="warning" if counts["submitted"] else "success",
        ),
        Card(
            _("Usulan menunggu keputusan GCIO"),
            counts["reviewed"],
            f"{url}?status=reviewed",
            hint=_("tertua %(days)s hari") % {"days": ages[ProposalStatus.REVIEWED]}
            if ages.get(ProposalStatus.REVIEWED) is not None
            else "",
            tone="warning" if counts["reviewed"] else "success",
        ),
    ]
