"""How a model reasons: families, the prompt, chat templates, think-tag detection."""
