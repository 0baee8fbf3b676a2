"""Conversations: what earlier turns resolved to (state) and how a follow-up is read against it (resolve)."""
