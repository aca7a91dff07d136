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

    def to_internal_value(self, data):
        """Each key is looked up once per serializer: a batch names the same agency and service
        in most of its items (the field lives as long as its serializer, one request)."""
        found = self.__dict__.setdefault("_found", {})
        key = str(data)
        if key not in found:
            found[key] = super().to_internal_value(data)
        return found[key]


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
        return {name: _clone(field) for name, field in built.items()}


def _clone(field):
    """A fresh, unbound copy of a template field. DRF deep-copies fields by re-running their
    constructors; a shallow copy serves as well for a field without children (binding only sets
    attributes on the copy) at a fraction of the cost. A field with children (a list or dict
    field, a many-related field, a nested serializer) bound those children to itself when it was
    built, so it is deep-copied as DRF does."""
    if (
        isinstance(field, serializers.BaseSerializer)
        or hasattr(field, "child")
        or hasattr(field, "child_relation")
    ):
        return copy.deepcopy(field)
    return copy.copy(field)
