"""What keeps a run going through faults: database errors told apart (down vs. refusing one row),
retries with a configurable back-off, size limits, bounded transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from prefect import Task
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError

from extractors.records import Page
from models.db import DatabaseError, one_line
from models.settings import get_settings
from models.settings import size_limits as limits

__all__ = ["DatabaseUnavailable", "database_step", "is_transient", "limits", "one_line", "retrying",
           "transaction_groups"]


class DatabaseUnavailable(DatabaseError):
    """The database could not be reached or went away (retried; the CLI prints it as one line)."""


def is_transient(exc: BaseException) -> bool:
    """A connection lost, refused or reset, a restart, a deadlock: worth trying again as it was."""
    if isinstance(exc, DatabaseUnavailable):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError | InterfaceError)


@contextmanager
def database_step(what: str) -> Iterator[None]:
    """Database errors of a step: one that says the database is down becomes one short
    DatabaseUnavailable line (no statement, no parameters, no traceback chain)."""
    try:
        yield
    except SQLAlchemyError as exc:
        if is_transient(exc):
            raise DatabaseUnavailable(f"database unavailable ({what}): {one_line(exc)}") from None
        raise


def _retry_transient(task, task_run, state) -> bool:
    try:
        state.result()
    except Exception as exc:
        return is_transient(exc)
    return False


def retrying(task: Task) -> Task:
    """The task with the configured back-off (MEDIAMON_RETRY_DELAYS), retried only for a database that is down."""
    delays = list(get_settings().retry_delays)
    return task.with_options(retries=len(delays), retry_delay_seconds=delays or 0,
                             retry_condition_fn=_retry_transient)


def transaction_groups(pages: list[tuple[int, Page]], max_articles: int) -> Iterator[list[tuple[int, Page]]]:
    """Consecutive pages with at most `max_articles` articles together (a bigger page alone)."""
    group: list[tuple[int, Page]] = []
    count = 0
    for item in pages:
        n = len(item[1].items)
        if group and count + n > max_articles:
            yield group
            group, count = [], 0
        group.append(item)
        count += n
    if group:
        yield group
