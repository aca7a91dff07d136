"""State changes of the organisation registers (ORG-1..5).

Every function takes the acting user as keyword-only `actor`, runs in one transaction, checks
`can` on the stored row, validates, writes and is audited (see `kelola.core.services`). Rows
owned by an agency take their pemda from the agency, so no row can straddle two pemda; a
refusal raises `KelolaError`, changes nothing and is itself logged.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kelola.core import access, audit
from kelola.core.access import actor_for
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, Pemda
from kelola.core.roles import ORGANISATION_MANAGERS
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row

from .choices import AssessmentStatus
from .models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)

PEMDA_SETTINGS_FIELDS = frozenset(
    {"name", "address", "phone", "email", "domain", "timezone", "letter_code", "requires_two_factor"}
)
#: What the pemda's administrators maintain about an agency. `it_self_reliant` is absent on
#: purpose: only the Mandiri TIK workflow sets it (001 Ps.19).
AGENCY_FIELDS = frozenset(
    {
        "name",
        "short_name",
        "kind",
        "code",
        "parent",
        "is_it_office",
        "address",
        "phone",
        "email",
        "website",
        "subdomain",
        "is_active",
    }
)
#: What an agency's own head or IT officer may correct about their agency; the rest of the
#: directory (name, parent, IT-office flag) belongs to the pemda's administrators.
AGENCY_CONTACT_FIELDS = frozenset({"address", "phone", "email", "website", "subdomain"})
#: The draft assessment's content: the two criteria of 001 Ps.19 with evidence, and notes.
ASSESSMENT_FIELDS = frozenset(
    {"has_it_staff", "it_staff_evidence", "has_built_systems", "built_systems_evidence", "assessor_notes"}
)


def _refuse_unknown(data: dict, allowed: frozenset, *, actor, obj=None, model=None) -> None:
    unknown = set(data) - allowed
    if unknown:
        with refusals_logged(actor, "change" if obj is not None and obj.pk else "add", obj, model):
            raise KelolaError(
                _("Kolom ini tidak dapat diubah di sini: %(fields)s.")
                % {"fields": ", ".join(sorted(unknown))},
                errors={name: [_("Kolom ini tidak dapat diubah di sini.")] for name in sorted(unknown)},
            )


# --- pemda and agencies (ORG-1) ------------------------------------------------------------


def pemda_update(pemda: Pemda, *, actor, **data) -> Pemda:
    """The pemda's own settings, by its administrator or GCIO (PemdaSelfPolicy)."""
    _refuse_unknown(data, PEMDA_SETTINGS_FIELDS, actor=actor, obj=pemda)
    return update_row(pemda, actor=actor, **data)


def agency_create(*, actor, pemda: Pemda, **data) -> Agency:
    _refuse_unknown(data, AGENCY_FIELDS, actor=actor, model=Agency)
    parent = data.get("parent")
    if parent is not None:
        # A sub-unit always belongs to its parent's pemda.
        pemda = parent.pemda
    return create_row(Agency, actor=actor, pemda=pemda, **data)


def agency_update(agency: Agency, *, actor, **data) -> Agency:
    """Pemda managers change everything in AGENCY_FIELDS; the agency's own head or IT officer
    only its contact fields (judged on the stored row, inside the transaction)."""
    _refuse_unknown(data, AGENCY_FIELDS, actor=actor, obj=agency)
    with refusals_logged(actor, "change", agency), transaction.atomic():
        stored = Agency.objects.select_for_update().get(pk=agency.pk)
        who = actor_for(actor)
        if not (who.is_platform_admin or who.has_pemda_role(stored.pemda_id, ORGANISATION_MANAGERS)):
            changed = {name for name, value in data.items() if getattr(stored, name) != value}
            if changed - AGENCY_CONTACT_FIELDS:
                raise KelolaError(
                    _("Perangkat daerah hanya dapat mengubah data kontaknya sendiri."),
                    code=ErrorCode.FORBIDDEN,
                    errors={
                        name: [_("Hanya administrator pemda yang dapat mengubah kolom ini.")]
                        for name in sorted(changed - AGENCY_CONTACT_FIELDS)
                    },
                )
        return update_row(stored, actor=actor, **data)


def agency_delete(agency: Agency, *, actor) -> None:
    delete_row(agency, actor=actor)


# --- rows owned by one agency: people, positions, tier-1 technicians (ORG-1, ORG-4) ------


def _create_in_agency(model, *, actor, agency: Agency, data: dict):
    data.pop("pemda", None)  # never taken from input: the agency decides
    return create_row(model, actor=actor, pemda=agency.pemda, agency=agency, **data)


