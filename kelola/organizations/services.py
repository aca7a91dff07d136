"""State changes of the organisation registers (ORG-1..5). Every function takes the acting
user, checks `can` on the stored row, validates, writes and is audited (kelola.core.services)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kelola.core.access import actor_for
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, Pemda
from kelola.core.roles import ORGANISATION_MANAGERS
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row

from .models import (
    Decree,
    GoverningBody,
    Membership,
    Person,
    Position,
    SelfRelianceAssessment,
    TierOneTechnician,
)

#: What an agency's own head or IT officer may correct about their agency; the rest of the
#: directory (name, parent, IT-office flag) belongs to the pemda's administrators.
AGENCY_CONTACT_FIELDS = frozenset({"address", "phone", "email", "website", "subdomain"})
PEMDA_SETTINGS_FIELDS = frozenset(
    {"name", "address", "phone", "email", "domain", "timezone", "letter_code", "requires_two_factor"}
)


def pemda_update(pemda: Pemda, *, actor, **data) -> Pemda:
    unknown = set(data) - PEMDA_SETTINGS_FIELDS
    if unknown:
        raise KelolaError(
            _("Kolom ini tidak dapat diubah di sini: %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
    return update_row(pemda, actor=actor, **data)


def agency_create(*, actor, pemda: Pemda, **data) -> Agency:
    return create_row(Agency, actor=actor, pemda=pemda, **data)


def agency_update(agency: Agency, *, actor, **data) -> Agency:
    if (
        not actor_for(actor).has_pemda_role(agency.pemda_id, ORGANISATION_MANAGERS)
        and not actor_for(actor).is_platform_admin
    ):
        changed = {k for k, v in data.items() if getattr(agency, k) != v}
        if changed - AGENCY_CONTACT_FIELDS:
            with refusals_logged(actor, "change", agency):
                raise KelolaError(
                    _("Perangkat daerah hanya dapat mengubah data kontaknya sendiri."),
                    code=ErrorCode.FORBIDDEN,
                )
    return update_row(agency, actor=actor, **data)


def agency_delete(agency: Agency, *, actor) -> None:
    delete_row(agency, actor=actor)


def _agency_row(model):
    """Create for rows owned by an agency: the pemda always comes from the agency."""

    def create(*, actor, agency: Agency, **data):
        return create_row(model, actor=actor, pemda=agency.pemda, agency=agency, **data)

    create.__name__ = f"{model._meta.model_name}_create"
    return create


person_create = _agency_row(Person)
position_create = _agency_row(Position)
tier_one_technician_create = _agency_row(TierOneTechnician)


def decree_create(*, actor, pemda: Pemda, **data) -> Decree:
    return create_row(Decree, actor=actor, pemda=pemda, **data)


def decree_attach_signed(decree: Decree, *, actor, upload, title: str = "") -> Decree:
    """Store the signed decree (a PDF) as a document and link it (ORG-5)."""
    from kelola.core.documents import document_upload

    with refusals_logged(actor, "change", decree), transaction.atomic():
        ensure(actor, "change", decree)
        if not upload.name.lower().endswith(".pdf"):
            raise KelolaError(
                _("Dokumen SK harus berupa PDF."), errors={"signed_document": [_("Unggah berkas PDF.")]}
            )
        document = document_upload(
            actor=actor,
            upload=upload,
            pemda=decree.pemda,
            agency=decree.agency,
            kind="decree",
            title=title or str(_("SK %(number)s") % {"number": decree.number}),
            classification=decree.classification,
            target=decree,
            replaces=decree.document,
        )
        return update_row(decree, actor=actor, document=document)


def governing_body_create(*, actor, pemda: Pemda, **data) -> GoverningBody:
    return create_row(GoverningBody, actor=actor, pemda=pemda, **data)


def membership_create(*, actor, body: GoverningBody, **data) -> Membership:
    return create_row(Membership, actor=actor, pemda=body.pemda, body=body, **data)


def row_update(obj, *, actor, **data):
    """Update any organisation row; its pemda and agency follow the new agency if one is set."""
    if "agency" in data and data["agency"] is not None:
        data["pemda"] = data["agency"].pemda
    return update_row(obj, actor=actor, **data)


def row_delete(obj, *, actor) -> None:
    delete_row(obj, actor=actor)


# --- Mandiri TIK assessments (001 Ps.19) --------------------------------------------------

ASSESSMENT_FIELDS = frozenset(
    {"has_it_staff", "it_staff_evidence", "has_built_systems", "built_systems_evidence", "assessor_notes"}
)


def assessment_start(*, actor, agency: Agency, **data) -> SelfRelianceAssessment:
    """The Dinas opens a draft assessment of an agency; one open assessment per agency."""
    from .workflows import ASSESSORS

    assessment = SelfRelianceAssessment(pemda=agency.pemda, agency=agency, **data)
    with refusals_logged(actor, "add", assessment):
        if not (
            actor_for(actor).has_pemda_role(agency.pemda_id, ASSESSORS) or actor_for(actor).is_platform_admin
        ):
            raise KelolaError(_("Hanya Dinas yang dapat menilai Mandiri TIK."), code=ErrorCode.FORBIDDEN)
        if agency.is_it_office:
            raise KelolaError(_("Dinas Kominfo tidak dinilai sebagai Perangkat Daerah Mandiri TIK."))
        try:
            with transaction.atomic():
                assessment.assessed_by = actor
                assessment.full_clean(validate_constraints=False)
                from kelola.core.audit import audit_context

                with audit_context(actor=actor):
                    assessment.save()
        except IntegrityError as exc:
            raise KelolaError(
                _("%(agency)s sudah memiliki penilaian Mandiri TIK yang masih berjalan atau aktif.")
                % {"agency": agency},
                code=ErrorCode.CONFLICT,
            ) from exc
    return assessment


def assessment_update(assessment: SelfRelianceAssessment, *, actor, **data) -> SelfRelianceAssessment:
    from .choices import AssessmentStatus
    from .workflows import ASSESSORS

    unknown = set(data) - ASSESSMENT_FIELDS
    if unknown:
        raise KelolaError(
            _("Kolom ini tidak dapat diubah di sini: %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
    with refusals_logged(actor, "change", assessment), transaction.atomic():
        stored = SelfRelianceAssessment.objects.select_for_update().get(pk=assessment.pk)
        ensure(actor, "view", stored)
        actor_ = actor_for(actor)
        if not (actor_.has_pemda_role(stored.pemda_id, ASSESSORS) or actor_.is_platform_admin):
            raise KelolaError(_("Hanya Dinas yang dapat mengubah penilaian."), code=ErrorCode.FORBIDDEN)
        if stored.status != AssessmentStatus.DRAFT:
            raise KelolaError(
                _("Penilaian hanya dapat diubah selama masih draf."), code=ErrorCode.TRANSITION_NOT_ALLOWED
            )
        for name, value in data.items():
            setattr(stored, name, value)
        stored.assessed_by = actor
        stored.full_clean(validate_constraints=False)
        from kelola.core.audit import audit_context

        with audit_context(actor=actor):
            stored.save(update_fields=[*data, "assessed_by", "updated_at"])
    return stored


def assessment_transition(assessment, name: str, *, actor, comment: str = "", decree=None):
    """Take a step of the Mandiri TIK workflow (see workflows.SELF_RELIANCE)."""
    from kelola.core import workflow

    from .workflows import SELF_RELIANCE

    changes = {}
    if decree is not None:
        if decree.pemda_id != assessment.pemda_id:
            raise KelolaError(
                _("SK harus berasal dari pemda yang sama."), errors={"decree": [_("SK tidak valid.")]}
            )
        changes["decree" if name == "activate" else "revocation_decree"] = decree
    return workflow.perform(SELF_RELIANCE, assessment, name, actor=actor, comment=comment, changes=changes)
