"""The SQLite write gate (kelola.core.sqlite): one write transaction at a time across threads
and processes of one database file, released on commit, rollback and close; in-memory
databases (the test suite's) pass without it."""

import fcntl
import os
import threading
import time

import pytest
from django.db import connection

from kelola.core.sqlite.base import DatabaseWrapper, gate_for


def _is_locked(path: str) -> bool:
    """Whether another open file description holds the gate's flock (as another process would)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _wrapper(tmp_path) -> DatabaseWrapper:
    settings = {**connection.settings_dict, "NAME": str(tmp_path / "gate.sqlite3")}
    settings["OPTIONS"] = {"transaction_mode": "IMMEDIATE"}
    return DatabaseWrapper(settings, alias="gate_test")


@pytest.mark.parametrize("finish", ["commit", "rollback", "close"])
def test_a_write_transaction_holds_the_gate_until_it_ends(tmp_path, finish, django_db_blocker):
    database = _wrapper(tmp_path)
    lock_file = str(tmp_path / "gate.sqlite3.write-lock")
    with django_db_blocker.unblock():  # a database file of the test's own, not the test database
        database.ensure_connection()
        database._start_transaction_under_autocommit()
        database.cursor().execute("CREATE TABLE t (n integer)")
        assert _is_locked(lock_file)
        getattr(database, finish)()
        assert not _is_locked(lock_file)
        database.close()


def test_writers_of_one_file_take_turns(tmp_path):
    gate = gate_for(str(tmp_path / "turns.sqlite3"))
    inside, overlaps = [0], []

    def writer():
        for _ in range(20):
            gate.acquire()
            inside[0] += 1
            overlaps.append(inside[0])
            time.sleep(0.0005)
            inside[0] -= 1
            gate.release()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(overlaps) == 80 and max(overlaps) == 1


def test_in_memory_databases_pass_without_the_gate(django_db_blocker):
    settings = {**connection.settings_dict, "NAME": ":memory:", "OPTIONS": {}}
    database = DatabaseWrapper(settings, alias="gate_memory")
    with django_db_blocker.unblock():
        database.ensure_connection()
        database._start_transaction_under_autocommit()
        assert database._held_gate is None
        database.rollback()
        database.close()
