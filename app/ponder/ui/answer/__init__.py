"""An answer on screen: Markdown and math rendering."""
