"""Asset-register benchmark (issue 5): 500,000 ICT assets over 50 pemda (40 OPD each, 10,000
assets per pemda), gunicorn on loopback, 8 concurrent clients: the asset list page with a mix of
filter, search, sort and paging requests, half the clients as an OPD's IT officer (their own
agency) and half as the IT office (the whole pemda). SQLite, then PostgreSQL when a local
cluster answers (its own database, `kelola_bench_assets`).

`BENCH_ASSETS=50000` scales the asset count down for a quick trial.

Prints `bench: assets.<metric> <value> <unit>`. Only loopback is used; every loop is bounded.
"""

from __future__ import annotations

import datetime
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time

import foundation as base
import servicedesk as desk

ROOT = base.ROOT
PYTHON = sys.executable
PEMDA, AGENCIES = 50, 40
ASSETS = int(os.environ.get("BENCH_ASSETS", "500000"))
CLIENTS, REQUESTS, SINGLE_CLIENT_REQUESTS = 8, 480, 60
PASSWORD = base.PASSWORD
OPD_USER, IT_OFFICE_USER = "bench.asset.opd", "bench.asset.kominfo"
PG_DATABASE = "kelola_bench_assets"
PG_URL = f"postgres://{base.PG_USER}:{base.PG_USER}@127.0.0.1:5432/{PG_DATABASE}"
# (category, name, brands, cost, lifetime)
MODELS = [
    (
        "computer",
        "PC Desktop",
        ["Lenovo ThinkCentre M70t", "HP ProDesk 400 G7", "Dell OptiPlex 3080"],
        12_000_000,
        4,
    ),
    ("laptop", "Laptop", ["Lenovo ThinkPad E14", "Asus ExpertBook B1", "Acer TravelMate P2"], 13_000_000, 4),
    ("printer", "Printer", ["Epson L3210", "HP LaserJet Pro M404dn", "Canon G2010"], 3_500_000, 4),
    ("network", "Switch", ["MikroTik CRS328-24P", "Cisco Catalyst 1000", "Ruijie RG-ES226GC"], 8_000_000, 5),
    (
        "server",
        "Server",
        ["Dell PowerEdge R750", "HPE ProLiant DL380", "Lenovo ThinkSystem SR650"],
        250_000_000,
        5,
    ),
    ("ups", "UPS", ["APC Smart-UPS 1500VA", "ICA CE3100", "Prolink PRO1201SFC"], 7_000_000, 5),
    ("storage", "NAS", ["Synology DS920+", "QNAP TS-464"], 14_000_000, 5),
    ("other", "Proyektor", ["Epson EB-X500", "BenQ MX560"], 7_000_000, 4),
]
WEIGHTS = [45, 20, 15, 8, 1, 6, 2, 3]
STATUSES = [("in_use", 80), ("in_repair", 3), ("disposed", 10), ("procured", 4), ("planned", 3)]
CONDITIONS = [("good", 75), ("light_damage", 17), ("heavy_damage", 8)]
FUNDING = [("apbd", 80), ("dak", 10), ("apbn", 6), ("grant", 4)]


def _setup():
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()


