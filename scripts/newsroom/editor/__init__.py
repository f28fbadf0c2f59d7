"""The web editor at /admin/: its configuration generated from the model, and what its folder holds."""
