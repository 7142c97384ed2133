"""Activities: trainings, group activities, buddy days, reflection moments; registrations."""
