"""The order money moved in, and the warnings a preview shows before anything is imported."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from itertools import groupby

from django.utils import timezone

from ledger.statements.lines import ParsedLine

#: At most this many future-dated lines are named in the warning.
FUTURE_NAMED = 5


def order_lines(lines: list[ParsedLine], *, newest_first: bool) -> tuple[list[ParsedLine], str]:
    """The lines in the order money moved, each with its ``order``, and a note if the file's order was changed.

    An export whose first date is later than its last is newest first and is turned round; so is one all
    on one day from a bank whose documented order is newest first. Then, within each day, where every line
    has a running balance, the lines are put in the order the balances chain (the balance before a line
    plus its amount is its balance), so a day's money in is there before the same day's money out. Where
    the balances do not chain, the day keeps the order above."""
    note = ""
    turned = lines[0].date > lines[-1].date or (lines[0].date == lines[-1].date and newest_first and len(lines) > 1)
    ordered = list(reversed(lines)) if turned else list(lines)
    if turned:
        note = "The file lists the newest lines first; they are applied oldest first."
    ordered.sort(key=lambda line: line.date)  # stable: a day's lines keep the order above
    result: list[ParsedLine] = []
    previous = None  # the balance after the last line of the previous day, where known
    changed = False
    for _, day in groupby(ordered, key=lambda line: line.date):
        day = list(day)
        chained = _chain(day, previous)
        if chained is not day:
            changed = True
        result.extend(chained)
        previous = chained[-1].bank_balance if _chains(chained, None) else None
    if changed and not note:
        note = "Lines of a day are applied in the order their running balances show."
    return [dataclasses.replace(line, order=position) for position, line in enumerate(result)], note


def _chains(day: list[ParsedLine], opening) -> bool:
    if any(line.bank_balance is None for line in day):
        return False
    current = opening if opening is not None else day[0].bank_balance - day[0].amount
    for line in day:
        if current + line.amount != line.bank_balance:
            return False
        current = line.bank_balance
    return True


def _chain(day: list[ParsedLine], opening) -> list[ParsedLine]:
    """The day's lines in running-balance order, or ``day`` itself (the same list) if they already are in
    it or no single order chains."""
    if len(day) < 2 or any(line.bank_balance is None for line in day) or _chains(day, None):
        return day
    by_start: dict = {}
    for line in day:
        by_start.setdefault(line.bank_balance - line.amount, []).append(line)
    balances = Counter(line.bank_balance for line in day)
    starts = [opening] if opening is not None and opening in by_start else [
        start for start in by_start if balances[start] == 0]
    if len(starts) != 1:
        return day
    current, result = starts[0], []
    while len(result) < len(day):
        waiting = by_start.get(current)
        if not waiting:
            return day
        line = waiting.pop(0)
        result.append(line)
        current = line.bank_balance
    return result


def warnings(lines: list[ParsedLine], *, today: dt.date | None = None) -> list[str]:
    """What the officer should check before importing: lines dated in the future, and a file whose every
    line appears twice with the same running balance (an export saved or pasted twice)."""
    today = today or timezone.localdate()
    found: list[str] = []
    future = [line for line in lines if line.date > today]
    if future:
        named = ", ".join(f"line {line.line_number} ({line.date:%d/%m/%Y})" for line in future[:FUTURE_NAMED])
        more = f" and {len(future) - FUTURE_NAMED} more" if len(future) > FUTURE_NAMED else ""
        found.append(f"{len(future)} line{'s are' if len(future) != 1 else ' is'} dated in the future: {named}{more}. "
                     "A bank does not export lines that have not happened: check the file is the bank's own export.")
    if len(lines) >= 2 and len(lines) % 2 == 0:
        counts = Counter((line.date, line.amount, line.description, line.reference, line.bank_balance)
                         for line in lines)
        if all(count == 2 for count in counts.values()) and any(line.bank_balance is not None for line in lines):
            found.append("Every line of this file appears twice, with the same running balance each time: the "
                         "export looks doubled. Importing it would record every line twice; check the file first.")
    return found


def balances(lines: list[ParsedLine]) -> tuple:
    """The opening and closing balances the running balances give (None where a line has none), and a
    warning if they do not add up line by line (then neither is given)."""
    if not lines or any(line.bank_balance is None for line in lines):
        return None, None, ""
    current = lines[0].bank_balance - lines[0].amount
    for line in lines:
        if current + line.amount != line.bank_balance:
            return None, None, (f"The running balances do not add up at line {line.line_number}: {current} and "
                                f"{line.amount} make {current + line.amount}, but the file says {line.bank_balance}. "
                                "The statement's opening and closing balances cannot be checked.")
        current = line.bank_balance
    return lines[0].bank_balance - lines[0].amount, lines[-1].bank_balance, ""
