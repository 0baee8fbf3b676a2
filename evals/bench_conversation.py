"""What resolving a follow-up costs: the same question answered whole and answered as a follow-up, side by side.

    python -m evals.bench_conversation [--repeat 5]

For every follow-up turn of the dev conversations that resolves, it times, in one process and interleaved,
`answer(resolved question)` (no state) and `answer(follow-up, conversation=state)` (which resolves first and
then answers the same whole question), and the resolution step alone (read the state, resolve, write the next
state). Prints a Markdown table for BENCHMARKS.md. Target: resolution adds ≤ 2 ms to an answer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial

from assistant.settings import apply_offline_environment
from evals.gold import CONVERSATIONS_DEV, load_conversation_gold
from evals.latency import percentile


def _ms(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.bench_conversation", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timings per turn (the median is kept)")
    args = parser.parse_args(argv)
    apply_offline_environment()
    from assistant.service import Assistant

    assistant = Assistant(build_missing_index=True)
    assistant.searcher.warm()
    turns = []  # (follow-up, state before it, its resolved question)
    for conversation in load_conversation_gold(CONVERSATIONS_DEV):
        state = None
        for turn in conversation.turns:
            answer = assistant.answer(turn.question, conversation=state)
            if state is not None and answer.resolved_question:
                turns.append((turn.question, state, answer.resolved_question, answer.kind))
            state = answer.conversation
    whole, follow, resolve = [], [], []
    for question, state, resolved, _ in turns:
        times: dict[str, list[float]] = {"whole": [], "follow": [], "resolve": []}
        for _ in range(args.repeat):
            times["whole"].append(_ms(partial(assistant.answer, resolved)))
            times["follow"].append(_ms(partial(assistant.answer, question, conversation=state)))
            times["resolve"].append(_ms(partial(_resolve_only, assistant, question, state)))
        whole.append(statistics.median(times["whole"]))
        follow.append(statistics.median(times["follow"]))
        resolve.append(statistics.median(times["resolve"]))
    added = [f - w for f, w in zip(follow, whole, strict=True)]
    print(f"follow-up turns that resolve: {len(turns)}, {args.repeat} timings each (median kept)\n")
    print("| measure | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|")
    for name, values in (
        ("answer(resolved question), no state", whole),
        ("answer(follow-up, conversation=state)", follow),
        ("added by the conversation (difference)", added),
        ("resolution alone (state in, resolve, state out)", resolve),
    ):
        print(f"| {name} | {percentile(values, 50):.2f} | {percentile(values, 95):.2f} | {max(values):.2f} |")
    for kind in sorted({turn[3] for turn in turns}):
        values = [a for a, turn in zip(added, turns, strict=True) if turn[3] == kind]
        print(f"| added, {kind} answers ({len(values)}) | {percentile(values, 50):.2f} | {percentile(values, 95):.2f} | {max(values):.2f} |")
    return 0


def _resolve_only(assistant: object, question: str, state: object) -> object:
    follow_ups = assistant.follow_ups  # type: ignore[attr-defined]
    parsed = follow_ups.state_of(state.to_json())  # type: ignore[attr-defined]  # as a request brings it
    analysis = assistant.analyse(question)  # type: ignore[attr-defined]
    resolution = follow_ups.resolver.resolve(analysis, parsed)
    return resolution, parsed.to_json()


if __name__ == "__main__":
    sys.exit(main())
