"""UK modulus checking: whether a sort code and an account number can belong together, by Pay.UK's (Vocalink's)
specification *Validating account numbers* (version 7.90, valid from 17 August 2024) and its two data files
in ``ledger/data`` (their source and version are in ``ledger/data/SOURCE.md``):

- ``valacdos-v7-90.txt``, the modulus weight table: for a range of sort codes, the method (``MOD10``,
  ``MOD11`` or ``DBLAL``, the double alternate), fourteen weights for the digits ``u v w x y z`` of the sort
  code and ``a b c d e f g h`` of the account number, and an exception code (1 to 14) when the bank's
  numbers need a variation of the method;
- ``scsubtab.txt``, the sorting code substitution table used by exception 5.

A sort code found in no range of the table cannot be checked (the specification: the account number
"cannot be validated" and should be accepted); :func:`check` says so with ``covered=False``. Passing the
check means only that the pair *could* exist, not that it does.

The method, in short (the specification's own words are in the comments):

- MOD10 / MOD11: multiply each of the 14 digits by its weight, add the products, divide by 10 / 11: the
  remainder must be 0;
- DBLAL: as MOD10, but add the *digits* of the products (so 14 counts as 1 + 4).

A sort code with two rows is checked twice, and both must pass, except where an exception says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
WEIGHT_TABLE = DATA / "valacdos-v7-90.txt"
SUBSTITUTION_TABLE = DATA / "scsubtab.txt"
SPECIFICATION = "Pay.UK (Vocalink) Validating account numbers v7.90, weight table valid from 17 August 2024"

# Exception 8: "Perform the check as specified, except substitute the sorting code with 090126".
EXCEPTION_8_SORT_CODE = "090126"
# Exceptions 2 and 9: "If the first check fails, then use the substitute sorting code 309634 with the second check".
EXCEPTION_9_SORT_CODE = "309634"
# Exception 2 replaces the table's weights by one of these two sets (u v w x y z a b c d e f g h).
EXCEPTION_2_WEIGHTS_G_NOT_9 = (0, 0, 1, 2, 5, 3, 6, 4, 8, 7, 10, 9, 3, 1)
EXCEPTION_2_WEIGHTS_G_9 = (0, 0, 0, 0, 0, 0, 0, 0, 8, 7, 10, 9, 3, 1)
# Exception 1: "add 27 to the total (ie before you divide by 10)".
EXCEPTION_1_ADDEND = 27

# Positions of the named digits in the 14 digits (sort code then account number).
U, V, W, X, Y, Z, A, B, C, D, E, F, G, H = range(14)


@dataclass(frozen=True)
class Row:
    start: str
    end: str
    method: str
    weights: tuple[int, ...]
    exception: int | None


@dataclass(frozen=True)
class Result:
    """``valid``: the pair passes (always ``True`` when the sort code is not ``covered`` by the table)."""

    valid: bool
    covered: bool


@cache
def _rows() -> tuple[Row, ...]:
    rows = []
    for line in WEIGHT_TABLE.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if not parts:
            continue
        if len(parts) not in (17, 18) or parts[2] not in ("MOD10", "MOD11", "DBLAL"):
            raise ValueError(f"Unexpected line in {WEIGHT_TABLE.name}: {line!r}")
        rows.append(Row(start=parts[0], end=parts[1], method=parts[2], weights=tuple(int(p) for p in parts[3:17]),
                        exception=int(parts[17]) if len(parts) == 18 else None))
    return tuple(rows)


@cache
def _substitutions() -> dict[str, str]:
    pairs = (line.split() for line in SUBSTITUTION_TABLE.read_text(encoding="ascii").splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2}


def rows_for(sort_code: str) -> list[Row]:
    """The weight table's rows for the sort code (none, one or two), in the table's order."""
    return [row for row in _rows() if row.start <= sort_code <= row.end]


def _total(method: str, digits: list[int], weights: tuple[int, ...]) -> int:
    products = [d * w for d, w in zip(digits, weights, strict=True)]
    if method == "DBLAL":
        return sum(sum(int(ch) for ch in str(p)) for p in products)
    return sum(products)


def _passes(row: Row, sort_code: str, account: str) -> bool:
    """One check (one row of the table), with the exceptions that change how that check is done."""
    ex = row.exception
    if ex == 5:
        # "Before performing the check, check whether the sorting code is in the substitution table."
        sort_code = _substitutions().get(sort_code, sort_code)
    elif ex == 8:
        sort_code = EXCEPTION_8_SORT_CODE
    elif ex == 9:
        sort_code = EXCEPTION_9_SORT_CODE
    digits = [int(ch) for ch in sort_code + account]
    weights = list(row.weights)
    if ex == 2 and digits[A] != 0:
        weights = list(EXCEPTION_2_WEIGHTS_G_9 if digits[G] == 9 else EXCEPTION_2_WEIGHTS_G_NOT_9)
    # Exception 7: "if g = 9 zeroise weighting positions u-b"; exception 10: the same "if ab = 09 or 99 and g = 9".
    if (ex == 7 and digits[G] == 9) or (ex == 10 and digits[A] in (0, 9) and digits[B] == 9 and digits[G] == 9):
        weights[U:C] = [0] * 8
    total = _total(row.method, digits, tuple(weights))
    if ex == 1:
        total += EXCEPTION_1_ADDEND
    modulus = 11 if row.method == "MOD11" else 10
    remainder = total % modulus
    if ex == 4:
        # "subtract the checkdigit [gh] from the remainder. If the answer is 0, the account number is valid."
        return remainder == digits[G] * 10 + digits[H]
    if ex == 5:
        if row.method == "MOD11":
            # The check digit is g: remainder 0 needs g = 0, remainder 1 fails, else 11 - remainder = g.
            if remainder == 0:
                return digits[G] == 0
            return remainder != 1 and 11 - remainder == digits[G]
        # The double alternate check's digit is h: remainder 0 needs h = 0, else 10 - remainder = h.
        return digits[H] == 0 if remainder == 0 else 10 - remainder == digits[H]
    return remainder == 0


def check(sort_code: str, account_number: str) -> Result:
    """Checks a 6-digit sort code and an 8-digit account number (digits only; the caller checks the format)."""
    if not (re.fullmatch(r"\d{6}", sort_code or "") and re.fullmatch(r"\d{8}", account_number or "")):
        raise ValueError("A modulus check needs a 6-digit sort code and an 8-digit account number")
    rows = rows_for(sort_code)
    if not rows:
        return Result(valid=True, covered=False)
    account = account_number
    # Exception 6: "If a = 4, 5, 6, 7 or 8, and g and h are the same, the account is a foreign currency
    # account and cannot be checked."
    if any(row.exception == 6 for row in rows) and int(account[A - 6]) in range(4, 9) and account[6] == account[7]:
        return Result(valid=True, covered=True)
    first, second = rows[0], (rows[1] if len(rows) > 1 else None)
    first_passes = _passes(first, sort_code, account)
    if second is None:
        if not first_passes and first.exception == 14:
            # "If the 8th digit is not 0, 1 or 9 the account number fails. Otherwise remove the 8th digit,
            # shift the rest one place to the right with a 0 in front, and check again."
            if account[7] not in "019":
                return Result(valid=False, covered=True)
            return Result(valid=_passes(first, sort_code, "0" + account[:7]), covered=True)
        return Result(valid=first_passes, covered=True)
    # Exceptions 2 and 9, 10 and 11, 12 and 13: the account number is valid if either check passes
    # (for 2 and 9 the second is only run when the first fails, with the substitute sort code).
    if (first.exception, second.exception) in ((2, 9), (10, 11), (12, 13)):
        return Result(valid=first_passes or _passes(second, sort_code, account), covered=True)
    if not first_passes:
        return Result(valid=False, covered=True)
    # Exception 3: "If c = 6 or c = 9 the double alternate check does not need to be carried out."
    if second.exception == 3 and account[C - 6] in "69":
        return Result(valid=True, covered=True)
    return Result(valid=_passes(second, sort_code, account), covered=True)
