"""Run by bench/load.py in ``manage.py shell``: the learner accounts of one run.

LOAD_PREFIX and LOAD_COUNT say which: ``<prefix>000@example.org`` and on. They are made
directly in the database: signing up 200 through the form would meet the limit of 60
sign-ups an hour per address. One password hash (the demo accounts' password) serves
them all, as hashing it 200 times (1.5 million PBKDF2 rounds each) would take minutes.
Prints JSON: the emails and the password.
"""

import json
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from demo.learners import DEMO_PASSWORD

User = get_user_model()
prefix, count = os.environ["LOAD_PREFIX"], int(os.environ["LOAD_COUNT"])
hashed = make_password(DEMO_PASSWORD)
users = User.objects.bulk_create(
    User(
        email=f"{prefix}{n:03d}@example.org",
        full_name=f"Load learner {n}",
        password=hashed,
        preferred_language="en",
    )
    for n in range(count)
)
print(json.dumps({"emails": [u.email for u in users], "password": DEMO_PASSWORD}))
