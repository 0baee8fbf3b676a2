"""The conversation state: a JSON round trip, and every tampered or foreign state refused with a Finnish message."""

from __future__ import annotations

import json

import pytest

from assistant.conversation.state import (
    MAX_JSON_CHARS,
    MAX_VALUES,
    ConversationState,
    FigureSlots,
    bounded,
    state_of,
)
from assistant.errors import AssistantError, ConversationStateInvalid
from assistant.messages_fi import finnish_message

STATE = ConversationState(
    route="figure", question="Paljonko on Varhaiskasvatus: Henkilöstökulut TA 2024?",
    figure=FigureSlots("change", ("Henkilöstökulut",), ("VAKA",), ("TA 2024", "TS 2026"), along="columns"),
    seen_columns=("TA 2024", "TS 2026"), seen_rows=("Henkilöstökulut",), result_areas=("VAKA",),
    result_rows=("Henkilöstökulut", "Palvelujen ostot"), focus="Varhaiskasvatus", turn=3,
)


def test_a_state_survives_json_as_an_object_and_as_text() -> None:
    data = STATE.to_json()
    assert ConversationState.from_json(data) == STATE
    assert ConversationState.from_json(json.dumps(data)) == STATE
    assert state_of(json.dumps(data, ensure_ascii=False)) == STATE and state_of(STATE) is STATE and state_of(None) is None


def test_a_ranking_s_place_survives_the_round_trip() -> None:
    ranked = ConversationState(route="figure", figure=FigureSlots("ranking", ("Toimintakulut",), ("VAKA", "OPKOU"), ("TA 2024",),
                                                                  along="areas", top=2, nth=True))
    assert ConversationState.from_json(json.loads(json.dumps(ranked.to_json()))).figure == ranked.figure


def test_the_json_is_plain_and_names_its_version() -> None:
    data = STATE.to_json()
    assert data["version"] == 1 and data["figure"]["columns"] == ["TA 2024", "TS 2026"]
    assert json.loads(json.dumps(data)) == data  # nothing but JSON types


def tampered() -> list[object]:
    good = STATE.to_json()
    return [
        {**good, "version": 99},
        {k: v for k, v in good.items() if k != "version"},
        {**good, "route": "admin"},
        {**good, "question": 42},
        {**good, "question": "x" * 5000},
        {**good, "goals": ["g"] * (MAX_VALUES + 1)},
        {**good, "goals": [{"id": 1}]},
        {**good, "turn": -1},
        {**good, "turn": True},
        {**good, "evil": "1"},
        {**good, "figure": {"operation": "lookup", "rows": "Henkilöstökulut"}},
        {**good, "figure": {**good["figure"], "order": "sideways"}},
        {**good, "figure": {**good["figure"], "nth": "yes"}},
        {**good, "figure": {**good["figure"], "shell": "rm -rf"}},
        {**good, "figure": []},
        "{not json",
        "[1, 2, 3]",
        "x" * (MAX_JSON_CHARS + 1),
        '[' * 100_000,
        7,
    ]


@pytest.mark.parametrize("value", tampered())
def test_a_tampered_or_foreign_state_is_a_typed_error_with_a_finnish_message(value: object) -> None:
    with pytest.raises(ConversationStateInvalid) as caught:
        state_of(value)
    assert isinstance(caught.value, AssistantError)
    message = finnish_message(caught.value)
    assert message.startswith("Keskustelun tila") and "Aloita uusi keskustelu" in message


def test_histories_keep_only_the_latest_distinct_values() -> None:
    assert bounded(["a", "b", "a", "c"]) == ("a", "b", "c")
    assert bounded([str(n) for n in range(50)]) == tuple(str(n) for n in range(50 - MAX_VALUES, 50))


def test_a_full_state_stays_small() -> None:
    long = "ä" * 400
    full = ConversationState(
        route="text", question=long, seen_columns=(long,) * MAX_VALUES, seen_rows=(long,) * MAX_VALUES,
        result_areas=(long,) * MAX_VALUES, result_rows=(long,) * MAX_VALUES, goals=(long,) * MAX_VALUES,
        owners=(long,) * MAX_VALUES,
        sections=(long,) * MAX_VALUES, sentences=(long,) * MAX_VALUES, focus=long, pending=long,
    )
    text = json.dumps(full.to_json(), ensure_ascii=False)
    assert len(text) < MAX_JSON_CHARS  # bounded whatever the turns were, and always read back
    assert ConversationState.from_json(text) == full
