"""The one error a user sees: bad input, named by file, row, column and value, never a traceback."""


class IngestError(Exception):
    """A problem with an input as a whole; the message names file, row, column and value."""
