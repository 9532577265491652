"""Demonstration data, the people's part: six teams, the demo logins, about forty clients and the people,
organisations, notes and client affairs tasks around them. The other apps add theirs on top (the North
team's client money in :mod:`ledger.demo`, the charging team's care packages, assessments and tasks in
:mod:`charging.demo`); ``manage.py seed_demo`` (:mod:`config.demo`) runs every app's
:class:`core.registry.DemoStep` in order, this one first.

:func:`seed_people` is this app's step. It is safe to run again: users are found by username, teams by
name, organisations by name and clients by council reference (ASC-100001 to ASC-100040), and a client
already there is left exactly as it is, so a second run writes nothing. It leaves for later steps, in
``run.made``: ``teams`` and ``users`` by name, and ``clients``, each ``(client, DemoClient, index)``.

Everything is written through ``people.services`` where a service exists (clients, addresses,
contacts and their links, caseload allocations, notes, tasks), as the demo user who would have done
it (so a note's author is the officer who holds the case), while the history of every row is
attributed to the ``system`` user under the ``seed_demo`` job. The demo logins, their teams and
memberships are written here, with a reason (the administrator must exist before anyone can use the
administration services); the other staff (:data:`OTHER_STAFF`) go through
``people.administration.services`` as the demo administrator.

Every task names the client, a date and something the demo holds for them (a bank, a care home, an
executor): see :func:`client_affairs_tasks`.

The people are invented. Dates are relative to today, so there is always work overdue and due this
week. NHS numbers start with 999 (the range kept for testing), phone numbers are in Ofcom's ranges
kept for drama (01632 960xxx, 07700 900xxx), e-mail addresses are at example.com, and postcodes are
in a made-up "QB" area: no real UK postcode starts with Q, so none of them is anyone's home.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.history import set_reason
from core.registry import DemoRun
from core.roles import Role
from people import services
from people.administration import services as administration
from people.choices import AddressKind, ContactKind, NoteKind, OrganisationType, Relationship, Service
from people.demo_logins import DEMO_LOGINS, DEMO_PASSWORD
from people.models import Client, ClientContact, Contact, CorrespondenceRule, Task, Team, TeamMembership
from people.services import AddressInput

TOWN = "Borchester"
COUNTY = "Borsetshire"

NORTH, SOUTH, CHARGING, DEFERRED, DEBT, PROPERTY = (
    "Client affairs (North)",
    "Client affairs (South)",
    "Financial assessment and charging",
    "Deferred payments",
    "Debt recovery",
    "Property",
)
TEAMS = {
    NORTH: Service.CLIENT_AFFAIRS,
    SOUTH: Service.CLIENT_AFFAIRS,
    CHARGING: Service.CHARGING,
    DEFERRED: Service.DEFERRED_PAYMENTS,
    DEBT: Service.DEBT_RECOVERY,
    PROPERTY: Service.PROPERTY,
}

# username -> (first name, last name, teams, leads those teams)
PEOPLE = {
    "olivia": ("Olivia", "Hughes", [NORTH], False),
    "tom": ("Tom", "Fletcher", [NORTH], True),
    "priya": ("Priya", "Shah", [CHARGING], False),
    "sam": ("Sam", "Okoro", [CHARGING], True),
    "dev": ("Dev", "Malhotra", [DEBT], False),
    "joan": ("Joan", "Ellis", [DEBT], True),
    "nadia": ("Nadia", "Begum", [DEFERRED], False),
    "imran": ("Imran", "Qureshi", [DEFERRED], True),
    "owen": ("Owen", "Price", [PROPERTY], False),
    "beth": ("Beth", "Lowe", [PROPERTY], True),
    "ada": ("Ada", "Morgan", [], False),
    "admin": ("Alex", "Carter", [], False),
}
ROLES = {role.label.lower(): role for role in Role}

# Staff who are not demo logins (they have no password), so that the administration pages show more
# than the logins: someone in two teams of different services, and someone who has left.
# username -> (first name, last name, [(team, leads it)], why the account was opened, deactivated because)
OTHER_STAFF = {
    "kemi": ("Kemi", "Adeyemi", [(SOUTH, True), (PROPERTY, False)],
             "Team leader for client affairs (South), also covering the property team", ""),
    "ruth": ("Ruth", "Barker", [(SOUTH, False)], "Client affairs officer, South team",
             "Left the council at the end of October"),
}

# The organisations many clients deal with: name -> (type, phone, address)
ORGANISATIONS = {
    "Barclays Bank UK PLC": (
        OrganisationType.BANK, "01632 960101",
        "Bereavement and Power of Attorney Team\nPO Box 1234\nBorchester\nQB1 9ZZ",
    ),
    "Nationwide Building Society": (
        OrganisationType.BANK, "01632 960102", "Nationwide House, High Street\nBorchester\nQB1 2NW",
    ),
    "DWP Pension Service": (OrganisationType.DWP, "01632 960103", "Pension Service 9\nMail Handling Site A\nQB9 1PS"),
    "DWP Personal Independence Payment": (
        OrganisationType.DWP, "01632 960104", "PIP Centre\nMail Handling Site A\nQB9 2PP",
    ),
    "Meadowbank Care Home": (OrganisationType.CARE_PROVIDER, "01632 960105", "2 Orchard Road\nBorchester\nQB3 7LP"),
    "The Beeches Nursing Home": (
        OrganisationType.CARE_PROVIDER, "01632 960106", "41 Beech Grove\nBorchester\nQB4 2JD",
    ),
    "British Gas": (OrganisationType.UTILITY, "01632 960107", "Customer Service\nPO Box 5678\nQB9 3BG"),
    "Harrow & Finch Solicitors LLP": (
        OrganisationType.SOLICITOR, "01632 960108", "14 Market Square\nBorchester\nQB1 4HF",
    ),
}

CARE_HOMES = {
    "care": AddressInput(line_1="Meadowbank Care Home", line_2="2 Orchard Road", town=TOWN, county=COUNTY,
                         postcode="QB3 7LP", start_date=dt.date.min, kind=AddressKind.CARE_HOME),
    "nursing": AddressInput(line_1="The Beeches Nursing Home", line_2="41 Beech Grove", town=TOWN, county=COUNTY,
                            postcode="QB4 2JD", start_date=dt.date.min, kind=AddressKind.CARE_HOME),
}
CARE_PROVIDER = {"care": "Meadowbank Care Home", "nursing": "The Beeches Nursing Home"}

STREETS = [
    "Meadow Lane", "Church Street", "Station Road", "Victoria Terrace", "Mill Street", "Park Avenue",
    "Queen's Road", "Albert Street", "Chapel Row", "Hollins Lane", "Cross Street", "Beech Grove",
    "Moorside Road", "Kings Drive", "Greenfield Close", "Spring Bank",
]


@dataclass(frozen=True)
class DemoClient:
    title: str
    first_name: str
    middle_names: str
    last_name: str
    age: int
    team: str
    setting: str  # "home", "care", "nursing" (a care home) or "supported" (supported living)
    preferred_name: str = ""
    relative: tuple[str, str] | None = None  # (name, relationship in their words)
    attorney: bool = False  # the relative holds a lasting power of attorney
    died_days_ago: int | None = None
    also: tuple[str, ...] = ()  # further teams holding the case for their service


CLIENTS = [
    DemoClient("Mrs", "Margaret", "Ellen", "Thornton", 88, NORTH, "care", "Peggy", ("Susan Thornton", "Daughter"),
               attorney=True, also=(CHARGING,)),
    DemoClient("Mr", "Harold", "James", "Pemberton", 91, NORTH, "care", relative=("David Pemberton", "Son"),
               also=(CHARGING,)),
    DemoClient("Mrs", "Doris", "May", "Whitfield", 94, NORTH, "nursing", relative=("Karen Lister", "Daughter"),
               also=(CHARGING,)),
    DemoClient("Mr", "Arthur", "Leonard", "Briggs", 86, NORTH, "home", relative=("Paul Briggs", "Son")),
    DemoClient("Mrs", "Joan", "Patricia", "Ashworth", 79, NORTH, "home", relative=("Julie Ashworth", "Daughter")),
    DemoClient("Mr", "Kenneth", "Roy", "Dawson", 83, NORTH, "care", "Ken", ("Andrew Dawson", "Son"),
               died_days_ago=65, also=(CHARGING,)),
    DemoClient("Miss", "Elsie", "Margaret", "Holroyd", 97, NORTH, "nursing", relative=("Helen Crabtree", "Niece"),
               also=(CHARGING,)),
    DemoClient("Mr", "Daniel", "Lewis", "Carter", 34, NORTH, "supported", "Danny", ("Carol Carter", "Mother")),
    DemoClient("Miss", "Sophie", "Anne", "Mitchell", 27, NORTH, "supported", relative=("Mark Mitchell", "Brother")),
    DemoClient("Mr", "Frederick", "George", "Lamb", 89, NORTH, "care", "Fred", ("Claire Lamb", "Daughter"),
               attorney=True, also=(CHARGING,)),
    DemoClient("Mrs", "Irene", "Winifred", "Platt", 92, NORTH, "home", relative=("Steven Platt", "Son")),
    DemoClient("Mr", "Stanley", "Ernest", "Hobbs", 80, NORTH, "home", "Stan", ("Alison Hobbs", "Daughter")),
    DemoClient("Mrs", "Barbara", "Jean", "Crowther", 76, NORTH, "care", relative=("Gary Crowther", "Son"),
               also=(CHARGING,)),
    DemoClient("Mr", "Peter", "Graham", "Lumb", 66, NORTH, "home", relative=("Lorraine Lumb", "Wife")),
    DemoClient("Miss", "Olive", "Maud", "Sutton", 98, NORTH, "nursing", relative=("Neil Sutton", "Nephew"),
               also=(CHARGING,)),
    DemoClient("Mrs", "Gwendolyn", "Rose", "Price", 90, SOUTH, "care", "Gwen", ("Joanne Price", "Daughter"),
               attorney=True, also=(CHARGING,)),
    DemoClient("Mr", "Thomas", "Henry", "Ward", 87, SOUTH, "nursing", relative=("Richard Ward", "Son"),
               also=(CHARGING,)),
    DemoClient("Mrs", "Patricia", "Ann", "Fenwick", 73, SOUTH, "home", "Pat", ("Emma Fenwick", "Daughter")),
    DemoClient("Mr", "Ronald", "Frank", "Pickering", 84, SOUTH, "care", "Ron", ("Michelle Pickering", "Daughter"),
               died_days_ago=20, also=(CHARGING,)),
    DemoClient("Ms", "Jennifer", "Louise", "Okafor", 45, SOUTH, "supported", relative=("Grace Okafor", "Sister")),
    DemoClient("Mr", "Albert", "Edward", "Shaw", 95, SOUTH, "nursing", relative=("Janet Shaw", "Daughter"),
               also=(CHARGING,)),
    DemoClient("Mrs", "Mavis", "Evelyn", "Booth", 85, SOUTH, "care", relative=("Ian Booth", "Son"), attorney=True,
               also=(CHARGING,)),
    DemoClient("Mrs", "Rita", "Kathleen", "Bamford", 89, SOUTH, "care", relative=("Sharon Bamford", "Daughter"),
               also=(CHARGING,)),
    DemoClient("Mr", "Leslie", "John", "Atkinson", 68, CHARGING, "home", relative=("Denise Atkinson", "Wife"),
               also=(DEBT,)),
    DemoClient("Mrs", "Gurdev", "Kaur", "Sandhu", 81, CHARGING, "care", relative=("Harjit Sandhu", "Son"),
               attorney=True, also=(DEBT,)),
    DemoClient("Mr", "Norman", "Keith", "Haworth", 77, CHARGING, "home", relative=("Tracey Haworth", "Daughter"),
               also=(DEBT,)),
    DemoClient("Mrs", "Sheila", "Mary", "O'Connor", 82, CHARGING, "care", relative=("Sean O'Connor", "Son"),
               also=(DEBT,)),
    DemoClient("Mr", "Raymond", "Paul", "Sutcliffe", 72, CHARGING, "home", "Ray", ("Nicola Sutcliffe", "Daughter")),
    DemoClient("Mrs", "Valerie", "Ann", "Hughes", 69, CHARGING, "home", relative=("Martin Hughes", "Husband")),
    DemoClient("Mr", "Abdul", "Karim", "Rahman", 74, CHARGING, "home", relative=("Farhana Rahman", "Daughter")),
    DemoClient("Mr", "Christopher", "David", "Moss", 52, CHARGING, "supported", "Chris", ("Linda Moss", "Sister")),
    DemoClient("Mrs", "Edna", "Lilian", "Marsh", 93, DEFERRED, "care", relative=("Philip Marsh", "Son"),
               attorney=True, also=(CHARGING,)),
    DemoClient("Mr", "George", "William", "Tindall", 88, DEFERRED, "nursing", relative=("Diane Tindall", "Daughter"),
               also=(CHARGING, PROPERTY)),
    DemoClient("Mrs", "Betty", "Joan", "Royle", 85, DEFERRED, "care", relative=("Kevin Royle", "Son"),
               also=(CHARGING,)),
    DemoClient("Mr", "Derek", "Alan", "Firth", 79, DEBT, "care", relative=("Wendy Firth", "Daughter"),
               also=(CHARGING,)),
    DemoClient("Mrs", "Pauline", "Margaret", "Greenwood", 75, DEBT, "home", relative=("Craig Greenwood", "Son"),
               also=(CHARGING,)),
    DemoClient("Mr", "Walter", "James", "Kenyon", 90, DEBT, "care", "Wally", ("Lesley Kenyon", "Daughter"),
               also=(CHARGING,)),
    DemoClient("Mrs", "Hilda", "Mary", "Brennan", 87, DEBT, "nursing", relative=("Patrick Brennan", "Son"),
               also=(CHARGING,)),
    DemoClient("Mr", "Samuel", "Thomas", "Eastwood", 41, PROPERTY, "supported", "Sam", ("Angela Eastwood", "Mother")),
    DemoClient("Mrs", "Eileen", "Frances", "Marsden", 96, PROPERTY, "care", relative=("Graham Marsden", "Son"),
               attorney=True, also=(CHARGING, NORTH)),
]

NOTES = {
    "care": [
        (NoteKind.PHONE, "Spoke to {relative_first} about the care home fees. {relative_they} will send the latest "
                         "invoice from {provider} so we can check the weekly rate."),
        (NoteKind.LETTER, "{provider} invoice for last month received and passed for payment."),
        (NoteKind.VISIT, "Visited at {provider}. {preferred} was settled and chatty; asked about the pension "
                         "and was reassured that the bills are being paid."),
    ],
    "nursing": [
        (NoteKind.LETTER, "Funded Nursing Care confirmed by the ICB; {provider} invoice adjusted from the start "
                          "of the month."),
        (NoteKind.PHONE, "{relative_first} phoned to ask whether {preferred}'s savings are now below the upper "
                         "capital limit. Explained we will reassess when the bank statements arrive."),
    ],
    "home": [
        (NoteKind.LETTER, "Pension Credit award letter received; weekly amount updated on the file."),
        (NoteKind.PHONE, "Spoke to {relative_first} about the British Gas bill. Direct debit now set up from "
                         "the current account."),
        (NoteKind.NOTE, "Bank statements checked for the last three months: no concerns."),
    ],
    "supported": [
        (NoteKind.VISIT, "Annual review at the supported living flat with the support worker. Weekly budget for "
                         "food and the day centre agreed; prepaid card to stay at £60 a week."),
        (NoteKind.LETTER, "PIP award letter received: enhanced daily living, standard mobility."),
    ],
    "died": [
        (NoteKind.PHONE, "Notified of {preferred}'s death by {provider}. Funeral director's details taken; "
                         "funeral to be paid from the estate."),
        (NoteKind.LETTER, "Wrote to Harrow & Finch Solicitors asking for the executor's details and a copy of "
                          "the will."),
    ],
}

# Days from today each successive task falls due; None marks one already done (due 10 days ago).
DUE_PATTERN = [-12, 2, -4, 9, None, 25, 5, -1, 40, None, 4, 16]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class ClientFacts:
    """What the demo records about a client, for tasks that name only what is there."""

    name: str
    bank: str
    account: str
    provider: str
    moved_in: dt.date | None
    died: dt.date | None
    relative: str
    attorney: bool
    statements_from: dt.date


def client_facts(index: int, person: DemoClient, client, on: dt.date) -> ClientFacts:
    """The same facts :func:`_client` and :func:`_contacts` record (bank, care home, dates)."""
    bank = "Barclays Bank UK PLC" if index % 3 else "Nationwide Building Society"
    three_months_ago = on - dt.timedelta(days=91)
    return ClientFacts(
        name=client.display_name,
        bank=bank.replace(" UK PLC", "").replace(" Building Society", ""),
        account="current account" if bank.startswith("Barclays") else "savings account",
        provider=CARE_PROVIDER.get(person.setting, ""),
        moved_in=on - dt.timedelta(days=90 + index * 23) if person.setting in CARE_PROVIDER else None,
        died=client.date_of_death,
        relative=person.relative[0] if person.relative else "",
        attorney=person.attorney,
        statements_from=three_months_ago.replace(day=1),
    )


def client_affairs_tasks(person: DemoClient, facts: ClientFacts) -> list[str]:
    """Work a client affairs officer has for the client, each about something in the demo; ``{due}``
    is filled with the task's due date. British Gas is paid by direct debit for people at home; the
    prepaid card top-ups of care home residents' allowance are :mod:`ledger.demo`'s, beside the payments."""
    f = facts
    if f.died:  # the first was done the day after the death (see _tasks)
        return [f"Stop payments from {f.name}'s funds: died {long_date(f.died)}",
                f"Send Harrow & Finch Solicitors the estate account for {f.name}, who died on {long_date(f.died)}"]
    found = []
    if person.age >= 66:
        found.append(f"Send {f.name}'s Pension Credit review form back to the DWP Pension Service by {{due}}")
    if person.setting == "home":
        found.append(f"Check {f.name}'s British Gas bill before the direct debit on {{due}}")
    if person.setting == "supported":
        found.append(f"Top up {f.name}'s prepaid card (£60 a week) for the week starting {{due}}")
    if person.setting == "nursing":
        found.append(f"Check {f.provider}'s invoice for {f.name} takes off Funded Nursing Care from "
                     f"{long_date(f.moved_in)}")
    found.append(f"Ask {f.bank} for {f.name}'s {f.account} statements since {long_date(f.statements_from)}")
    return found


@dataclass
class SeedResult:
    created: dict[str, int] = field(default_factory=dict)
    skipped_clients: int = 0

    def add(self, name: str, n: int = 1) -> None:
        self.created[name] = self.created.get(name, 0) + n


def demo_nhs_number(index: int) -> str:
    """A valid (Modulus 11) NHS number in the 999 range kept for testing."""
    body = 999_100_000 + index * 1_013
    while True:
        digits = f"{body:09d}"
        check = 11 - sum(int(d) * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return digits + str(check)
        body += 1


def demo_postcode(index: int) -> str:
    letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's last part may use
    return f"QB{1 + index % 9} {index % 10}{letters[index * 7 % 20]}{letters[index * 3 % 20]}"


def birth_date(age: int, index: int, on: dt.date) -> dt.date:
    """A date of birth that makes the person ``age`` today."""
    month, day = 1 + (index * 5) % 12, 1 + (index * 7) % 28
    year = on.year - age - (1 if (month, day) > (on.month, on.day) else 0)
    return dt.date(year, month, day)


def seed_people(run: DemoRun) -> dict[str, int]:
    """This app's demo step (see the module's docstring): teams, logins, staff, organisations, clients
    with their addresses, contacts, notes and client affairs tasks, and where their letters go."""
    on = run.on
    result = SeedResult()
    teams = {name: _team(name, service, result) for name, service in TEAMS.items()}
    users = {username: _user(username, role, teams, result) for username, role, _ in DEMO_LOGINS}
    organisations = {name: _organisation(name, users["olivia"], result) for name in ORGANISATIONS}
    _other_staff(users["admin"], teams, result)
    users["kemi"] = get_user_model().objects.get(username="kemi")
    officers = {NORTH: users["olivia"], CHARGING: users["priya"], DEBT: users["dev"]}
    # Who records each team's clients and takes cases on for it: an officer, else the team's leader.
    users["_acting"] = {NORTH: users["olivia"], SOUTH: users["kemi"], CHARGING: users["priya"],
                        DEFERRED: users["imran"], DEBT: users["dev"], PROPERTY: users["beth"]}
    users["_leaders"] = {NORTH: users["tom"], SOUTH: users["kemi"], CHARGING: users["sam"],
                         DEFERRED: users["imran"], DEBT: users["joan"], PROPERTY: users["beth"]}
    task_number = 0
    for index, person in enumerate(CLIENTS):
        reference = f"ASC-{100001 + index:06d}"
        if Client.objects.filter(council_reference=reference).exists():
            result.skipped_clients += 1
            continue
        task_number = _client(
            index, reference, person, on=on, teams=teams, users=users, officers=officers,
            organisations=organisations, result=result, task_number=task_number,
        )
    _correspondence(on=on, users=users, teams=teams, result=result)
    run.made.update(teams=teams, users=users, officers=officers, clients=[
        (Client.objects.get(council_reference=f"ASC-{100001 + index:06d}"), person, index)
        for index, person in enumerate(CLIENTS)])
    return result.created


def clients_of(run: DemoRun, team: str) -> list:
    """The demo's clients that ``team`` holds (as the case's team or as one of ``also``), each
    ``(client, DemoClient, index)``: for the steps of the apps that work those cases."""
    return [(client, person, index) for client, person, index in run.made["clients"]
            if team in (person.team, *person.also)]


def _team(name: str, service: str, result: SeedResult) -> Team:
    team = Team.objects.filter(name=name).first()
    if team is None:
        team = set_reason(Team(name=name, service=service), "Demo team")
        team.save()
        result.add("teams")
    return team


def _user(username: str, role: str, teams: dict[str, Team], result: SeedResult):
    User = get_user_model()
    first, last, team_names, leads = PEOPLE[username]
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last, email=f"{username}@example.com",
                    is_staff=ROLES[role] == Role.ADMINISTRATOR)
        user.set_password(DEMO_PASSWORD)
        set_reason(user, "Demo login")
        user.save()
        result.add("users")
    group = Group.objects.get(name=ROLES[role].value)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
    for name in team_names:
        if not TeamMembership.objects.filter(team=teams[name], user=user).exists():
            set_reason(TeamMembership(team=teams[name], user=user, is_leader=leads), "Demo team member").save()
            result.add("memberships")
    return user



def _other_staff(admin, teams: dict[str, Team], result: SeedResult) -> None:
    """:data:`OTHER_STAFF`, through the administration services as the demo administrator."""
    User = get_user_model()
    for username, (first, last, places, opened, left) in OTHER_STAFF.items():
        if User.objects.filter(username=username).exists():
            continue
        user = administration.user_create(acting_user=admin, username=username, first_name=first, last_name=last,
                                          email=f"{username}@example.com", reason=opened).user
        result.add("users")
        for team_name, leads in places:
            administration.membership_add(acting_user=admin, user=user, team=teams[team_name], is_leader=leads,
                                          reason=opened)
            result.add("memberships")
        if left:
            administration.user_deactivate(acting_user=admin, user=user, reason=left)


def _organisation(name: str, admin, result: SeedResult) -> Contact:
    contact = Contact.objects.filter(kind=ContactKind.ORGANISATION, name=name).first()
    if contact is None:
        kind, phone, address = ORGANISATIONS[name]
        contact = services.contact_create(
            acting_user=admin, kind=ContactKind.ORGANISATION, name=name, organisation_type=kind, phone=phone,
            address=address, reason="Demo organisation",
        )
        result.add("contacts")
    return contact


def _client(index, reference, person: DemoClient, *, on, teams, users, officers, organisations, result,
            task_number) -> int:
    admin = users["_acting"][person.team]  # records the client for the team that holds the case
    home = AddressInput(
        line_1=f"{3 + index * 7 % 120} {STREETS[index % len(STREETS)]}", town=TOWN, county=COUNTY,
        postcode=demo_postcode(index), start_date=on - dt.timedelta(days=365 * (8 + index % 30)),
    )
    if person.setting == "supported":
        home = AddressInput(line_1=f"Flat {1 + index % 12}, Linden Court", line_2="Mill Street", town=TOWN,
                            county=COUNTY, postcode="QB2 6LC", start_date=on - dt.timedelta(days=400 + index * 31))
    died = on - dt.timedelta(days=person.died_days_ago) if person.died_days_ago else None
    client = services.client_create(
        acting_user=admin, team=teams[person.team], officer=officers.get(person.team), address=home,
        council_reference=reference, title=person.title, first_name=person.first_name,
        middle_names=person.middle_names, last_name=person.last_name, preferred_name=person.preferred_name,
        date_of_birth=birth_date(person.age, index, on), nhs_number=demo_nhs_number(index),
        phone=f"01632 960{200 + index:03d}" if person.setting == "home" else "", date_of_death=died,
        reason="Demo client",
    )
    result.add("clients")
    result.add("allocations")
    result.add("addresses")
    for team_name in person.also:
        services.allocation_change(
            acting_user=users["_leaders"][team_name], client=client, service=TEAMS[team_name], team=teams[team_name],
            officer=officers.get(team_name), reason="Demo caseload",
        )
        result.add("allocations")
    provider = CARE_PROVIDER.get(person.setting)
    if provider:
        moved_in = on - dt.timedelta(days=90 + index * 23)
        care_home = CARE_HOMES[person.setting]
        services.address_add(
            acting_user=admin, client=client, reason="Moved into care",
            data=AddressInput(**{**care_home.__dict__, "start_date": moved_in}),
        )
        result.add("addresses")
        _link(admin, client, organisations[provider], Relationship.CARE_PROVIDER, "Care home", result)
    _contacts(index, person, client, admin, organisations, result)
    author = _caseworker(person, officers, admin)
    _notes(person, client, author, result)
    return _tasks(index, person, client, on=on, officers=officers, users=users, result=result,
                  task_number=task_number)


def _link(admin, client, contact, relationship, description, result, **extra) -> None:
    services.client_contact_link(
        acting_user=admin, client=client, contact=contact, relationship=relationship, description=description,
        reason="Demo contact", **extra,
    )
    result.add("contact_links")


def _contacts(index, person: DemoClient, client, admin, organisations, result) -> None:
    if person.relative:
        name, relation = person.relative
        relative = services.contact_create(
            acting_user=admin, kind=ContactKind.PERSON, name=name, phone=f"07700 900{100 + index:03d}",
            email=f"{name.split()[0].lower()}.{name.split()[-1].lower().replace(chr(39), '')}@example.com",
            reason="Demo contact",
        )
        result.add("contacts")
        if person.attorney:
            _link(admin, client, relative, Relationship.ATTORNEY,
                  f"{relation}; lasting power of attorney for property and financial affairs", result,
                  is_next_of_kin=True)
        else:
            _link(admin, client, relative, Relationship.RELATIVE, relation, result, is_next_of_kin=True)
    bank = "Barclays Bank UK PLC" if index % 3 else "Nationwide Building Society"
    _link(admin, client, organisations[bank], Relationship.ORGANISATION,
          "Current account" if bank.startswith("Barclays") else "Savings account", result)
    if person.age >= 66:
        _link(admin, client, organisations["DWP Pension Service"], Relationship.ORGANISATION,
              "State Pension and Pension Credit", result)
    else:
        _link(admin, client, organisations["DWP Personal Independence Payment"], Relationship.ORGANISATION,
              "Personal Independence Payment", result)
    if person.setting == "home":
        _link(admin, client, organisations["British Gas"], Relationship.ORGANISATION, "Gas and electricity", result)
    if person.died_days_ago:
        _link(admin, client, organisations["Harrow & Finch Solicitors LLP"], Relationship.EXECUTOR,
              "Acting for the executors", result)


def _caseworker(person: DemoClient, officers, admin):
    for team_name in (person.team, *person.also):
        if team_name in officers:
            return officers[team_name]
    return admin


def _notes(person: DemoClient, client, author, result) -> None:
    relative_first = person.relative[0].split()[0] if person.relative else "the family"
    relation = person.relative[1] if person.relative else ""
    they = "He" if relation in {"Son", "Brother", "Husband", "Nephew"} else "She"
    words = {
        "relative_first": relative_first,
        "relative_they": they,
        "preferred": person.preferred_name or person.first_name,
        "provider": CARE_PROVIDER.get(person.setting, "the care home"),
    }
    pool = NOTES["died"] if person.died_days_ago else NOTES[person.setting]
    for kind, text in pool:
        services.note_add(acting_user=author, client=client, kind=kind, text=text.format(**words))
        result.add("notes")


def _tasks(index, person: DemoClient, client, *, on, officers, users, result, task_number) -> int:
    """A client affairs officer's piece of work for the client (both of them when the client has died),
    due on the next day of :data:`DUE_PATTERN`. The other teams' tasks are their apps' (charging's
    follow its assessments, debt recovery's the invoices the charging run makes: :mod:`charging.demo`)."""
    facts = client_facts(index, person, client, on)
    titles = []
    for team_name in (person.team, *person.also):
        officer = officers.get(team_name)
        service = TEAMS[team_name]
        if officer is None or service != Service.CLIENT_AFFAIRS:
            continue  # the other teams' work is seeded by their apps' demo steps
        if team_name == NORTH and (task_number + len(titles)) % 4 == 3:
            officer = users["tom"]  # the team leader keeps some cases' work himself
        pool = client_affairs_tasks(person, facts)
        chosen = pool if facts.died else [pool[(task_number + len(titles)) % len(pool)]]
        titles += [(officer, title) for title in chosen]
    for officer, title in titles:
        offset = DUE_PATTERN[task_number % len(DUE_PATTERN)]
        task_number += 1
        if title.startswith("Stop payments"):
            offset = None  # done straight after the death
        elif facts.died and offset is None:
            offset = 5  # the estate is still being wound up
        # Tom, the team leader, sets some of the North team's work; officers set their own otherwise.
        setter = users["tom"] if officer.username == "olivia" and task_number % 2 else officer
        due = on + dt.timedelta(days=offset if offset is not None else -10)
        if offset is None and facts.died:
            due = facts.died + dt.timedelta(days=1)
        task = services.task_create(acting_user=setter, title=title.format(due=long_date(due)), assigned_to=officer,
                                    due_date=due, client=client,
                                    details=f"For {client.display_name} ({client.council_reference}).")
        result.add("tasks")
        if offset is None:
            services.task_complete(acting_user=officer, task=task, outcome="Done; filed on the client's record.")
    return task_number


# Where letters go (``people.correspondence``): Peggy Thornton has lived at Meadowbank since September
# and her daughter Susan, her attorney, asks for a copy of everything; the council is Sheila
# O'Connor's deputy, so her letters go to her c/o the North team.
ATTORNEY_ADDRESSES = {
    "Susan Thornton": "18 Larkspur Way\nBorchester\nQB5 3TW",
}
COUNCIL_CLIENT_AFFAIRS = "The council's client affairs team"
COUNCIL_DEPUTY_FOR = "O'Connor"


def _correspondence(*, on, users, teams, result) -> None:
    """The demo's correspondence rules and the council's deputyship, each once."""
    olivia, tom = users["olivia"], users["tom"]
    peggy = Client.objects.get(council_reference="ASC-100001")
    attorney = (ClientContact.objects.filter(client=peggy, relationship=Relationship.ATTORNEY)
                .select_related("contact").first())
    if attorney is not None and not CorrespondenceRule.objects.filter(client=peggy).exists():
        address = ATTORNEY_ADDRESSES.get(attorney.contact.name)
        if address and not attorney.contact.address:
            services.contact_update(acting_user=olivia, contact=attorney.contact, address=address,
                                    reason="Her address, for copies of her mother's letters")
        services.correspondence_rule_set(
            acting_user=olivia, client=peggy, send_to="care_home", representative=attorney,
            copy_to_representative=True,
            reason="Lives at Meadowbank Care Home since September; Susan holds her lasting power of attorney "
                   "for property and financial affairs and asked for a copy of every letter")
        result.add("correspondence rules")

    index = next(i for i, person in enumerate(CLIENTS) if person.last_name == COUNCIL_DEPUTY_FOR)
    client = Client.objects.get(council_reference=f"ASC-{100001 + index:06d}")
    if client.contact_links.filter(relationship=Relationship.DEPUTY).exists():
        return
    if not client.allocations.filter(team=teams[NORTH], end_date__isnull=True).exists():
        services.allocation_change(acting_user=tom, client=client, service=Service.CLIENT_AFFAIRS,
                                   team=teams[NORTH], officer=olivia,
                                   reason="Court of Protection appointed the council as her deputy")
        result.add("allocations")
    council = Contact.objects.filter(kind=ContactKind.ORGANISATION, name=COUNCIL_CLIENT_AFFAIRS).first()
    if council is None:
        # Letters to her go c/o the team at the letterhead's address; this is how the contact reads.
        council = services.contact_create(
            acting_user=olivia, kind=ContactKind.ORGANISATION, name=COUNCIL_CLIENT_AFFAIRS,
            organisation_type=OrganisationType.COUNCIL, phone="01632 960000", email="clientaffairs@council.example",
            address="Council Offices\nTown Hall Square\nAnytown\nAN1 1AA", reason="Demo organisation")
        result.add("contacts")
    _link(olivia, client, council, Relationship.DEPUTY,
          "Property and financial affairs deputy (Court of Protection order)", result,
          start_date=on - dt.timedelta(days=60))
