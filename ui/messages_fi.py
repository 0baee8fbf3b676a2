"""Finnish messages for the ui layer's errors; other layers' errors get theirs from assistant.messages_fi."""

from __future__ import annotations

from assistant.messages_fi import finnish_message

UI_MESSAGES_FI: dict[str, str] = {
    "UIError": "Sivun toiminto epäonnistui. Yritä uudelleen.",
    "FeedbackStoreUnavailable": (
        "Palautetietokantaan ei saatu yhteyttä, joten palautetta ei voitu tallentaa eikä lukea. "
        "Tarkista asetus KAYTTO_FEEDBACK_DB tai yritä myöhemmin uudelleen."
    ),
    "FeedbackNotFound": "Palautetta ei löytynyt (se on ehkä jo poistettu). Anna palaute uudelleen.",
}


def message_for(error: BaseException) -> str:
    """The Finnish text for any error (ui errors by class or nearest ancestor), never a trace."""
    for cls in type(error).__mro__:
        if cls.__name__ in UI_MESSAGES_FI:
            return UI_MESSAGES_FI[cls.__name__]
    return finnish_message(error)
