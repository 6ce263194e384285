"""The one exception type services raise when a request breaks a rule of the business.

Views turn it into a GOV.UK error summary on the right field; the API turns it into the
error envelope. Messages are module constants in each app, asserted verbatim in tests.
"""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the business refused the request. `field` names the input at fault, if any."""

    def __init__(self, message: str, *, field: str | None = None, code: str = "refused") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


class NotPermitted(DomainError):
    """The signed-in person's role does not allow this."""

    def __init__(self, message: str = "Your role does not allow this.") -> None:
        super().__init__(message, code="forbidden")


class ItemRefused(DomainError):
    """A service given many items refused the one at `index`; `original` is its refusal."""

    def __init__(self, index: int, original: DomainError) -> None:
        super().__init__(original.message, field=original.field, code=original.code)
        self.index = index
        self.original = original