def _update_in_agency(obj, *, actor, data: dict):
    data.pop("pemda", None)
    if data.get("agency") is not None:
        # Moving a row to another agency moves it with that agency's pemda; update_row then
        # re-checks that the actor may still change the row where it lands.
        data["pemda"] = data["agency"].pemda
    return update_row(obj, actor=actor, **data)


def person_create(*, actor, agency: Agency, **data) -> Person:
    return _create_in_agency(Person, actor=actor, agency=agency, data=data)


def person_update(person: Person, *, actor, **data) -> Person:
    return _update_in_agency(person, actor=actor, data=data)


def person_delete(person: Person, *, actor) -> None:
    delete_row(person, actor=actor)


def position_create(*, actor, agency: Agency, **data) -> Position:
    return _create_in_agency(Position, actor=actor, agency=agency, data=data)


def position_update(position: Position, *, actor, **data) -> Position:
    return _update_in_agency(position, actor=actor, data=data)


def position_delete(position: Position, *, actor) -> None:
    delete_row(position, actor=actor)


def tier_one_technician_create(*, actor, agency: Agency, **data) -> TierOneTechnician:
    """001 Ps.21: each agency names its own tier-1 technicians from its staff."""
    return _create_in_agency(TierOneTechnician, actor=actor, agency=agency, data=data)


def tier_one_technician_update(technician: TierOneTechnician, *, actor, **data) -> TierOneTechnician:
    return _update_in_agency(technician, actor=actor, data=data)


def tier_one_technician_delete(technician: TierOneTechnician, *, actor) -> None:
    delete_row(technician, actor=actor)


# --- decrees (ORG-5) -----------------------------------------------------------------------


def decree_create(*, actor, pemda: Pemda, **data) -> Decree:
    """Record a decree; an agency's decree belongs to the agency's pemda."""
    data.pop("signed_document", None)
    agency = data.get("agency")
    if agency is not None:
        pemda = agency.pemda
    return create_row(Decree, actor=actor, pemda=pemda, **data)


def decree_update(decree: Decree, *, actor, **data) -> Decree:
    data.pop("pemda", None)  # a decree never changes pemda; Decree.clean keeps the agency in it
    return update_row(decree, actor=actor, **data)


def decree_delete(decree: Decree, *, actor) -> None:
    delete_row(decree, actor=actor)


def decree_attach_signed(decree: Decree, *, actor, upload, title: str = "") -> Decree:
    """Store the signed decree (a PDF) as a document of the decree and link it (ORG-5).

    A later upload is the next version of the same document series. The document takes the
    decree's classification, so a "dikecualikan" decree's scan stays as hidden as the decree."""
    from kelola.core.documents import document_upload

    with refusals_logged(actor, "change", decree), transaction.atomic():
        stored = Decree.objects.select_for_update().get(pk=decree.pk)
        ensure(actor, "change", stored)
        if not upload.name.lower().endswith(".pdf"):
            raise KelolaError(
                _("Dokumen SK harus berupa PDF."),
                errors={"signed_document": [_("Unggah berkas PDF.")]},
            )
        document = document_upload(
            actor=actor,
            upload=upload,
            pemda=stored.pemda,
            agency=stored.agency,
            kind="decree",
            title=title or _("SK %(number)s") % {"number": stored.number},
            classification=stored.classification,
            target=stored,
            replaces=stored.document,
        )
        return update_row(stored, actor=actor, document=document)


# --- governing bodies and their members (ORG-2) -------------------------------------------


def governing_body_create(*, actor, pemda: Pemda, **data) -> GoverningBody:
    data.pop("pemda", None)
    return create_row(GoverningBody, actor=actor, pemda=pemda, **data)


def governing_body_update(body: GoverningBody, *, actor, **data) -> GoverningBody:
    data.pop("pemda", None)
    return update_row(body, actor=actor, **data)


def governing_body_delete(body: GoverningBody, *, actor) -> None:
    delete_row(body, actor=actor)


def membership_create(*, actor, body: GoverningBody, **data) -> Membership:
    """Seat a person in a body for a term; the seat belongs to the body's pemda."""
    data.pop("pemda", None)
    return create_row(Membership, actor=actor, pemda=body.pemda, body=body, **data)


def membership_update(membership: Membership, *, actor, **data) -> Membership:
    # The seat stays in its body: moving it would be a different membership.
    _refuse_unknown(
        data, frozenset({"person", "role", "term_start", "term_end"}), actor=actor, obj=membership
    )
    return update_row(membership, actor=actor, **data)


def membership_delete(membership: Membership, *, actor) -> None:
    delete_row(membership, actor=actor)


# --- Mandiri TIK assessments (ORG-3, 001 Ps.19) -------------------------------------------

#: Which decree field a step's `decree` argument fills.
_DECREE_FIELD = {"activate": "decree", "revoke": "revocation_decree"}


