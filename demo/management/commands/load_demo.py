from django.core.management.base import BaseCommand

from certificates.codes import display
from demo.learners import DEMO_CERTIFICATE_CODE, DEMO_PASSWORD, DEMO_USERS
from demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demonstration courses and local demo accounts (safe to run again)."

    def handle(self, *args, **options):
        report = load_demo()
        for name in report.created:
            self.stdout.write(f"created  {name}")
        for name in report.kept:
            self.stdout.write(f"kept     {name} (already there)")
        for name in report.skipped:
            self.stdout.write(self.style.WARNING(f"skipped  {name}"))
        self.stdout.write(self.style.SUCCESS("Demo content ready. Local demo accounts:"))
        for user in DEMO_USERS:
            self.stdout.write(f"  {user['email']:<22} password: {DEMO_PASSWORD}")
        code = display(DEMO_CERTIFICATE_CODE)
        self.stdout.write(f"A certificate code to check at /certificates/verify/: {code}")
