"""CMDB benchmark (issue 5 item 9, ASSET-3): impact and dependency analysis across ~50,000
configuration relations of one pemda.

Seeds the domain registers in bulk — 2 data centers, 50 racks, 1,000 servers with an access
switch per rack and two core switches, 4 storage arrays, 14,000 VMs, 5,000 electronic systems
(100 of them "hub" systems such as SSO or the data warehouse), each running on 3 VMs and
integrating with 3 hubs, one IT service per system — then `cmdb.sync.rebuild` derives the items
and relations (timed), and the data-center team's manual relations are added: servers to their
rack's switch, switches to the core, the core pair both ways, hypervisor hosts to the storage.

Then, in-process, as the data-center team (the whole pemda) and as an OPD's operator (its own
items, the rest counted): `graph.affected_by` for each rack and for 200 servers, `graph.depends_on`
for 200 servers and 200 services — each call is the recursive CTE plus loading the visible items.
SQLite, then PostgreSQL when a local cluster answers (database `kelola_bench_cmdb`).

`BENCH_RUNS=200` and `BENCH_DATABASES=sqlite|postgres` change the run. Prints
`bench: cmdb.<metric> <value> <unit>`; `impact_rack_worst` and `impact_rack_opd_worst` are the
calls on the four racks holding the core switches and the storage arrays (the largest trees).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time

import foundation as base

ROOT = base.ROOT
PYTHON = sys.executable
RUNS = int(os.environ.get("BENCH_RUNS", "200"))
PG_DATABASE = "kelola_bench_cmdb"
PG_URL = f"postgres://{base.PG_USER}:{base.PG_USER}@127.0.0.1:5432/{PG_DATABASE}"
CENTERS, RACKS, SERVERS_PER_RACK, VMS_PER_SERVER = 2, 50, 20, 14
SYSTEMS, HUBS, VMS_PER_SYSTEM, HUBS_PER_SYSTEM = 5000, 100, 3, 3
BATCH = 5000


def _setup():
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()


def _bulk(model, rows):
    created = []
    for start in range(0, len(rows), BATCH):
        created += model.objects.bulk_create(rows[start : start + BATCH])
    return created


def seed(rng: random.Random):
    """Domain rows in bulk (no signals), then the rebuild; returns (pemda, users, timings)."""
    from kelola.core.models import Agency, Pemda
    from kelola.core.roles import Role
    from kelola.core.testing import make_user
    from kelola.datacenter.models import DataCenter, Device, Rack, Room
    from kelola.portfolio.models import ElectronicSystem, SystemLink
    from kelola.servicedesk.models import Service

    pemda = Pemda.objects.create(name="Kota Bench", kind="kota", code="99.09", slug="kota-bench-cmdb")
    office = Agency.objects.create(pemda=pemda, name="Diskominfo", short_name="Diskominfo", is_it_office=True)
    agencies = _bulk(
        Agency, [Agency(pemda=pemda, name=f"Dinas {n:02d}", short_name=f"D{n:02d}") for n in range(40)]
    )
    staff = make_user("bench.cmdb.dc", pemda=pemda, agency=office, roles=[Role.DATACENTER])
    opd = make_user("bench.cmdb.opd", pemda=pemda, agency=agencies[0], roles=[Role.AGENCY_OPERATOR])
    centers = _bulk(
        DataCenter, [DataCenter(pemda=pemda, name=f"DC {n}", code=f"DC{n}") for n in range(CENTERS)]
    )
    rooms = _bulk(Room, [Room(pemda=pemda, datacenter=c, name="Ruang 1") for c in centers])
    racks = _bulk(Rack, [Rack(pemda=pemda, room=rooms[n % CENTERS], name=f"R{n:03d}") for n in range(RACKS)])

    def device(name, kind, agency=office, **extra):
        return Device(pemda=pemda, agency=agency, name=name, kind=kind, **extra)

    center_of = {r.pk: rooms[i % CENTERS].datacenter_id for i, r in enumerate(racks)}
    cores = _bulk(
        Device,
        [
            device(f"core-{n}", "network", rack=racks[n], datacenter_id=center_of[racks[n].pk])
            for n in range(2)
        ],
    )
    switches = _bulk(
        Device, [device(f"sw-{r.name}", "network", rack=r, datacenter_id=center_of[r.pk]) for r in racks]
    )
    storage = _bulk(
        Device,
        [
            device(f"san-{n}", "storage", rack=racks[n], datacenter_id=center_of[racks[n].pk])
            for n in range(4)
        ],
    )
    servers = _bulk(
        Device,
        [
            device(f"srv-{r.name}-{n:02d}", "server", rack=r, datacenter_id=center_of[r.pk])
            for r in racks
            for n in range(SERVERS_PER_RACK)
        ],
    )
    vms = _bulk(
        Device,
        [
            device(
                f"vm-{s.name[4:]}-{n:02d}",
                "vm",
                agency=rng.choice(agencies),
                host=s,
                datacenter_id=s.datacenter_id,
            )
            for s in servers
            for n in range(VMS_PER_SERVER)
        ],
    )
    systems = _bulk(
        ElectronicSystem,
        [
            ElectronicSystem(
                pemda=pemda,
                agency=agencies[n % len(agencies)],
                internal_name=f"sys-{n:05d}",
                external_name=f"Sistem {n:05d}" if n >= HUBS else f"Hub {n:03d}",
                description="-",
                app_kind="specific",
            )
            for n in range(SYSTEMS)
        ],
    )
    through = Device.systems.through
    _bulk(
        through,
        [
            through(device_id=vm.pk, electronicsystem_id=system.pk)
            for system in systems
            for vm in rng.sample(vms, VMS_PER_SYSTEM)
        ],
    )
    hubs = systems[:HUBS]
    _bulk(
        SystemLink,
        [
            SystemLink(system=system, kind="exchanges_with", target_system=hub)
            for system in systems[HUBS:]
            for hub in rng.sample(hubs, HUBS_PER_SYSTEM)
        ],
    )
    _bulk(
        Service,
        [
            Service(
                pemda=pemda,
                agency=s.agency,
                name=f"Layanan {s.external_name}",
                description="-",
                category="application",
                system=s,
            )
            for s in systems
        ],
    )
    timings = {}
    from kelola.cmdb.sync import rebuild

    started = time.perf_counter()
    result = rebuild(pemda)
    timings["rebuild"] = time.perf_counter() - started
    _manual_links(pemda, cores, switches, storage, servers)
    timings["relations"] = result.relations_total
    return pemda, staff, opd, racks, servers, systems, timings


def _manual_links(pemda, cores, switches, storage, servers):
    from django.contrib.contenttypes.models import ContentType

    from kelola.cmdb.models import ConfigurationItem, Relation
    from kelola.datacenter.models import Device

    items = dict(
        ConfigurationItem.objects.filter(content_type=ContentType.objects.get_for_model(Device)).values_list(
            "object_id", "pk"
        )
    )
    switch_of = {s.rack_id: s for s in switches}
    pairs = [(cores[0], cores[1], "connected_to"), (cores[1], cores[0], "connected_to")]
    pairs += [(s, cores[n % 2], "connected_to") for n, s in enumerate(switches)]
    pairs += [(s, switch_of[s.rack_id], "connected_to") for s in servers]
    pairs += [(s, storage[n % len(storage)], "depends_on") for n, s in enumerate(servers)]
    _bulk(
        Relation,
        [
            Relation(pemda=pemda, source_id=items[a.pk], target_id=items[b.pk], kind=kind, origin="manual")
            for a, b, kind in pairs
        ],
    )


def _time(calls) -> list[float]:
    timings = []
    for call in calls:
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _report(label: str, metric: str, timings: list[float], sizes: list[int]) -> None:
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    print(f"bench: cmdb.{metric}_{label}_p50 {p50:.1f} ms")
    print(f"bench: cmdb.{metric}_{label}_p95 {p95:.1f} ms")
    print(f"bench: cmdb.{metric}_{label}_max {max(timings):.1f} ms")
    print(f"bench: cmdb.{metric}_{label}_items_median {statistics.median(sizes):.0f} items", flush=True)


def measure(label: str) -> None:
    _setup()
    from django.db import connection

    from kelola.cmdb import graph
    from kelola.cmdb.models import ConfigurationItem, Relation

    rng = random.Random(9)
    started = time.perf_counter()
    pemda, staff, opd, racks, servers, _systems, info = seed(rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does soon after a bulk load (PostgreSQL 13+ vacuums insert-only
            # tables too): statistics, and the visibility map that allows index-only scans.
            cursor.execute("VACUUM ANALYZE cmdb_relation")
            cursor.execute("VACUUM ANALYZE cmdb_configurationitem")
    total = Relation.objects.filter(pemda=pemda).count()
    print(f"bench: cmdb.seed_{label} {time.perf_counter() - started:.1f} s")
    print(f"bench: cmdb.rebuild_{label} {info['rebuild']:.1f} s")
    print(f"bench: cmdb.relations_{label} {total} relations", flush=True)

    def items_of(model, rows):
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(model)
        found = {
            ci.object_id: ci
            for ci in ConfigurationItem.objects.filter(content_type=ct, object_id__in=[r.pk for r in rows])
        }
        return [found[r.pk] for r in rows]

    rack_items = items_of(type(racks[0]), racks)
    server_items = items_of(type(servers[0]), rng.sample(servers, min(RUNS, len(servers))))
    service_model = __import__("kelola.servicedesk.models", fromlist=["Service"]).Service
    service_items = items_of(
        service_model, list(service_model.objects.filter(pemda=pemda).order_by("?")[:RUNS])
    )
    racks_cycle = [rack_items[n % len(rack_items)] for n in range(RUNS)]
    worst_racks = {rack.pk for rack in rack_items[:4]}  # seed(): core switches in 0-1, storage in 0-3
    graph.affected_by(rack_items[0], staff)  # warm-up: connection, content types, the actor
    graph.affected_by(rack_items[0], opd)
    everything = []
    for metric, walker, targets, user in [
        ("impact_rack", graph.affected_by, racks_cycle, staff),
        ("impact_server", graph.affected_by, server_items, staff),
        ("dependencies_server", graph.depends_on, server_items, staff),
        ("dependencies_service", graph.depends_on, service_items, staff),
        ("impact_rack_opd", graph.affected_by, racks_cycle, opd),
    ]:
        sizes = []

        def call(target=None, walker=walker, user=user, sizes=sizes):
            sizes.append(walker(target, user).total)

        timings = _time([lambda t=t: call(t) for t in targets])
        if metric.startswith("impact_") and not metric.endswith("_opd"):
            everything += timings
        _report(label, metric, timings, sizes)
        if metric.startswith("impact_rack") and len(worst_racks & {t.pk for t in targets}) > 1:
            # The racks of the core switches and the storage arrays: 13,000-25,000 items each.
            worst = [n for n, target in enumerate(targets) if target.pk in worst_racks]
            _report(label, f"{metric}_worst", [timings[n] for n in worst], [sizes[n] for n in worst])
    p95 = statistics.quantiles(everything, n=20, method="inclusive")[-1]
    print(f"bench: cmdb.impact_{label}_p95 {p95:.1f} ms", flush=True)


def run(label: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([PYTHON, __file__, "measure", label], env=env, cwd=ROOT, check=True)


def main() -> None:
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING", "AXES_ENABLED": "0"}
    env.pop("DATABASE_URL", None)
    var_dir = ROOT / "var" / "bench-cmdb"
    var_dir.mkdir(parents=True, exist_ok=True)
    for old in var_dir.glob("*.sqlite3*"):
        old.unlink()
    env["KELOLA_VAR_DIR"] = str(var_dir)
    chosen = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
    if "sqlite" in chosen:
        run("sqlite", {**env, "DATABASE_URL": f"sqlite:///{var_dir / 'cmdb.sqlite3'}"})
    base.PG_DATABASE = PG_DATABASE  # _postgres_available() creates this database afresh
    if "postgres" in chosen and base._postgres_available():
        run("postgres", {**env, "DATABASE_URL": PG_URL})


if __name__ == "__main__":
    if sys.argv[1:2] == ["measure"]:
        measure(sys.argv[2])
    else:
        main()
