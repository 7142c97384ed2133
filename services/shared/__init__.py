"""The event backbone and plumbing every service shares: contracts, outbox, inbox, relay."""
