"""What an incremental build may reuse: the global fingerprint, page keys and the state folder."""
