"""Concurrent placements into one rack never share a unit (DC-3): several threads, each with its
own database connection, try to put a server on the same units at once; the rack row lock lets
exactly one win. PostgreSQL only: SQLite serialises writers for the whole database, which
proves nothing about row locks."""

import threading

import pytest
from django.db import connection, connections

from kelola.core.errors import KelolaError
from kelola.datacenter import services
from kelola.datacenter.models import Device

THREADS = 6


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are proven on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_placements_on_the_same_units(world):
    team = world.users["datacenter"]
    datacenter = services.datacenter_create(actor=team, pemda=world.pemda, name="PD", code="PD-01")
    room = services.room_create(actor=team, pemda=world.pemda, datacenter=datacenter, name="Ruang 1")
    rack = services.rack_create(actor=team, pemda=world.pemda, room=room, name="R01")
    barrier = threading.Barrier(THREADS)
    placed, refused, errors = [], [], []

    def work(n):
        try:
            barrier.wait(timeout=30)
            services.device_create(
                actor=team,
                pemda=world.pemda,
                agency=world.health,
                name=f"srv-{n}",
                rack=rack,
                position=10 + n % 2,  # U10-U11 or U11-U12: every pair overlaps
                u_height=2,
            )
            placed.append(n)
        except KelolaError as exc:
            refused.append(str(exc.message))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert len(placed) == 1 and len(refused) == THREADS - 1
    assert all("sudah dipakai oleh" in message for message in refused)
    assert Device.objects.filter(rack=rack).count() == 1
