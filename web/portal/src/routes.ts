/**
 * The portal's screens, in one list: adding a screen is one entry here (and its words in strings.ts).
 *
 * Each screen has a hash route (`#/services`), a title, and a component, loaded with the first screen (`component`)
 * or on first visit (`load`: a screen with a heavy library, like a calendar, keeps it out of the first load).
 * Links to a screen (Home's tiles, My Services' per-service actions, the nav) are shown only once the screen is
 * listed here: `hrefOf` answers null for a screen that does not exist yet, and the link is left out.
 */

import type { ComponentType } from "preact";
import type { MyService } from "../../shared/api/requests";
import { href, matchPath } from "../../shared/router";
import { type Feature, type Features, isOn } from "./features";
import { Home } from "./screens/Home";
import { MyServices } from "./screens/MyServices";
import { type Strings, strings } from "./strings";

/** Every screen the portal has or will have, by id (the help pages' screens). */
export type ScreenId =
  | "home"
  | "myServices"
  | "calendar"
  | "inbox"
  | "accountHistory"
  | "timeline"
  | "requestEvent"
  | "newDiscussion"
  | "eventRequests"
  | "discussion"
  | "newService"
  | "preferences";

export interface ScreenProps {
  /** The route's query (`#/services?service=s-1` -> {service: "s-1"}). */
  query: Record<string, string>;
  params: Record<string, string>;
}

export interface Screen {
  id: ScreenId;
  /** Its hash route; `:name` parts are parameters. */
  path: string;
  title: (text: Strings) => string;
  /** In the main navigation, in this order. */
  nav?: boolean;
  /** A screen of a feature the agency can switch off: not in the nav, and no link leads to it, while it is off. */
  feature?: Feature;
  /** The nav shows the inbox's unread count beside it. */
  badge?: "unread";
  component?: ComponentType<ScreenProps>;
  load?: () => Promise<ComponentType<ScreenProps>>;
}

export const SCREENS: Screen[] = [
  { id: "home", path: "/", title: (t) => t.screens.home, nav: true, component: Home },
  { id: "myServices", path: "/services", title: (t) => t.screens.myServices, nav: true, component: MyServices },
  { id: "calendar", path: "/calendar", title: (t) => t.screens.calendar, nav: true,
    load: () => import("./screens/Calendar").then((m) => m.Calendar) },
  { id: "requestEvent", path: "/request", title: (t) => t.screens.requestEvent, feature: "eventRequests",
    load: () => import("./screens/RequestEvent").then((m) => m.RequestEvent) },
  { id: "eventRequests", path: "/requests", title: (t) => t.screens.eventRequests, feature: "eventRequests",
    load: () => import("./screens/EventRequests").then((m) => m.EventRequests) },
  { id: "inbox", path: "/inbox", title: (t) => t.screens.inbox, nav: true, badge: "unread",
    load: () => import("./screens/Inbox").then((m) => m.Inbox) },
  // A discussion's link has a parameter (hrefOf answers null for it): inbox.ts's discussionHref builds it.
  { id: "discussion", path: "/inbox/discussion/:id", title: (t) => t.screens.discussion,
    load: () => import("./screens/Discussion").then((m) => m.Discussion) },
  { id: "newDiscussion", path: "/inbox/new", title: (t) => t.screens.newDiscussion, feature: "discussions",
    load: () => import("./screens/NewDiscussion").then((m) => m.NewDiscussion) },
  {
    id: "accountHistory",
    path: "/account",
    title: (t) => t.screens.accountHistory,
    nav: true,
    load: () => import("./screens/AccountHistory").then((m) => m.AccountHistory),
  },
  {
    id: "timeline",
    path: "/timeline",
    title: (t) => t.screens.timeline,
    load: () => import("./screens/Timeline").then((m) => m.Timeline),
  },
  { id: "newService", path: "/new-service", title: (t) => t.newService.title, feature: "serviceRequests",
    load: () => import("./screens/NewService").then((m) => m.NewService) },
  { id: "preferences", path: "/preferences", title: (t) => t.preferences.title,
    load: () => import("./screens/Preferences").then((m) => m.Preferences) },
];

export function screenOf(id: ScreenId): Screen | undefined {
  return SCREENS.find((screen) => screen.id === id);
}

