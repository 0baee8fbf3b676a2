"""The answer to a follow-up that cannot be resolved: say so in one sentence and ask for the whole question."""

from __future__ import annotations

from assistant.types import Answer, Interpretation

MESSAGES = {
    "no_person": "En tiedä, kehen kysymys viittaa, koska aiemmissa vastauksissa ei ole nimetty henkilöä; "
                 "kirjoittaisitko kysymyksen kokonaan, esimerkiksi kenen tavoitteista kysyt?",
    "repeats": "Käyttösuunnitelma ei kerro tästä enempää kuin edellinen vastaus; kirjoittaisitko kysymyksen "
               "kokonaan, jos tarkoitit jotakin muuta?",
    "no_topic": "En tiedä, mihin kysymys viittaa, koska siinä ei mainita aihetta; kirjoittaisitko kysymyksen "
                "kokonaan, esimerkiksi mistä palvelualueesta, luvusta, vuodesta tai tavoitteesta kysyt?",
}
DEFAULT = ("En pysty päättelemään, mihin kysymys viittaa aiemmassa keskustelussa; kirjoittaisitko kysymyksen "
           "kokonaan, esimerkiksi mistä palvelualueesta, luvusta, vuodesta tai tavoitteesta kysyt?")


def compose_clarify(question: str, reason: str, frame: str = "") -> Answer:
    """A clarify answer for `question` (never a "not in the plan": the plan may well answer the whole question)."""
    text = MESSAGES.get(reason, DEFAULT)
    return Answer(
        question=question, kind="clarify", answer=text, headline=text,
        interpretation=Interpretation(route="clarify", frame=frame, reason=f"follow_up_{reason}"),
    )


def compose_social(question: str, reply: str, suggestions: tuple[str, ...]) -> Answer:
    """The answer to a greeting, a thanks or an ask for help: the reply in kind and questions to ask (no citation:
    nothing is claimed of the plan)."""
    offered = suggestions if reply.endswith(":") else ()  # a reply that introduces questions ("… näin:") lists them
    return Answer(
        question=question, kind="clarify", answer="\n".join([reply, *(f"– {q}" for q in offered)]), headline=reply,
        interpretation=Interpretation(route="clarify", frame="statement", reason="social"), suggestions=offered,
    )
