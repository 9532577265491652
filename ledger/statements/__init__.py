"""Reading bank statements: the layouts the system knows and the reader that turns a bank's export into
statement lines, with the checks made before anything is planned or posted.

- :mod:`ledger.statements.layouts`: the built-in CSV layouts, as data (one :class:`Layout` per bank export).
- :mod:`ledger.statements.values`: dates and amounts as UK banks write them.
- :mod:`ledger.statements.recognise`: what kind of file this is (CSV, or a format not read here).
- :mod:`ledger.statements.csv_reader`: a CSV export read line by line against its layout.
- :mod:`ledger.statements.checks`: the order of a day's lines, and the warnings shown in the preview.

:mod:`ledger.imports` plans and posts what these read; see ``docs/importing-a-bank-statement.md``.
"""
