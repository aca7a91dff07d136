"""Write one archive with the database, the media files and a checksummed manifest (X-4)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kelola.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the whole platform (data, media files, manifest with checksums) into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Archive path (default: <KELOLA_VAR_DIR>/backups/kelola-<time>.tar.gz)."
        )

    def handle(self, *args, output=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"kelola-{stamp}.tar.gz"
        try:
            manifest = create_backup(path)
        except (BackupError, OSError) as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        rows = sum(manifest["counts"].values())
        audit = manifest["audit"]
        self.stdout.write(
            f"Backup written: {path} ({path.stat().st_size} bytes)\n"
            f"  {rows} rows in {len(manifest['counts'])} tables, "
            f"{manifest['media']['files']} media files ({manifest['media']['bytes']} bytes)\n"
            f"  audit: {audit['entries']} entries in {len(audit['chains'])} chains, "
            + ("verified" if audit["verified"] else "NOT VERIFYING (see manage.py verify_audit)")
        )
        if not audit["verified"]:
            self.stderr.write("Warning: the audit chain did not verify when this backup was made.")
