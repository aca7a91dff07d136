"""Portfolio benchmark (issue 3): 20,000 electronic systems across 50 pemda (400 each, with
their form tables) and 5,000 proposals (100 each), served by gunicorn on loopback; 8 concurrent
clients on the registry list with filters, search and sorting (SQLite, then PostgreSQL when a
local cluster answers); overlap suggestions for new proposals and the XLSX import of 2,000 rows,
timed in-process.

Prints `bench: portfolio.<metric> <value> <unit>`. Only loopback is used; every loop is bounded.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import subprocess
import sys
import time

import foundation as base

ROOT = base.ROOT
PYTHON = sys.executable
PEMDA, AGENCIES, SYSTEMS_PER_PEMDA, PROPOSALS_PER_PEMDA = 50, 40, 400, 100
OVERLAP_SAMPLES = 60
IMPORT_ROWS = 2000
USERNAME, PASSWORD = "bench.gcio", "Bench#Kelola-2026"
LIST = "/portofolio/sistem/"
# A mix of what people do on the registry: browse, filter, search, sort, page.
LIST_PATHS = [
    LIST,
    f"{LIST}?status=production&app_kind=specific",
    f"{LIST}?q=antrean",
    f"{LIST}?q=pajak&status=production",
    f"{LIST}?risk_category=strategic&sort=-risk_score",
    f"{LIST}?sector=health",
    f"{LIST}?page=5&sort=external_name",
    f"{LIST}?agency=__AGENCY__&q=data",
]
WORDS = [
    (
        "SIMPUS",
        "Rekam medis dan antrean puskesmas",
        "health",
        ["Pendaftaran pasien", "Rekam medis", "Antrean"],
    ),
    ("E-PBB", "Pajak bumi dan bangunan", "other", ["Cetak SPPT", "Pembayaran pajak"]),
    ("PPDB", "Penerimaan peserta didik baru", "education", ["Pendaftaran siswa", "Seleksi zonasi"]),
    ("SiCantik", "Perizinan terpadu", "employment", ["Permohonan izin", "Penerbitan izin"]),
    ("LAPOR", "Pengaduan masyarakat", "communication", ["Pengaduan", "Disposisi"]),
    ("Satu Data", "Portal data terbuka", "communication", ["Katalog dataset", "Unduh data"]),
    ("SIMPEG", "Kepegawaian", "other", ["Data pegawai", "Cuti"]),
    ("E-Parkir", "Retribusi parkir", "transport", ["Transaksi parkir", "Rekap"]),
]


def seed() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from kelola.core.models import Agency, Pemda, RoleAssignment, User
    from kelola.portfolio.models import ElectronicSystem, SystemEntry, compose_sector_keys
    from kelola.portfolio.sections import section_for

    call_command("migrate", verbosity=0)
    if ElectronicSystem.objects.count() >= PEMDA * SYSTEMS_PER_PEMDA:
        return
    rng = random.Random(3)
    pemdas = Pemda.objects.bulk_create(
        Pemda(name=f"Kota Bench {i:02d}", kind="kota", code=f"9{i // 100}.{i % 100:02d}", slug=f"bench-{i}")
        for i in range(PEMDA)
    )
    agencies = Agency.objects.bulk_create(
        Agency(pemda=p, name=f"Dinas Bench {j:02d}", short_name=f"DB{j:02d}", is_it_office=j == 0)
        for p in pemdas
        for j in range(AGENCIES)
    )
    for agency in agencies:
        Agency.objects.filter(pk=agency.pk).update(path=f"/{agency.pk}/")
    by_pemda: dict[int, list] = {}
    for agency in agencies:
        by_pemda.setdefault(agency.pemda_id, []).append(agency)
    statuses = ["production"] * 6 + ["planned", "development", "testing", "retired"]
    categories = ["strategic", "high", "high", "low", "low", ""]
    systems = []
    for pemda in pemdas:
        for k in range(SYSTEMS_PER_PEMDA):
            name, description, _sector, _functions = WORDS[k % len(WORDS)]
            category = rng.choice(categories)
            systems.append(
                ElectronicSystem(
                    pemda=pemda,
                    agency=rng.choice(by_pemda[pemda.pk]),
                    internal_name=f"sys-{k:04d}",
                    external_name=f"{name} {k:04d}",
                    description=f"{description} nomor {k}",
                    app_kind="general" if k % 7 == 0 else "specific",
                    complexity="low" if k % 7 == 0 else "",
                    status=rng.choice(statuses),
                    risk_category=category,
                    risk_score={"strategic": 40, "high": 25, "low": 12, "": None}[category],
                    url=f"https://sys{k}.bench.go.id",
                )
            )
            system = systems[-1]
            texts = [section_for(key).row_text(data) for key, data in _rows(k)]
            system.search_text = system.compose_search_text(texts)
            system.sector_keys = compose_sector_keys([data for key, data in _rows(k) if key == "scope"])
    ElectronicSystem.objects.bulk_create(systems, batch_size=2000)
    entries = []
    for system in ElectronicSystem.objects.only("pk", "internal_name").iterator(chunk_size=2000):
        k = int(system.internal_name.split("-")[1])
        for position, (key, data) in enumerate(_rows(k)):
            entries.append(
                SystemEntry(
                    system_id=system.pk,
                    section=key,
                    position=position,
                    data=data,
                    text=section_for(key).row_text(data),
                )
            )
        if len(entries) >= 10000:
            SystemEntry.objects.bulk_create(entries)
            entries = []
    SystemEntry.objects.bulk_create(entries)
    _seed_proposals(pemdas, by_pemda, rng)
    user = User.objects.create(username=USERNAME, password=make_password(PASSWORD), pemda=pemdas[0])
    RoleAssignment.objects.create(user=user, role="gcio", pemda=pemdas[0])


def _seed_proposals(pemdas, by_pemda, rng) -> None:
    from kelola.proposals.models import Proposal

    statuses = ["submitted", "reviewed", "approved", "rejected", "draft"]
    proposals = []
    for pemda in pemdas:
        for k in range(PROPOSALS_PER_PEMDA):
            name, description, sector, functions = WORDS[k % len(WORDS)]
            proposals.append(
                Proposal(
                    pemda=pemda,
                    agency=rng.choice(by_pemda[pemda.pk]),
                    kind="new_app",
                    title=f"Usulan {name} {k}",
                    fiscal_year=2027,
                    sector=sector,
                    program_output=description,
                    functions="\n".join(functions),
                    data_sets="Data layanan",
                    status=rng.choice(statuses),
                    cost_estimate=100_000_000,
                )
            )
    Proposal.objects.bulk_create(proposals, batch_size=2000)


def time_overlap() -> None:
    """Suggestions for new proposals of the first pemda, against its 400 systems and 100
    proposals (the pemda's own candidates; other pemda are never compared)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()
    from kelola.core.models import User
    from kelola.proposals.models import Proposal
    from kelola.proposals.services import overlap_suggestions

    user = User.objects.get(username=USERNAME)
    agency = user.pemda and user.pemda.pk
    rng = random.Random(5)
    timings = []
    for i in range(OVERLAP_SAMPLES):
        name, description, sector, functions = WORDS[rng.randrange(len(WORDS))]
        proposal = Proposal(
            pk=10_000_000 + i,
            pemda_id=agency,
            agency_id=first_agency_id(),
            kind="new_app",
            title=f"Aplikasi {name.lower()} terpadu",
            program_output=description,
            functions="\n".join(functions[:1]),
            sector=sector,
        )
        started = time.perf_counter()
        suggestions = overlap_suggestions(proposal)
        timings.append((time.perf_counter() - started) * 1000)
        if not suggestions:
            raise RuntimeError("no suggestion for a proposal that repeats a registered system")
    timings.sort()
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    print(f"bench: portfolio.overlap_suggestions_min {timings[0]:.1f} ms")
    print(f"bench: portfolio.overlap_suggestions_p50 {statistics.median(timings):.1f} ms")
    print(f"bench: portfolio.overlap_suggestions_p95 {p95:.1f} ms", flush=True)


def _rows(k: int) -> list[tuple[str, dict]]:
    """The form-table rows of the k-th system of a pemda."""
    _name, _description, sector, functions = WORDS[k % len(WORDS)]
    return [("function", {"name": f}) for f in functions] + [
        ("scope", {"sector": sector}),
        ("service_type", {"kind": "registration"}),
    ]


def first_agency_id() -> int:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()
    from kelola.core.models import Agency, User

    user = User.objects.get(username=USERNAME)
    return Agency.objects.filter(pemda_id=user.pemda_id).order_by("pk").values_list("pk", flat=True)[1]


def time_import() -> None:
    """2,000 rows through `systems_import` as the GCIO of the first pemda (into a fresh pemda's
    names, so every row is created)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from kelola.core.models import User
    from kelola.portfolio import importing

    user = User.objects.get(username=USERNAME)
    book = Workbook()
    sheet = book.active
    sheet.append([str(c.header) for c in importing.COLUMNS])
    keys = [c.key for c in importing.COLUMNS]
    stamp = int(time.time())
    for i in range(IMPORT_ROWS):
        row = {
            "agency": f"Dinas Bench {i % AGENCIES:02d}",
            "internal_name": f"impor-{stamp}-{i}",
            "external_name": f"Aplikasi Impor {i}",
            "description": "Sistem yang sudah berjalan",
            "app_kind": "Aplikasi khusus",
            "status": "Produksi",
            "url": f"https://impor{i}.bench.go.id",
            "functions": "Pendaftaran; Pelaporan",
            "sectors": "Kesehatan",
            "service_types": "Pendaftaran",
        }
        sheet.append([row.get(k, "") for k in keys])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("impor.xlsx", buffer.getvalue())
    started = time.perf_counter()
    report = importing.systems_import(upload, actor=user)
    elapsed = time.perf_counter() - started
    if report["created"] != IMPORT_ROWS:
        raise RuntimeError(f"import created {report['created']} of {IMPORT_ROWS}: {report['rows'][:3]}")
    print(f"bench: portfolio.import_{IMPORT_ROWS}_rows {elapsed:.1f} s", flush=True)


def _load_mixed(port: int, paths: list[str], cookie: str, clients: int, total: int):
    timings: list[float] = []
    import threading

    lock = threading.Lock()
    per_client = total // clients

    def client(offset: int):
        import http.client

        for i in range(per_client):
            path = paths[(offset + i) % len(paths)]
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Cookie": cookie, "Connection": "close"})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            with lock:
                timings.append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if len(timings) != per_client * clients:
        raise RuntimeError("some requests failed")
    return sorted(timings), elapsed


def run(label: str, env: dict) -> None:
    subprocess.run([PYTHON, __file__, "seed"], env=env, cwd=ROOT, check=True)
    agency = subprocess.run(
        [PYTHON, __file__, "agency"], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    paths = [p.replace("__AGENCY__", agency) for p in LIST_PATHS]
    server, port = base.start_server(env)
    try:
        cookie = base._login(port)
        _load_mixed(port, paths, cookie, clients=8, total=160)  # warm-up
        single, _ = _load_mixed(port, paths, cookie, clients=1, total=80)
        timings, elapsed = _load_mixed(port, paths, cookie, clients=8, total=400)
        p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
        print(f"bench: portfolio.registry_list_{label}_p50 {statistics.median(timings):.1f} ms")
        print(f"bench: portfolio.registry_list_{label}_p95 {p95:.1f} ms")
        print(f"bench: portfolio.registry_list_{label}_throughput {len(timings) / elapsed:.1f} req/s")
        print(
            f"bench: portfolio.registry_list_{label}_1client_p50 {statistics.median(single):.1f} ms",
            flush=True,
        )
    finally:
        base.stop_server(server)
    subprocess.run([PYTHON, __file__, "overlap"], env=env, cwd=ROOT, check=True)
    subprocess.run([PYTHON, __file__, "import"], env=env, cwd=ROOT, check=True)


def main() -> None:
    env = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING", "AXES_ENABLED": "0"}
    env.pop("DATABASE_URL", None)
    var_dir = ROOT / "var" / "bench-portfolio"
    var_dir.mkdir(parents=True, exist_ok=True)
    for old in var_dir.glob("*.sqlite3*"):
        old.unlink()
    env["KELOLA_VAR_DIR"] = str(var_dir)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    run("sqlite", env)
    if base._postgres_available():
        run("postgres", {**env, "DATABASE_URL": base.PG_URL})


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    command = sys.argv[1:]
    if command == ["seed"]:
        seed()
    elif command == ["agency"]:
        print(first_agency_id())
    elif command == ["import"]:
        time_import()
    elif command == ["overlap"]:
        time_overlap()
    else:
        main()
