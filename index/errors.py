"""Errors of the index layer; each message names the value and the fix, and has a Finnish form for the edge."""

from __future__ import annotations

REBUILD = "python -m index build"


class _Fields(dict[str, str]):
    # A detail a raise site forgot shows as "?" rather than hiding the whole message behind a KeyError.
    def __missing__(self, key: str) -> str:
        return "?"


class IndexStoreError(Exception):
    """Base class for every index failure; `finnish()` is the message shown to users."""

    finnish_template = "Hakuhakemiston käyttö epäonnistui: {detail}"

    def __init__(self, message: str, **details: object) -> None:
        super().__init__(message)
        self.details = {key: str(value) for key, value in details.items()}

    def finnish(self) -> str:
        """The user-facing Finnish message (identifiers and commands stay as they are)."""
        fields = _Fields(detail=str(self), rebuild=REBUILD, **self.details)
        return self.finnish_template.format_map(fields)



class UnknownEmbedder(IndexStoreError, ValueError):
    """An embedder name that no registered backend accepts."""

    finnish_template = "Tuntematon upotusmalli {name!s}. Käytettävissä: {valid}."


class EmbedderUnavailable(IndexStoreError):
    """A backend whose optional package or model is missing."""

    finnish_template = "Upotusmalli {name} ei ole käytettävissä: {hint}"


class IndexNotBuilt(IndexStoreError):
    """No index exists where the settings point."""

    finnish_template = "Hakuhakemistoa ei ole vielä rakennettu ({where}). Rakenna se komennolla `{rebuild}`."


class EmbedderMismatch(IndexStoreError):
    """The index was built with another embedder than the one configured."""

    finnish_template = (
        "Hakuhakemisto on rakennettu upotusmallilla {built}, mutta asetuksissa on {wanted}. "
        "Rakenna hakemisto uudelleen komennolla `{rebuild} --embedder {wanted}`."
    )


class StaleIndex(IndexStoreError):
    """The corpus changed after the index was built."""

    finnish_template = (
        "Hakuhakemisto on vanhentunut: aineisto on muuttunut rakentamisen jälkeen "
        "({built} ≠ {current}). Rakenna se uudelleen komennolla `{rebuild}`."
    )


class StoreUnavailable(IndexStoreError):
    """The configured Chroma server cannot be reached."""

    finnish_template = "Chroma-palvelimeen {url} ei saada yhteyttä. Tarkista osoite (KAYTTO_CHROMA_URL) tai käynnistä palvelin."
