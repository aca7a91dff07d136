"""Rules of the asset register: lifecycle, disposal, serial numbers, costs, licence seats,
maintenance scheduling, replacement ranking (Asset, Licence, LicenceAssignment,
MaintenanceSchedule, MaintenanceRecord)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from kelola.assets import queries, services
from kelola.assets.lifecycle import asset_transition
from kelola.assets.models import (
    Asset,
    LicenceAssignment,
    MaintenanceRecord,
    MaintenanceSchedule,
    add_months,
)
from kelola.core.errors import ErrorCode, KelolaError
from kelola.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_lifecycle_path_counts_repairs_and_records_timeline(world):
    head = world.users["agency_it_officer"]
    asset = services.asset_create(actor=head, agency=world.health, category="laptop", name="Laptop Kadis")
    assert asset.status == "planned"
    with pytest.raises(KelolaError) as refused:
        asset_transition(asset, "procure", actor=head)
    assert refused.value.code == ErrorCode.TRANSITION_REQUIREMENTS_MISSING
    asset_transition(asset, "procure", actor=head, acquisition_date=datetime.date(2024, 2, 1))
    asset_transition(asset, "deploy", actor=head)
    asset_transition(asset, "repair", actor=world.users["it_support"], comment="Layar mati")
    asset_transition(asset, "return", actor=world.users["it_support"])
    asset_transition(asset, "repair", actor=head)
    asset.refresh_from_db()
    assert (asset.status, asset.repair_count) == ("in_repair", 2)


def test_invalid_transitions_are_refused_and_change_nothing(assets):
    head = assets.users["agency_head"]
    with pytest.raises(KelolaError) as refused:
        asset_transition(assets.asset, "procure", actor=head)
    assert refused.value.code == ErrorCode.TRANSITION_NOT_ALLOWED
    with pytest.raises(KelolaError):
        asset_transition(assets.asset, "return", actor=head)
    with pytest.raises(KelolaError) as forbidden:
        asset_transition(assets.asset, "repair", actor=assets.users["agency_operator"])
    assert forbidden.value.code == ErrorCode.FORBIDDEN
    assets.asset.refresh_from_db()
    assert assets.asset.status == "in_use"


def test_disposal_needs_reason_and_date(assets):
    head = assets.users["agency_head"]
    with pytest.raises(KelolaError) as refused:
        asset_transition(assets.asset, "dispose", actor=head, disposal_reason="  ")
    assert "alasan" in str(refused.value.message).lower()
    assets.asset.refresh_from_db()
    assert assets.asset.status == "in_use"
    asset_transition(
        assets.asset,
        "dispose",
        actor=head,
        disposal_reason="Rusak berat",
        disposal_date=datetime.date.today(),
    )
    assets.asset.refresh_from_db()
    assert assets.asset.status == "disposed"
    with pytest.raises(KelolaError):
        services.record_add(
            assets.asset, actor=head, date=datetime.date.today(), work="x", cost=0, performed_by="x"
        )


def test_an_asset_cannot_be_created_as_disposed(world):
    with pytest.raises(KelolaError):
        services.asset_create(
            actor=world.users["agency_head"],
            agency=world.health,
            category="other",
            name="X",
            status="disposed",
        )
    assert not Asset.objects.exists()


def test_serial_number_is_unique_per_pemda_only(assets):
    with pytest.raises(ValidationError) as refused:
        services.asset_create(
            actor=assets.other_agency_head,
            agency=assets.education,
            category="computer",
            name="PC lain",
            serial_number="SN-001",
        )
    assert "serial_number" in refused.value.message_dict or "__all__" in refused.value.message_dict
    # Another pemda may have the same serial; empty serials never collide.
    services.asset_create(
        actor=assets.other_pemda_admin,
        agency=assets.other_health,
        category="computer",
        name="PC",
        serial_number="SN-001",
    )
    for n in range(2):
        services.asset_create(
            actor=assets.users["agency_head"], agency=assets.health, category="ups", name=f"UPS {n}"
        )


def test_cost_cannot_be_negative(world):
    with pytest.raises(ValidationError) as refused:
        services.asset_create(
            actor=world.users["agency_head"],
            agency=world.health,
            category="other",
            name="X",
            acquisition_cost=-1,
        )
    assert "acquisition_cost" in refused.value.message_dict


def test_moving_an_asset_out_of_ones_agency_is_refused(assets):
    with pytest.raises(KelolaError):
        services.asset_update(assets.asset, actor=assets.users["agency_head"], agency=assets.education)
    assets.asset.refresh_from_db()
    assert assets.asset.agency == assets.health


def test_licence_seats_cannot_be_exceeded(assets):
    head = assets.users["agency_head"]
    services.licence_assign(assets.licence, actor=head, asset=assets.asset)
    second = services.asset_create(actor=head, agency=assets.health, category="laptop", name="Laptop 2")
    with pytest.raises(KelolaError) as refused:
        services.licence_assign(assets.licence, actor=head, asset=second)
    assert refused.value.code == ErrorCode.CONFLICT
    assert "terpakai penuh" in str(refused.value.message)
    assert LicenceAssignment.objects.filter(licence=assets.licence).count() == 1
    assert AuditEntry.objects.filter(action="refused").exists()
    with pytest.raises(KelolaError):
        services.licence_update(assets.licence, actor=head, seats=0)


def test_expired_licence_cannot_be_assigned(assets):
    head = assets.users["agency_head"]
    services.licence_update(assets.licence, actor=head, expiry_date=datetime.date(2020, 1, 1))
    with pytest.raises(KelolaError):
        services.licence_assign(assets.licence, actor=head, asset=assets.asset)


def test_maintenance_record_moves_schedule_and_overdue_list(assets):
    tech = assets.users["it_support"]
    schedule = services.schedule_create(
        assets.asset, actor=tech, task="Bersihkan", interval_months=6, next_due=datetime.date(2020, 1, 1)
    )
    assert list(queries.overdue_schedules(assets.users["gcio"])) == [schedule]
    assert list(queries.overdue_schedules(assets.users["agency_operator"])) == [schedule]
    assert not queries.overdue_schedules(assets.other_agency_operator).exists()
    today = datetime.date.today()
    record = services.record_add(
        assets.asset,
        actor=tech,
        schedule=schedule,
        date=today,
        work="Dibersihkan",
        cost=150000,
        performed_by="Tim",
    )
    schedule.refresh_from_db()
    assert schedule.next_due == add_months(today, 6)
    assert MaintenanceRecord.objects.get() == record
    assert not queries.overdue_schedules(assets.users["gcio"]).exists()
    with pytest.raises(KelolaError):  # an operator reads but does not record
        services.record_add(
            assets.asset,
            actor=assets.users["agency_operator"],
            date=today,
            work="x",
            cost=0,
            performed_by="x",
        )
    assert MaintenanceSchedule.objects.count() == 1


def test_add_months_clamps_to_month_end():
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2024, 11, 15), 3) == datetime.date(2025, 2, 15)


def test_replacement_ranking(world):
    head = world.users["agency_head"]
    today = datetime.date.today()

    def make(name, category, years, repairs=0):
        asset = services.asset_create(
            actor=head,
            agency=world.health,
            category=category,
            name=name,
            acquisition_date=today - datetime.timedelta(days=int(years * 365.25)),
            expected_lifetime_years=4 if category != "server" else 5,
            status="in_use",
        )
        Asset.objects.filter(pk=asset.pk).update(repair_count=repairs)

    make("Server tua", "server", 8, 3)
    make("PC tua sering rusak", "computer", 6, 4)
    make("PC tua", "computer", 6)
    make("Printer baru", "printer", 0.5)
    candidates, total = queries.replacement_candidates(world.users["gcio"])
    assert total == 4
    assert [c.name for c in candidates] == ["Server tua", "PC tua sering rusak", "PC tua", "Printer baru"]
    assert candidates[0].score > 90 and candidates[-1].score < 15
    assert queries.replacement_score(None, 4, 0, "other") == 6.0
    assert queries.replacement_candidates(world.other_pemda_gcio)[1] == 0
