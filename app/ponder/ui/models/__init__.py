"""Choosing and managing models: the model bar, the manager, the library, background file tasks."""
