"""The investment projects the plan's investments prose names, which its investments table does not split out.

The table gives one line for the whole board; the prose above it names what the money is for, each sentence
opening with the project's name: "Kirjaston uudistaminen vastaamaan nykyajan tarpeita. Taidemuseon uudistus ja
korjaus ajanmukaiseksi, …". A name is that opening noun phrase, read from the plan's word forms (Voikko's cases
and classes, computed at build time): genitives ("Kirjaston"), then the nominative head ("uudistaminen"), heads
joined by "ja" ("uudistus ja korjaus"). A question asks about a project when it names both its owner and one of
its heads ("paljonko kirjaston uudistaminen maksaa"): the plan has no figure of its own for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from assistant.language.analysis import QuestionAnalysis
from assistant.language.lemmas import same_root
from corpus.morphology import WordForm, word_matches
from corpus.text import fold

GENITIVE = "omanto"
NOMINATIVE = "nimento"
JOINING = frozenset({"ja", "seka"})


@dataclass(frozen=True)
class Project:
    """One project the investments prose names: its printed name, its owner's and its heads' base forms."""

    name: str
    owners: frozenset[str]  # base forms of the genitives: {"kirjasto"}
    heads: frozenset[str]  # base forms of the nominative heads: {"uudistus", "korjaus"}

    def asked_by(self, lemmas: Iterable[str]) -> bool:
        """Whether a question's base forms name this project's owner and one of its heads (or their relatives)."""
        found = set(lemmas)
        return bool(found & self.owners) and any(same_root(lemma, head) for lemma in found for head in self.heads)


def projects_of(sentences: Iterable[str], forms: Mapping[str, WordForm]) -> tuple[Project, ...]:
    """The project each sentence opens with (a sentence that opens otherwise names none)."""
    found: dict[str, Project] = {}
    for sentence in sentences:
        project = _opening_name(sentence, forms)
        if project is not None:
            found.setdefault(project.name, project)
    return tuple(found.values())


def project_asked(analysis: QuestionAnalysis, projects: Sequence[Project]) -> Project | None:
    """The project the question asks about, if any."""
    lemmas = {lemma for word in analysis.content for lemma in (*word.lemmas, word.folded)}
    return next((project for project in projects if project.asked_by(lemmas)), None)


def _opening_name(sentence: str, forms: Mapping[str, WordForm]) -> Project | None:
    matches = word_matches(sentence)
    words = [match.group().lower() for match in matches]
    owners: list[str] = []
    heads: list[str] = []
    taken = 0
    for index, word in enumerate(words):
        form = forms.get(word)
        cases = set(form.cases) if form is not None else set()
        if not heads and GENITIVE in cases and NOMINATIVE not in cases:
            owners.extend(_lemmas(word, form))
        elif NOMINATIVE in cases and (not heads or fold(words[index - 1]) in JOINING):
            heads.extend(_lemmas(word, form))
        elif heads and fold(word) in JOINING:
            continue
        else:
            break
        taken = index + 1
    if not (owners and heads):
        return None
    return Project(sentence[: matches[taken - 1].end()], frozenset(owners), frozenset(heads))


def _lemmas(word: str, form: WordForm | None) -> tuple[str, ...]:
    return form.lemmas if form is not None and form.lemmas else (fold(word),)
