"""`manage.py cmdb_rebuild <pemda slug>... | --all`: recompute the configuration items and derived
relations of pemda from their domain registers (after imports or bulk loads, which send no
signals). Manual relations are kept."""

from django.core.management.base import BaseCommand, CommandError

from kelola.cmdb.sync import rebuild
from kelola.core.models import Pemda


class Command(BaseCommand):
    help = "Rebuild configuration items and derived relations (CMDB) of pemda."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="pemda slugs")
        parser.add_argument("--all", action="store_true", help="every active pemda")

    def handle(self, *args, slugs, all, **options):
        if all:
            pemdas = list(Pemda.objects.filter(is_active=True).order_by("slug"))
        elif slugs:
            pemdas = list(Pemda.objects.filter(slug__in=slugs).order_by("slug"))
            missing = set(slugs) - {p.slug for p in pemdas}
            if missing:
                raise CommandError(f"unknown pemda: {', '.join(sorted(missing))}")
        else:
            raise CommandError("name one or more pemda slugs, or --all")
        for pemda in pemdas:
            result = rebuild(pemda)
            items = f"+{result.items_created} ~{result.items_updated} -{result.items_deleted}"
            relations = f"+{result.relations_created} -{result.relations_deleted}"
            total = result.relations_total
            self.stdout.write(f"{pemda.slug}: items {items}, relations {relations}, {total} in all")
