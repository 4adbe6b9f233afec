"""`planner demo`: an embedded AWS emulator seeded with a sample social-network footprint."""
