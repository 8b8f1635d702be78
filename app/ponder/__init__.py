"""Ponder: run small distilled reasoning models locally, the chain of thought beside the answer."""

__version__ = "0.1.0"