def _require_assessor(actor, pemda_id: int, message: str) -> None:
    if not access.can(actor, "add", SelfRelianceAssessment(pemda_id=pemda_id)):
        raise KelolaError(message, code=ErrorCode.FORBIDDEN)


def assessment_start(*, actor, agency: Agency, **data) -> SelfRelianceAssessment:
    """The Dinas opens a draft assessment of an agency; one open assessment per agency."""
    _refuse_unknown(data, ASSESSMENT_FIELDS, actor=actor, model=SelfRelianceAssessment)
    assessment = SelfRelianceAssessment(pemda=agency.pemda, agency=agency, **data)
    with refusals_logged(actor, "add", assessment, SelfRelianceAssessment):
        _require_assessor(actor, agency.pemda_id, _("Hanya Dinas yang dapat menilai Mandiri TIK."))
        if agency.is_it_office:
            raise KelolaError(
                _("Dinas Kominfo tidak dinilai sebagai Perangkat Daerah Mandiri TIK."),
                errors={"agency": [_("Pilih perangkat daerah selain Dinas Kominfo.")]},
            )
        try:
            with transaction.atomic():
                assessment.assessed_by = actor
                # The one-open-per-agency rule is the database's: checking first would race.
                assessment.full_clean(validate_constraints=False)
                with audit.audit_context(actor=actor):
                    assessment.save()
        except IntegrityError as exc:
            raise KelolaError(
                _("%(agency)s sudah memiliki penilaian Mandiri TIK yang masih berjalan atau aktif.")
                % {"agency": agency},
                code=ErrorCode.CONFLICT,
                errors={"agency": [_("Sudah ada penilaian yang masih berjalan atau aktif.")]},
            ) from exc
    return assessment


def assessment_update(assessment: SelfRelianceAssessment, *, actor, **data) -> SelfRelianceAssessment:
    """The Dinas edits the draft: the two criteria answers, their evidence and notes."""
    _refuse_unknown(data, ASSESSMENT_FIELDS, actor=actor, obj=assessment)
    with refusals_logged(actor, "change", assessment), transaction.atomic():
        stored = SelfRelianceAssessment.objects.select_for_update().get(pk=assessment.pk)
        ensure(actor, "change", stored)
        if stored.status != AssessmentStatus.DRAFT:
            raise KelolaError(
                _("Penilaian hanya dapat diubah selama masih draf."), code=ErrorCode.TRANSITION_NOT_ALLOWED
            )
        for name, value in data.items():
            setattr(stored, name, value)
        stored.assessed_by = actor
        stored.full_clean(validate_constraints=False)
        with audit.audit_context(actor=actor):
            stored.save(update_fields=[*data, "assessed_by", "updated_at"])
    return stored


def assessment_attach_evidence(assessment: SelfRelianceAssessment, *, actor, upload, title: str = ""):
    """Evidence for the criteria (001 Ps.19), uploaded by the Dinas while the draft is open."""
    from kelola.core.documents import document_upload

    with refusals_logged(actor, "change", assessment), transaction.atomic():
        stored = SelfRelianceAssessment.objects.select_for_update().get(pk=assessment.pk)
        ensure(actor, "change", stored)
        if stored.status != AssessmentStatus.DRAFT:
            raise KelolaError(
                _("Bukti hanya dapat diunggah selama penilaian masih draf."),
                code=ErrorCode.TRANSITION_NOT_ALLOWED,
            )
        return document_upload(
            actor=actor,
            upload=upload,
            pemda=stored.pemda,
            agency=stored.agency,
            title=title or upload.name,
            kind="evidence",
            target=stored,
        )


def assessment_transition(
    assessment: SelfRelianceAssessment, name: str, *, actor, comment: str = "", decree=None
) -> SelfRelianceAssessment:
    """Take a step of the Mandiri TIK workflow (see workflows.SELF_RELIANCE).

    `decree` is the SK of "activate" (required there) or of "revoke" (optional). The decision's
    comment is kept as the decision notes. A refused step changes nothing and is logged."""
    from kelola.core import workflow

    from .workflows import SELF_RELIANCE

    changes = {}
    if name in ("approve", "reject") and comment:
        changes["decision_notes"] = comment
    if decree is not None:
        field = _DECREE_FIELD.get(name)
        reason = None
        if field is None:
            reason = _("Langkah ini tidak memakai SK.")
        elif not access.can(actor, "view", decree):
            reason = _("SK tidak ditemukan.")
        if reason is not None:
            error = KelolaError(reason, errors={"decree": [reason]})
            audit.record(
                "refused",
                assessment,
                actor=actor,
                changes={"transition": name, "code": str(error.code), "reason": str(reason)},
                comment=comment,
            )
            raise error
        changes[field] = decree
    return workflow.perform(SELF_RELIANCE, assessment, name, actor=actor, comment=comment, changes=changes)
