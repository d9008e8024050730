/**
 * Every page of the app, who may open it and where it sits in the navigation. Pages still to come
 * (requests, calendar, discussions, services, billing, the other settings) are here already as
 * placeholders, so adding one replaces a `render` and nothing else moves.
 */

import type { ComponentChild } from "preact";
import type { Role, User } from "./auth/session";
import { SettingsPage } from "./pages/admin/SettingsPage";
import { TypesSitesPage } from "./pages/admin/TypesSitesPage";
import { WorkerAvailabilityPage, WorkersPage } from "./pages/admin/WorkersPage";
import { AvailabilityPage } from "./pages/availability/AvailabilityPage";
import { Placeholder } from "./pages/Placeholder";

export interface Route {
  pattern: string;
  title: string;
  roles: Role[];
  /** In the navigation: which group, and the path the link opens (default: the pattern). */
  nav?: { group: "work" | "admin"; path?: string };
  render: (params: Record<string, string>, user: User) => ComponentChild;
}

const STAFF: Role[] = ["worker", "admin"];
const ADMIN: Role[] = ["admin"];

function coming(title: string, what: string) {
  return () => <Placeholder title={title}>{what}</Placeholder>;
}

export const ROUTES: Route[] = [
  {
    pattern: "/availability",
    title: "My availability",
    roles: ["worker"],
    nav: { group: "work" },
    render: (_, user) => <AvailabilityPage workerId={user.personId} />,
  },
  {
    pattern: "/requests",
    title: "Requests",
    roles: STAFF,
    nav: { group: "work" },
    render: coming(
      "Requests",
      "Requests awaiting your answer, with client, service, time, attendees, message and video flag: confirm, " +
        "decline with a reason, or propose another of your open times. The list keeps itself up to date.",
    ),
  },
  {
    pattern: "/calendar",
    title: "Calendar",
    roles: STAFF,
    nav: { group: "work" },
    render: coming(
      "Calendar",
      "Your events by day, week and month: create one for a client of your service, reschedule or cancel it, " +
        "add or change its video link, and mark attendance.",
    ),
  },
  {
    pattern: "/discussions",
    title: "Discussions",
    roles: STAFF,
    nav: { group: "work" },
    render: coming(
      "Discussions",
      "Your inbox with unread counts: read a discussion, reply, or start one with a client of your service.",
    ),
  },
  {
    pattern: "/services",
    title: "Services",
    roles: STAFF,
    nav: { group: "work" },
    render: coming(
      "Services",
      "Your service files and their participants: create a file, add or remove participants, close it, and " +
        "approve or decline requests for a new service.",
    ),
  },
  {
    pattern: "/billing",
    title: "Billing",
    roles: STAFF,
    nav: { group: "work" },
    render: coming(
      "Billing",
      "A client's account, invoices and transactions: issue an invoice, record an offline payment, void, " +
        "credit and refund.",
    ),
  },
  {
    pattern: "/admin/workers",
    title: "Workers' availability",
    roles: ADMIN,
    nav: { group: "admin" },
    render: () => <WorkersPage />,
  },
  {
    pattern: "/admin/workers/:workerId",
    title: "Workers' availability",
    roles: ADMIN,
    render: (params) => <WorkerAvailabilityPage workerId={params.workerId} />,
  },
  {
    pattern: "/admin/types-and-sites",
    title: "Types and sites",
    roles: ADMIN,
    nav: { group: "admin" },
    render: () => <TypesSitesPage />,
  },
  {
    pattern: "/admin/settings/:section",
    title: "Agency settings",
    roles: ADMIN,
    nav: { group: "admin", path: "/admin/settings/scheduling" },
    render: (params) => <SettingsPage section={params.section} />,
  },
];

/** Where a user lands after signing in, or on `/`. */
export function homeOf(user: User): string {
  return user.role === "admin" ? "/admin/workers" : "/availability";
}

/** The navigation link a route belongs to (a worker's page belongs to "Workers' availability"). */
export function navOwner(route: Route): Route | undefined {
  if (route.nav) return route;
  const prefix = route.pattern.split("/:")[0];
  return ROUTES.find((r) => r.nav && r.pattern === prefix);
}
