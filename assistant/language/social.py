"""Social turns of a chat (data/social.toml): a question of greetings, thanks, goodbyes or asks for help only.

A turn is social when every word of it is a social word or a function word and one at least is social; a word
with a topic of its own ("hei, paljonko kirjasto maksaa?") makes it a question like any other.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assistant.language.analysis import QuestionAnalysis

DATA = Path(__file__).resolve().parent / "data" / "social.toml"


@dataclass(frozen=True)
class SocialKind:
    """One kind of social turn: its words (folded; "x*" for every word beginning "x") and the reply to it."""

    name: str
    words: frozenset[str]
    stems: tuple[str, ...]
    reply: str
    companions: frozenset[str] = frozenset()  # social only beside a word of the kind's own ("kiitos paljon")

    def says(self, folded: str) -> bool:
        return folded in self.words or folded.startswith(self.stems)


@lru_cache(maxsize=1)
def social_kinds() -> tuple[SocialKind, ...]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return tuple(
        SocialKind(name, frozenset(w for w in kind["words"] if not w.endswith("*")),
                   tuple(w[:-1] for w in kind["words"] if w.endswith("*")), kind["reply"], frozenset(kind.get("with", ())))
        for name, kind in data.items()
    )


def social_turn(analysis: QuestionAnalysis) -> SocialKind | None:
    """The kind of social turn the question is (the first kind its words say, in the data's order), or None."""
    kinds = social_kinds()
    said: list[SocialKind] = []
    companions: list[SocialKind] = []
    for word in analysis.words:
        kind = next((kind for kind in kinds if kind.says(word.folded)), None)
        beside = next((kind for kind in kinds if word.folded in kind.companions), None)
        if kind is not None:
            said.append(kind)
        elif beside is not None:
            companions.append(beside)
        elif not word.reading.function or word.number:
            return None  # a word with a topic of its own: a question like any other
    if not said or any(kind not in said for kind in companions):
        return None  # "kuinka paljon?": a companion word without its own kind's word asks
    return next(kind for kind in kinds if kind in said)
