"""Client money for tests: a receipt recorded by hand, then confirmed by a second officer, as a team
would before spending it (ledger.models.ManualReceipt)."""

from __future__ import annotations

from core.roles import Role
from ledger.client_money import receipt_confirm
from ledger.models import ManualReceipt
from people.choices import Service
from people.models import TeamMembership
from tests.factories import TeamMembershipFactory, UserFactory


def second_officer(user):
    """Another officer of ``user``'s client affairs team (made once per team)."""
    membership = (TeamMembership.objects.filter(user=user, team__service=Service.CLIENT_AFFAIRS)
                  .select_related("team").first())
    assert membership is not None, f"{user} is in no client affairs team"
    team = membership.team
    username = f"checker-{team.pk}"
    other = TeamMembership.objects.filter(team=team, user__username=username).first()
    if other is not None:
        return other.user
    checker = UserFactory(username=username, first_name="Chris", last_name="Checker", roles=[Role.OFFICER])
    TeamMembershipFactory(team=team, user=checker)
    return checker


def confirmed(receipt):
    """``receipt`` (a transaction from ``client_receipt_record``), confirmed by a second officer."""
    manual = ManualReceipt.objects.select_related("recorded_by", "client").get(transaction=receipt)
    receipt_confirm(acting_user=second_officer(manual.recorded_by), receipt=manual)
    return receipt
