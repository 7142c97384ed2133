"""Test helpers: builders, the platform as processes, the broker, a TCP proxy for faults."""
