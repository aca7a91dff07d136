"""Foundation benchmark (issue 2): 50 pemda x 40 OPD x 20 people, served by gunicorn on loopback,
8 concurrent clients; p50/p95 of the OPD list page and its API endpoint, on SQLite and (when a
local PostgreSQL answers) PostgreSQL.

Prints `bench: foundation.<metric> <value> ms`. Only loopback is used; every loop is bounded.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PEMDA, AGENCIES, PEOPLE = 50, 40, 20
CLIENTS, REQUESTS_PER_ENDPOINT = 8, 400
USERNAME, PASSWORD = "bench.gcio", "Bench#Kelola-2026"
ENDPOINTS = {"agency_list": "/organisasi/perangkat-daerah/", "agency_api": "/api/v1/agencies/"}
PG_URL = "postgres://kelola_ci:kelola_ci@127.0.0.1:5432/kelola_bench"


def seed() -> None:
    """Runs inside a child process with the benchmark's database settings."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kelola.settings")
    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from kelola.core.models import Agency, Pemda, RoleAssignment, User
    from kelola.organizations.models import Person

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if Pemda.objects.count() >= PEMDA:
        return
    pemdas = Pemda.objects.bulk_create(
        Pemda(
            name=f"Kota Bench {i:02d}", kind="kota", code=f"{90 + i // 100}.{i % 100:02d}", slug=f"bench-{i}"
        )
        for i in range(PEMDA)
    )
    agencies = Agency.objects.bulk_create(
        Agency(
            pemda=p,
            name=f"Dinas Bench {j:02d}",
            short_name=f"DB{j:02d}",
            is_it_office=j == 0,
            email=f"dinas{j}@bench.go.id",
            address=f"Jl. Uji No. {j}",
        )
        for p in pemdas
        for j in range(AGENCIES)
    )
    Agency.objects.update(path="/")  # paths are rewritten below without a save per row
    for agency in Agency.objects.only("pk"):
        Agency.objects.filter(pk=agency.pk).update(path=f"/{agency.pk}/")
    batch = []
    for agency in agencies:
        for k in range(PEOPLE):
            batch.append(
                Person(
                    pemda_id=agency.pemda_id,
                    agency=agency,
                    full_name=f"Pegawai {agency.pk}-{k}",
                    nip=f"{agency.pk:08d}{k:04d}",
                )
            )
        if len(batch) >= 5000:
            Person.objects.bulk_create(batch)
            batch = []
    Person.objects.bulk_create(batch)
    user = User.objects.create(username=USERNAME, password=make_password(PASSWORD), pemda=pemdas[0])
    RoleAssignment.objects.create(user=user, role="gcio", pemda=pemdas[0])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("server did not start")


def _login(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/akun/masuk/")
    response = connection.getresponse()
    body = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token})
    connection.request(
        "POST",
        "/akun/masuk/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": f"http://127.0.0.1:{port}/akun/masuk/",
        },
    )
    response = connection.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    return f"sessionid={session}; csrftoken={csrf_cookie}"


def _load(port: int, path: str, cookie: str) -> list[float]:
    timings: list[float] = []
    lock = threading.Lock()
    per_client = REQUESTS_PER_ENDPOINT // CLIENTS

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_client):
            start = time.perf_counter()
            connection.request("GET", path, headers={"Cookie": cookie})
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            with lock:
                timings.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def _postgres_available() -> bool:
    if not shutil.which("psql"):
        return False
    drop = subprocess.run(
        ["su", "postgres", "-c", "psql -q -c 'DROP DATABASE IF EXISTS kelola_bench'"], capture_output=True
    )
    create = subprocess.run(
        ["su", "postgres", "-c", "psql -q -c 'CREATE DATABASE kelola_bench OWNER kelola_ci'"],
        capture_output=True,
    )
    return drop.returncode == 0 and create.returncode == 0


def run(label: str, env: dict) -> None:
    subprocess.run([PYTHON, __file__, "seed"], env=env, cwd=ROOT, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "kelola.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        _wait_for(port)
        cookie = _login(port)
        for name, path in ENDPOINTS.items():
            _load(port, path, cookie)  # warm-up round, not counted
            timings = sorted(_load(port, path, cookie))
            p50 = statistics.median(timings)
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(f"bench: foundation.{name}_{label}_p50 {p50:.1f} ms")
            print(f"bench: foundation.{name}_{label}_p95 {p95:.1f} ms", flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    base = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING", "AXES_ENABLED": "0"}
    base.pop("DATABASE_URL", None)
    sqlite_dir = ROOT / "var" / "bench" / "sqlite"
    shutil.rmtree(sqlite_dir, ignore_errors=True)
    run("sqlite", {**base, "KELOLA_VAR_DIR": str(sqlite_dir)})
    if _postgres_available():
        run(
            "postgres",
            {**base, "KELOLA_VAR_DIR": str(ROOT / "var" / "bench" / "postgres"), "DATABASE_URL": PG_URL},
        )
    else:
        print("PostgreSQL not reachable on 127.0.0.1:5432; skipped the PostgreSQL figures", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        sys.path.insert(0, str(ROOT))
        seed()
    else:
        main()
