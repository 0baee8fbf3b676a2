"""Settings: the answer deadline from the environment or the config file, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.settings import load_settings


def test_the_answer_deadline_defaults_to_five_seconds_and_can_be_set(tmp_path: Path) -> None:
    assert load_settings(env={}).answer_deadline_s == 5.0
    assert load_settings(env={"KAYTTO_ANSWER_DEADLINE": "2.5"}).answer_deadline_s == 2.5
    config = tmp_path / "kaytto.toml"
    config.write_text("answer_deadline_s = 3\n", encoding="utf-8")
    assert load_settings(env={}, config_file=config).answer_deadline_s == 3.0
    assert load_settings(env={"KAYTTO_ANSWER_DEADLINE": "7"}, config_file=config).answer_deadline_s == 7.0


@pytest.mark.parametrize("value", ["x", "0", "-1", "nan"])
def test_a_bad_answer_deadline_is_a_config_error(value: str) -> None:
    with pytest.raises(ConfigError, match="answer_deadline_s must be"):
        load_settings(env={"KAYTTO_ANSWER_DEADLINE": value})
