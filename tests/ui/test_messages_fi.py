"""Every ui error class has its own Finnish message; other errors fall back to the assistant's map."""

from __future__ import annotations

import pytest

from assistant.errors import EmptyQuestion
from assistant.messages_fi import finnish_message
from ui.errors import UIError
from ui.messages_fi import UI_MESSAGES_FI, message_for


def all_subclasses(base: type) -> list[type]:
    found = [base]
    for sub in base.__subclasses__():
        found.extend(all_subclasses(sub))
    return found


@pytest.mark.parametrize("cls", all_subclasses(UIError), ids=lambda cls: cls.__name__)
def test_every_ui_error_has_its_own_finnish_message(cls: type) -> None:
    assert cls.__name__ in UI_MESSAGES_FI and message_for(cls("internal detail")) == UI_MESSAGES_FI[cls.__name__]


def test_other_errors_use_the_assistants_messages() -> None:
    assert message_for(EmptyQuestion("")) == finnish_message(EmptyQuestion(""))
