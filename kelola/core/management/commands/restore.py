"""Rebuild an empty installation from a backup archive (X-4)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kelola.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty, migrated installation (SQLite or PostgreSQL). "
        "Every checksum is verified first; the data is loaded in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Path of a .tar.gz written by manage.py backup.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Erase the data of this installation first (in the same transaction as the restore).",
        )

    def handle(self, *args, archive, force=False, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such archive: {path}")
        try:
            result = restore_backup(path, force=force, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(f"Restore stopped: {exc}") from exc
        except OSError as exc:  # nothing was committed: the data is loaded in one transaction
            raise CommandError(f"Restore failed, nothing was changed: {exc}") from exc
        manifest = result.manifest
        for warning in result.warnings:
            self.stderr.write(f"Warning: {warning}")
        total = sum(n for label, n in result.counts.items() if label != "contenttypes.contenttype")
        self.stdout.write(
            f"Restored backup of {manifest['created_at']} (Kelola {manifest['kelola_version']}, "
            f"from {manifest['database_vendor']}):\n"
            f"  {total} rows in {len(result.counts)} tables, row counts match the manifest\n"
            f"  {result.media_files} media files\n"
            f"  audit: {result.audit_entries} entries in {result.audit_chains} chains"
        )
        if result.audit_problems:
            for problem in result.audit_problems:
                self.stderr.write(
                    f"BROKEN: chain {problem.chain} at sequence {problem.sequence} "
                    f"(entry id {problem.entry_id}): {problem.reason}"
                )
            raise CommandError(
                "Restored, but the audit chain does not verify (it did not verify in the backup either)."
            )
        self.stdout.write("Audit chain verified.")
