/** Every page of the app, who may open it and where it sits in the navigation. */

import type { ComponentChild } from "preact";
import type { Role, User } from "../shared/auth/session";
import { SettingsPage } from "./pages/admin/SettingsPage";
import { TypesSitesPage } from "./pages/admin/TypesSitesPage";
import { WorkerAvailabilityPage, WorkersPage } from "./pages/admin/WorkersPage";
import { AvailabilityPage } from "./pages/availability/AvailabilityPage";
import { BillingPage } from "./pages/billing/BillingPage";
import { ClientAccountPage } from "./pages/billing/ClientAccountPage";
import { CalendarPage } from "./pages/calendar/CalendarPage";
import { DiscussionsPage } from "./pages/discussions/DiscussionsPage";
import { PreferencesPage } from "./pages/preferences/PreferencesPage";
import { RequestsPage } from "./pages/requests/RequestsPage";
import { ServicePage } from "./pages/services/ServicePage";
import { ServicesPage } from "./pages/services/ServicesPage";

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
    render: () => <RequestsPage />,
  },
  {
    pattern: "/calendar",
    title: "Calendar",
    roles: STAFF,
    nav: { group: "work" },
    render: () => <CalendarPage />,
  },
  {
    pattern: "/discussions",
    title: "Discussions",
    roles: STAFF,
    nav: { group: "work" },
    render: () => <DiscussionsPage />,
  },
  {
    pattern: "/discussions/:discussionId",
    title: "Discussions",
    roles: STAFF,
    render: (params) => <DiscussionsPage discussionId={params.discussionId} />,
  },
  {
    pattern: "/services",
    title: "Services",
    roles: STAFF,
    nav: { group: "work" },
    render: () => <ServicesPage />,
  },
  {
    pattern: "/services/:serviceId",
    title: "Services",
    roles: STAFF,
    render: (params) => <ServicePage serviceId={params.serviceId} />,
  },
  {
    pattern: "/billing",
    title: "Billing",
    roles: STAFF,
    nav: { group: "work" },
    render: () => <BillingPage />,
  },
  {
    pattern: "/billing/:clientId",
    title: "Billing",
    roles: STAFF,
    render: (params) => <ClientAccountPage clientId={params.clientId} />,
  },
  {
    pattern: "/preferences",
    title: "Email preferences",
    roles: STAFF,
    nav: { group: "work" },
    render: () => <PreferencesPage />,
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
