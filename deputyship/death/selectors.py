"""Reading a client's death and the winding up of their estate."""

from __future__ import annotations

from django.http import Http404

from deputyship.death.models import Death, FuneralConsent
from people.selectors import clients_visible_to


def access_death(*, user, pk) -> Death:
    """The death recorded with id ``pk``, if the user may see the client; else a 404 (like one that does not exist)."""
    try:
        return Death.objects.select_related("client").get(pk=pk, client__in=clients_visible_to(user=user))
    except (Death.DoesNotExist, ValueError, TypeError):
        raise Http404("No such death recorded") from None


def access_funeral_consent(*, user, pk) -> FuneralConsent:
    try:
        return FuneralConsent.objects.select_related("death__client").get(
            pk=pk, death__client__in=clients_visible_to(user=user))
    except (FuneralConsent.DoesNotExist, ValueError, TypeError):
        raise Http404("No such consent") from None


def death_of(client) -> Death | None:
    return (Death.objects.filter(client=client)
            .select_related("keys_task", "final_account__document", "grant", "estate_release", "bona_vacantia")
            .first())


def death_context(*, death: Death) -> dict:
    """What the death page shows: the notifications (tasks and letters), who is still to be written to, the
    funeral consents and payments, the final account and report, the grant, the release and Bona Vacantia."""
    from deputyship.death import services

    recipients = services.death_letter_recipients(death=death)
    letters = list(death.letters.select_related("letter", "contact").order_by("to", "recipient"))
    written = {letter.contact_id for letter in letters if letter.contact_id} | {
        letter.to for letter in letters if not letter.contact_id}
    waiting = [r for r in recipients if (r.contact.pk if r.contact is not None else r.to) not in written]
    consents = list(death.funeral_consents.prefetch_related("payments__payment").order_by("consented_on", "pk"))
    return {
        "death": death,
        "notifications": list(death.notifications.select_related("task").order_by("pk")),
        "letters": letters,
        "waiting": waiting,
        "consents": consents,
        "consent_remaining": services.funeral_consent_remaining(death),
        "final_account": getattr(death, "final_account", None),
        "final_report": services.final_report_of(death),
        "grant": getattr(death, "grant", None),
        "release": getattr(death, "estate_release", None),
        "bona_vacantia": getattr(death, "bona_vacantia", None),
    }
