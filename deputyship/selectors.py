"""Client affairs casework: the reads other apps may call (the domain boundary; see docs/architecture.md)."""
