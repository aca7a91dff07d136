"""Tenancy: the pemda (tenant) and its agencies (ORG-1)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import AgencyKind, PemdaKind, Timezone

from .base import KelolaModel

hostname_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$",
    _("Masukkan nama domain yang sah, misalnya dinkes.malangkota.go.id."),
)


class Pemda(KelolaModel):
    """A local government: the tenant. Every domain row belongs to exactly one."""

    name = models.CharField(_("nama"), max_length=200, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=PemdaKind.choices)
    code = models.CharField(
        _("kode wilayah"),
        max_length=13,
        unique=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2})?$", _("Kode wilayah Kemendagri, misalnya 35.73."))],
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    province = models.ForeignKey(
        "self",
        verbose_name=_("provinsi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regions",
        limit_choices_to={"kind": PemdaKind.PROVINCE},
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    domain = models.CharField(_("domain"), max_length=253, blank=True, validators=[hostname_validator])
    timezone = models.CharField(
        _("zona waktu"), max_length=40, choices=Timezone.choices, default=Timezone.WIB
    )
    letter_code = models.CharField(
        _("kode surat"),
        max_length=40,
        default="Diskominfo",
        help_text=_("Bagian nomor surat sesudah nomor urut, misalnya Diskominfo."),
    )
    requires_two_factor = models.BooleanField(
        _("wajibkan verifikasi dua langkah untuk GCIO dan staf Dinas"), default=False
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pemerintah daerah")
        verbose_name_plural = _("pemerintah daerah")
        ordering = ["name"]

    scope_level = "pemda_self"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from kelola.core.urlcache import detail_url

        return detail_url("organizations:pemda_detail", self.pk)

    def clean(self):
        if self.province_id and self.kind == PemdaKind.PROVINCE:
            raise ValidationError({"province": _("Provinsi tidak berada di bawah provinsi lain.")})


class Agency(KelolaModel):
    """A Perangkat Daerah (OPD) or one of its sub-units; the IT office carries `is_it_office`."""

    pemda = models.ForeignKey(
        Pemda, verbose_name=_("pemda"), on_delete=models.PROTECT, related_name="agencies"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path "/<id>/<id>/" so that a role on an OPD covers its sub-units in one query.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=AgencyKind.choices, default=AgencyKind.OFFICE)
    code = models.CharField(_("kode"), max_length=40, blank=True)
    is_it_office = models.BooleanField(_("Dinas Kominfo (pengelola TIK)"), default=False)
    it_self_reliant = models.BooleanField(
        _("Perangkat Daerah Mandiri TIK"),
        default=False,
        editable=False,
        help_text=_("Hanya berubah melalui penetapan Mandiri TIK (001 Ps.19)."),
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    subdomain = models.CharField(_("sub-domain"), max_length=253, blank=True, validators=[hostname_validator])
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["pemda", "name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "name"], name="agency_unique_name_per_pemda"),
            models.UniqueConstraint(
                fields=["pemda"], condition=models.Q(is_it_office=True), name="agency_one_it_office_per_pemda"
            ),
        ]
        indexes = [models.Index(fields=["pemda", "is_active", "name"])]

    scope_level = "agency_self"

    def __str__(self) -> str:
        return self.name

    @property
    def agency_id(self) -> int | None:
        return self.pk

    def clean(self):
        errors = {}
        if self.parent_id:
            if self.parent.pemda_id != self.pemda_id:
                errors["parent"] = _("Induk harus berada di pemda yang sama.")
            elif self.pk and (self.parent_id == self.pk or f"/{self.pk}/" in self.parent.path):
                errors["parent"] = _("Induk tidak boleh unit itu sendiri atau sub-unitnya.")
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self) -> str:
        from kelola.core.urlcache import detail_url

        return detail_url("organizations:agency_detail", self.pk)

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.pk}/"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The path needs the primary key, so it is written after the first insert; moving a unit
        # rewrites its descendants' paths too.
        new_path = self.compute_path()
        if new_path != self.path:
            old_path = self.path
            type(self).objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                for child in type(self).objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    type(self).objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])
            self.path = new_path
