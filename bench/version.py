"""The package version, in a module of its own: any module may import it without
importing the package root (whose public names come from every layer)."""

__version__ = "0.1.0"
