"""The page's settings (contact, feedback database, staff view) from the environment or the config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.settings import UISettings, load_settings


def test_defaults_need_nothing_configured() -> None:
    assert load_settings(env={}).ui == UISettings("", "", "", False)


def test_environment_sets_contact_database_and_staff_view() -> None:
    env = {
        "KAYTTO_CONTACT_TEXT": "Asiakaspalvelu",
        "KAYTTO_CONTACT_URL": "https://example.fi",
        "KAYTTO_FEEDBACK_DB": "postgresql+psycopg://kaytto@db/kaytto",
        "KAYTTO_FEEDBACK_VIEW": "1",
    }
    assert load_settings(env=env).ui == UISettings("Asiakaspalvelu", "https://example.fi", "postgresql+psycopg://kaytto@db/kaytto", True)


def test_config_file_ui_table_and_environment_wins(tmp_path: Path) -> None:
    config = tmp_path / "kaytto.toml"
    config.write_text('[ui]\ncontact_text = "Tiedosto"\nfeedback_view = true\n', encoding="utf-8")
    assert load_settings(env={}, config_file=config).ui == UISettings("Tiedosto", "", "", True)
    assert load_settings(env={"KAYTTO_CONTACT_TEXT": "Ympäristö"}, config_file=config).ui.contact_text == "Ympäristö"


def test_a_bad_boolean_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="feedback_view must be true or false, got 'joskus'"):
        load_settings(env={"KAYTTO_FEEDBACK_VIEW": "joskus"})
