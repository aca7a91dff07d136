"""Periodic service-desk work run by the task queue (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/5"))
def sla_scan() -> dict:
    from .sla import scan

    return scan()
