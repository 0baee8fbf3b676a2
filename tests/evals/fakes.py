"""Fakes for the evaluation tests: a scripted answerer, a scripted searcher and a small hand-made suite."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.types import Answer, Citation
from corpus.records import Chunk, LineRange
from evals.gold import AnswerItem, ConversationItem, RetrievalItem
from evals.suites import Suite, SuitePart
from index.hits import Hit

NOT_FOUND_TEXT = "Tätä ei löydy käyttösuunnitelmasta."


@dataclass(frozen=True)
class RicherAnswer(Answer):
    """An Answer with what the type is to gain (the evaluation reads these with getattr)."""

    parts: tuple[Answer, ...] = ()
    interpretation: Any = None  # an object with .operation, or a mapping with "operation"
    not_itemised: tuple[Any, ...] = ()
    conversation: Any = None  # the state to pass to the next turn


def answer_item(id: str, question: str, kind: str, category: str, **fields: object) -> AnswerItem:
    values: dict[str, object] = {"numbers": (), "owners": (), "facts": (), "sections": (), "tags": (), "notes": None}
    values.update(fields)
    return AnswerItem(id=id, question=question, kind=kind, category=category, path="fake", line=1, **values)  # type: ignore[arg-type]


def retrieval_item(id: str, question: str, sections: Sequence[str], category: str = "prose") -> RetrievalItem:
    return RetrievalItem(id, question, tuple(sections), category, (), None, "fake", 1)  # type: ignore[arg-type]


def cite(section_id: str, n: int = 1, quote: str = "lainaus") -> Citation:
    return Citation(n=n, section_id=section_id, section=section_id.replace("/", " › "), quote=quote, lines=(10, 12))


def chunk(section_id: str, text: str = "teksti", number: int = 0) -> Chunk:
    return Chunk("doc", f"doc:{section_id}:{number}", section_id, tuple(section_id.split("/")), "prose", text,
                 LineRange(1 + number, 1 + number))  # fmt: skip


class ScriptedAnswerer:
    """Answers from a question -> Answer map; anything else is not_found; a question in `raises` raises."""

    def __init__(self, answers: Mapping[str, Answer], raises: Sequence[str] = ()) -> None:
        self.answers = dict(answers)
        self.raises = set(raises)
        self.asked: list[str] = []

    def __call__(self, question: str) -> Answer:
        self.asked.append(question)
        if question in self.raises:
            raise RuntimeError("rikki")
        return self.answers.get(question, Answer(question=question, kind="not_found", answer=NOT_FOUND_TEXT))


class ScriptedSearch:
    """Ranks sections from a question -> section ids map (per mode when given as {mode: ids})."""

    def __init__(self, rankings: Mapping[str, Sequence[str] | Mapping[str, Sequence[str]]]) -> None:
        self.rankings = rankings
        self.calls: list[tuple[str, int, str]] = []

    def __call__(self, question: str, k: int, mode: str) -> list[Hit]:
        self.calls.append((question, k, mode))
        ranking = self.rankings.get(question, ())
        if isinstance(ranking, Mapping):
            ranking = ranking.get(mode, ())
        return [Hit(chunk(section, number=i), 1 / (i + 1), i + 1) for i, section in enumerate(list(ranking)[:k])]


FIGURE_Q = "Paljonko toimialan menot ovat 2024?"
OWNER_Q = "kuka vastaa harrastemallista"
TEXT_Q = "Mitä Rainion päiväkodille tapahtuu?"
NOT_FOUND_Q = "uimahallin aukioloajat"
HOSTILE_Q = 'Mitä <script>alert("x")</script> | tarkoittaa & miksi?'


def small_suite() -> Suite:
    """Five answer rows (one of each kind plus one with markup) and three retrieval rows."""
    answers = (
        answer_item("a001", FIGURE_Q, "figure", "figure-lookup", numbers=(32_611_450,),
                    sections=(("talousarvio", "tuloslaskelma"),)),
        answer_item("a002", OWNER_Q, "owner", "owner", owners=("Palvelualuejohtaja",), sections=(("tavoitteet/taulukko",),)),
        answer_item("a003", TEXT_Q, "text", "text", facts=("1.8.2024",), sections=(("toimintaymparisto/vaka",),)),
        answer_item("a004", NOT_FOUND_Q, "not_found", "not_found"),
        answer_item("a005", HOSTILE_Q, "text", "text", facts=("<b>fakta</b>",), sections=(("kuvaus/toimiala",),)),
    )  # fmt: skip
    retrieval = (
        retrieval_item("r001", "rainion päiväkoti", ["toimintaymparisto/vaka"]),
        retrieval_item("r002", "kirjaston remontti", ["toimintaymparisto/vire", "investoinnit"]),
        retrieval_item("r003", "toimialan menot", ["talousarvio"], category="table"),
    )
    return suite_of("all", answers=answers, retrieval=retrieval)


def suite_of(
    name: str,
    answers: Sequence[AnswerItem] = (),
    retrieval: Sequence[RetrievalItem] = (),
    conversations: Sequence[ConversationItem] = (),
) -> Suite:
    """A suite whose parts carry the plain labels "answers", "retrieval" and "conversations"."""
    parts = [
        SuitePart("answers", answers=tuple(answers)) if answers else None,
        SuitePart("conversations", conversations=tuple(conversations)) if conversations else None,
        SuitePart("retrieval", retrieval=tuple(retrieval)) if retrieval else None,
    ]
    return Suite(name, parts=tuple(part for part in parts if part is not None))


def good_answers() -> dict[str, Answer]:
    """Answers that pass a001, a003 and a004; a002 lacks its owner and a005 is answered as not_found."""
    return {
        FIGURE_Q: Answer(FIGURE_Q, "figure", "Toimialan menot ovat TA 2024 (talousarvio) −32 611 450 € [1].",
                         citations=(cite("talousarvio"),), retrieved_ids=("talousarvio", "tuloslaskelma")),
        OWNER_Q: Answer(OWNER_Q, "owner", "Harrastemallista vastaa liikuntapalvelujohtaja [1].",
                        citations=(cite("tavoitteet/taulukko"),), owners=("Liikuntapalvelujohtaja",)),
        TEXT_Q: Answer(TEXT_Q, "text", "Rainion päiväkodin toiminta lakkaa 1.8.2024 lukien [1].",
                       citations=(cite("toimintaymparisto/vaka", quote="Rainion päiväkodin toiminta lakkaa 1.8.2024"),)),
    }  # fmt: skip


def search_rankings() -> dict[str, object]:
    """r001 first, r002 at rank 3, r003 never found."""
    return {
        "rainion päiväkoti": ["toimintaymparisto/vaka", "kuvaus/vaka"],
        "kirjaston remontti": ["kuvaus/vire", "otsikko", "investoinnit", "investoinnit"],
        "toimialan menot": ["tuloslaskelma", "palvelualuelaskelmat/vaka"],
    }


# A conversation of three turns: a figure, a follow-up that needs the state, and one that should be asked back.
Q1, Q2, Q3 = "paljonko vakan menot on 2024", "entä 2025?", "kuka vastaa siitä"
CONVERSATION = ConversationItem(
    "k001",
    (
        answer_item("k001.1", Q1, "figure", "figure-lookup", numbers=(8_409_500,), sections=(("palvelualuelaskelmat/vaka",),)),
        answer_item("k001.2", Q2, "figure", "figure-lookup", numbers=(8_442_700,), sections=(("palvelualuelaskelmat/vaka",),)),
        answer_item("k001.3", Q3, "clarify", "clarify"),
    ),
    ("figures",),
    None,
    "fake",
    1,
)  # fmt: skip


class Remembering:
    """Answers a follow-up only with the state of the previous turn; records the states it was given."""

    def __init__(self) -> None:
        self.states: list[object] = []

    def __call__(self, question: str, conversation: object = None) -> Answer:
        self.states.append(conversation)
        cited = (cite("palvelualuelaskelmat/vaka"),)
        if question == Q1:
            return RicherAnswer(question, "figure", "VAKA TA 2024 8 409 500 € [1]", citations=cited, conversation="vaka")
        if question == Q2 and conversation == "vaka":
            return RicherAnswer(question, "figure", "VAKA TS 2025 8 442 700 € [1]", citations=cited, conversation="vaka-2025")
        return RicherAnswer(question, "figure", "Toimialan menot 32 611 450 € [1]", citations=(cite("talousarvio"),))
