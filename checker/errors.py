"""Errors that reach the user as one clear line, never as a traceback."""


class HeduiError(Exception):
    """A user-facing error: bad input, bad configuration or a bad rule file."""


class InputError(HeduiError):
    """An article that cannot be read: missing, binary, undecodable, malformed front matter."""


class RuleFileError(HeduiError):
    """A rule, lexicon or unit definitions file that is malformed; names file, line and key."""

    def __init__(self, path: str, line: int | None, key: str | None, problem: str):
        self.path, self.line, self.key, self.problem = path, line, key, problem
        where = f"{path}:{line}" if line else path
        what = f" key '{key}'" if key else ""
        super().__init__(f"{where}:{what} {problem}".replace(": ", ": ", 1))

    def __reduce__(self):
        """Rebuild from the four fields: an error raised in a worker process crosses to the main one intact."""
        return type(self), (self.path, self.line, self.key, self.problem)
