"""The tabs besides the chat: budget explorer, goals grid, the plan's text, and the staff feedback list."""
