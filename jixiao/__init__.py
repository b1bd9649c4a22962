"""jixiao: read, check and index budget-performance documents."""

__version__ = "0.1.0"
