"""The converter: one release file in, its ko/en pages planned in an isolated worker and written under a disk guard."""
