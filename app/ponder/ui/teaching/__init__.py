"""Teaching views: presenter mode, replay, fork, side-by-side comparison."""
