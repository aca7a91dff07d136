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


def two_factor_state(user) -> TwoFactorState:
    cached = getattr(user, "_kelola_two_factor", None)
    if cached is not None:
        return cached
    actor = actor_for(user)
    it_pemdas = actor.pemdas_with(IT_OFFICE_ROLES)
    offered = bool(it_pemdas) or user.is_superuser
    required = False
    if it_pemdas:
        from kelola.core.models import Pemda

        required = Pemda.objects.filter(pk__in=it_pemdas, requires_two_factor=True).exists()
    state = TwoFactorState(
        offered=offered, required=required, configured=user_has_device(user, confirmed=True)
    )
    user._kelola_two_factor = state
    return state
