"""The conversation: the controller, the composer, messages, the turn runner (on the engine's
worker thread), the live reply.
"""
