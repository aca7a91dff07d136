"""Background jobs people can see (X-3): `run_job` records a Job row around a piece of work.

    job = run_job("backup", make_backup, actor=request.user, pemda=pemda)
    job.status, job.result, job.error

The work's return value (a dict, or anything JSON-serialisable) becomes `result`; an exception
marks the job failed with the error and is re-raised only when `raise_errors=True`. The Job row
is written outside the work's transaction, so a failure that rolls the work back still leaves
its record.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


class JobLog:
    """Lines of progress a job writes (`log("…")`), saved on the Job row."""

    def __init__(self, job):
        self.job = job
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        stamp = timezone.localtime().strftime("%H:%M:%S")
        self.lines.append(f"{stamp} {line}")

    def text(self) -> str:
        return "\n".join(self.lines)


def _json_safe(value):
    import json

    if value is None:
        return {}
    if not isinstance(value, dict):
        value = {"value": value}
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, default=str))


def run_job(name: str, fn: Callable, *, actor=None, pemda=None, raise_errors: bool = False, **kwargs):
    """Run `fn(**kwargs)` (with `log=` if it accepts it) as a recorded Job; return the Job.

    Status goes pending → running → completed | failed, with start/finish times, the result
    or the error (and its traceback in the log)."""
    import inspect

    from kelola.core.models import Job, JobStatus

    job = Job.objects.create(
        name=name[:100],
        pemda=pemda,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        status=JobStatus.PENDING,
    )
    log = JobLog(job)
    job.status, job.started_at = JobStatus.RUNNING, timezone.now()
    job.save(update_fields=["status", "started_at"])
    try:
        parameters = inspect.signature(fn).parameters
        accepts_log = "log" in parameters or any(p.kind is p.VAR_KEYWORD for p in parameters.values())
    except (TypeError, ValueError):
        accepts_log = False
    try:
        with transaction.atomic():
            value = fn(log=log, **kwargs) if accepts_log else fn(**kwargs)
        job.result = _json_safe(value)
        job.status = JobStatus.COMPLETED
    except Exception as exc:
        logger.exception("job failed", extra={"job": job.pk, "job_name": name})
        job.status = JobStatus.FAILED
        job.error = f"{type(exc).__name__}: {exc}"[:5000]
        log("".join(traceback.format_exception(exc)).strip())
        job.finished_at = timezone.now()
        job.log = log.text()
        job.save(update_fields=["status", "error", "log", "finished_at"])
        if raise_errors:
            raise
        return job
    job.finished_at = timezone.now()
    job.log = log.text()
    job.save(update_fields=["status", "result", "log", "finished_at"])
    return job
