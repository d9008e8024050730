"""The requests table: key helpers and item classes (the only module that knows PynamoDB)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from portalkit.store import TableModel, table_meta

from . import domain

META = table_meta("requests")


def people_pk(agency_id: str) -> str:
    return f"AGENCY#{agency_id}#PEOPLE"


def person_sk(person_id: str) -> str:
    return f"PERSON#{person_id}"


class PersonItem(TableModel):
    Meta = META
    pk = UnicodeAttribute(hash_key=True)  # AGENCY#<agency_id>#PEOPLE
    sk = UnicodeAttribute(range_key=True)  # PERSON#<person_id>
    person_id = UnicodeAttribute()
    name = UnicodeAttribute()
    email = UnicodeAttribute()
    role = UnicodeAttribute()
    email_consent = BooleanAttribute()
    version = NumberAttribute()

    @classmethod
    def of(cls, agency_id: str, person: domain.Person) -> PersonItem:
        return cls(
            people_pk(agency_id), person_sk(person.person_id), person_id=person.person_id, name=person.name,
            email=person.email, role=person.role, email_consent=person.email_consent, version=person.version,
        )

    def to_domain(self) -> domain.Person:
        return domain.Person(
            person_id=self.person_id, name=self.name, email=self.email, role=self.role,
            email_consent=self.email_consent, version=int(self.version),
        )
