/**
 * The requests service's API (`/requests`). Phase 1 uses only the roster; event requests, events,
 * service files and new-service requests are added here when their pages are built.
 */

import { allPages, type Api } from "../api";

export interface Person {
  person_id: string;
  name: string;
  email: string;
  role: "admin" | "worker" | "client";
  version: number;
}

export const requests = {
  /** Everyone of a role in the agency, every page of the roster. */
  people: (api: Api, role?: Person["role"]) =>
    allPages<Person>(
      (cursor) => api.get(`/requests/people`, { role, cursor, limit: 200 }),
      "people",
    ),
  person: (api: Api, personId: string) => api.get<Person>(`/requests/people/${encodeURIComponent(personId)}`),
};
