"""Operations (issue 2 item 12): health endpoint, structured JSON logs, `check --deploy` clean."""

import io
import json
import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_health_answers_json_with_database_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["status"] == "ok" and body["checks"]["database"] == "ok"
    assert response["X-Request-ID"]
    assert "no-cache" in response.get("Cache-Control", "") or "max-age=0" in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_health_needs_no_login_and_reports_a_broken_database(client, monkeypatch):
    from django.db import connection

    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("error")


def _json_handler(stream) -> logging.Handler:
    """A handler built exactly as settings.LOGGING builds the stderr one, writing to `stream`."""
    config = settings.LOGGING
    handler = logging.StreamHandler(stream)
    handler.setFormatter(import_string(config["formatters"]["json"]["()"])())
    for name in config["handlers"]["stderr"]["filters"]:
        handler.addFilter(import_string(config["filters"][name]["()"])())
    return handler


@pytest.fixture
def captured_log():
    stream = io.StringIO()
    handler = _json_handler(stream)
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_request_log_is_one_json_line_with_the_request_id(client, captured_log):
    response = client.get("/tidak-ada-halaman-ini/", HTTP_X_REQUEST_ID="req-ops-42")
    assert response.status_code == 404 and response["X-Request-ID"] == "req-ops-42"
    lines = captured_log.getvalue().splitlines()
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert entry["request_id"] == "req-ops-42"
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert "/tidak-ada-halaman-ini/" in entry["message"]
    assert entry["time"].endswith("+00:00")


def test_log_inside_a_request_context_carries_its_id_and_extras():
    from kelola.core.middleware import request_id_var

    stream = io.StringIO()
    logger = logging.getLogger("kelola.test.operations")
    logger.addHandler(_json_handler(stream))
    logger.setLevel(logging.INFO)
    logger.propagate = False
    token = request_id_var.set("abc123")
    try:
        logger.info("backup selesai\nbaris kedua", extra={"rows": 12, "path": Path("var/x.log")})
        try:
            raise ValueError("gagal")
        except ValueError:
            logger.exception("pemulihan gagal")
    finally:
        request_id_var.reset(token)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2  # newlines inside messages and tracebacks stay inside the JSON string
    first, second = (json.loads(line) for line in lines)
    assert first["request_id"] == "abc123" and first["rows"] == 12 and first["path"] == "var/x.log"
    assert first["message"] == "backup selesai\nbaris kedua"
    assert second["level"] == "ERROR" and "ValueError: gagal" in second["exception"]


def _manage(tmp_path, *args, **env) -> subprocess.CompletedProcess:
    # A clean production-like environment: nothing the test run itself set (the browser tests
    # set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly reports).
    ignored = {"DEBUG", "KELOLA_HTTPS", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    ignored |= {"DJANGO_ALLOW_ASYNC_UNSAFE", "KELOLA_TESTING", "HUEY_IMMEDIATE"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(KELOLA_VAR_DIR=str(tmp_path), PYTHONDONTWRITEBYTECODE="1", **env)
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {"DEBUG": "0", "KELOLA_HTTPS": "1", "ALLOWED_HOSTS": "kelola.example.go.id"}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", SECRET_KEY=secrets.token_urlsafe(48), **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_refuses_the_development_secret_key(tmp_path):
    result = _manage(tmp_path, "check", "--deploy", **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY is the built-in development key" in result.stderr
