"""Background jobs: run_job records status, times, result, error and log."""

import datetime
import decimal

import pytest

from kelola.core.jobs import run_job
from kelola.core.models import Job, JobStatus, Pemda

pytestmark = pytest.mark.django_db


def test_a_completed_job_keeps_its_result_and_log(world):
    def count(log, factor):
        log("menghitung pemda")
        return {
            "pemda": Pemda.objects.count() * factor,
            "when": datetime.date(2026, 1, 2),
            "x": decimal.Decimal("1.5"),
        }

    job = run_job("hitung", count, actor=world.users["gcio"], pemda=world.pemda, factor=10)
    job.refresh_from_db()
    assert job.status == JobStatus.COMPLETED and job.error == ""
    assert job.result == {"pemda": 20, "when": "2026-01-02", "x": "1.5"}
    assert job.created_by == world.users["gcio"] and job.pemda == world.pemda
    assert job.started_at and job.finished_at and job.started_at <= job.finished_at
    assert "menghitung pemda" in job.log


def test_non_dict_results_and_no_log_argument(world):
    assert run_job("angka", lambda: 42).result == {"value": 42}
    assert run_job("kosong", lambda: None).result == {}


def test_a_failed_job_records_the_error_and_rolls_its_work_back(world):
    def broken():
        Pemda.objects.filter(pk=world.pemda.pk).update(name="Diubah")
        raise RuntimeError("sumber data tidak tersedia")

    job = run_job("rusak", broken, pemda=world.pemda)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "RuntimeError: sumber data tidak tersedia" in job.error
    assert "Traceback" in job.log and job.finished_at is not None
    world.pemda.refresh_from_db()
    assert world.pemda.name == "Kota Contoh"  # the work was rolled back, the record stays


def test_errors_can_be_raised_to_the_caller(world):
    with pytest.raises(ValueError):
        run_job("rusak", lambda: int("x"), raise_errors=True)
    assert Job.objects.get().status == JobStatus.FAILED
