"""Rebuild an empty installation from a backup archive (X-4)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from kelola.core.backup import BackupError, installation_is_empty, read_archive, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty, migrated installation (SQLite or PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="Erase the data of this installation first.")

    def handle(self, *args, archive, force=False, **options):
        path = Path(archive)
        try:
            read_archive(path)  # refuse a damaged archive before touching anything
            if force and not installation_is_empty():
                call_command("flush", interactive=False, verbosity=0)
            result = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(result.counts.values())
        self.stdout.write(
            f"Restored {total} rows in {len(result.counts)} tables and {result.media_files} media files."
        )
        if result.audit_problems:
            for problem in result.audit_problems:
                self.stderr.write(
                    f"Audit chain {problem.chain} broken at {problem.sequence}: {problem.reason}"
                )
            raise CommandError("Restored, but the audit chain does not verify.")
        self.stdout.write("Audit chain verified.")
