"""Periodic work of the hosting register run by the task queue (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="5"))
def setup_reminder_scan() -> dict:
    """Every hour: the next notice for each request whose 2 x 24 h setup window has passed, and
    the flag after the third (004 Lampiran IV 1.1.1)."""
    from .reminders import setup_reminders

    return setup_reminders()


@db_periodic_task(crontab(hour="6", minute="20"))
def vps_expiry_scan() -> dict:
    """Every morning: VPS expiry reminders (30 days) and the switch to expired (DC-2)."""
    from .vps import expiry_scan

    return expiry_scan()
