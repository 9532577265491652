"""The sample bank statement files in ``tests/ledger/data/``, for any test that imports one."""

from pathlib import Path

DATA = Path(__file__).parent / "data"


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()
