"""Inference servers a person configured: where they are, how to reach them, what they are.

Ponder can run a model on an existing OpenAI-compatible server (llama.cpp's ``llama-server``,
Ollama, vLLM, LM Studio) instead of on this computer. This package is the plain-Python side:

* ``addresses``: a base URL checked and normalised (http/https only, no credentials in it);
* ``registry``: the servers the person added (name, base URL, optional CA file), one file;
* ``keys``: their API keys, in the OS keyring where one exists, else a file only they can read;
* ``connection``: the one way an HTTP client to a server is made (TLS always verified) and
  the one place a network fault becomes a message for the person;
* ``probe``: what software a server runs, its version, its models, and which reasoning
  controls it honours (``controls``).

Nothing here contacts a server that is not in the registry or named by the person.
``ponder.engine.remote`` drives generations over the same connection.
"""
