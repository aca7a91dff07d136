"""IPAM benchmark (issue 5): "next free address" allocation in a /16 with 60,000 addresses used.

The addresses are bulk-inserted as one contiguous run from 10.0.0.1 (the worst case for a gap
search: the first free address lies after all of them), then 200 allocations are timed
in-process through `services.next_free` (lock, gap search, insert, audit entry), on SQLite and,
when a local cluster answers, PostgreSQL. The first allocation after the import walks the whole
run (the prefix's search hint starts at its first address) and is reported on its own.

`BENCH_USED=60000`, `BENCH_ALLOCATIONS=200` change the sizes. Prints
`bench: network.<metric> <value> <unit>`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

import foundation as base

ROOT = base.ROOT
PYTHON = sys.executable
USED = int(os.environ.get("BENCH_USED", "60000"))
ALLOCATIONS = int(os.environ.get("BENCH_ALLOCATIONS", "200"))
PG_DATABASE = "kelola_bench_network"  # not the foundation's: benchmarks of other areas may run too
PG_URL = f"postgres://{base.PG_USER}:{base.PG_USER}@127.0.0.1:5432/{PG_DATABASE}"


def _setup():
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()


def measure(label: str) -> None:
    _setup()
    import ipaddress

    from django.db import connection

    from kelola.core.models import Agency, Pemda
    from kelola.core.roles import Role
    from kelola.core.testing import make_user
    from kelola.network import services
    from kelola.network.addressing import to_key
    from kelola.network.models import IpAddress

    pemda = Pemda.objects.create(name="Kota Bench", kind="kota", code="99.01", slug="kota-bench")
    office = Agency.objects.create(pemda=pemda, name="Diskominfo", short_name="Diskominfo", is_it_office=True)
    actor = make_user("bench.datacenter", pemda=pemda, agency=office, roles=[Role.DATACENTER])
    prefix = services.prefix_create(actor=actor, pemda=pemda, network="10.0.0.0/16", scope="private")
    started = time.perf_counter()
    base_address = int(ipaddress.ip_address("10.0.0.0"))
    batch = []
    for host in range(1, USED + 1):
        value = base_address + host
        batch.append(
            IpAddress(
                pemda=pemda,
                prefix=prefix,
                address=str(ipaddress.IPv4Address(value)),
                family=4,
                key=to_key(value),
                status="allocated",
                assigned_to=f"host-{host}",
            )
        )
        if len(batch) == 5000:
            IpAddress.objects.bulk_create(batch)
            batch = []
    IpAddress.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE network_ipaddress; ANALYZE network_prefix")
    print(f"bench: network.seed_{label} {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    first = services.next_free(prefix, actor=actor)
    cold = (time.perf_counter() - started) * 1000
    expected = str(ipaddress.IPv4Address(base_address + USED + 1))
    if first.address != expected:
        raise RuntimeError(f"first allocation {first.address}, expected {expected}")
    timings = []
    for _ in range(ALLOCATIONS):
        started = time.perf_counter()
        services.next_free(prefix, actor=actor)
        timings.append((time.perf_counter() - started) * 1000)
    # A freed address deep in the run: the next search starts there and finds it at once.
    hole = IpAddress.objects.get(pemda=pemda, address="10.0.100.100")
    services.address_delete(hole, actor=actor)
    started = time.perf_counter()
    again = services.next_free(prefix, actor=actor)
    refill = (time.perf_counter() - started) * 1000
    if again.address != "10.0.100.100":
        raise RuntimeError(f"freed address not reused first: {again.address}")
    total = IpAddress.objects.filter(prefix=prefix).count()
    if (
        total != USED + ALLOCATIONS + 1
        or IpAddress.objects.filter(prefix=prefix).values("key").distinct().count() != total
    ):
        raise RuntimeError("allocation count or uniqueness check failed")
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    print(f"bench: network.next_free_{label}_p50 {p50:.2f} ms")
    print(f"bench: network.next_free_{label}_p95 {p95:.2f} ms")
    print(f"bench: network.next_free_{label}_first_after_import {cold:.1f} ms")
    print(f"bench: network.next_free_{label}_freed_hole {refill:.2f} ms", flush=True)


def run(label: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([PYTHON, __file__, "measure", label], env=env, cwd=ROOT, check=True)


def main() -> None:
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING", "AXES_ENABLED": "0"}
    env.pop("DATABASE_URL", None)
    var_dir = ROOT / "var" / "bench-network"
    var_dir.mkdir(parents=True, exist_ok=True)
    for old in var_dir.glob("*.sqlite3*"):
        old.unlink()
    env["KELOLA_VAR_DIR"] = str(var_dir)
    chosen = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
    if "sqlite" in chosen:
        run("sqlite", {**env, "DATABASE_URL": f"sqlite:///{var_dir / 'network.sqlite3'}"})
    base.PG_DATABASE = PG_DATABASE  # _postgres_available() creates this database afresh
    if "postgres" in chosen and base._postgres_available():
        run("postgres", {**env, "DATABASE_URL": PG_URL})


if __name__ == "__main__":
    if sys.argv[1:2] == ["measure"]:
        measure(sys.argv[2])
    else:
        main()
