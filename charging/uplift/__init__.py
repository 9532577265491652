"""The April uplift: every live approved assessment worked out again with the new year's incomes and
rates, previewed, then committed by a team leader."""
