"""Requests for new connection points (DC-5, 004 Lamp.IV 2.2.2).

The SOP's steps, one transition each: the OPD files the request; the help desk issues the work
order to IT support; IT support checks the site (where the points go, how many, which devices
are needed) and then recommends; infrastructure analyses the recommendation and approves it,
or returns it to IT support with its analysis; IT support installs and tests the points and
reports; the help desk closes the request and the OPD is told. The help desk, infrastructure
or the GCIO may reject a request with reasons before it is approved; the OPD may withdraw it
while it is still waiting for the help desk.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core import notifications
from kelola.core.errors import KelolaError
from kelola.core.queries import users_with_roles
from kelola.core.roles import AGENCY_MANAGERS, AGENCY_ROLES, Role
from kelola.core.services import ensure, refusals_logged
from kelola.core.workflow import Transition, Workflow, perform

from .choices import ConnectionStatus as S
from .common import insert, required_text
from .models import ConnectionPointRequest

HELPDESK = frozenset({Role.HELPDESK})
IT_SUPPORT = frozenset({Role.IT_SUPPORT})
INFRASTRUCTURE = frozenset({Role.INFRASTRUCTURE})
REJECTERS = frozenset({Role.HELPDESK, Role.INFRASTRUCTURE, Role.GCIO})


def team(roles):
    """Notify the pemda's holders of `roles` (the next actor of a step)."""
    return lambda obj: users_with_roles(obj.pemda_id, roles)


def requester_and_opd(obj):
    """The person who filed the request and the OPD's head and IT officer."""
    return [obj.requested_by, *users_with_roles(obj.pemda_id, AGENCY_MANAGERS, agency_id=obj.agency_id)]


def _surveyed(obj, actor):
    obj.surveyed_at = timezone.now()


def _installed(obj, actor):
    obj.installed_at = timezone.now()


def _closed(obj, actor):
    obj.closed_at = timezone.now()


def _survey_points(obj) -> list[str]:
    return [] if (obj.survey_points or 0) >= 1 else [_("jumlah titik hasil survei (paling sedikit 1)")]


CONNECTION = Workflow(
    transitions=(
        Transition(
            "issue",
            gettext_lazy("Terbitkan WO ke IT Support"),
            (S.SUBMITTED,),
            S.ISSUED,
            pemda_roles=HELPDESK,
            notify=team(IT_SUPPORT),
        ),
        Transition(
            "survey",
            gettext_lazy("Catat hasil cek lokasi"),
            (S.ISSUED,),
            S.SURVEYED,
            pemda_roles=IT_SUPPORT,
            required_fields=("survey_location", "survey_devices"),
            check=_survey_points,
            apply=_surveyed,
        ),
        Transition(
            "recommend",
            gettext_lazy("Teruskan rekomendasi ke Infrastruktur"),
            (S.SURVEYED,),
            S.RECOMMENDED,
            pemda_roles=IT_SUPPORT,
            required_fields=("recommendation",),
            notify=team(INFRASTRUCTURE),
        ),
        Transition(
            "approve",
            gettext_lazy("Setujui rekomendasi"),
            (S.RECOMMENDED,),
            S.APPROVED,
            pemda_roles=INFRASTRUCTURE,
            required_fields=("analysis",),
            notify=team(IT_SUPPORT),
        ),
        Transition(
            "return",
            gettext_lazy("Kembalikan ke IT Support"),
            (S.RECOMMENDED,),
            S.SURVEYED,
            pemda_roles=INFRASTRUCTURE,
            required_fields=("analysis",),
            notify=team(IT_SUPPORT),
        ),
        Transition(
            "install",
            gettext_lazy("Catat pemasangan dan uji koneksi"),
            (S.APPROVED,),
            S.INSTALLED,
            pemda_roles=IT_SUPPORT,
            required_fields=("installation_report",),
            apply=_installed,
            notify=team(HELPDESK),
        ),
        Transition(
            "complete",
            gettext_lazy("Tutup permintaan"),
            (S.INSTALLED,),
            S.COMPLETED,
            pemda_roles=HELPDESK,
            apply=_closed,
            notify=requester_and_opd,
        ),
        Transition(
            "reject",
            gettext_lazy("Tolak"),
            (S.SUBMITTED, S.ISSUED, S.SURVEYED, S.RECOMMENDED),
            S.REJECTED,
            pemda_roles=REJECTERS,
            required_fields=("decision_reason",),
            apply=_closed,
            notify=requester_and_opd,
        ),
        Transition(
            "withdraw",
            gettext_lazy("Tarik permintaan"),
            (S.SUBMITTED,),
            S.WITHDRAWN,
            agency_roles=AGENCY_ROLES,
            apply=_closed,
        ),
    )
)

#: What each step may write besides its comment.
STEP_FIELDS = {
    "survey": ("survey_location", "survey_points", "survey_devices", "survey_notes"),
    "recommend": ("recommendation",),
    "approve": ("analysis",),
    "return": ("analysis",),
    "install": ("installation_report",),
    "reject": ("decision_reason",),
}
#: Steps whose main text is the comment when the field itself is not given.
COMMENT_FIELD = {"approve": "analysis", "return": "analysis", "reject": "decision_reason"}


def connection_create(*, actor, agency, building: str, room: str = "", points: int = 1, purpose: str):
    """An OPD files a request (or the help desk for it); the help desk is told."""
    probe = ConnectionPointRequest(pemda_id=agency.pemda_id, agency=agency)
    with refusals_logged(actor, "add", probe, ConnectionPointRequest), transaction.atomic():
        ensure(actor, "add", probe)
        purpose = required_text(purpose, "purpose", _("Tuliskan keperluan titik koneksi."))
        building = required_text(building, "building", _("Tuliskan gedung atau lokasi titik koneksi."))
        request = insert(
            ConnectionPointRequest,
            actor=actor,
            pemda_id=agency.pemda_id,
            agency=agency,
            building=building,
            room=(room or "").strip(),
            points=points,
            purpose=purpose,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        recipients = [u for u in users_with_roles(agency.pemda_id, HELPDESK) if u != actor]
        notifications.notify(
            recipients,
            kind="connectivity.connection",
            title=_("Permintaan titik koneksi dari %(agency)s") % {"agency": agency},
            body=f"{building} {room}".strip() + "\n" + purpose[:500],
            url=request.get_absolute_url(),
            pemda_id=agency.pemda_id,
        )
    return request


def _clean_fields(name: str, comment: str, fields: dict) -> dict:
    allowed = STEP_FIELDS.get(name, ())
    changes = {}
    for key in allowed:
        if key in fields and fields[key] is not None:
            value = fields[key]
            changes[key] = value.strip() if isinstance(value, str) else value
    target = COMMENT_FIELD.get(name)
    if target and not changes.get(target):
        changes[target] = (comment or "").strip()
    if "survey_points" in changes and changes["survey_points"] in ("", None):
        changes.pop("survey_points")
    if "survey_points" in changes:
        try:
            changes["survey_points"] = int(changes["survey_points"])
        except (TypeError, ValueError) as exc:
            raise KelolaError(
                _("Jumlah titik hasil survei harus bilangan bulat."),
                errors={"survey_points": [_("Isi dengan bilangan bulat.")]},
            ) from exc
    return changes


def connection_transition(request: ConnectionPointRequest, name: str, *, actor, comment: str = "", **fields):
    """The one entry point of the request's step buttons and the API's transition action."""
    CONNECTION.get(name)  # an unknown step is refused before anything else
    changes = _clean_fields(name, comment, fields)
    return perform(CONNECTION, request, name, actor=actor, comment=comment, changes=changes)
