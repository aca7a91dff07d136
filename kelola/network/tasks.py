"""Periodic network work run by the task queue (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="6", minute="15"))
def domain_expiry_scan() -> dict:
    """Every morning: tell the IT office which domains expire within 60 days (DC-7)."""
    from .domains import expiry_reminders

    return expiry_reminders()
