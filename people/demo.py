"""Demo sign-ins. Later issues add their groups, people records and cohorts."""

from django.conf import settings

from core.demo import upsert_user

# username, first name, last name, what the account is for, superuser
DEMO_USERS = [
    ("admin", "Avery", "Admin", "Site administrator (Wagtail superuser)", True),
    ("director", "Dana", "Whitfield", "Program Director", False),
    ("faculty", "Farrah", "Okafor", "Faculty member", False),
    ("participant", "Parker", "Lindqvist", "Participant, technology director", False),
    ("participant2", "Priya", "Castellanos", "Participant, technology director", False),
    ("superintendent", "Sam", "Eberhardt", "Superintendent", False),
]


def seed_users():
    """Create or refresh the demo users; return (users, number created)."""
    created = 0
    users = []
    for username, first_name, last_name, _role, superuser in DEMO_USERS:
        user, was_created = upsert_user(
            username,
            email=f"{username}@cecto.example",
            first_name=first_name,
            last_name=last_name,
            password=settings.DEMO_PASSWORD,
            superuser=superuser,
        )
        created += was_created
        users.append(user)
    return users, created
