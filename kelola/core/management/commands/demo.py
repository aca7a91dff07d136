"""Load the demo pemda (idempotent) and print the demo accounts."""

from django.core.management.base import BaseCommand

from kelola.core.demo import data
from kelola.core.demo.builder import build


class Command(BaseCommand):
    help = "Create the demo pemda (Kota Sukamaju) and a second pemda, with an account for every role."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="URL to print for the demo.")

    def handle(self, *args, url, **options):
        result = build()
        created = ", ".join(f"{k}: {v}" for k, v in sorted(result.created.items())) or "nothing new"
        self.stdout.write(f"Demo data ready ({created}).")
        self.stdout.write("")
        self.stdout.write(f"Kelola: {url}")
        self.stdout.write(f"Password for every demo account: {data.PASSWORD}")
        width = max(len(u) for u, _r, _s in result.accounts)
        self.stdout.write(f"{'username'.ljust(width)}  {'role'.ljust(18)}  scope")
        for username, role, scope in result.accounts:
            self.stdout.write(f"{username.ljust(width)}  {role.ljust(18)}  {scope}")
