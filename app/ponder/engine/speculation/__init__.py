"""Exact speculative decoding: tokens drafted from the context, verified in one batch."""
