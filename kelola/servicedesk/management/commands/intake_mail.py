"""Turn one e-mail (RFC 822 on standard input or in a file) into a ticket of a pemda.

For a mail server's pipe:  `manage.py intake_mail --pemda kota-sukamaju < message.eml`
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from kelola.core.errors import KelolaError
from kelola.core.models import Pemda


class Command(BaseCommand):
    help = "Create a service-desk ticket from one e-mail message."

    def add_arguments(self, parser):
        parser.add_argument("--pemda", required=True, help="the pemda's slug")
        parser.add_argument("file", nargs="?", help="the message file (default: standard input)")

    def handle(self, *args, **options):
        from kelola.servicedesk.mail import ticket_from_email

        pemda = Pemda.objects.filter(slug=options["pemda"], is_active=True).first()
        if pemda is None:
            raise CommandError(f"unknown pemda {options['pemda']!r}")
        if options["file"]:
            with open(options["file"], "rb") as handle:
                raw = handle.read()
        else:
            raw = sys.stdin.buffer.read()
        try:
            ticket = ticket_from_email(raw, pemda)
        except KelolaError as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(f"ticket #{ticket.pk}{' (triage)' if ticket.triage else ''}")
