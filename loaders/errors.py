"""The one error type that user-facing code turns into a clean message and an exit code (or a 4xx)."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input that strategigraf cannot use. Carries a Norwegian (nynorsk, as the project's messages are) and
    an English message.

    ``str(error)`` is the one-line message shown to users: file, line (where known), nn text, en text.
    """

    def __init__(
        self,
        message_nn: str,
        message_en: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        kind: str = "input",
    ) -> None:
        self.message_nn = message_nn
        self.message_en = message_en
        self.path = str(path) if path is not None else None
        self.line = line
        self.kind = kind
        super().__init__(self.one_line())

    def __reduce__(self) -> tuple[object, ...]:
        # so the error survives the trip from a worker process (pickle would call __init__ with str(self))
        return (_rebuild, (self.message_nn, self.message_en, self.path, self.line, self.kind))

    def location(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path

    def one_line(self) -> str:
        where = self.location()
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.message_nn} / {self.message_en}"


def _rebuild(message_nn: str, message_en: str, path: str | None, line: int | None, kind: str) -> InputError:
    return InputError(message_nn, message_en, path=path, line=line, kind=kind)
