import datetime

import pytest

from kelola.assets import services


@pytest.fixture
def assets(world):
    """An in-use computer and a licence of Dinas Kesehatan (pemda A), an asset of Dinas
    Pendidikan, and one of pemda B."""
    head = world.users["agency_head"]
    world.asset = services.asset_create(
        actor=head,
        agency=world.health,
        category="computer",
        name="PC Pelayanan 1",
        brand_model="Lenovo M70t",
        serial_number="SN-001",
        acquisition_date=datetime.date(2019, 1, 10),
        acquisition_cost=12_500_000,
        status="in_use",
    )
    world.licence = services.licence_create(
        actor=head, agency=world.health, software_name="Microsoft Office", licence_type="per_seat", seats=1
    )
    world.education_asset = services.asset_create(
        actor=world.other_agency_head, agency=world.education, category="printer", name="Printer TU"
    )
    world.other_asset = services.asset_create(
        actor=world.other_pemda_admin, agency=world.other_health, category="server", name="Server B"
    )
    return world
