"""fuzz/: bounded-time fuzzing of the value parser, the table interpreter, the checker and the readers.

``make fuzz`` runs ``fuzz/run.py``; see ``fuzz/README.md``. Nothing here runs in
``make test`` except the replay of saved crash inputs (``tests/test_fuzz_regressions.py``),
which needs no atheris: targets decode their bytes with ``fuzz.decode``, not with
atheris' data provider, so a saved input replays identically anywhere.
"""
