"""fogline: a sourced, geocoded ledger of what happened in a conflict, and who says so."""

__version__ = "0.1.0"
