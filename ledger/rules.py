"""Who may do what with money (see :mod:`core.rules` and the vocabulary in :mod:`people.rules`).

Client money (receipts, payments, releasing and cancelling held payments, bank statement imports,
suspense, reconciliation) belongs to **client affairs**: only an officer whose client affairs team
holds the client moves that client's money, and only client affairs officers work the pooled
account. Anyone who may see a client may read the client's balance and statement (charging and debt
recovery need it for their work) but never move it. Signing a month off and reopening it are for
client affairs team leaders. General ledger transactions between the council's own accounts are for
the finance services' team leaders; client money is refused there whoever asks.
"""

from __future__ import annotations

from core.rules import define
from people.choices import Service
from people.rules import holds, is_administrator, is_superuser, leads_in, reads_everything, sees_client, works_in

CLIENT_AFFAIRS = Service.CLIENT_AFFAIRS

works_client_money = works_in(CLIENT_AFFAIRS)
reads_council_money = works_client_money | reads_everything


def register() -> None:
    define("ledger.view_client_money", sees_client, "You cannot see this client's money.")
    define("ledger.record_client_money", holds(CLIENT_AFFAIRS),
           "Only the client affairs team that holds this client's case can record their money.")
    define("ledger.view_council_money", reads_council_money, "The pooled client account is for the client "
           "affairs team.")
    define("ledger.work_council_money", works_client_money, "Only client affairs officers can import bank "
           "statements, allocate suspense and prepare reconciliations.")
    define("ledger.sign_off_reconciliation", leads_in(CLIENT_AFFAIRS),
           "Only a client affairs team leader can sign off a reconciliation.")
    define("ledger.manage_statement_layouts", leads_in(CLIENT_AFFAIRS),
           "Only a client affairs team leader can add a bank statement layout.")
    define("ledger.manage_bank_details", leads_in(CLIENT_AFFAIRS) | is_administrator | is_superuser,
           "Only a client affairs team leader or an administrator can record the client bank account's details.")
    define("ledger.reopen_month", leads_in(CLIENT_AFFAIRS),
           "Only a client affairs team leader can reopen a closed month.")
    define("ledger.view_council_accounts", leads_in(Service.CHARGING) | leads_in(Service.DEBT_RECOVERY)
           | leads_in(Service.DEFERRED_PAYMENTS) | reads_everything,
           "The council's ledger accounts are for the finance team leaders.")
    define("ledger.post_general_transaction", leads_in(Service.CHARGING) | leads_in(Service.DEBT_RECOVERY)
           | leads_in(Service.DEFERRED_PAYMENTS),
           "Only a charging, debt recovery or deferred payments team leader can post a general transaction.")
