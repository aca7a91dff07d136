"""Receivers for Django's authentication signals: logins and failures go to the audit log."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from kelola.core import audit


@receiver(user_logged_in, dispatch_uid="kelola_audit_login")
def record_login(sender, request, user, **kwargs):
    audit.record("login", user, actor=user, pemda_id=user.pemda_id, changes={})


@receiver(user_logged_out, dispatch_uid="kelola_audit_logout")
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record("logout", user, actor=user, pemda_id=user.pemda_id, changes={})


@receiver(user_login_failed, dispatch_uid="kelola_audit_login_failed")
def record_login_failure(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit.record("login_failed", None, changes={"username": username})
