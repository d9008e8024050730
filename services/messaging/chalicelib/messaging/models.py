"""The messaging table: key helpers and item classes (the only module that knows PynamoDB)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from portalkit.store import TableModel, table_meta

from . import domain

META = table_meta("messaging")


def contact_key(agency_id: str, person_id: str) -> tuple[str, str]:
    return f"AGENCY#{agency_id}#PERSON#{person_id}", "CONTACT"


class ContactItem(TableModel):
    Meta = META
    pk = UnicodeAttribute(hash_key=True)  # AGENCY#<agency_id>#PERSON#<person_id>
    sk = UnicodeAttribute(range_key=True)  # CONTACT
    person_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    role = UnicodeAttribute()
    email_consent = BooleanAttribute()
    version = NumberAttribute()

    @classmethod
    def of(cls, agency_id: str, contact: domain.Contact) -> ContactItem:
        pk, sk = contact_key(agency_id, contact.person_id)
        return cls(
            pk, sk, person_id=contact.person_id, name=contact.name, email=contact.email, role=contact.role,
            email_consent=contact.email_consent, version=contact.version,
        )

    def to_domain(self) -> domain.Contact:
        return domain.Contact(
            person_id=self.person_id, name=self.name, email=self.email, role=self.role,
            email_consent=self.email_consent, version=int(self.version),
        )
