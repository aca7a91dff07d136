"""Configuration items and their relations (ASSET-3, COBIT BAI10 "Manage configuration").

A configuration item (CI) stands for one row of a domain register — an IT service, an electronic
system, a server/VM/network device, a rack, a data center — found by (content type, object id).
CIs are never typed in: `sync` keeps them and the *derived* relations in step with the domain
registers. A relation reads "source <kind> target" and always means that the source depends on
the target, so "what is affected if X fails" follows relations backwards and "what does Y depend
on" forwards (`graph`). People add *manual* relations (network links, other dependencies) through
`services`.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import NoReverseMatch
from django.utils.translation import gettext_lazy as _

from kelola.core.choices import Classification
from kelola.core.models import TenantModel
from kelola.core.urlcache import detail_url

from .choices import KIND_ICONS, CiKind, Origin, RelationKind


class ConfigurationItem(TenantModel):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("jenis data"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("nomor data"))
    kind = models.CharField(_("jenis"), max_length=12, choices=CiKind.choices)
    name = models.CharField(_("nama"), max_length=300)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("perangkat daerah pemilik"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Copied from the electronic system: a "dikecualikan" system is named only to its owner and
    #: the exempt readers (002 Ps.26(3)); others count it among the "item lain".
    classification = models.CharField(
        _("klasifikasi informasi"),
        max_length=10,
        choices=Classification.choices,
        default=Classification.PUBLIC,
    )

    class Meta:
        verbose_name = _("item konfigurasi")
        verbose_name_plural = _("item konfigurasi")
        ordering = ["kind", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="cmdb_ci_unique_object"),
        ]
        indexes = [
            models.Index(fields=["pemda", "kind", "name"], name="cmdb_ci_pemda_kind"),
            models.Index(fields=["pemda", "name"], name="cmdb_ci_pemda_name"),
            models.Index(fields=["agency", "kind", "name"], name="cmdb_ci_agency_kind"),
        ]

    scope_level = "cmdb"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return detail_url("cmdb:ci_detail", self.pk)

    @property
    def icon(self) -> str:
        return KIND_ICONS.get(self.kind, "bi-box")

    @property
    def domain_url(self) -> str:
        """The domain row's own page, without loading the row ("" while its app has no page)."""
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        if model is None:
            return ""
        try:
            return model(pk=self.object_id).get_absolute_url()
        except (NoReverseMatch, AttributeError):
            return ""


class Relation(TenantModel):
    source = models.ForeignKey(
        ConfigurationItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(
        ConfigurationItem,
        verbose_name=_("bergantung pada item"),
        on_delete=models.CASCADE,
        related_name="incoming",
    )
    kind = models.CharField(_("jenis relasi"), max_length=16, choices=RelationKind.choices)
    origin = models.CharField(_("asal"), max_length=8, choices=Origin.choices, default=Origin.MANUAL)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("relasi konfigurasi")
        verbose_name_plural = _("relasi konfigurasi")
        ordering = ["source__name", "kind", "target__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"],
                name="cmdb_relation_unique",
                violation_error_message=_("Relasi ini sudah tercatat."),
            ),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="cmdb_relation_no_self_loop",
                violation_error_message=_("Item tidak dapat berelasi dengan dirinya sendiri."),
            ),
        ]
        # (source, target, kind) serves the forward walk; this one the backward (impact) walk,
        # both covering: the walk reads no table row.
        indexes = [
            models.Index(fields=["target", "source", "kind"], name="cmdb_relation_backward"),
            models.Index(fields=["pemda", "origin", "kind"], name="cmdb_relation_origin"),
        ]

    scope_level = "cmdb_relation"

    def __str__(self) -> str:
        return f"{self.source} → {self.get_kind_display()} → {self.target}"

    def get_absolute_url(self) -> str:
        return detail_url("cmdb:ci_detail", self.source_id)
