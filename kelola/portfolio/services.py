"""Portfolio services (PORT-1..3): every change to the registry goes through here, in one
transaction, checked by `can`, audited; a refusal changes nothing and is logged."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kelola.core import audit
from kelola.core.choices import Classification
from kelola.core.documents import attach_document
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import Agency, DocumentKind, Pemda
from kelola.core.notifications import notify
from kelola.core.queries import users_with_roles
from kelola.core.roles import Role
from kelola.core.services import create_row, delete_row, ensure, refusals_logged, update_row
from kelola.core.workflow import perform

from . import risk, rules
from .choices import ArtifactKind, LifecycleStatus, RiskCategory
from .lifecycle import LIFECYCLE
from .models import BuildRule, ElectronicSystem, RiskAssessment, SystemArtifact, SystemEntry
from .sections import SECTIONS, clean_row, section_for

#: Stages in which a system is still being built: the build rules apply (an application in use
#: before the rules stands, 002 Ps.17(3) huruf a).
BEING_BUILT = {LifecycleStatus.PLANNED, LifecycleStatus.DEVELOPMENT, LifecycleStatus.TESTING}
RULE_FIELDS = {"app_kind", "complexity", "developer", "agency", "status"}


def _operator_profile_defaults(agency: Agency) -> dict:
    """Section B defaults to the owner agency's own contacts."""
    return {
        "operator_unit": agency.name,
        "operator_address": agency.address,
        "operator_phone": agency.phone,
        "operator_website": agency.website,
    }


def _check_build_rules(system: ElectronicSystem) -> None:
    if system.status not in BEING_BUILT:
        return
    reason = rules.refusal(system)
    if reason:
        raise KelolaError(reason, code=ErrorCode.RULE_VIOLATION, errors={"developer": [reason]})


def system_create(*, actor, agency: Agency, **data) -> ElectronicSystem:
    data.pop("pemda", None)
    for name, value in _operator_profile_defaults(agency).items():
        if not data.get(name):
            data[name] = value or ""
    probe = ElectronicSystem(pemda=agency.pemda, agency=agency, **data)
    with refusals_logged(actor, "add", probe), transaction.atomic():
        _check_build_rules(probe)
    system = create_row(ElectronicSystem, actor=actor, pemda=agency.pemda, agency=agency, **data)
    system.refresh_search_text()
    return system


def system_update(system: ElectronicSystem, *, actor, **data) -> ElectronicSystem:
    """Change the registration; the lifecycle stage moves only by `lifecycle_transition`."""
    data.pop("pemda", None)
    if "status" in data and data["status"] != ElectronicSystem.objects.get(pk=system.pk).status:
        with refusals_logged(actor, "change", system):
            raise KelolaError(
                _("Tahap siklus hidup diubah melalui langkah alur kerja, bukan formulir."),
                code=ErrorCode.TRANSITION_NOT_ALLOWED,
                errors={"status": [_("Gunakan langkah siklus hidup.")]},
            )
    data.pop("status", None)
    if data.get("agency") is not None:
        data["pemda"] = data["agency"].pemda
    if RULE_FIELDS & set(data):
        probe = ElectronicSystem.objects.get(pk=system.pk)
        for name, value in data.items():
            setattr(probe, name, value)
        with refusals_logged(actor, "change", system), transaction.atomic():
            _check_build_rules(probe)
    updated = update_row(system, actor=actor, **data)
    updated.refresh_search_text()
    return updated


def system_delete(system: ElectronicSystem, *, actor) -> None:
    delete_row(system, actor=actor)


def entries_of(system: ElectronicSystem) -> dict[str, list[SystemEntry]]:
    grouped: dict[str, list[SystemEntry]] = {s.key: [] for s in SECTIONS}
    for entry in system.entries.all():
        grouped.setdefault(entry.section, []).append(entry)
    return grouped


