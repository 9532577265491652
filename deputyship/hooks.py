"""What client affairs casework adds to the shared screens (:mod:`core.registry`): each part registers its own
sections, panels, jobs and demo step."""

from __future__ import annotations


def register() -> None:
    from deputyship.referrals import hooks as referrals_hooks
    from deputyship.authority import hooks as authority_hooks
    from deputyship.appointment import hooks as appointment_hooks
    from deputyship.safeguarding import hooks as safeguarding_hooks
    from deputyship.schedule import hooks as schedule_hooks
    from deputyship.payruns import hooks as payruns_hooks
    from deputyship.cards import hooks as cards_hooks
    from deputyship.lifeevents import hooks as lifeevents_hooks
    from deputyship.death import hooks as death_hooks
    from deputyship.fees import hooks as fees_hooks
    from deputyship.returns import hooks as returns_hooks

    for part in (referrals_hooks, authority_hooks, appointment_hooks, safeguarding_hooks, schedule_hooks, payruns_hooks, cards_hooks, lifeevents_hooks, death_hooks, fees_hooks, returns_hooks):
        part.register()
