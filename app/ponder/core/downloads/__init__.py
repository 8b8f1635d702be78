"""Getting bytes from the hub: the resumable verified transfer, hub metadata, control and errors."""
