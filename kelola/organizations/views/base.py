"""Small helpers shared by the organisation pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kelola.core import access
from kelola.core.errors import ErrorCode, KelolaError


def acting_pemda(user):
    """The pemda a user creates pemda-level rows in: their home pemda."""
    if user.pemda_id is None:
        raise KelolaError(_("Akun Anda tidak terkait dengan pemda mana pun."), code=ErrorCode.FORBIDDEN)
    return user.pemda


class CreateButtonMixin:
    """Shows "Tambah" only to users who could add a row in their own scope."""

    create_prototype = None  # callable(user) -> unsaved instance

    def can_create(self) -> bool:
        user = self.request.user
        if not self.create_url_name or user.pemda_id is None:
            return bool(self.create_url_name) and access.actor_for(user).is_platform_admin
        return access.can(user, "add", self.create_prototype(user))


class DeleteSuccessMixin:
    list_url_name = ""

    def get_success_url(self):
        return reverse(self.list_url_name)
