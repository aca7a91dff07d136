"""Authentication backend: Django's model backend, loading the account's pemda with it."""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend


class KelolaModelBackend(ModelBackend):
    """Every page shows the account's pemda; loading it with the account saves a query per
    request."""

    def get_user(self, user_id):
        from django.contrib.auth import get_user_model

        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("pemda").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
