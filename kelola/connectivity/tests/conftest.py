"""Fixtures of the connectivity tests: requests of Dinas Kesehatan (pemda A), a local prefix for
event addresses, the pemda's capacity and Dinas Kesehatan's allocation."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from kelola.connectivity import bandwidth, connection, events
from kelola.network import services as network


@pytest.fixture
def conn(world):
    world.point = connection.connection_create(
        actor=world.users["agency_operator"],
        agency=world.health,
        building="Gedung Dinkes",
        room="Ruang rapat",
        points=3,
        purpose="Rapat daring",
    )
    world.lan = network.prefix_create(
        actor=world.users["datacenter"], pemda=world.pemda, network="10.50.0.0/28", scope="private"
    )
    start = timezone.now() + datetime.timedelta(days=3)
    world.event = events.event_create(
        actor=world.users["agency_operator"],
        agency=world.health,
        name="Musrenbang",
        venue="Aula",
        start_at=start,
        end_at=start + datetime.timedelta(hours=6),
        participants=50,
        addresses_needed=5,
    )
    return world


@pytest.fixture
def bw(world):
    manager = world.users["infrastructure"]
    world.link = bandwidth.capacity_create(
        actor=manager,
        pemda=world.pemda,
        name="Jalur utama",
        capacity_mbps=Decimal(100),
        valid_from=datetime.date(2026, 1, 1),
    )
    world.allocation = bandwidth.allocation_create(
        actor=manager,
        agency=world.health,
        committed_mbps=Decimal(40),
        valid_from=datetime.date(2026, 1, 1),
        link=world.link,
    )
    world.need = bandwidth.need_create(
        actor=world.users["agency_head"],
        agency=world.health,
        year=2026,
        staff_users=40,
        systems_in_use=3,
        requested_mbps=50,
    )
    return world
