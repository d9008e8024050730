"""Test helpers: AWS call counting, the Scan guard, the event pump, test tokens."""
