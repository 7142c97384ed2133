"""Matching: the candidate pool, scoring, proposals, duos and their lifecycle."""
