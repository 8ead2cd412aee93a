"""The one error the articles stage raises.

A ``ValueError`` subclass so callers that only know "bad input" still catch it; the
stream turns it into a one-line ``ReadProblem`` naming the source, never a traceback.
"""


class ArticleError(ValueError):
    """A raw document holds no usable article (no main text, nothing but boilerplate)."""
