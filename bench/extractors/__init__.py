"""Extractor backends: the interface (base), the registry, the isolated runner, built-ins."""
