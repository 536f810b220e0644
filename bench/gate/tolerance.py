"""The gate's default tolerance, in a module of its own: the CLI reads it for its options
without loading the gate."""

DEFAULT_TOLERANCE = 0.02
"""The largest absolute F1 drop the gate lets pass (``bench check --tolerance``)."""
