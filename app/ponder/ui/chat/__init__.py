"""The conversation: the controller, the composer, messages, the generation thread, the live
reply.
"""
