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
SINGLE_CLIENT_REQUESTS = 60  # one client alone: the service time without queueing
USERNAME, PASSWORD = "bench.gcio", "Bench#Kelola-2026"
ENDPOINTS = {"agency_list": "/organisasi/perangkat-daerah/", "agency_api": "/api/v1/agencies/"}
PG_USER, PG_DATABASE = "kelola_bench", "kelola_bench"
PG_URL = f"postgres://{PG_USER}:{PG_USER}@127.0.0.1:5432/{PG_DATABASE}"


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


def _login(port: int, username: str = USERNAME, password: str = PASSWORD) -> str:
    """A session through the real login form; returns the Cookie header value."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/akun/masuk/")
    response = connection.getresponse()
    body = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
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


def _load(port: int, path: str, cookie: str, clients: int = CLIENTS, total: int = REQUESTS_PER_ENDPOINT):
    """`clients` threads issue `total` requests in all; returns the sorted latencies (ms) and the
    elapsed wall time (s).

    Each request opens its own loopback connection (connect time included in the latency): with
    keep-alive, each client stays pinned to the gunicorn worker that accepted it, and with 8
    clients on 2 single-core (GIL-bound) workers the split was often 5/3 or 6/2, one worker
    saturated and the other idle, so the figures measured the luck of the split."""
    timings: list[float] = []
    lock = threading.Lock()
    per_client = total // clients

    def client():
        for _ in range(per_client):
            start = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Cookie": cookie, "Connection": "close"})
            response = connection.getresponse()
            response.read()
            connection.close()
            elapsed = (time.perf_counter() - start) * 1000
            if response.status != 200:
                raise RuntimeError(f"{path} answered {response.status}")
            with lock:
                timings.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if len(timings) != per_client * clients:
        raise RuntimeError(f"{path}: {per_client * clients - len(timings)} requests failed")
    return sorted(timings), elapsed


def _psql(sql: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["su", "postgres", "-c", "psql -q -v ON_ERROR_STOP=1"], input=sql, text=True, capture_output=True
    )


def _postgres_available() -> bool:
    """Start the local Debian PostgreSQL cluster as .ci/run does (root only) and create a fresh
    benchmark database with its own role. False, with the reason on stderr, when not possible."""
    versions = sorted(
        (p for p in Path("/usr/lib/postgresql").glob("*") if p.name.isdigit()), key=lambda p: int(p.name)
    )
    if not versions or not shutil.which("pg_ctlcluster") or os.geteuid() != 0:
        print("PostgreSQL: no local Debian cluster (or not root); skipped", file=sys.stderr)
        return False
    version = versions[-1].name
    if subprocess.run(["pg_ctlcluster", version, "main", "status"], capture_output=True).returncode != 0:
        subprocess.run(["pg_createcluster", version, "main", "--port", "5432"], capture_output=True)
        subprocess.run(["pg_ctlcluster", version, "main", "start"], capture_output=True)
    for _ in range(60):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode == 0:
            break
        time.sleep(1)
    else:
        print("PostgreSQL: the cluster did not answer on 127.0.0.1:5432; skipped", file=sys.stderr)
        return False
    setup = _psql(
        f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PG_USER}') THEN
    CREATE ROLE {PG_USER} LOGIN PASSWORD '{PG_USER}';
  END IF;
END $$;
DROP DATABASE IF EXISTS {PG_DATABASE};
CREATE DATABASE {PG_DATABASE} OWNER {PG_USER};
"""
    )
    if setup.returncode != 0:
        print(f"PostgreSQL: could not create the database: {setup.stderr.strip()}", file=sys.stderr)
        return False
    return True


def run(label: str, env: dict) -> None:
    subprocess.run([PYTHON, __file__, "seed"], env=env, cwd=ROOT, check=True)
    server, port = start_server(env)
    try:
        cookie = _login(port)
        for name, path in ENDPOINTS.items():
            _load(port, path, cookie, total=CLIENTS * 20)  # warm-up, not counted
            single, _ = _load(port, path, cookie, clients=1, total=SINGLE_CLIENT_REQUESTS)
            timings, elapsed = _load(port, path, cookie)
            p50 = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
            print(f"bench: foundation.{name}_{label}_p50 {p50:.1f} ms")
            print(f"bench: foundation.{name}_{label}_p95 {p95:.1f} ms")
            print(f"bench: foundation.{name}_{label}_throughput {len(timings) / elapsed:.1f} req/s")
            print(
                f"bench: foundation.{name}_{label}_1client_p50 {statistics.median(single):.1f} ms", flush=True
            )
    finally:
        stop_server(server)


def start_server(env: dict):
    """gunicorn on a free loopback port (one single-threaded worker per core, as `make serve`,
    unless BENCH_WORKERS/THREADS say otherwise), in its own process group; returns (process,
    port) once it answers."""
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "kelola.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)),
            "--threads",
            os.environ.get("BENCH_THREADS", "1"),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        _wait_for(port)
    except Exception:
        stop_server(server)
        raise
    return server, port


def stop_server(server) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def main() -> None:
    base = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING", "AXES_ENABLED": "0"}
    base.pop("DATABASE_URL", None)
    # One directory for both runs: the static files are collected (and compressed) once; the
    # SQLite database in it starts empty every time.
    var_dir = ROOT / "var" / "bench"
    var_dir.mkdir(parents=True, exist_ok=True)
    for old in var_dir.glob("*.sqlite3*"):
        old.unlink()
    base["KELOLA_VAR_DIR"] = str(var_dir)
    subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env=base, cwd=ROOT, check=True)
    run("sqlite", base)
    if _postgres_available():
        run("postgres", {**base, "DATABASE_URL": PG_URL})


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        sys.path.insert(0, str(ROOT))
        seed()
    else:
        main()
