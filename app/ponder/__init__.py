"""Ponder: run small distilled reasoning models locally, with the chain of thought beside the answer."""

__version__ = "0.1.0"
