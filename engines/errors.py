"""Errors an engine raises on purpose; the UI shows their message to the user as is."""


class UserInputError(ValueError):
    """The user asked for something we refuse (out-of-range number, empty prompt...)."""


class ModelUnavailable(RuntimeError):
    """A model cannot be loaded here (hub unreachable, package missing...)."""
