"""Text-matching helpers shared by stages (no fogline imports beyond model): keyword-anchored regex search."""
