"""Factories for the people record. Build through services where the behaviour matters; these are
for arranging the world a test starts from."""

from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from people.choices import Service
from people.models import Allocation, Client, ClientContact, Contact, Team, TeamMembership

PASSWORD = "correct-horse-battery-staple"


def nhs_number(seed: int) -> str:
    """A valid NHS number (Modulus 11) made from ``seed``."""
    n = 400_000_000 + seed * 7
    while True:
        digits = f"{n:09d}"[-9:]
        total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1)))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            return digits + str(check)
        n += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")
    service = Service.CLIENT_AFFAIRS


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client
        skip_postgeneration_save = True

    council_reference = factory.Sequence(lambda n: f"ASC-{200000 + n:06d}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_between", start_date=dt.date(1925, 1, 1), end_date=dt.date(1965, 12, 31))
    nhs_number = factory.Sequence(nhs_number)

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        """``ClientFactory(team=some_team)`` allocates the client to that team from a year ago."""
        if extracted is not None:
            Allocation.objects.create(
                client=self, team=extracted, service=extracted.service,
                officer=kwargs.get("officer"), start_date=dt.date.today() - dt.timedelta(days=365),
            )


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Faker("name", locale="en_GB")
    phone = "01632 960001"


class ClientContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClientContact

    client = factory.SubFactory(ClientFactory)
    contact = factory.SubFactory(ContactFactory)
    relationship = "relative"
    description = "Daughter"
