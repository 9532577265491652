"""Client search at scale: how long a search takes with many clients on the record.

Run: ``.venv/bin/python bench/bench_client_search.py [--clients 20000]`` with ``DATABASE_URL`` and
``REDIS_URL`` set (or unset, to use the embedded servers). It creates its own database
``ascfinance_bench``, fills it with clients spread over four teams, and prints a table of median
and 95th-percentile times for typical searches by an officer (who sees one team's clients) and an
auditor (who sees everyone), beside PostgreSQL's own time for the same query (EXPLAIN ANALYZE).
"""

from __future__ import annotations

import argparse
import datetime as dt

from _common import explain_ms, measure, setup_django

SURNAMES = ["Smith", "Jones", "Thornton", "Patel", "Khan", "Williams", "Brown", "Taylor", "Okafor", "Murphy",
            "Hughes", "Evans", "Pemberton", "Clarke", "Walsh", "Nowak"]
FIRST = ["Margaret", "Harold", "Peggy", "Arthur", "Olive", "Dennis", "Irene", "Stanley", "Joan", "Kenneth"]


def seed(clients: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from core.roles import Role
    from people.models import Client, Team, TeamMembership

    call_command("migrate", verbosity=0)
    User = get_user_model()
    teams = [Team.objects.get_or_create(name=f"Bench team {i}", defaults={"service": "client_affairs"})[0]
             for i in range(4)]
    officer, _ = User.objects.get_or_create(username="bench-officer")
    officer.groups.add(Group.objects.get(name=Role.OFFICER))
    TeamMembership.objects.get_or_create(team=teams[0], user=officer)
    auditor, _ = User.objects.get_or_create(username="bench-auditor")
    auditor.groups.add(Group.objects.get(name=Role.AUDITOR))
    have = Client.objects.filter(council_reference__startswith="BENCH-").count()
    if have < clients:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO people_client (council_reference, title, first_name, middle_names, last_name,
                    preferred_name, date_of_birth, nhs_number, phone, email, created_at, updated_at)
                SELECT 'BENCH-' || lpad(g::text, 7, '0'), '', (%s::text[])[1 + g %% %s], '',
                       (%s::text[])[1 + (g / 7) %% %s] || CASE WHEN g %% 3 = 0 THEN '-' || g ELSE '' END, '',
                       date '1930-01-01' + (g %% 20000), '', '', '', now(), now()
                FROM generate_series(%s, %s) g
                """,
                [FIRST, len(FIRST), SURNAMES, len(SURNAMES), have + 1, clients],
            )
            cursor.execute(
                """
                INSERT INTO people_allocation (client_id, team_id, service, officer_id, start_date, end_date)
                SELECT c.id, (%s::bigint[])[1 + c.id %% 4], 'client_affairs', NULL, date '2024-01-01', NULL
                FROM people_client c
                WHERE c.council_reference LIKE 'BENCH-%%'
                  AND NOT EXISTS (SELECT 1 FROM people_allocation a WHERE a.client_id = c.id)
                """,
                [[t.pk for t in teams]],
            )
            cursor.execute("ANALYZE people_client; ANALYZE people_allocation;")
    return officer, auditor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20_000)
    args = parser.parse_args()
    setup_django("ascfinance_bench")

    from people.selectors import client_search

    officer, auditor = seed(args.clients)
    searches = [
        ("partial surname", "thorn", None),
        ("two partial words", "marg thorn", None),
        ("rare surname", "nowak-4", None),
        ("council reference", "BENCH-0001234", None),
        ("date of birth", "", dt.date(1950, 6, 1)),
    ]
    print(f"Client search with {args.clients:,} clients (times in ms; first page of 25)")
    print(f"{'search':<20} {'user':<8} {'median':>8} {'p95':>8} {'postgres':>9} {'rows':>6}")
    for label, query, dob in searches:
        for user in (officer, auditor):
            qs = client_search(user=user, query=query, date_of_birth=dob)
            page = lambda qs=qs: list(qs[:25])  # noqa: E731
            median, p95 = measure(page)
            ceiling = explain_ms(*qs[:25].query.sql_with_params())
            rows = len(page())
            print(f"{label:<20} {user.username.removeprefix('bench-'):<8} {median:>8.2f} {p95:>8.2f} "
                  f"{ceiling:>9.2f} {rows:>6}")


if __name__ == "__main__":
    main()
