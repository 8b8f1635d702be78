"""The Budget sweep window: setup form, queue, runner, grid, chart."""
