"""The charging run: four-weekly periods charged in arrears, posted to the ledger exactly once, and
the invoice sent for each period."""
