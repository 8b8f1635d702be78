"""The main window: its layout, menus, dialogs, the welcome page, About."""
