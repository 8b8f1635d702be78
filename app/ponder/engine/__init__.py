"""The model process: everything that touches llama_cpp lives here."""
