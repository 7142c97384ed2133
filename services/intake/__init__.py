"""Intake: applications, people, intake interviews, screening, consent and accounts."""