def section_replace(system: ElectronicSystem, section_key: str, rows: list, *, actor) -> list[SystemEntry]:
    """Replace the rows of one repeatable table. Every row is validated; one bad row refuses
    the whole change, with errors by row number and column."""
    section = section_for(section_key)
    with refusals_logged(actor, "change", system), transaction.atomic():
        stored = ElectronicSystem.objects.select_for_update().get(pk=system.pk)
        ensure(actor, "change", stored)
        if section is None:
            raise KelolaError(_("Bagian formulir tidak dikenal."), code=ErrorCode.NOT_FOUND)
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise KelolaError(
                _("Baris harus berupa daftar isian."), errors={"rows": [_("Format tidak valid.")]}
            )
        if len(rows) > 200:
            raise KelolaError(
                _("Paling banyak 200 baris per bagian."), errors={"rows": [_("Terlalu banyak baris.")]}
            )
        cleaned, errors = [], {}
        for index, raw in enumerate(rows, start=1):
            data, row_errors = clean_row(section, raw)
            if row_errors:
                errors[str(index)] = row_errors
            else:
                cleaned.append(data)
        if errors:
            raise KelolaError(
                _("Periksa kembali isian %(section)s.") % {"section": section.title}, errors={"rows": errors}
            )
        before = list(stored.entries.filter(section=section.key).values_list("data", flat=True))
        stored.entries.filter(section=section.key).delete()
        entries = SystemEntry.objects.bulk_create(
            SystemEntry(
                system=stored, section=section.key, position=i, data=data, text=section.row_text(data)
            )
            for i, data in enumerate(cleaned)
        )
        stored.refresh_search_text()
        if before != cleaned:
            audit.record(
                "update",
                stored,
                actor=actor,
                changes={f"{section.part} {section.title}": [before, cleaned]},
            )
            ElectronicSystem.objects.filter(pk=stored.pk).update(updated_at=timezone.now())
    return entries


def risk_assess(
    system: ElectronicSystem, *, actor, answers: dict, assessor_position: str = "", note: str = ""
) -> RiskAssessment:
    """Score a filled Lampiran (1) questionnaire; a questionnaire with a missing answer is not
    scored. The system takes the new category; the GCIO hears of a new Strategis system."""
    answers = {k: (str(v).upper() if v is not None else v) for k, v in (answers or {}).items()}
    with refusals_logged(actor, "change", system), transaction.atomic():
        stored = ElectronicSystem.objects.select_for_update().get(pk=system.pk)
        ensure(actor, "change", stored)
        errors = risk.answer_errors(answers)
        if errors:
            raise KelolaError(_("Kuesioner belum lengkap; kategori tidak dihitung."), errors=errors)
        total, category = risk.score(answers)
        with audit.audit_context(actor=actor):
            assessment = RiskAssessment.objects.create(
                system=stored,
                answers=answers,
                score=total,
                category=category,
                assessed_by=actor,
                assessor_position=assessor_position,
                note=note,
            )
        previous = stored.risk_category
        if (stored.risk_score, stored.risk_category) != (total, category):
            before = {"risk_score": stored.risk_score, "risk_category": stored.risk_category}
            ElectronicSystem.objects.filter(pk=stored.pk).update(risk_score=total, risk_category=category)
            audit.record(
                "update",
                stored,
                actor=actor,
                changes={
                    k: [before[k], v] for k, v in {"risk_score": total, "risk_category": category}.items()
                },
            )
        if category == RiskCategory.STRATEGIC and previous != RiskCategory.STRATEGIC:
            notify(
                users_with_roles(stored.pemda_id, {Role.GCIO}),
                kind="portfolio.strategic_system",
                title=_("Sistem elektronik berkategori Strategis: %(name)s") % {"name": stored.external_name},
                body=_("Nilai kategori %(score)s dari kuesioner Lampiran II (1).") % {"score": total},
                url=stored.get_absolute_url(),
                pemda_id=stored.pemda_id,
            )
    system.risk_score, system.risk_category = total, category
    return assessment


def rules_apply_preset(pemda: Pemda, preset: str, *, actor) -> list[BuildRule]:
    """Set the pemda's three build rules from a shipped preset."""
    if preset not in rules.PRESETS:
        raise KelolaError(_("Preset tidak dikenal."), errors={"preset": [_("Pilih salah satu preset.")]})
    result = []
    with transaction.atomic():
        for scope, (it_office, self_reliant, any_agency, citation) in rules.PRESETS[preset].items():
            values = {
                "it_office_may_build": it_office,
                "self_reliant_agency_may_build": self_reliant,
                "any_agency_may_build": any_agency,
                "citation": citation,
            }
            existing = BuildRule.objects.filter(pemda=pemda, scope=scope).first()
            if existing is None:
                result.append(create_row(BuildRule, actor=actor, pemda=pemda, scope=scope, **values))
            else:
                result.append(update_row(existing, actor=actor, **values))
    return result


