"""Finnish messages for every error class, used only at the edges (CLI, UI)."""

from __future__ import annotations

# Keyed by class name so that corpus and assistant errors share one map (index errors bring their own
# Finnish templates, see index/errors.py);
# `finnish_message` walks the class hierarchy, so a subclass without its own entry gets its parent's.
MESSAGES_FI: dict[str, str] = {
    # assistant
    "AssistantError": "Kysymykseen vastaaminen epäonnistui.",
    "EmptyQuestion": "Kysymys on tyhjä. Kirjoita kysymys, esimerkiksi: Paljonko varhaiskasvatukseen on budjetoitu vuodelle 2024?",
    "QuestionTooLong": "Kysymys on liian pitkä (enintään {limit} merkkiä). Lyhennä kysymystä.",
    "FigureNotFound": "Pyydettyä lukua ei ole käyttösuunnitelman taulukoissa.",
    "GoalNotFound": "Kysymystä vastaavaa tavoitetta ei löytynyt tavoitetaulukosta.",
    "LLMUnavailable": "Kielimalliin ei saatu yhteyttä; vastaus laadittiin ilman sitä.",
    "LLMTimeout": "Kielimalli ei vastannut ajoissa; vastaus laadittiin ilman sitä.",
    "ConfigError": "Asetuksissa on virhe: {detail}",
    "InvalidEncoding": "Rivillä on merkkejä, jotka eivät ole UTF-8-muodossa. Tallenna kysymykset UTF-8-muodossa.",
    "InputUnreadable": "Kysymystiedostoa ei voi lukea.",
    "InvalidQuestionLine": 'Rivi alkaa merkillä {{ mutta ei ole kelvollinen kysymysolio. Kirjoita rivi muodossa {{"question": "…", "conversation": "k1"}} tai pelkkänä kysymyksenä.',
    "ConversationStateInvalid": "Keskustelun tila on vioittunut tai peräisin muualta, joten sitä ei voitu käyttää. Aloita uusi keskustelu ja kysy kysymys kokonaan.",
    # corpus
    "CorpusError": "Aineiston lukeminen epäonnistui: {detail}",
    "ManifestError": "Asiakirjan kuvaustiedosto (manifest) on puutteellinen: {detail}",
    "SourceError": "Lähdetekstiä ei voitu lukea: {detail}",
    "ArtifactsMissing": "Aineistoa ei ole muodostettu. Aja komento: python -m corpus build",
}

FALLBACK_FI = "Tapahtui odottamaton virhe. Yritä uudelleen; jos virhe toistuu, ilmoita ylläpidolle."


def finnish_message(error: BaseException) -> str:
    """The Finnish text for `error` (by its class or nearest ancestor), never a stack trace."""
    finnish = getattr(error, "finnish", None)
    if callable(finnish):  # index errors carry their own Finnish template with details
        return str(finnish())
    for cls in type(error).__mro__:
        template = MESSAGES_FI.get(cls.__name__)
        if template is not None:
            return template.format(detail=str(error), limit=getattr(error, "limit", ""))
    return FALLBACK_FI
