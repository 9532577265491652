"""The demo accounts that ``manage.py seed_demo`` creates and ``bin/run`` prints.

Plain data, no Django imports: the launcher reads it before Django is set up. Every account has
the same password: they are for demonstration machines only, never for a production database.
"""

DEMO_PASSWORD = "demo-password-2026"

# (username, role, description)
DEMO_LOGINS: list[tuple[str, str, str]] = [
    ("olivia", "officer", "Client affairs officer, North team"),
    ("tom", "team leader", "Client affairs team leader, North team"),
    ("priya", "officer", "Financial assessment and charging officer"),
    ("sam", "team leader", "Financial assessment and charging team leader"),
    ("dev", "officer", "Debt recovery officer"),
    ("joan", "team leader", "Debt recovery team leader"),
    ("nadia", "officer", "Deferred payments officer"),
    ("imran", "team leader", "Deferred payments team leader"),
    ("owen", "officer", "Property officer"),
    ("beth", "team leader", "Property team leader"),
    ("ada", "auditor", "Auditor: reads everything, changes nothing"),
    ("admin", "administrator", "Administrator: users, teams and reference data"),
]
