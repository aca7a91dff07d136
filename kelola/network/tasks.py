"""Periodic network work run by the task queue (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="6", minute="15"))
def domain_expiry_scan() -> dict:
    """Every morning: tell the IT office which domains expire within 60 days or have just lapsed
    (DC-7), then mark the lapsed ones expired (their last notice names them)."""
    from .domains import expiry_reminders, mark_expired

    reminded = expiry_reminders()
    return {**reminded, "expired": mark_expired()}
