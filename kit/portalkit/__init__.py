"""The shared service kit: events, outbox relay, inbox, identity, API errors, settings, test helpers."""
