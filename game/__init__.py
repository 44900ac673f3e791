"""Virtuous Circle (良性循环): a serious game about the technology–industry–finance cycle."""

__version__ = "0.1.0"
