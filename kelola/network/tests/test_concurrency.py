"""Concurrent allocations from one prefix never produce a duplicate (DC-4): several threads,
each with its own database connection, allocate at once. PostgreSQL only: SQLite serialises
writers for the whole database, which proves nothing about row locks."""

import threading

import pytest
from django.db import connection, connections

from kelola.network import services
from kelola.network.models import IpAddress

THREADS, EACH = 8, 12


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are proven on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_next_free_never_doubles(world):
    prefix = services.prefix_create(
        actor=world.users["datacenter"], pemda=world.pemda, network="10.99.0.0/24", scope="private"
    )
    services.address_create(actor=world.users["datacenter"], prefix=prefix, address="10.99.0.3")
    barrier = threading.Barrier(THREADS)
    results, errors = [], []
    actors = [world.users["datacenter"], world.users["infrastructure"]]

    def work(n):
        try:
            barrier.wait(timeout=30)
            for _ in range(EACH):
                ip = services.next_free(prefix, actor=actors[n % 2], assigned_to=f"worker-{n}")
                results.append(ip.address)
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
    assert len(results) == THREADS * EACH == len(set(results))
    stored = list(IpAddress.objects.filter(prefix=prefix).values_list("address", flat=True))
    assert len(stored) == len(set(stored)) == THREADS * EACH + 1
    # the lowest addresses were taken: .1 to .97 except .3, which was there already
    expected = {f"10.99.0.{n}" for n in range(1, THREADS * EACH + 2)} - {"10.99.0.3"}
    assert set(results) == expected
