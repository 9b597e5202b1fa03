"""Errors the CLI prints as one line; a module of its own so the CLI can catch them without importing the
database layer (psycopg, SQLAlchemy) for commands that never use it."""

from __future__ import annotations


class DatabaseError(RuntimeError):
    """A database that cannot be reached or started: the CLI prints it as one line."""
