"""Temporary intranet and internet for events (DC-5, 004 Lamp.IV 2.2.3).

The OPD files the event (venue, times, participants, addresses needed, internet and/or
intranet, bandwidth). IT support checks the venue and recommends (it may correct the number of
addresses); infrastructure sets the network up, reserving the addresses from a local prefix of
the address plan (DC-4) in the same transaction — all or none, the address plan's own "prefix
full" refusal surfacing as is; after the event infrastructure dismantles it and the addresses
are released; the help desk closes the request. IT support, infrastructure, the help desk or the
GCIO may reject it with reasons before it is set up; the OPD may withdraw it while submitted.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import audit, notifications
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_ROLES, Role
from kelola.core.services import ensure, refusals_logged, require_same_pemda
from kelola.core.workflow import Transition, Workflow, perform
from kelola.network import services as network
from kelola.network.choices import AddressStatus, Scope

from .choices import EventStatus as S
from .common import insert, required_text
from .connection import requester_and_opd, team
from .models import EventNetworkRequest

IT_SUPPORT = frozenset({Role.IT_SUPPORT})
#: Infrastructure sets the addresses up (SOP); the data-center team also keeps the address plan.
SETTERS = frozenset({Role.INFRASTRUCTURE, Role.DATACENTER})
HELPDESK = frozenset({Role.HELPDESK})
REJECTERS = frozenset({Role.IT_SUPPORT, Role.INFRASTRUCTURE, Role.HELPDESK, Role.GCIO})


def _dismantled(obj, actor):
    obj.dismantled_at = timezone.now()


EVENT = Workflow(
    transitions=(
        Transition(
            "approve",
            gettext_lazy("Rekomendasikan"),
            (S.SUBMITTED,),
            S.APPROVED,
            pemda_roles=IT_SUPPORT,
            required_fields=("recommendation",),
            notify=team(SETTERS),
        ),
        Transition(
            "set_up",
            gettext_lazy("Pasang jaringan dan cadangkan alamat"),
            (S.APPROVED,),
            S.READY,
            pemda_roles=SETTERS,
            notify=requester_and_opd,
        ),
        Transition(
            "dismantle",
            gettext_lazy("Bongkar dan lepaskan alamat"),
            (S.READY,),
            S.DISMANTLED,
            pemda_roles=SETTERS,
            apply=_dismantled,
            notify=team(HELPDESK),
        ),
        Transition(
            "close",
            gettext_lazy("Tutup permintaan"),
            (S.DISMANTLED,),
            S.CLOSED,
            pemda_roles=HELPDESK,
        ),
        Transition(
            "reject",
            gettext_lazy("Tolak"),
            (S.SUBMITTED, S.APPROVED),
            S.REJECTED,
            pemda_roles=REJECTERS,
            required_fields=("decision_reason",),
            notify=requester_and_opd,
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


def event_create(
    *,
    actor,
    agency,
    name: str,
    venue: str,
    start_at,
    end_at,
    participants: int,
    addresses_needed: int,
    needs_internet: bool = True,
    needs_intranet: bool = False,
    bandwidth_mbps=None,
    notes: str = "",
) -> EventNetworkRequest:
    """An OPD files an event (or the help desk for it); IT support is told."""
    probe = EventNetworkRequest(pemda_id=agency.pemda_id, agency=agency)
    with refusals_logged(actor, "add", probe, EventNetworkRequest), transaction.atomic():
        ensure(actor, "add", probe)
        name = required_text(name, "name", _("Tuliskan nama acara."))
        venue = required_text(venue, "venue", _("Tuliskan tempat acara."))
        _check_counts(participants, addresses_needed)
        request = insert(
            EventNetworkRequest,
            actor=actor,
            pemda_id=agency.pemda_id,
            agency=agency,
            name=name,
            venue=venue,
            start_at=start_at,
            end_at=end_at,
            participants=participants,
            addresses_needed=addresses_needed,
            needs_internet=needs_internet,
            needs_intranet=needs_intranet,
            bandwidth_mbps=bandwidth_mbps,
            notes=(notes or "").strip(),
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        recipients = [u for u in users_with_roles(agency.pemda_id, IT_SUPPORT) if u != actor]
        notifications.notify(
            recipients,
            kind="connectivity.event",
            title=_("Permintaan jaringan acara dari %(agency)s") % {"agency": agency},
            body=f"{name} — {venue}",
            url=request.get_absolute_url(),
            pemda_id=agency.pemda_id,
        )
    return request


def _check_counts(participants, addresses) -> None:
    errors = {}
    if participants is None or participants < 1:
        errors["participants"] = [_("Jumlah peserta harus lebih dari nol.")]
    if addresses is None or addresses < 1:
        errors["addresses_needed"] = [_("Jumlah alamat IP harus lebih dari nol.")]
    if errors:
        raise KelolaError(" ".join(m for v in errors.values() for m in v), errors=errors)


def event_approve(request, *, actor, recommendation: str = "", addresses_needed=None, comment: str = ""):
    changes = {"recommendation": (recommendation or comment or "").strip()}
    if addresses_needed not in (None, ""):
        try:
            addresses_needed = int(addresses_needed)
        except (TypeError, ValueError):
            addresses_needed = 0
        _check_counts(request.participants, addresses_needed)
        changes["addresses_needed"] = addresses_needed
    return perform(EVENT, request, "approve", actor=actor, comment=comment, changes=changes)


def _prefix_refusal(request, prefix) -> str | None:
    if prefix.pemda_id != request.pemda_id:
        return _("Prefiks harus dari pemda yang sama.")
    if prefix.scope != Scope.PRIVATE:
        return _("Alamat acara diambil dari prefiks lokal (privat); pilih prefiks lokal.")
    return None


def address_ranges(texts: list[str]) -> str:
    """ "10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.9" → "10.0.0.1-10.0.0.3, 10.0.0.9"."""
    import ipaddress

    values = sorted(ipaddress.ip_address(t) for t in texts)
    runs: list[list] = []
    for value in values:
        if runs and int(value) == int(runs[-1][1]) + 1 and value.version == runs[-1][1].version:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def event_set_up(request, *, actor, prefix=None, setup_report: str = "", comment: str = ""):
    """Set the network up; with `prefix`, reserve `addresses_needed` addresses from it for the
    OPD (all or none: too few free addresses refuse the whole step)."""
    with refusals_logged(actor, "set_up", request), transaction.atomic():
        if not EVENT.may_take(actor, EVENT.get("set_up"), request):
            raise KelolaError(_("Anda tidak berwenang mengambil langkah ini."), code=ErrorCode.FORBIDDEN)
        if prefix is not None:
            require_same_pemda(request.pemda_id, prefix=prefix)
            refusal = _prefix_refusal(request, prefix)
            if refusal:
                raise KelolaError(refusal, errors={"prefix": [refusal]})
        changes = {"setup_report": (setup_report or comment or "").strip()}
        if prefix is not None:
            changes["prefix"] = prefix
        ready = perform(EVENT, request, "set_up", actor=actor, comment=comment, changes=changes)
        if prefix is not None:
            reserved = network.allocate(
                prefix,
                ready.addresses_needed,
                actor=actor,
                agency=ready.agency,
                status=AddressStatus.RESERVED,
                assigned_to=ready.name[:200],
                description=(_("Acara: %(name)s") % {"name": ready.name})[:300],
            )
            ready.addresses.set(reserved)
            ready.reserved_addresses = address_ranges([ip.address for ip in reserved])
            with audit.audit_context(actor=actor):
                ready.save(update_fields=["reserved_addresses", "updated_at"])
    request.__dict__.update(ready.__dict__)
    return ready


def event_dismantle(request, *, actor, comment: str = ""):
    """Dismantle the event's network and release its addresses back to the prefix."""
    with refusals_logged(actor, "dismantle", request), transaction.atomic():
        done = perform(EVENT, request, "dismantle", actor=actor, comment=comment)
        for ip in list(done.addresses.all()):
            network.address_delete(ip, actor=actor)
    return done


def event_transition(request, name: str, *, actor, comment: str = "", prefix=None, **fields):
    """The one entry point of the request's step buttons and the API's transition action."""
    EVENT.get(name)  # an unknown step is refused before anything else
    if name == "approve":
        return event_approve(
            request,
            actor=actor,
            recommendation=fields.get("recommendation") or "",
            addresses_needed=fields.get("addresses_needed"),
            comment=comment,
        )
    if name == "set_up":
        return event_set_up(
            request,
            actor=actor,
            prefix=prefix,
            setup_report=fields.get("setup_report") or "",
            comment=comment,
        )
    if name == "dismantle":
        return event_dismantle(request, actor=actor, comment=comment)
    changes = {}
    if name == "reject":
        changes["decision_reason"] = (fields.get("decision_reason") or comment or "").strip()
    return perform(EVENT, request, name, actor=actor, comment=comment, changes=changes)
