"""Two-factor authentication (TOTP) for the GCIO and the IT office's staff.

Optional per user; mandatory for them where their pemda sets `requires_two_factor`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django_otp import user_has_device

from kelola.core.access import actor_for
from kelola.core.roles import IT_OFFICE_ROLES


@dataclass(frozen=True)
class TwoFactorState:
    offered: bool
    required: bool
    configured: bool


#: How long a session remembers that its user has no authenticator (seconds). Safe to cache:
#: a device confirmed in this session verifies it (and verified sessions skip the check); a
#: device added elsewhere is asked for at the next login or after this delay.
NO_DEVICE_CACHE_SECONDS = 300
_NO_DEVICE_KEY = "kelola_no_2fa_device_until"


def two_factor_state(user, session=None) -> TwoFactorState:
    cached = getattr(user, "_kelola_two_factor", None)
    if cached is not None:
        return cached
    actor = actor_for(user)
    it_pemdas = actor.pemdas_with(IT_OFFICE_ROLES)
    state = TwoFactorState(
        offered=bool(it_pemdas) or user.is_superuser,
        required=bool(it_pemdas & actor.two_factor_pemdas),
        configured=_configured(user, session),
    )
    user._kelola_two_factor = state
    return state


def _configured(user, session) -> bool:
    import time

    if session is not None and session.get(_NO_DEVICE_KEY, 0) > time.time():
        return False
    configured = _has_confirmed_device(user)
    if session is not None and not configured:
        session[_NO_DEVICE_KEY] = time.time() + NO_DEVICE_CACHE_SECONDS
    elif session is not None:
        session.pop(_NO_DEVICE_KEY, None)
    return configured


def _has_confirmed_device(user) -> bool:
    # A session verified with a device has one (django-otp loaded it from the session), so
    # the common case of an authenticated, verified user costs no query.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return True
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not user.pk:
        return user_has_device(user, confirmed=True)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).values_list("pk")
    return confirmed.union(StaticDevice.objects.filter(user=user, confirmed=True).values_list("pk")).exists()


def clear_cached_state(user) -> None:
    """Forget the state cached on `user` (after a device was added or removed)."""
    if hasattr(user, "_kelola_two_factor"):
        del user._kelola_two_factor


def _delete_devices(user) -> int:
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    clear_cached_state(user)
    return removed


def two_factor_reset(target, *, actor):
    """A pemda administrator (or platform administrator) removes an account's authenticator
    devices, e.g. after a lost phone; the user sets up a new one at the next login if required."""
    from django.db import transaction
    from django.utils.translation import gettext as _

    from kelola.core import audit
    from kelola.core.accounts import can_manage_user
    from kelola.core.errors import ErrorCode, KelolaError
    from kelola.core.models import User
    from kelola.core.services import refusals_logged

    with refusals_logged(actor, "two_factor_reset", target), transaction.atomic():
        stored = User.objects.select_for_update().get(pk=target.pk)
        if not can_manage_user(actor, stored):
            raise KelolaError(_("Anda tidak berwenang melakukan tindakan ini."), code=ErrorCode.FORBIDDEN)
        removed = _delete_devices(stored)
        audit.record(
            "other",
            stored,
            actor=actor,
            changes={"two_factor": ["on" if removed else "off", "reset"]},
            comment=_("Verifikasi dua langkah diatur ulang oleh administrator."),
        )
    clear_cached_state(target)
    return stored


def two_factor_disable(user) -> None:
    """The user turns their own two-factor off (refused where their pemda requires it)."""
    from django.db import transaction
    from django.utils.translation import gettext as _

    from kelola.core import audit
    from kelola.core.errors import ErrorCode, KelolaError

    if two_factor_state(user).required:
        raise KelolaError(
            _("Pemda Anda mewajibkan verifikasi dua langkah; fitur ini tidak dapat dinonaktifkan."),
            code=ErrorCode.FORBIDDEN,
        )
    with transaction.atomic():
        _delete_devices(user)
        audit.record("other", user, actor=user, pemda_id=user.pemda_id, changes={"two_factor": ["on", "off"]})
