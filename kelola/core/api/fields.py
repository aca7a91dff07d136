"""Serializer fields that keep references inside the requesting user's scope."""

from __future__ import annotations

import copy

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

    def get_fields(self):
        """The fields DRF derives from the model, built once per serializer class and copied
        for each instance (as DRF copies declared fields): deriving them inspects every model
        field again and costs a few milliseconds per request on a wide model. The fields do not
        depend on the instance or the request; anything that does belongs after `__init__`."""
        cls = type(self)
        built = cls.__dict__.get("_fields_built_once")
        if built is None:
            built = super().get_fields()
            cls._fields_built_once = built
        return copy.deepcopy(built)
