"""GGUF files: a bounded header reader, validation, and what a header says about a model."""
