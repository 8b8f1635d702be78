"""Ponder's look: design tokens (tokens.py), the style sheet built from them (style_sheet.py),
icons from one set (icons.py), and applying a theme to the application (apply.py)."""
