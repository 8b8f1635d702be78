"""The conversation history in SQLite: the store, its schema, messages, search, the streaming
writer.
"""
