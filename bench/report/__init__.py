"""Rendering of scoring Results (console tables now; markdown and HTML reports build on it)."""
