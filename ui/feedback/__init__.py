"""Residents' feedback on answers: the database, the privacy scrubbing and the staff export command."""
