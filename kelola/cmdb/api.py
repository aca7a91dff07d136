"""API of the configuration register (ASSET-3), registered on the shared router.

- /api/v1/configuration-items/                 list, read (?kind=, ?agency=, ?q= name or IP address)
- /api/v1/configuration-items/{id}/impact/     what is affected if it fails (?max_depth=1..20, default 10)
- /api/v1/configuration-items/{id}/dependencies/  what it depends on (same parameter)
- /api/v1/configuration-relations/             list, read; create, update (kind, note) and delete
  manual relations through the services (derived ones follow the domain registers)

In a tree, items the caller may not see are only counted (`hidden_count`); a visible item's
`parent` is its nearest visible ancestor (null: the item asked about).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.api.fields import ScopedModelSerializer
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet

from . import graph, services
from .choices import CiKind, RelationKind
from .filters import ConfigurationItemFilter, RelationFilter
from .models import ConfigurationItem, Relation


class ConfigurationItemSerializer(ScopedModelSerializer):
    source_type = serializers.SerializerMethodField()
    source_url = serializers.SerializerMethodField()

    class Meta:
        model = ConfigurationItem
        fields = [
            "id",
            "pemda",
            "kind",
            "name",
            "agency",
            "source_type",
            "object_id",
            "source_url",
            "updated_at",
        ]
        read_only_fields = fields

    def get_source_type(self, obj) -> str:
        return obj.content_type.natural_key()[0] + "." + obj.content_type.natural_key()[1]

    def get_source_url(self, obj) -> str:
        return obj.domain_url


class TreeNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk")
    name = serializers.CharField(source="item.name")
    kind = serializers.ChoiceField(source="item.kind", choices=CiKind.choices)
    agency = serializers.IntegerField(source="item.agency_id", allow_null=True)
    depth = serializers.IntegerField(help_text=_("Jumlah relasi antara item ini dan item yang ditanyakan."))
    relation = serializers.ChoiceField(
        choices=RelationKind.choices, help_text=_("Relasi yang menuju item ini.")
    )
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    level = serializers.IntegerField()


class TreeSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="root.pk")
    max_depth = serializers.IntegerField()
    total = serializers.IntegerField()
    hidden_count = serializers.IntegerField(
        help_text=_("Item yang tidak dapat Anda lihat (tidak disebutkan).")
    )
    reached_limit = serializers.BooleanField()
    items = TreeNodeSerializer(source="nodes", many=True)


DEPTH = OpenApiParameter(
    "max_depth",
    OpenApiTypes.INT,
    description=str(_("Kedalaman penelusuran, 1-20 (bawaan 10).")),
    required=False,
)


class ConfigurationItemViewSet(ScopedReadOnlyViewSet):
    queryset = ConfigurationItem.objects.all()
    serializer_class = ConfigurationItemSerializer
    filterset_class = ConfigurationItemFilter
    select_related = ("content_type",)
    ordering_fields = ["name", "kind", "updated_at"]

    def _tree(self, walker):
        item = self.get_object()
        tree = walker(
            item, self.request.user, max_depth=graph.clamp_depth(self.request.query_params.get("max_depth"))
        )
        return Response(TreeSerializer(tree).data)

    @extend_schema(parameters=[DEPTH], responses={200: TreeSerializer})
    @action(detail=True, methods=["get"], serializer_class=TreeSerializer, filterset_class=None)
    def impact(self, request, pk=None):
        return self._tree(graph.affected_by)

    @extend_schema(parameters=[DEPTH], responses={200: TreeSerializer})
    @action(detail=True, methods=["get"], serializer_class=TreeSerializer, filterset_class=None)
    def dependencies(self, request, pk=None):
        return self._tree(graph.depends_on)


class RelationSerializer(ScopedModelSerializer):
    source_name = serializers.CharField(source="source.name", read_only=True)
    target_name = serializers.CharField(source="target.name", read_only=True)
    both_ways = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_("Tautan jaringan: catat juga arah sebaliknya."),
    )

    class Meta:
        model = Relation
        fields = [
            "id",
            "pemda",
            "source",
            "source_name",
            "kind",
            "target",
            "target_name",
            "origin",
            "note",
            "both_ways",
            "created_at",
        ]
        read_only_fields = ["pemda", "origin", "created_at"]
        validators = []

    def validate(self, attrs):
        if self.instance is not None:
            for fixed in ("source", "target"):
                value = attrs.pop(fixed, None)
                if value is not None and value.pk != getattr(self.instance, f"{fixed}_id"):
                    raise serializers.ValidationError(
                        {fixed: [_("Ujung relasi tidak dapat diubah; hapus lalu tambahkan relasi baru.")]}
                    )
            attrs.pop("both_ways", None)
        return attrs


class RelationViewSet(ScopedModelViewSet):
    queryset = Relation.objects.all()
    serializer_class = RelationSerializer
    filterset_class = RelationFilter
    select_related = ("source", "target")
    ordering_fields = ["kind", "origin", "created_at"]
    create_service = staticmethod(services.relation_create)
    update_service = staticmethod(services.relation_update)
    delete_service = staticmethod(services.relation_delete)


router.register("configuration-items", ConfigurationItemViewSet, basename="configurationitem")
router.register("configuration-relations", RelationViewSet, basename="configurationrelation")
