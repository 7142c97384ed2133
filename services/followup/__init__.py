"""Follow-up: trajectories, check-ins, meeting logs, concerns, insurance and the forum."""
