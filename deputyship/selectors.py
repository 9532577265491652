"""Client affairs casework: the reads other apps may call (the domain boundary; see docs/architecture.md)."""

from deputyship.authority.selectors import bonds_renewal_due  # noqa: F401,E402
