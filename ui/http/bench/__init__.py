"""Serving benchmarks (`python -m ui.http.bench`): API and page load, a burst, a hung Chroma, a soak, workers.

Benchmarks, not tests: each starts the real app (`python -m ui`) in a child process on 127.0.0.1, drives
it with bounded counts and times, and prints numbers for BENCHMARKS.md.
"""
