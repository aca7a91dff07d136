"""Write one archive with the database, the media files and a checksummed manifest (X-4)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from kelola.core.backup import create_backup


class Command(BaseCommand):
    help = "Back up the whole platform into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Archive path (default: var/backups/kelola-<time>.tar.gz).")

    def handle(self, *args, output=None, **options):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        path = Path(output) if output else Path(settings.VAR_DIR) / "backups" / f"kelola-{stamp}.tar.gz"
        manifest = create_backup(path)
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backup written: {path} ({rows} rows, {len(manifest['files']) - 1} media files, "
            f"{path.stat().st_size} bytes)"
        )
