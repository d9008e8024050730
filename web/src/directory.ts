/**
 * Who and what the agency's ids name: the roster (people), the service files and the agency's time zone.
 * The API answers ids (`client_id`, `service_id`); pages show names. Loaded once and shared by the pages
 * for a minute, and again at once when a page meets an id it does not know (someone added meanwhile).
 */

import { useCallback, useEffect, useState } from "preact/hooks";
import type { Api } from "../shared/http";
import { availability } from "./services/availability";
import { requests } from "./services/requests";
import type { Person, ServiceFile } from "../shared/api/requests";

export class Directory {
  readonly people: Map<string, Person>;
  readonly services: Map<string, ServiceFile>;

  constructor(
    people: Person[],
    services: ServiceFile[],
    /** The agency's IANA zone: its dates and the calendar's wall clock. */
    readonly timeZone: string,
  ) {
    this.people = new Map(people.map((p) => [p.person_id, p]));
    this.services = new Map(services.map((s) => [s.service_id, s]));
  }

  name(personId: string): string {
    return this.people.get(personId)?.name ?? personId;
  }

  serviceName(serviceId: string | null | undefined): string {
    if (!serviceId) return "";
    return this.services.get(serviceId)?.name ?? "A service";
  }

  knows(personIds: string[], serviceIds: string[] = []): boolean {
    return personIds.every((p) => this.people.has(p)) && serviceIds.every((s) => this.services.has(s));
  }

  get clients(): Person[] {
    return this.sorted((p) => p.role === "client");
  }

  get staff(): Person[] {
    return this.sorted((p) => p.role !== "client");
  }

  /** Services a worker provides (all of them for `null`), open ones first, by name. */
  servicesOf(workerId: string | null, openOnly = false): ServiceFile[] {
    return [...this.services.values()]
      .filter((s) => (workerId === null || s.provider_ids.includes(workerId)) && (!openOnly || s.status === "open"))
      .sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === "open" ? -1 : 1));
  }

  private sorted(keep: (p: Person) => boolean): Person[] {
    return [...this.people.values()].filter(keep).sort((a, b) => a.name.localeCompare(b.name));
  }
}

const FRESH_MS = 60_000;
const cache = new WeakMap<Api, { at: number; promise: Promise<Directory> }>();

export function loadDirectory(api: Api, force = false): Promise<Directory> {
  const cached = cache.get(api);
  if (cached && !force && Date.now() - cached.at < FRESH_MS) return cached.promise;
  const promise = Promise.all([requests.people(api), requests.services(api), availability.settings(api)]).then(
    ([people, services, settings]) => new Directory(people, services, settings.timezone),
  );
  cache.set(api, { at: Date.now(), promise });
  promise.catch(() => cache.get(api)?.promise === promise && cache.delete(api));
  return promise;
}

export interface DirectoryState {
  directory: Directory | undefined;
  error: unknown;
  /** Load again, bypassing the shared copy (after adding a service, or meeting an unknown id). */
  refresh: () => void;
}

export function useDirectory(api: Api): DirectoryState {
  const [state, setState] = useState<{ directory?: Directory; error?: unknown }>({});
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    loadDirectory(api, round > 0).then(
      (directory) => live && setState({ directory }),
      (error) => live && setState((previous) => ({ ...previous, error })),
    );
    return () => {
      live = false;
    };
  }, [api, round]);
  const refresh = useCallback(() => setRound((n) => n + 1), []);
  return { directory: state.directory, error: state.error, refresh };
}