def rule_update(rule: BuildRule, *, actor, **data) -> BuildRule:
    data.pop("pemda", None)
    data.pop("scope", None)
    return update_row(rule, actor=actor, **data)


def completeness(system: ElectronicSystem, grouped: dict | None = None) -> list[str]:
    """What the registration still lacks: the form's mandatory fields (*) and minimum rows,
    and the risk category."""
    grouped = grouped if grouped is not None else entries_of(system)
    missing = []
    mandatory = (
        "internal_name",
        "external_name",
        "description",
        "operator_unit",
        "operator_address",
        "operator_province",
        "operator_city",
        "operator_postal_code",
        "operator_phone",
        "operator_website",
        "pic_name",
        "pic_nip",
        "pic_unit",
        "pic_mobile",
        "pic_email",
    )
    for name in mandatory:
        if not getattr(system, name):
            missing.append(str(ElectronicSystem._meta.get_field(name).verbose_name))
    for section in SECTIONS:
        if section.min_rows and len(grouped.get(section.key, [])) < section.min_rows:
            missing.append(f"{section.part} {section.title}")
    if not system.risk_category:
        missing.append(str(_("Kategori sistem elektronik (Lampiran II (1))")))
    return missing


def lifecycle_transition(
    system: ElectronicSystem, name: str, *, actor, comment: str = ""
) -> ElectronicSystem:
    """Move a system along its lifecycle (PORT-4); refused with the missing evidence listed."""
    return perform(LIFECYCLE, system, name, actor=actor, comment=comment)


def artifact_add(
    system: ElectronicSystem,
    *,
    actor,
    upload,
    kind: str,
    app_version: str,
    title: str = "",
    copyright_holder: str = "",
    note: str = "",
) -> SystemArtifact:
    """Store a repository file (PORT-5) of one version of the system. Source code is kept
    "dikecualikan": only the owner agency and the exempt readers may download it."""
    if kind not in ArtifactKind.values:
        raise KelolaError(_("Jenis berkas tidak dikenal."), errors={"kind": [_("Pilih jenis berkas.")]})
    if not app_version.strip():
        raise KelolaError(
            _("Versi aplikasi wajib diisi."), errors={"app_version": [_("Bidang ini harus diisi.")]}
        )
    classification = (
        Classification.EXEMPT
        if kind == ArtifactKind.SOURCE_CODE or system.classification == Classification.EXEMPT
        else Classification.PUBLIC
    )
    with refusals_logged(actor, "change", system), transaction.atomic():
        stored = ElectronicSystem.objects.select_for_update().get(pk=system.pk)
        ensure(actor, "change", stored)
        document = attach_document(
            actor=actor,
            target=stored,
            upload=upload,
            title=title or f"{ArtifactKind(kind).label} — {stored.external_name} v{app_version}",
            kind=DocumentKind.SOURCE_CODE if kind == ArtifactKind.SOURCE_CODE else DocumentKind.EVIDENCE,
            classification=classification,
        )
        with audit.audit_context(actor=actor):
            artifact = SystemArtifact.objects.create(
                system=stored,
                kind=kind,
                app_version=app_version.strip(),
                document=document,
                copyright_holder=copyright_holder.strip() or stored.pemda.name,
                note=note,
            )
    return artifact


def link_add(
    system: ElectronicSystem, *, actor, kind: str, target_system=None, target_label: str = "", note: str = ""
):
    """Record a relation of the system (PORT-6); the target system must be one the actor sees."""
    from kelola.core import access

    from .models import SystemLink

    with refusals_logged(actor, "change", system), transaction.atomic():
        stored = ElectronicSystem.objects.select_for_update().get(pk=system.pk)
        ensure(actor, "change", stored)
        if target_system is not None and not access.can(actor, "view", target_system):
            raise KelolaError(
                _("Sistem tujuan tidak ditemukan."), errors={"target_system": [_("Tidak ditemukan.")]}
            )
        link = SystemLink(
            system=stored,
            kind=kind,
            target_system=target_system,
            target_label=target_label.strip(),
            note=note,
        )
        link.full_clean()
        with audit.audit_context(actor=actor):
            link.save()
    return link


def link_remove(link, *, actor) -> None:
    with refusals_logged(actor, "change", link.system), transaction.atomic():
        ensure(actor, "change", link.system)
        with audit.audit_context(actor=actor):
            link.delete()
