"""The agency's sites: where blocks are, in a time zone fixed once added; every change is published to the others."""

from __future__ import annotations

from msgspec.structs import asdict, replace

from portalkit.errors import NotFound, changed
from portalkit.identity import Identity
from portalkit.store import Transaction, commit, new_id

from . import domain, models
from .models import SERVICE, SiteItem, at_version
from .schemas import SiteUpdated


def site_updated(agency_id: str, site: domain.Site):
    """`availability.site.updated`: the site's whole state, for the services that say where an event is."""
    data = {name: value for name, value in asdict(site).items() if name != "version"}
    return SiteUpdated.of(data).envelope(agency_id=agency_id, subject_id=site.site_id, subject_version=site.version)


def add_site(who: Identity, name: str, timezone: str, address: str | None = None) -> dict:
    site = domain.Site(site_id=new_id(), name=domain.clean_name(name), timezone=timezone,
                       address=domain.clean_address(address))

    def write(tx: Transaction) -> None:
        tx.save(SiteItem.of(who.agency_id, site), condition=SiteItem.pk.does_not_exist())
        tx.publish(site_updated(who.agency_id, site))

    commit(SERVICE, write, domain.IdTaken("The site id is taken; try again."))
    return asdict(site)


def update_site(who: Identity, site_id: str, changes: dict, expected_version: int) -> dict:
    """Rename, retire or bring back a site, from the version read; its time zone stays (see `domain.Site`)."""
    current = models.load_agency(who.agency_id).sites.get(site_id)
    if current is None:
        raise NotFound(f"No site {site_id}.")
    if expected_version != current.version:
        raise changed("site")
    domain.check_site_timezone(current, changes.pop("timezone", None))
    if "name" in changes:
        changes["name"] = domain.clean_name(changes["name"])
    if "address" in changes:
        changes["address"] = domain.clean_address(changes["address"])
    updated = replace(current, **changes, version=current.version + 1)

    def write(tx: Transaction) -> None:
        tx.save(SiteItem.of(who.agency_id, updated), condition=at_version(SiteItem, current.version))
        tx.publish(site_updated(who.agency_id, updated))

    commit(SERVICE, write, changed("site"))
    return asdict(updated)


def list_sites(who: Identity) -> dict:
    sites = models.load_agency(who.agency_id).sites.values()
    return {"sites": [asdict(s) for s in sorted(sites, key=lambda s: (s.name.casefold(), s.site_id))]}
