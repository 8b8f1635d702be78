"""The domain of Ponder in plain Python. Nothing here imports Qt (a test enforces it)."""
