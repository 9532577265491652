"""Validation of identifiers the council holds about people."""

import re

from django.core.exceptions import ValidationError

#: Council references are issued as ``ASC-`` and six digits (``people.services``).
COUNCIL_REFERENCE_PREFIX = "ASC"
_REFERENCE_TYPED = re.compile(rf"\b{COUNCIL_REFERENCE_PREFIX}[\s-]*([0-9]{{1,6}})\b", re.IGNORECASE)


def council_reference(number: int) -> str:
    return f"{COUNCIL_REFERENCE_PREFIX}-{number:06d}"


def join_typed_references(text: str) -> str:
    """A reference typed as ``asc 100001``, ``ASC100001`` or ``asc-100001`` becomes one word, ``ASC-100001``."""
    return _REFERENCE_TYPED.sub(lambda m: council_reference(int(m.group(1))), text or "")


def reference_for_number(word: str) -> str | None:
    """The council reference a bare number stands for (``100001`` is ASC-100001), if it can be one."""
    return council_reference(int(word)) if word.isdigit() and len(word) <= 6 else None


def normalise_nhs_number(value: str) -> str:
    return "".join(ch for ch in (value or "") if not ch.isspace() and ch != "-")


def nhs_number_is_valid(value: str) -> bool:
    """The NHS number's Modulus 11 check: weights 10..2 on the first nine digits; the check digit
    is 11 minus the remainder (11 becomes 0; 10 means the number can never be valid)."""
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == int(digits[9])


def validate_nhs_number(value: str) -> None:
    digits = normalise_nhs_number(value)
    if len(digits) != 10 or not digits.isdigit():
        raise ValidationError("Enter an NHS number with 10 digits, like 943 476 5919", code="nhs_length")
    if not nhs_number_is_valid(digits):
        raise ValidationError("Enter a valid NHS number: the check digit does not match", code="nhs_check")
