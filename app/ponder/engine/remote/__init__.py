"""The remote engine: a model on an existing OpenAI-compatible server, behind ``Engine``.

``RemoteEngine`` (``engine``) speaks to llama.cpp's ``llama-server``, Ollama, vLLM and
LM Studio over HTTP and yields the same typed events as the local engine, so the reply
assembly, the trace, storage and the teaching views work unchanged. ``wire`` holds the
request bodies and the stream decoders of each protocol; ``reasoning_split`` turns the
streamed pieces into thinking and answer text. The server registry, keys and probe live in
``ponder.core.servers``.
"""

from ponder.engine.remote.engine import RemoteEngine

__all__ = ["RemoteEngine"]
