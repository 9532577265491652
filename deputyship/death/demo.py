"""The death part of the demo: the demo client who died (their date of death is set in the people demo) with the
death recorded, the notification letters to the executor, relatives and organisations on their contacts made, the
final account prepared and made as a PDF, and the estate awaiting probate. Run again, it adds nothing."""

from __future__ import annotations

import datetime as dt


def seed_demo_step(run) -> dict[str, int]:
    from deputyship.death.choices import NotifiedHow, WillStatus
    from deputyship.death.models import Death
    from deputyship.death.services import death_record, final_account_render
    from documents.choices import DocumentStatus
    from documents.services import document_render
    from people.demo import NORTH, clients_of

    olivia = run.made["users"]["olivia"]
    made = {"deaths": 0, "letters": 0}
    for client, _person, _index in clients_of(run, NORTH):
        if client.date_of_death is None:
            continue
        death = Death.objects.filter(client=client).first()
        if death is None:
            death = death_record(acting_user=olivia, client=client, died_on=client.date_of_death,
                                 notified_on=client.date_of_death + dt.timedelta(days=1),
                                 notified_how=NotifiedHow.CARE_HOME, will=WillStatus.VALID_WILL,
                                 executor="Harrow & Finch Solicitors")
            made["deaths"] += 1
        final_account_render(acting_user=olivia, death=death)
        # The PDFs are made here rather than by a worker, so the demo shows them at once.
        documents = [letter.letter for letter in death.letters.select_related("letter")]
        documents.append(Death.objects.get(pk=death.pk).final_account.document)
        for document in documents:
            if document.status != DocumentStatus.READY:
                document_render(document_id=document.pk)
                made["letters"] += 1
    return made
