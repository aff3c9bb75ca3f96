"""`tacitus serve`: the JSON API and the web explorer (app.py: create_app, serve), their safety
measures (safety.py), and the labelled spans that highlight an event in its report (spans.py).

Nothing is imported here, so the CLI can read the defaults without loading the web stack.
"""

DEFAULT_MAX_BODY = 4 * 1024 * 1024  # room for a document at the readers' 2 MB text limit, JSON-escaped
