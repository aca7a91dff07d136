"""Serializer fields that keep references inside the requesting user's scope."""

from __future__ import annotations

from rest_framework import serializers


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key accepted only if the user may see the referenced row; anything else is
    "does not exist", so the API never confirms rows outside the user's scope."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None:
            return queryset.none()
        return queryset.visible_to(request.user)


class ScopedModelSerializer(serializers.ModelSerializer):
    """Every foreign key of the serializer is scoped to what the user may see."""

    serializer_related_field = ScopedPrimaryKeyRelatedField
