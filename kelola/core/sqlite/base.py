"""SQLite with a write gate, the embedded default's database engine.

SQLite admits one writer at a time. A second writer that finds the database locked is put to
sleep by SQLite's busy handler in growing steps (1, 2, 5, 10 … 100 ms) and looks again, so with
a few concurrent writers most of a filing's time went to sleeping past the moment the lock came
free (ticket filings reached ~145/s with the CPU half idle). Here a write transaction first
passes a gate — a thread lock, then an exclusive `flock` on `<database>.write-lock` shared by
every process using the file — and waiters sleep in the kernel until the holder commits or
rolls back, then go at once. `BEGIN IMMEDIATE` still takes SQLite's own lock behind the gate, so
a process that does not use this engine (the `sqlite3` shell, a backup) stays safe.

Only write transactions (`atomic`) pass the gate; single statements in autocommit mode keep
SQLite's busy handler. In-memory databases (the test suite) have no other process to wait for.
"""

from __future__ import annotations

import fcntl
import os
import threading

from django.db.backends.sqlite3 import base


class WriteGate:
    """One writer at a time across the threads and processes that use one database file."""

    def __init__(self, path: str):
        self.path = path
        self._threads = threading.Lock()
        self._fd: int | None = None

    def acquire(self) -> None:
        self._threads.acquire()
        try:
            if self._fd is None:
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except BaseException:
            self._threads.release()
            raise

    def release(self) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


_gates: dict[str, WriteGate] = {}
_gates_lock = threading.Lock()


def gate_for(database: str) -> WriteGate:
    path = f"{os.path.abspath(database)}.write-lock"
    with _gates_lock:
        return _gates.setdefault(path, WriteGate(path))


class DatabaseWrapper(base.DatabaseWrapper):
    _held_gate: WriteGate | None = None

    def _start_transaction_under_autocommit(self):
        if self.is_in_memory_db():
            return super()._start_transaction_under_autocommit()
        gate = gate_for(str(self.settings_dict["NAME"]))
        gate.acquire()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            gate.release()
            raise
        self._held_gate = gate
        return None

    def _release_gate(self) -> None:
        gate, self._held_gate = self._held_gate, None
        if gate is not None:
            gate.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_gate()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_gate()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_gate()
