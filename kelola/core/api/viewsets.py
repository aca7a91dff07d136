"""API base classes: every register's endpoint reads through `visible_to` and writes through
its services, so the UI and the API enforce the same rules (X-5)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from rest_framework import mixins, viewsets
from rest_framework.filters import OrderingFilter

from kelola.core import access


class ScopedViewSetMixin:
    """Reads through `visible_to(user)`; a row outside it answers 404, like a missing one."""

    #: The register's services, wrapped in staticmethod(): `create(actor=..., **data)`,
    #: `update(obj, actor=..., **data)`, `delete(obj, actor=...)`.
    create_service = None
    update_service = None
    delete_service = None
    select_related: tuple[str, ...] = ()
    filter_backends = [*viewsets.GenericViewSet.filter_backends, OrderingFilter]

    def get_queryset(self):
        queryset = self.queryset.model.objects.visible_to(self.request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        return queryset.order_by(
            *self.queryset.query.order_by or self.queryset.model._meta.ordering or ["pk"]
        )

    def perform_create(self, serializer):
        if self.create_service is None:
            raise PermissionDenied
        serializer.instance = self.create_service(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        if self.update_service is None:
            raise PermissionDenied
        serializer.instance = self.update_service(
            serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        if self.delete_service is None:
            raise PermissionDenied
        self.delete_service(instance, actor=self.request.user)


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    pass


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedCreateReadViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    pass


def require(user, action, obj):
    access.require(user, action, obj)
