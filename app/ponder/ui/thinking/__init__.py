"""The chain-of-thought panel: the live trace, self-check highlighting, answer trajectory marks."""
