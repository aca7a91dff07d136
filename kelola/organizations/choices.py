from django.db import models
from django.utils.translation import gettext_lazy as _


class EmploymentKind(models.TextChoices):
    CIVIL_SERVANT = "asn", _("PNS")
    CONTRACT_SERVANT = "pppk", _("PPPK")
    NON_CIVIL = "non_asn", _("Non-ASN / Tenaga Kontrak")


class BodyKind(models.TextChoices):
    """Governance bodies of 002 Ps.4 and 004 Lamp.I."""

    COMMITTEE = "committee", _("Komite TIK / Tim Pengarah SPBE")
    SMART_CITY_COUNCIL = "smart_city_council", _("Dewan Smart City")
    EVALUATORS = "evaluators", _("Tim Evaluator Internal")
    GCIO = "gcio", _("GCIO")
    IT_MANAGERS = "it_managers", _("Pengelola TIK")
    PROCESS_OWNERS = "process_owners", _("Pemilik Proses Bisnis")
    OTHER = "other", _("Lainnya")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Ketua")
    VICE_CHAIR = "vice_chair", _("Wakil Ketua")
    SECRETARY = "secretary", _("Sekretaris")
    MEMBER = "member", _("Anggota")


class DecreeKind(models.TextChoices):
    HEAD_DECREE = "head_decree", _("Keputusan Walikota/Bupati")
    REGULATION = "regulation", _("Peraturan Walikota/Bupati")
    SECRETARY_DECREE = "secretary_decree", _("Keputusan Sekretaris Daerah")
    AGENCY_DECREE = "agency_decree", _("Keputusan Kepala Perangkat Daerah")
    CIRCULAR = "circular", _("Surat Edaran")
    OTHER = "other", _("Lainnya")


class AssessmentStatus(models.TextChoices):
    """Mandiri TIK assessment (001 Ps.19): Dinas assesses → proposes → Eksekutif decides →
    SK recorded → active; an active status can be revoked."""

    DRAFT = "draft", _("Draf penilaian")
    PROPOSED = "proposed", _("Diusulkan ke Kepala Daerah")
    APPROVED = "approved", _("Disetujui, menunggu SK")
    REJECTED = "rejected", _("Tidak disetujui")
    ACTIVE = "active", _("Aktif (SK ditetapkan)")
    REVOKED = "revoked", _("Dicabut")
    WITHDRAWN = "withdrawn", _("Dibatalkan")
