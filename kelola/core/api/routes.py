"""Core API: the current user, their notifications, the audit log."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core.api.router import router
from kelola.core.models import AuditEntry, Notification, RoleAssignment, User
from kelola.core.views.pages import audit_entries_visible_to


class OwnRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoleAssignment
        fields = ["role", "pemda", "agency", "valid_from", "valid_until"]


class MeSerializer(serializers.ModelSerializer):
    roles = OwnRoleSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "full_name", "email", "pemda", "agency", "roles"]


class MeViewSet(viewsets.GenericViewSet):
    """The authenticated user and their role assignments."""

    serializer_class = MeSerializer
    queryset = User.objects.none()  # only the requesting user is ever returned

    def list(self, request):
        return Response(MeSerializer(request.user).data)


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = fields


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The user's own inbox."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Notification.objects.none()
        return Notification.objects.filter(recipient=self.request.user).order_by("-created_at", "-id")

    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return Response(self.get_serializer(notification).data)


class AuditEntrySerializer(serializers.ModelSerializer):
    content_type = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "chain",
            "sequence",
            "created_at",
            "actor",
            "actor_name",
            "pemda",
            "action",
            "content_type",
            "object_id",
            "object_repr",
            "changes",
            "request_id",
            "comment",
            "previous_hash",
            "entry_hash",
        ]

    def get_content_type(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}" if obj.content_type else ""


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The change log of the pemda where the user holds an audit-reading role."""

    serializer_class = AuditEntrySerializer
    filterset_fields = ["action", "object_id", "chain"]

    def get_queryset(self):
        return audit_entries_visible_to(self.request.user).select_related("content_type").order_by("-id")


router.register("me", MeViewSet, basename="me")
router.register("notifications", NotificationViewSet, basename="notification")
router.register("audit-entries", AuditEntryViewSet, basename="audit-entry")
import kelola.core.api.documents  # noqa: E402 - registers its viewsets
import kelola.core.api.users  # noqa: E402, F401 - registers its viewsets
