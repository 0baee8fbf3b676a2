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


class DimensionMismatch(EmbedderMismatch):
    """The configured embedder makes vectors of another length than the index holds (a model swapped under
    the same name)."""

    finnish_template = (
        "Hakuhakemiston vektoreissa on {built} ulottuvuutta, mutta upotusmalli {name} tuottaa {wanted}. "
        "Rakenna hakemisto uudelleen komennolla `{rebuild} --force`."
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


class StoreTimeout(IndexStoreError):
    """A Chroma call did not finish within its deadline (a hung or overloaded server)."""

    finnish_template = (
        "Chroma-palvelin {url} ei vastannut ajoissa ({seconds} s). Tekstihaku ei ole nyt käytettävissä; "
        "yritä hetken kuluttua uudelleen."
    )


class IndexDamaged(IndexStoreError):
    """The published index is unreadable, incomplete or was changed behind its back."""

    finnish_template = "Hakuhakemisto on vioittunut tai keskeneräinen ({where}). Korjaa se komennolla `{rebuild} --force`."


class IndexNotWritable(IndexStoreError):
    """A build (or repair) needs to write where it may not: a read-only data dir or missing permissions."""

    finnish_template = (
        "Hakuhakemistoon {where} ei voi kirjoittaa (vain luku -tila tai puuttuvat oikeudet). Olemassa olevaa "
        "hakemistoa voi käyttää hakuihin, mutta sen rakentaminen vaatii kirjoitusoikeuden."
    )


class DiskFull(IndexStoreError):
    """The disk (or quota) ran out while a build was writing."""

    finnish_template = (
        "Levytila loppui hakuhakemistoa rakennettaessa ({where}). Edellinen hakemisto on yhä käytössä; "
        "vapauta tilaa ja aja `{rebuild} --force`."
    )


class BuildInProgress(IndexStoreError):
    """Another build holds the build lock (of the data dir or of the Chroma server)."""

    finnish_template = (
        "Hakuhakemistoa rakentaa jo toinen prosessi ({holder}). Odota, että se valmistuu, ja yritä uudelleen."
    )


class BuildFailed(IndexStoreError):
    """A build failed for another reason; the previous index keeps serving."""

    finnish_template = (
        "Hakuhakemiston rakentaminen epäonnistui ({where}): {reason}. Edellinen hakemisto on yhä käytössä; "
        "yritä uudelleen komennolla `{rebuild} --force`."
    )


class InvalidSetting(IndexStoreError, ValueError):
    """A setting (environment variable or option) with a value that cannot be used."""

    finnish_template = "Hakuhakemiston asetuksen {name} arvo {value} ei kelpaa: {hint}."
