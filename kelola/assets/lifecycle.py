"""The asset lifecycle (ASSET-2; 003 BAI09): planned → procured → in use ⇄ in repair → disposed.

Each step is a `kelola.core.workflow` transition: the OPD's head and IT officer (and the GCIO
or the pemda administrator) take every step; the IT office's technical teams also send assets
to repair and return them. Disposal needs its reason and date (002 Ps.44: the asset register
shows what is still in service). Each trip to repair adds one to the asset's repair count,
which feeds the replacement list.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kelola.core.roles import AGENCY_MANAGERS
from kelola.core.workflow import Transition, Workflow, perform

from .choices import AssetStatus as S
from .models import Asset
from .policies import ASSET_MANAGERS, TECHNICIANS


def _needs_acquisition_date(asset) -> list[str]:
    return [] if asset.acquisition_date else [_("tanggal perolehan")]


def _count_repair(asset, actor) -> None:
    asset.repair_count += 1


ASSET_LIFECYCLE = Workflow(
    transitions=(
        Transition(
            "procure",
            gettext_lazy("Catat pengadaan"),
            (S.PLANNED,),
            S.PROCURED,
            pemda_roles=ASSET_MANAGERS,
            agency_roles=AGENCY_MANAGERS,
            check=_needs_acquisition_date,
        ),
        Transition(
            "deploy",
            gettext_lazy("Mulai digunakan"),
            (S.PROCURED,),
            S.IN_USE,
            pemda_roles=ASSET_MANAGERS,
            agency_roles=AGENCY_MANAGERS,
        ),
        Transition(
            "repair",
            gettext_lazy("Kirim ke perbaikan"),
            (S.IN_USE,),
            S.IN_REPAIR,
            pemda_roles=ASSET_MANAGERS | TECHNICIANS,
            agency_roles=AGENCY_MANAGERS,
            apply=_count_repair,
        ),
        Transition(
            "return",
            gettext_lazy("Selesai diperbaiki"),
            (S.IN_REPAIR,),
            S.IN_USE,
            pemda_roles=ASSET_MANAGERS | TECHNICIANS,
            agency_roles=AGENCY_MANAGERS,
        ),
        Transition(
            "dispose",
            gettext_lazy("Hapuskan"),
            (S.PROCURED, S.IN_USE, S.IN_REPAIR),
            S.DISPOSED,
            pemda_roles=ASSET_MANAGERS,
            agency_roles=AGENCY_MANAGERS,
            required_fields=("disposal_reason", "disposal_date"),
        ),
    )
)


def asset_transition(
    asset: Asset,
    name: str,
    *,
    actor,
    comment: str = "",
    acquisition_date: datetime.date | None = None,
    disposal_reason: str = "",
    disposal_date: datetime.date | None = None,
) -> Asset:
    """Take lifecycle step `name`; "procure" may set the acquisition date, "dispose" takes its
    reason and date."""
    changes: dict = {}
    if name == "procure" and acquisition_date:
        changes["acquisition_date"] = acquisition_date
    if name == "dispose":
        changes["disposal_reason"] = (disposal_reason or "").strip()
        changes["disposal_date"] = disposal_date
    return perform(ASSET_LIFECYCLE, asset, name, actor=actor, comment=comment, changes=changes)
