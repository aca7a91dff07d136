"""Application portfolio and electronic-system registry (PORT-1..3).

- `ElectronicSystem`: one registration form of 004 Lamp.II (single-valued parts A, B, C 1.1, G)
  plus the classification of PORT-3; owned by an agency (OPD).
- `SystemEntry`: one row of a repeatable table of the form (functions, scope sectors, hardware,
  experts...), its columns declared in `sections.SECTIONS`.
- `RiskAssessment`: one filled Lampiran (1) questionnaire; the newest sets the system's category.
- `BuildRule`: a pemda's rule on who may build which kind of application (001 Ps.13, 002 Ps.17).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import Classification
from kelola.core.models import AgencyModel, ChildRowMixin, KelolaModel, TenantModel
from kelola.core.urlcache import detail_url

from .choices import (
    AccessKind,
    AppKind,
    ArtifactKind,
    Complexity,
    Developer,
    LifecycleStatus,
    LinkKind,
    RiskCategory,
    RuleScope,
    ServiceTarget,
)


class ElectronicSystem(AgencyModel):
    # A. Data umum
    internal_name = models.CharField(
        _("nama internal"), max_length=200, help_text=_("Nama yang hanya diketahui pihak internal instansi.")
    )
    external_name = models.CharField(
        _("nama eksternal"), max_length=200, help_text=_("Nama yang dikenal pihak di luar instansi.")
    )
    description = models.TextField(_("keterangan"), help_text=_("Deskripsi sistem elektronik."))
    service_target = models.CharField(
        _("sasaran pelayanan"), max_length=20, choices=ServiceTarget.choices, default=ServiceTarget.LOCAL
    )
    access = models.CharField(
        _("kategori akses"), max_length=10, choices=AccessKind.choices, default=AccessKind.ONLINE
    )
    url = models.URLField(_("alamat URL"), blank=True)
    publish_consent = models.BooleanField(
        _("bersedia dipublikasikan"),
        default=False,
        help_text=_("Bersedia dipublikasikan melalui portal layanan publik."),
    )
    # PORT-3 classification
    app_kind = models.CharField(_("jenis aplikasi"), max_length=10, choices=AppKind.choices)
    complexity = models.CharField(
        _("kompleksitas"),
        max_length=5,
        choices=Complexity.choices,
        blank=True,
        help_text=_("Wajib untuk aplikasi umum."),
    )
    serves_citizens = models.BooleanField(_("G2C (masyarakat)"), default=False)
    serves_business = models.BooleanField(_("G2B (dunia usaha)"), default=False)
    serves_government = models.BooleanField(_("G2G (pemerintah)"), default=False)
    on_desktop = models.BooleanField(_("desktop"), default=False)
    on_web = models.BooleanField(_("web"), default=True)
    on_mobile = models.BooleanField(_("mobile"), default=False)
    open_source = models.BooleanField(_("kode sumber terbuka"), default=True)
    closed_source_justification = models.TextField(
        _("alasan tidak memakai kode sumber terbuka"),
        blank=True,
        help_text=_("Wajib bila bukan kode sumber terbuka (Perwali Palangka Raya 23/2020 Ps.17(6))."),
    )
    developer = models.CharField(
        _("pembangun"), max_length=20, choices=Developer.choices, default=Developer.OWNER_AGENCY
    )
    vendor = models.CharField(_("pihak ketiga pembangun"), max_length=200, blank=True)
    operator_agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah pengoperasi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    warranty_until = models.DateField(
        _("garansi pemeliharaan sampai"),
        null=True,
        blank=True,
        help_text=_("Wajib untuk aplikasi yang dibangun pihak ketiga (Perbup Sidoarjo 46/2018 Ps.12(3))."),
    )
    status = models.CharField(
        _("tahap siklus hidup"),
        max_length=20,
        choices=LifecycleStatus.choices,
        default=LifecycleStatus.PLANNED,
    )
    # Set only by risk assessments (Lamp.II (1)).
    risk_score = models.PositiveSmallIntegerField(_("nilai kategori"), null=True, blank=True, editable=False)
    risk_category = models.CharField(
        _("kategori sistem elektronik"),
        max_length=10,
        choices=RiskCategory.choices,
        blank=True,
        editable=False,
    )
    classification = models.CharField(
        _("klasifikasi informasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )
    #: Everything the registry search looks in (names, description, vendor, URL and the rows of
    #: the form's tables), lower-cased; kept by `refresh_search_text`.
    search_text = models.TextField(_("teks pencarian"), blank=True, editable=False)
    #: The scope sectors of table A.9 as "|health|education|", for a row-local filter.
    sector_keys = models.CharField(_("kode ruang lingkup"), max_length=300, blank=True, editable=False)
    # B. Profil penyelenggara
    operator_unit = models.CharField(_("nama satuan kerja"), max_length=200, blank=True)
    operator_address = models.CharField(_("alamat satuan kerja"), max_length=300, blank=True)
    operator_province = models.CharField(_("provinsi"), max_length=100, blank=True)
    operator_city = models.CharField(_("kota/kabupaten"), max_length=100, blank=True)
    operator_postal_code = models.CharField(_("kode pos"), max_length=10, blank=True)
    operator_phone = models.CharField(_("no. telepon"), max_length=50, blank=True)
    operator_website = models.URLField(_("website"), blank=True)
    # C 1.1 Informasi data center
    uses_data_center = models.BooleanField(_("menggunakan fasilitas data center"), default=False)
    data_center_location = models.CharField(_("lokasi data center"), max_length=200, blank=True)
    data_center_provider = models.CharField(_("penyedia data center"), max_length=200, blank=True)
    data_center_bandwidth = models.CharField(_("bandwidth data center"), max_length=50, blank=True)
    server_shared = models.BooleanField(_("server dipakai bersama aplikasi lain"), null=True, blank=True)
    # G. Penanggung jawab
    pic_name = models.CharField(_("nama penanggung jawab"), max_length=200, blank=True)
    pic_nip = models.CharField(_("NIP penanggung jawab"), max_length=30, blank=True)
    pic_unit = models.CharField(_("satuan kerja penanggung jawab"), max_length=200, blank=True)
    pic_address = models.CharField(_("alamat satuan kerja penanggung jawab"), max_length=300, blank=True)
    pic_province = models.CharField(_("provinsi penanggung jawab"), max_length=100, blank=True)
    pic_city = models.CharField(_("kota/kabupaten penanggung jawab"), max_length=100, blank=True)
    pic_postal_code = models.CharField(_("kode pos penanggung jawab"), max_length=10, blank=True)
    pic_mobile = models.CharField(_("no. HP penanggung jawab"), max_length=50, blank=True)
    pic_email = models.EmailField(_("e-mail penanggung jawab"), blank=True)

    class Meta:
        verbose_name = _("sistem elektronik")
        verbose_name_plural = _("sistem elektronik")
        ordering = ["external_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["pemda", "internal_name"], name="portfolio_system_unique_internal_name"
            )
        ]
        indexes = [
            models.Index(fields=["pemda", "status"], name="portfolio_sys_pemda_status"),
            models.Index(fields=["pemda", "external_name"], name="portfolio_sys_pemda_name"),
            models.Index(fields=["pemda", "agency"], name="portfolio_sys_pemda_agency"),
            models.Index(fields=["pemda", "risk_category"], name="portfolio_sys_pemda_risk"),
        ]

    scope_level = "electronic_system"

    def __str__(self) -> str:
        return self.external_name

    def get_absolute_url(self) -> str:
        return detail_url("portfolio:system_detail", self.pk)

    def clean(self):
        errors = {}
        if self.app_kind == AppKind.GENERAL and not self.complexity:
            errors["complexity"] = _("Aplikasi umum wajib diisi kompleksitasnya (besar atau kecil).")
        if self.app_kind == AppKind.SPECIFIC and self.complexity:
            errors["complexity"] = _("Kompleksitas hanya diisi untuk aplikasi umum.")
        if not self.open_source and not self.closed_source_justification.strip():
            errors["closed_source_justification"] = _(
                "Aplikasi yang tidak memakai kode sumber terbuka wajib disertai alasannya."
            )
        if self.access == AccessKind.ONLINE and not self.url and self.status == LifecycleStatus.PRODUCTION:
            errors["url"] = _("Sistem online yang sudah produksi wajib mencantumkan alamat URL.")
        if self.operator_agency_id and self.agency_id:
            from kelola.core.models import Agency

            operator_pemda = Agency.objects.filter(pk=self.operator_agency_id).values_list(
                "pemda_id", flat=True
            )
            if operator_pemda.first() != self.pemda_id:
                errors["operator_agency"] = _("Perangkat daerah pengoperasi harus dari pemda yang sama.")
        if errors:
            raise ValidationError(errors)

    def compose_search_text(self, entry_texts=None) -> str:
        if entry_texts is None:
            entry_texts = self.entries.values_list("text", flat=True) if self.pk else []
        parts = [
            self.internal_name,
            self.external_name,
            self.description,
            self.vendor,
            self.url,
            *entry_texts,
        ]
        return " ".join(p for p in parts if p).lower()

    def refresh_search_text(self) -> None:
        """Recompute the denormalised search columns from the row and its table rows."""
        self.search_text = self.compose_search_text()
        sectors = self.entries.filter(section="scope").values_list("data", flat=True) if self.pk else []
        self.sector_keys = compose_sector_keys(sectors)
        type(self).objects.filter(pk=self.pk).update(
            search_text=self.search_text, sector_keys=self.sector_keys
        )

    @property
    def service_models(self) -> list[str]:
        return [
            label
            for flag, label in (
                (self.serves_citizens, "G2C"),
                (self.serves_business, "G2B"),
                (self.serves_government, "G2G"),
            )
            if flag
        ]

    @property
    def platforms(self) -> list[str]:
        return [
            str(label)
            for flag, label in (
                (self.on_desktop, _("desktop")),
                (self.on_web, _("web")),
                (self.on_mobile, _("mobile")),
            )
            if flag
        ]


def compose_sector_keys(scope_rows) -> str:
    keys = sorted({row.get("sector") for row in scope_rows if row.get("sector")})
    return f"|{'|'.join(keys)}|" if keys else ""


class SystemEntry(ChildRowMixin, KelolaModel):
    """One row of a repeatable table of the registration form; `section` names the table and
    `data` holds its columns (validated against `sections.SECTIONS` by the services)."""

    system = models.ForeignKey(
        ElectronicSystem,
        verbose_name=_("sistem elektronik"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    section = models.CharField(_("bagian"), max_length=30)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    data = models.JSONField(_("isi"), default=dict)
    #: Searchable text of the row (overlap detection, search), kept by the services.
    text = models.TextField(_("teks"), blank=True, editable=False)

    class Meta:
        verbose_name = _("baris formulir sistem elektronik")
        verbose_name_plural = _("baris formulir sistem elektronik")
        ordering = ["system", "section", "position", "id"]
        indexes = [models.Index(fields=["system", "section"], name="portfolio_entry_sys_section")]

    audit_parent = "system"

    def __str__(self) -> str:
        return f"{self.section} #{self.position + 1}"


class RiskAssessment(ChildRowMixin, KelolaModel):
    """A filled Pernyataan Kategori Sistem Elektronik (004 Lamp.II (1)); kept as history."""

    system = models.ForeignKey(
        ElectronicSystem,
        verbose_name=_("sistem elektronik"),
        on_delete=models.CASCADE,
        related_name="risk_assessments",
    )
    answers = models.JSONField(_("jawaban"))
    score = models.PositiveSmallIntegerField(_("total bobot nilai"))
    category = models.CharField(_("kategori"), max_length=10, choices=RiskCategory.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diisi oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessor_position = models.CharField(_("jabatan pengisi"), max_length=200, blank=True)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("penilaian kategori sistem elektronik")
        verbose_name_plural = _("penilaian kategori sistem elektronik")
        ordering = ["-created_at", "-id"]

    audit_parent = "system"

    def __str__(self) -> str:
        return f"{self.system} — {self.get_category_display()} ({self.score})"


class BuildRule(TenantModel):
    """Who may plan, build and develop one kind of application in a pemda (PORT-3)."""

    scope = models.CharField(_("jenis aplikasi"), max_length=20, choices=RuleScope.choices)
    it_office_may_build = models.BooleanField(_("Dinas boleh membangun"), default=True)
    self_reliant_agency_may_build = models.BooleanField(
        _("Perangkat Daerah Mandiri TIK boleh membangun"), default=False
    )
    any_agency_may_build = models.BooleanField(_("semua perangkat daerah boleh membangun"), default=False)
    citation = models.CharField(_("dasar hukum"), max_length=300)

    class Meta:
        verbose_name = _("aturan pembangunan aplikasi")
        verbose_name_plural = _("aturan pembangunan aplikasi")
        ordering = ["pemda", "scope"]
        constraints = [models.UniqueConstraint(fields=["pemda", "scope"], name="portfolio_build_rule_unique")]

    scope_level = "build_rule"

    def __str__(self) -> str:
        return f"{self.pemda} — {self.get_scope_display()}"

    def get_absolute_url(self) -> str:
        return detail_url("portfolio:rule_update", self.pk)


class SystemArtifact(ChildRowMixin, KelolaModel):
    """A file of the application repository (PORT-5): SDLC evidence or a source-code archive
    of one version of the system, stored as a checksummed document; the copyright holder is the
    pemda (001 Ps.14(4))."""

    system = models.ForeignKey(
        ElectronicSystem,
        verbose_name=_("sistem elektronik"),
        on_delete=models.PROTECT,
        related_name="artifacts",
    )
    kind = models.CharField(_("jenis berkas"), max_length=30, choices=ArtifactKind.choices)
    app_version = models.CharField(_("versi aplikasi"), max_length=30)
    document = models.ForeignKey(
        "core.Document", verbose_name=_("dokumen"), on_delete=models.PROTECT, related_name="+"
    )
    copyright_holder = models.CharField(_("pemegang hak cipta"), max_length=200)
    note = models.TextField(_("catatan"), blank=True)

    class Meta:
        verbose_name = _("berkas repositori aplikasi")
        verbose_name_plural = _("berkas repositori aplikasi")
        ordering = ["system", "-created_at", "-id"]
        indexes = [models.Index(fields=["system", "kind"], name="portfolio_artifact_sys_kind")]

    audit_parent = "system"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.app_version}"


class SystemLink(ChildRowMixin, KelolaModel):
    """A relation of a system (PORT-6): to another registered system, or to a server or
    dataset named until their own registers exist."""

    system = models.ForeignKey(
        ElectronicSystem, verbose_name=_("sistem elektronik"), on_delete=models.CASCADE, related_name="links"
    )
    kind = models.CharField(_("jenis relasi"), max_length=20, choices=LinkKind.choices)
    target_system = models.ForeignKey(
        ElectronicSystem,
        verbose_name=_("sistem tujuan"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="incoming_links",
    )
    target_label = models.CharField(_("nama server/dataset"), max_length=200, blank=True)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("relasi sistem elektronik")
        verbose_name_plural = _("relasi sistem elektronik")
        ordering = ["system", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "kind", "target_system", "target_label"], name="portfolio_link_unique"
            )
        ]

    audit_parent = "system"

    def __str__(self) -> str:
        return f"{self.system} → {self.target_system or self.target_label}"

    def clean(self):
        from .choices import SYSTEM_LINKS

        errors = {}
        if self.kind in SYSTEM_LINKS:
            if self.target_system_id is None:
                errors["target_system"] = _("Pilih sistem tujuan.")
            elif self.target_system_id == self.system_id:
                errors["target_system"] = _("Sistem tidak dapat berelasi dengan dirinya sendiri.")
            elif self.target_system.pemda_id != self.system.pemda_id:
                errors["target_system"] = _("Sistem tujuan harus dari pemda yang sama.")
            self.target_label = ""
        else:
            if not self.target_label.strip():
                errors["target_label"] = _("Isi nama server atau dataset.")
            self.target_system = None
        if errors:
            raise ValidationError(errors)
