"""Choices of the electronic-system registry (004 Lamp.II) and its classification (PORT-3)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceTarget(models.TextChoices):
    """Sasaran pelayanan (Lamp.II A.4)."""

    LOCAL = "local", _("Lokal")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("Nasional")
    INTERNATIONAL = "international", _("Internasional")


class AccessKind(models.TextChoices):
    """Kategori akses (Lamp.II A.6)."""

    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")


class AppKind(models.TextChoices):
    """Aplikasi umum or khusus (001 Ps.13, 002 Ps.17)."""

    GENERAL = "general", _("Aplikasi umum")
    SPECIFIC = "specific", _("Aplikasi khusus")


class Complexity(models.TextChoices):
    """Kompleksitas of an aplikasi umum (001 Ps.1 angka 26-27, Ps.13(3))."""

    HIGH = "high", _("Kompleksitas besar")
    LOW = "low", _("Kompleksitas kecil")


class Developer(models.TextChoices):
    """Who plans, builds and develops the system (001 Ps.13(5))."""

    IT_OFFICE = "it_office", _("Dinas (Kominfo)")
    OWNER_AGENCY = "owner_agency", _("Perangkat daerah pemilik")


class LifecycleStatus(models.TextChoices):
    """PORT-4 lifecycle."""

    PLANNED = "planned", _("Direncanakan")
    DEVELOPMENT = "development", _("Pengembangan")
    TESTING = "testing", _("Pengujian")
    PRODUCTION = "production", _("Produksi")
    RETIRED = "retired", _("Dihentikan")


class RiskCategory(models.TextChoices):
    """Kategori sistem elektronik (Lamp.II (1)): Strategis 36-50, Tinggi 16-35, Rendah 10-15."""

    STRATEGIC = "strategic", _("Strategis")
    HIGH = "high", _("Tinggi")
    LOW = "low", _("Rendah")


class RuleScope(models.TextChoices):
    """The kinds of application a build rule speaks of."""

    GENERAL_HIGH = "general_high", _("Aplikasi umum kompleksitas besar")
    GENERAL_LOW = "general_low", _("Aplikasi umum kompleksitas kecil")
    SPECIFIC = "specific", _("Aplikasi khusus")


class BuildPreset(models.TextChoices):
    PASURUAN_2021 = "pasuruan_2021", _("Perwali Kota Pasuruan 24/2021 Ps.13")
    PALANGKA_RAYA_2020 = "palangka_raya_2020", _("Perwali Kota Palangka Raya 23/2020 Ps.17")


class ArtifactKind(models.TextChoices):
    """What a repository file is: the SDLC evidence of 002 Ps.18 and the hand-over package of
    001 Ps.14(2) / 004 Ps.12(3)."""

    REQUIREMENTS = "requirements", _("Dokumen kebutuhan perangkat lunak")
    DESIGN = "design", _("Dokumen perancangan aplikasi")
    TECHNICAL_DESIGN = "technical_design", _("Rancangan teknis dan basis data")
    INTEGRATION_DESIGN = "integration_design", _("Rancangan integrasi")
    SECURITY = "security", _("Dokumen keamanan")
    TROUBLESHOOTING = "troubleshooting", _("Dokumen penanganan masalah")
    CHANGE_OF_REQUIREMENTS = "change_of_requirements", _("Perubahan kebutuhan")
    QUALITY_ASSURANCE = "quality_assurance", _("Penjaminan mutu")
    UNIT_TEST = "unit_test", _("Hasil uji unit")
    SYSTEM_TEST = "system_test", _("Hasil uji sistem")
    INTEGRATION_TEST = "integration_test", _("Hasil uji integrasi")
    UAT = "uat", _("Hasil uji penerimaan pengguna (UAT)")
    PENETRATION_TEST = "penetration_test", _("Hasil uji penetrasi")
    INSTALLATION = "installation", _("Instalasi dan akreditasi")
    USER_MANUAL = "user_manual", _("Manual penggunaan aplikasi")
    SOURCE_CODE = "source_code", _("Kode sumber dengan penjelasan prosedur")
    KNOWLEDGE_TRANSFER = "knowledge_transfer", _("Materi alih pengetahuan")
    OTHER = "other", _("Lainnya")


class LinkKind(models.TextChoices):
    """PORT-6 relations of a system. Servers and datasets are named until the data-center and
    integration-bus registers exist; then the links point at their rows."""

    EXCHANGES_WITH = "exchanges_with", _("Bertukar data dengan sistem")
    DEPENDS_ON = "depends_on", _("Bergantung pada sistem")
    REPLACES = "replaces", _("Menggantikan sistem")
    RUNS_ON = "runs_on", _("Berjalan di server")
    PUBLISHES = "publishes", _("Menerbitkan dataset")
    CONSUMES = "consumes", _("Memakai dataset")


SYSTEM_LINKS = frozenset({LinkKind.EXCHANGES_WITH, LinkKind.DEPENDS_ON, LinkKind.REPLACES})
