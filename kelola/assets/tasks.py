"""Periodic work of the asset register run by the task queue (Huey)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(day="1", hour="7", minute="0"))
def lan_diagram_reminders() -> dict:
    """On the first of every month: remind every pemda's OPDs whose LAN diagram is overdue
    (001 Ps.17)."""
    from .services import lan_reminders_all

    return lan_reminders_all()
