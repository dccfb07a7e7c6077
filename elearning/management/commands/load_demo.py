from django.core.management.base import BaseCommand

from elearning.demo.loader import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Load the demonstration courses and local demo accounts (safe to run again)."

    def handle(self, *args, **options):
        report = load_demo()
        for name in report.created:
            self.stdout.write(f"created  {name}")
        for name in report.kept:
            self.stdout.write(f"kept     {name} (already there)")
        self.stdout.write(self.style.SUCCESS("Demo content ready. Local demo accounts:"))
        for user in DEMO_USERS:
            self.stdout.write(f"  {user['email']:<22} password: {DEMO_PASSWORD}")
