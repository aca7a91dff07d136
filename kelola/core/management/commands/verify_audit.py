"""Verify the hash chains of the audit log (X-1): OK, or the first broken entry per chain."""

from django.core.management.base import BaseCommand, CommandError

from kelola.core.audit import verify_chain
from kelola.core.models import AuditEntry


class Command(BaseCommand):
    help = "Recompute every audit entry's hash and link; report the first broken entry of each chain."

    def add_arguments(self, parser):
        parser.add_argument("--chain", help='Verify one chain only, e.g. "pemda:3" or "platform".')

    def handle(self, *args, chain=None, **options):
        entries = AuditEntry.objects.all()
        if chain:
            entries = entries.filter(chain=chain)
        problems = verify_chain(chain)
        if not problems:
            chains = entries.order_by().values("chain").distinct().count()
            self.stdout.write(f"OK: {entries.count()} entries in {chains} chains verified")
            return
        for problem in problems:
            self.stderr.write(
                f"BROKEN: chain {problem.chain} at sequence {problem.sequence} "
                f"(entry id {problem.entry_id}): {problem.reason}"
            )
        raise CommandError(f"{len(problems)} audit chain(s) broken")
