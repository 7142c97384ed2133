"""Notifications: email, SMS and partner webhooks; templates, languages, delivery log."""
