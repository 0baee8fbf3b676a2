"""Keeping the Gradio page's per-session memory bounded in number and time, and its queue processing.

Gradio keeps a copy of the page's component state per browser session (`StateHolder`, at most
`state_session_capacity`, oldest evicted) and never drops an idle one by time; the sweeper below drops
sessions idle longer than a TTL. Its `gr.State` values expire by Gradio's own `time_to_live`.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import os

import gradio as gr

logger = logging.getLogger(__name__)

# Gradio keeps per-event analytics for its monitoring page (10 000 by default); we keep few.
os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "500")


def bound_sessions(blocks: gr.Blocks, capacity: int, threads: int) -> None:
    """At most `capacity` sessions in memory and `threads` events running (call before mounting)."""
    blocks.state_session_capacity = capacity
    blocks.max_threads = threads
    blocks._queue.max_thread_count = threads  # noqa: SLF001 - Gradio reads it when its queue starts


def sweep_idle_sessions(blocks: gr.Blocks, ttl_s: float, now: datetime.datetime | None = None) -> int:
    """Drop the sessions idle for more than `ttl_s` seconds; returns how many went."""
    holder = getattr(blocks, "state_holder", None)
    if holder is None:
        return 0
    cutoff = (now or datetime.datetime.now()) - datetime.timedelta(seconds=ttl_s)
    with holder.lock:
        idle = [sid for sid, used in holder.time_last_used.items() if used < cutoff]
        for session_id in idle:
            holder.session_data.pop(session_id, None)
            holder.time_last_used.pop(session_id, None)
    queue = blocks._queue  # noqa: SLF001
    # A session's set of pending event ids stays behind, empty, after its last event; drop those.
    for session_id in [sid for sid, ids in queue.pending_event_ids_session.items() if not ids]:
        queue.pending_event_ids_session.pop(session_id, None)
    return len(idle)


def restart_stopped_queue(blocks: gr.Blocks) -> bool:
    """Start Gradio's queue processor again if it died (it then refuses every event with 503)."""
    queue = blocks._queue  # noqa: SLF001
    if not queue.stopped or not blocks.is_running:
        return False
    logger.warning("Gradio's queue processor had stopped; starting it again")
    queue.stopped = False
    queue.start()
    return True


async def keep_sessions_bounded(blocks: gr.Blocks, ttl_s: float, every_s: float = 5.0) -> None:
    """Forever: sweep idle sessions and restart a stopped queue (run as a task in the app's lifespan)."""
    while True:
        await asyncio.sleep(min(every_s, ttl_s / 4))
        try:
            swept = sweep_idle_sessions(blocks, ttl_s)
            if swept:
                logger.info("dropped %d idle page sessions", swept)
            restart_stopped_queue(blocks)
        except Exception:  # never let housekeeping take the server down
            logger.exception("session housekeeping failed")
