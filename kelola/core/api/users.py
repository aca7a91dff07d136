"""Users and role assignments API (issue item 2, X-5): the same rules and services as the
pages. Only the pemda's administrator and GCIO (and platform administrators) read; only the
administrator writes; another pemda's rows answer 404."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from kelola.core import accounts
from kelola.core.api.fields import ScopedModelSerializer, ScopedPrimaryKeyRelatedField
from kelola.core.api.router import router
from kelola.core.api.viewsets import ScopedViewSetMixin
from kelola.core.models import Agency, Pemda, RoleAssignment, User
from kelola.core.twofactor import two_factor_reset, two_factor_state


class CanReadUsers(permissions.BasePermission):
    """Refuses (403, code "forbidden") anyone without a user-reading role."""

    message = _("Anda tidak berwenang membuka data pengguna.")

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated and accounts.can_read_users(request.user))


class UserRoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = RoleAssignment
        fields = ["id", "role", "pemda", "agency", "valid_from", "valid_until"]
        read_only_fields = fields


class UserSerializer(ScopedModelSerializer):
    roles = serializers.SerializerMethodField()
    two_factor = serializers.SerializerMethodField()
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    pemda = ScopedPrimaryKeyRelatedField(queryset=Pemda.objects.all(), required=False)
    agency = ScopedPrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False, allow_null=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "nip",
            "email",
            "phone",
            "whatsapp",
            "pemda",
            "agency",
            "is_active",
            "last_login",
            "roles",
            "two_factor",
            "password",
        ]
        read_only_fields = ["is_active", "last_login"]
        # Uniqueness and password rules are the service's, so UI and API answer alike.
        extra_kwargs = {"username": {"validators": []}}

    @extend_schema_field(UserRoleSerializer(many=True))
    def get_roles(self, obj):
        """The account's role assignments the reader may see (never another pemda's)."""
        rows = getattr(obj, "visible_roles", None)
        if rows is None:
            request = self.context.get("request")
            reader = getattr(request, "user", None)
            rows = RoleAssignment.objects.visible_to(reader).filter(user=obj).order_by("role")
        return UserRoleSerializer(rows, many=True).data

    def get_two_factor(self, obj) -> dict:
        state = two_factor_state(obj)
        return {"offered": state.offered, "required": state.required, "configured": state.configured}

    def validate(self, attrs):
        if self.instance is None and not attrs.get("password"):
            raise serializers.ValidationError({"password": [_("Kata sandi wajib diisi.")]})
        if self.instance is not None:
            for name in ("username", "pemda", "password"):
                if name in attrs:
                    raise serializers.ValidationError({name: [_("Kolom ini tidak dapat diubah di sini.")]})
        return attrs


def _pemda_of(request):
    return getattr(request.user, "pemda", None)


class UserViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Accounts of the pemda. Create and edit through `kelola.core.accounts`; an account is
    deactivated (never deleted) with the `deactivate` action."""

    queryset = User.objects.all()
    serializer_class = UserSerializer
    permission_classes = [permissions.IsAuthenticated, CanReadUsers]
    filterset_class = accounts.UserFilter
    select_related = ("pemda", "agency")
    ordering_fields = ["username", "full_name", "last_login"]

    def get_queryset(self):
        return super().get_queryset().prefetch_related(accounts.visible_roles_prefetch(self.request.user))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.setdefault("pemda", _pemda_of(self.request))
        serializer.instance = accounts.user_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        serializer.instance = accounts.user_update(
            serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    def _act(self, service):
        target = self.get_object()
        result = service(target, actor=self.request.user)
        result.refresh_from_db()
        return Response(self.get_serializer(result).data, status=status.HTTP_200_OK)

    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self._act(accounts.user_deactivate)

    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        return self._act(accounts.user_activate)

    @action(detail=True, methods=["post"], url_path="reset-two-factor")
    def reset_two_factor(self, request, pk=None):
        return self._act(two_factor_reset)


class RoleAssignmentSerializer(ScopedModelSerializer):
    user = ScopedPrimaryKeyRelatedField(queryset=User.objects.all())
    agency = ScopedPrimaryKeyRelatedField(queryset=Agency.objects.all(), required=False, allow_null=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "role", "pemda", "agency", "valid_from", "valid_until", "note", "created_at"]
        read_only_fields = ["pemda", "created_at"]
        # Duplicates and scope rules are judged by the service (one answer for UI and API).
        validators = []


class RoleAssignmentViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Role grants (POST) and revocations (DELETE) in the administrator's pemda."""

    queryset = RoleAssignment.objects.all()
    serializer_class = RoleAssignmentSerializer
    permission_classes = [permissions.IsAuthenticated, CanReadUsers]
    filterset_class = accounts.RoleAssignmentFilter
    select_related = ("user", "pemda", "agency")
    ordering_fields = ["role", "created_at"]

    def perform_create(self, serializer):
        serializer.instance = accounts.role_grant(actor=self.request.user, **serializer.validated_data)

    def perform_destroy(self, instance):
        accounts.role_revoke(instance, actor=self.request.user)


router.register("users", UserViewSet, basename="user")
router.register("role-assignments", RoleAssignmentViewSet, basename="role-assignment")