/** The link to a screen with a query, or null while the portal has no such screen. */
export function hrefOf(id: ScreenId, query: Record<string, string> = {}): string | null {
  const screen = screenOf(id);
  if (!screen || screen.path.includes(":")) return null;
  const search = new URLSearchParams(query).toString();
  return href(search ? `${screen.path}?${search}` : screen.path);
}

/** The screen a route path shows, with its parameters; null for no screen. */
export function matchScreen(path: string): { screen: Screen; params: Record<string, string> } | null {
  for (const screen of SCREENS) {
    const params = matchPath(screen.path, path);
    if (params) return { screen, params };
  }
  return null;
}

/** A per-service action of My Services: which screen it opens, filtered to the service (and a provider). */
export interface ServiceAction {
  screen: ScreenId;
  /** One link per provider of the service ("Start a Discussion with <provider>"), or one for the service. */
  per: "provider" | "service";
  /** Shown only while this feature is on (besides its screen's own feature). */
  feature?: Feature;
  label: (text: Strings, provider: string) => string;
}

/** In the help pages' order. */
export const SERVICE_ACTIONS: ServiceAction[] = [
  { screen: "newDiscussion", per: "provider", feature: "discussions", label: (t, provider) => t.actions.startDiscussion(provider) },
  { screen: "requestEvent", per: "provider", feature: "eventRequests", label: (t, provider) => t.actions.requestEvent(provider) },
  { screen: "timeline", per: "service", label: (t) => t.actions.timeline },
  { screen: "calendar", per: "service", label: (t) => t.actions.calendar },
  { screen: "inbox", per: "service", label: (t) => t.actions.inbox },
  { screen: "accountHistory", per: "service", label: (t) => t.actions.invoices },
];

export interface ActionLink {
  key: string;
  label: string;
  href: string;
}

/** The action links of one service: only those whose screen exists and whose feature is on. */
export function serviceActions(service: MyService, features: Features | undefined, text: Strings = strings): ActionLink[] {
  const links: ActionLink[] = [];
  for (const action of SERVICE_ACTIONS) {
    if (!isOn(features, action.feature) || !isOn(features, screenOf(action.screen)?.feature)) continue;
    if (action.per === "service") {
      const target = hrefOf(action.screen, { service: service.service_id });
      if (target) links.push({ key: action.screen, label: action.label(text, ""), href: target });
      continue;
    }
    for (const provider of service.providers) {
      const target = hrefOf(action.screen, { service: service.service_id, worker: provider.worker_id });
      const name = provider.name ?? text.actions.yourProvider;
      if (target) links.push({ key: `${action.screen}:${provider.worker_id}`, label: action.label(text, name), href: target });
    }
  }
  return links;
}

/** A link to a whole screen (not to one service): at the top of My Services, in the header. */
export interface ScreenLink {
  screen: ScreenId;
  label: (text: Strings) => string;
}

/** At the top of My Services (help pages: "If this option is available a Request a New Service button will appear"). */
export const MY_SERVICES_LINKS: ScreenLink[] = [{ screen: "newService", label: (t) => t.newService.link }];

/** In the header, beside "Sign out". */
export const HEADER_LINKS: ScreenLink[] = [{ screen: "preferences", label: (t) => t.preferences.link }];

/** Below a screen's own content ("See also", drawn by the shell): links to related screens, by the screen they follow. */
export const RELATED_LINKS: Partial<Record<ScreenId, ScreenLink[]>> = {
  calendar: [{ screen: "eventRequests", label: (t) => t.related.eventRequests }],
};

/** The related links below a screen: only to screens that exist and whose feature is on. */
export function relatedLinks(from: ScreenId, features: Features | undefined, text: Strings = strings): ActionLink[] {
  return screenLinks(RELATED_LINKS[from] ?? [], features, text);
}

/** The links whose screen exists and whose feature is on. */
export function screenLinks(links: ScreenLink[], features: Features | undefined, text: Strings = strings): ActionLink[] {
  const shown: ActionLink[] = [];
  for (const link of links) {
    const target = isOn(features, screenOf(link.screen)?.feature) ? hrefOf(link.screen) : null;
    if (target) shown.push({ key: link.screen, label: link.label(text), href: target });
  }
  return shown;
}
