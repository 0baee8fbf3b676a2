"""Who acts in a text: a service area or the board, an outside body, a named unit or a job title of the plan.
A who-question's evidence must name one (the words come from the documents' lexicons, gazetteers and goals)."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.language.matching import TermMatcher, tokenize
from corpus.lexicon import Term
from corpus.store import Corpus
from corpus.text import fold


class AgentFinder:
    """Finds agents in the plan's texts (memoised per text)."""

    def __init__(self, terms: Iterable[Term], names: Iterable[str]) -> None:
        self._terms = TermMatcher(tuple(terms))  # token scores cached: the plan's sentences share their words
        self._names = frozenset(name for name in names if len(name) >= 4)
        self._memo: dict[str, bool] = {}

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> AgentFinder:
        terms = [term for document in corpus.documents for term in (*document.lexicon.areas, *document.lexicon.outside)]
        names = [word for unit in corpus.gazetteer for word in unit.name_words]
        names += [fold(owner).split(",")[0].split()[0] for goal in corpus.goals for owner in goal.owners]
        return cls(terms, names)

    def __call__(self, text: str) -> bool:
        found = self._memo.get(text)
        if found is None:
            tokens = tokenize(text)
            found = bool(self._terms.find(tokens)) or any(
                token in self._names or any(token.startswith(name) for name in self._names) for token in tokens
            )
            self._memo[text] = found
        return found