def seed() -> None:
    """Runs inside a child process with the benchmark's database settings."""
    _setup()
    from django.core.management import call_command
    from django.db import connection

    from kelola.core.models import Pemda

    call_command("migrate", verbosity=0)
    if Pemda.objects.count() >= PEMDA:
        return
    started = time.perf_counter()
    agencies = _seed_organisation()
    count = _seed_assets(agencies)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum (or SQLite's optimize) does after a bulk load
    print(f"assets: {count} assets seeded in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _seed_organisation():
    from django.contrib.auth.hashers import make_password
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    from kelola.core.models import Agency, Pemda, RoleAssignment, User

    pemdas = Pemda.objects.bulk_create(
        Pemda(name=f"Kota Aset {i:02d}", kind="kota", code=f"8{i // 100}.{i % 100:02d}", slug=f"aset-{i}")
        for i in range(PEMDA)
    )
    agencies = Agency.objects.bulk_create(
        Agency(pemda=p, name=f"Dinas Aset {j:02d}", short_name=f"DA{j:02d}", is_it_office=j == 0)
        for p in pemdas
        for j in range(AGENCIES)
    )
    Agency.objects.update(path=Concat(Value("/"), Cast("id", CharField()), Value("/")))
    password = make_password(PASSWORD)
    first = [a for a in agencies if a.pemda_id == pemdas[0].pk]
    opd = User.objects.create(
        username=OPD_USER, password=password, full_name="IT OPD", pemda=pemdas[0], agency=first[1]
    )
    office = User.objects.create(
        username=IT_OFFICE_USER, password=password, full_name="Kominfo", pemda=pemdas[0], agency=first[0]
    )
    RoleAssignment.objects.create(user=opd, role="agency_it_officer", pemda=pemdas[0], agency=first[1])
    RoleAssignment.objects.create(user=office, role="it_support", pemda=pemdas[0])
    return agencies


def _weighted(rng, pairs):
    return rng.choices([v for v, _w in pairs], weights=[w for _v, w in pairs])[0]


def _seed_assets(agencies) -> int:
    """Rows written with COPY (PostgreSQL) or executemany (SQLite), one transaction per pemda."""
    from django.db import connection, transaction
    from django.utils import timezone

    from kelola.assets.models import Asset

    fields = [f for f in Asset._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    columns = [f.column for f in fields]
    adapt = connection.ops.adapt_datetimefield_value if connection.vendor == "sqlite" else None
    rng = random.Random(5)
    now = timezone.now()
    today = datetime.date.today()
    by_pemda: dict[int, list] = {}
    for agency in agencies:
        by_pemda.setdefault(agency.pemda_id, []).append(agency)
    per_pemda = ASSETS // PEMDA
    written = 0
    for n, (pemda_id, pemda_agencies) in enumerate(by_pemda.items()):
        rows = []
        with transaction.atomic():
            for k in range(per_pemda):
                agency = pemda_agencies[k % AGENCIES]
                category, name, brands, cost, lifetime = rng.choices(MODELS, weights=WEIGHTS)[0]
                acquired = today - datetime.timedelta(days=rng.randint(0, 12 * 365))
                status = _weighted(rng, STATUSES)
                stamp = adapt(now) if adapt else now
                values = dict(defaults)
                values.update(
                    created_at=stamp,
                    updated_at=stamp,
                    pemda_id=pemda_id,
                    agency_id=agency.pk,
                    kind="hardware",
                    category=category,
                    name=f"{name} {agency.short_name} {k // AGENCIES + 1:04d}",
                    brand_model=rng.choice(brands),
                    specs="Spesifikasi sesuai kontrak pengadaan; garansi 3 tahun; " * 4,
                    serial_number=f"SN{n:02d}{k:07d}",
                    acquisition_date=acquired,
                    acquisition_cost=round(cost * rng.uniform(0.8, 1.2), -3),
                    funding_source=_weighted(rng, FUNDING),
                    condition=_weighted(rng, CONDITIONS),
                    location=f"Ruang {rng.randint(1, 30)}, {agency.short_name}",
                    status=status,
                    expected_lifetime_years=lifetime,
                    repair_count=rng.choice([0, 0, 0, 1, 2]),
                    disposal_date=today if status == "disposed" else None,
                    disposal_reason="Rusak berat, tidak ekonomis diperbaiki." if status == "disposed" else "",
                )
                rows.append(tuple(values[f.attname] for f in fields))
            desk._insert(connection, Asset._meta.db_table, columns, rows)
            written += len(rows)
    return written


def info() -> None:
    _setup()
    from kelola.core.models import User

    opd = User.objects.get(username=OPD_USER)
    office = User.objects.get(username=IT_OFFICE_USER)
    from kelola.core.models import Agency

    agency = Agency.objects.filter(pemda_id=office.pemda_id).order_by("pk")[5]
    print(json.dumps({"opd_agency": opd.agency_id, "some_agency": agency.pk}))


def _paths(facts: dict, it_office: bool) -> list[str]:
    paths = [
        "/aset/",
        "/aset/?status=in_repair",
        "/aset/?category=server&sort=-acquisition_date",
        "/aset/?q=lenovo",
        "/aset/?q=SN00000123",
        "/aset/?condition=heavy_damage&sort=-acquisition_cost",
        "/aset/?funding_source=dak&kind=hardware",
        "/aset/?page=7",
        "/aset/?status=in_use&category=computer&sort=acquisition_date",
        "/aset/?sort=-acquisition_date&per_page=50",
    ]
    if it_office:
        paths += [f"/aset/?agency={facts['some_agency']}&status=in_use", "/aset/?agency=&q=printer"]
    return paths


def _mixed_load(port: int, clients: list[tuple[str, list[str]]], total: int):
    """One thread per (cookie, paths) client, cycling through its paths; `total` requests in
    all, a connection each. Returns sorted latencies (ms), elapsed (s) and per-path timings."""
    timings: list[float] = []
    by_path: dict[str, list[float]] = {}
    lock = threading.Lock()
    per_client = total // len(clients)
    failures: list[str] = []

    def client(cookie: str, paths: list[str], number: int):
        for i in range(per_client):
            path = paths[(i + number) % len(paths)]
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Cookie": cookie, "Connection": "close"})
            response = connection.getresponse()
            response.read()
            connection.close()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                failures.append(f"{path} {response.status}")
                return
            with lock:
                timings.append(elapsed)
                by_path.setdefault(path, []).append(elapsed)

    threads = [threading.Thread(target=client, args=(c, p, n)) for n, (c, p) in enumerate(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, first: {failures[0]}")
    return sorted(timings), elapsed, by_path


def run(label: str, env: dict) -> None:
    started = time.perf_counter()
    subprocess.run([PYTHON, __file__, "seed"], env=env, cwd=ROOT, check=True)
    print(f"bench: assets.seed_{label} {time.perf_counter() - started:.0f} s", flush=True)
    facts = json.loads(
        subprocess.run(
            [PYTHON, __file__, "info"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    )
    server, port = base.start_server(env)
    try:
        opd = base._login(port, OPD_USER, PASSWORD)
        office = base._login(port, IT_OFFICE_USER, PASSWORD)
        clients = [
            (opd, _paths(facts, False)) if n % 2 else (office, _paths(facts, True)) for n in range(CLIENTS)
        ]
        _mixed_load(port, clients, CLIENTS * 12)  # warm-up, not counted

        def phase():
            single, _e, _p = _mixed_load(port, clients[:1], SINGLE_CLIENT_REQUESTS)
            return single, *_mixed_load(port, clients, REQUESTS)

        single, timings, elapsed, by_path = desk.measured(phase, "asset list")
        print(f"bench: assets.list_{label}_p50 {statistics.median(timings):.1f} ms")
        print(f"bench: assets.list_{label}_p95 {desk._p95(timings):.1f} ms")
        print(f"bench: assets.list_{label}_throughput {len(timings) / elapsed:.1f} req/s")
        print(f"bench: assets.list_{label}_1client_p50 {statistics.median(single):.1f} ms", flush=True)
        slowest = sorted(by_path.items(), key=lambda item: -statistics.median(item[1]))[:4]
        for path, values in slowest:
            print(f"assets: {label} {path}: p50 {statistics.median(values):.1f} ms", file=sys.stderr)
    finally:
        base.stop_server(server)


def main() -> None:
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING", "AXES_ENABLED": "0"}
    env.pop("DATABASE_URL", None)
    var_dir = ROOT / "var" / "bench"
    var_dir.mkdir(parents=True, exist_ok=True)
    database = var_dir / "assets.sqlite3"
    for old in var_dir.glob("assets.sqlite3*"):
        old.unlink()
    env["KELOLA_VAR_DIR"] = str(var_dir)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    chosen = os.environ.get("BENCH_DATABASES", "sqlite,postgres").split(",")
    if "sqlite" in chosen:
        run("sqlite", {**env, "DATABASE_URL": f"sqlite:///{database}"})
    if "postgres" in chosen:
        # Our own database on the shared cluster, so as not to drop another benchmark's.
        base.PG_DATABASE = PG_DATABASE
        if base._postgres_available():
            run("postgres", {**env, "DATABASE_URL": PG_URL})


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    command = sys.argv[1:]
    if command == ["seed"]:
        seed()
    elif command == ["info"]:
        info()
    else:
        main()
