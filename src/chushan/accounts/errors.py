"""Errors of the accounts domain."""

from chushan.core.errors import ApplicationError


class InvalidCredentials(ApplicationError):
    """A sign-in refused: wrong password or code. The message never says which numbers have accounts."""

    status = 401
    code = "invalid_credentials"
