"""Requests for IP addresses (DC-4, 004 Lamp.IV 2.2.1): an OPD asks for N public or local
addresses with a purpose; the data-center or infrastructure team approves — allocating the next
free addresses of a prefix it chooses, in the same transaction — or rejects with a reason. The
OPD may withdraw a request while it waits."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import notifications
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_ROLES
from kelola.core.services import ensure, refusals_logged, require_same_pemda
from kelola.core.workflow import Transition, Workflow, perform

from . import services
from .choices import RequestStatus as S
from .models import AddressRequest, Prefix
from .policies import NETWORK_MANAGERS


def _decided(request, actor):
    request.decided_at = timezone.now()


def _requester(request):
    return [request.requested_by]


REQUEST = Workflow(
    transitions=(
        Transition(
            "approve",
            gettext_lazy("Setujui dan alokasikan"),
            (S.SUBMITTED,),
            S.APPROVED,
            pemda_roles=NETWORK_MANAGERS,
            required_fields=("prefix",),
            apply=_decided,
            notify=_requester,
        ),
        Transition(
            "reject",
            gettext_lazy("Tolak"),
            (S.SUBMITTED,),
            S.REJECTED,
            pemda_roles=NETWORK_MANAGERS,
            required_fields=("decision_reason",),
            apply=_decided,
            notify=_requester,
        ),
        Transition(
            "withdraw",
            gettext_lazy("Tarik permintaan"),
            (S.SUBMITTED,),
            S.WITHDRAWN,
            agency_roles=AGENCY_ROLES,
        ),
    )
)


def request_create(
    *, actor, agency, scope: str, family: int = 4, quantity: int = 1, purpose: str, system=None
) -> AddressRequest:
    """An OPD files a request; the network team is told."""
    probe = AddressRequest(pemda_id=agency.pemda_id, agency=agency, scope=scope)
    with refusals_logged(actor, "add", probe, AddressRequest), transaction.atomic():
        ensure(actor, "add", probe)
        require_same_pemda(agency.pemda_id, system=system)
        if not (purpose or "").strip():
            raise KelolaError(_("Tuliskan keperluan alamat IP."), errors={"purpose": [_("Wajib diisi.")]})
        request = services._insert(
            AddressRequest,
            actor=actor,
            pemda_id=agency.pemda_id,
            agency=agency,
            scope=scope,
            family=family,
            quantity=quantity,
            purpose=purpose.strip(),
            system=system,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        team = list(users_with_roles(agency.pemda_id, NETWORK_MANAGERS - {"gcio", "pemda_admin"}))
        transaction.on_commit(
            lambda: notifications.notify(
                team,
                kind="network.request",
                title=_("Permintaan alamat IP dari %(agency)s") % {"agency": agency},
                body=purpose[:500],
                url=request.get_absolute_url(),
                pemda_id=agency.pemda_id,
            )
        )
    return request


def _prefix_refusal(request: AddressRequest, prefix: Prefix) -> str | None:
    if prefix.pemda_id != request.pemda_id:
        return _("Prefiks harus dari pemda yang sama.")
    if prefix.scope != request.scope:
        return _("Permintaan ini untuk alamat %(scope)s; pilih prefiks %(scope)s.") % {
            "scope": request.get_scope_display().lower()
        }
    if prefix.family != request.family:
        return _("Permintaan ini untuk IPv%(family)s; pilih prefiks IPv%(family)s.") % {
            "family": request.family
        }
    return None


def request_approve(
    request: AddressRequest, *, actor, prefix: Prefix, comment: str = "", assigned_to: str = ""
):
    """Approve and allocate the requested number of addresses from `prefix` (all or none)."""
    with refusals_logged(actor, "approve", request), transaction.atomic():
        if not REQUEST.may_take(actor, REQUEST.get("approve"), request):
            raise KelolaError(_("Anda tidak berwenang mengambil langkah ini."), code=ErrorCode.FORBIDDEN)
        if prefix is None:
            raise KelolaError(_("Pilih prefiks sumber alamat."), errors={"prefix": [_("Wajib diisi.")]})
        refusal = _prefix_refusal(request, prefix)
        if refusal:
            raise KelolaError(refusal, errors={"prefix": [refusal]})
        approved = perform(
            REQUEST, request, "approve", actor=actor, comment=comment, changes={"prefix": prefix}
        )
        addresses = services.allocate(
            prefix,
            approved.quantity,
            actor=actor,
            agency=approved.agency,
            system=approved.system,
            assigned_to=assigned_to,
            description=approved.purpose[:300],
            request=approved,
        )
    return approved, addresses


def request_reject(request: AddressRequest, *, actor, reason: str) -> AddressRequest:
    reason = (reason or "").strip()
    return perform(
        REQUEST, request, "reject", actor=actor, comment=reason, changes={"decision_reason": reason}
    )


def request_withdraw(request: AddressRequest, *, actor, comment: str = "") -> AddressRequest:
    return perform(REQUEST, request, "withdraw", actor=actor, comment=comment)


def request_transition(request: AddressRequest, name: str, *, actor, comment: str = "", prefix=None):
    """The one entry point of the request's buttons and the API's transition action."""
    if name == "approve":
        return request_approve(request, actor=actor, prefix=prefix, comment=comment)[0]
    if name == "reject":
        return request_reject(request, actor=actor, reason=comment)
    if name == "withdraw":
        return request_withdraw(request, actor=actor, comment=comment)
    REQUEST.get(name)  # raises "unknown step"
    return request
