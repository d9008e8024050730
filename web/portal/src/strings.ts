/**
 * Every word the client portal shows, in one catalog (English): a translation is a copy of this file. The labels
 * are the help pages' words (Home, My Services, "Show Options", "Start a Discussion with ..."). `shared` holds the
 * words of the parts the portal shares with the staff app (sign-in, errors, loading states) and the locale its dates
 * and amounts are written in (`shared.locale`); its English is the shared default, replaced here as a whole by a
 * translation.
 */

import { english, type SharedStrings } from "../../shared/strings";

/** Minutes without activity after which the portal signs out (README: "Client portal"). */
export const IDLE_MINUTES = 15;

const shared: SharedStrings = english;

export const strings = {
  shared,
  appName: "Client portal",
  signInSubtitle: "Sign in to see your services, events, messages and account.",
  skipToContent: "Skip to content",
  nav: "Main",
  signOut: "Sign out",
  signedInAs: (name: string) => `Signed in as ${name}`,
  unread: (count: number) => (count === 1 ? "1 unread message" : `${count} unread messages`),
  notForStaff: "This portal is for clients. Agency staff use the staff app.",
  toStaffApp: "Go to the staff app",
  bootFailed: "The portal could not start.",

  screens: {
    home: "Home",
    myServices: "My Services",
    calendar: "Calendar",
    inbox: "Inbox",
    accountHistory: "Account History",
    timeline: "Services Timeline",
    requestEvent: "Request an Event",
    newDiscussion: "Start a Discussion",
    notFound: "Page not found",
  },
  notFound: "There is no such page in the portal.",
  backHome: "Go to Home",
  switchedOff: "Your agency does not offer this in the portal.",

  home: {
    intro: (name: string) => `Welcome, ${name}.`,
    loading: "your figures",
    myServices: (count: number) => (count === 1 ? "1 open service" : `${count} open services`),
    nextEvent: "Next event",
    noEvent: "No upcoming events",
    unread: (count: number) => (count === 0 ? "No unread messages" : count === 1 ? "1 unread" : `${count} unread`),
    balance: "Balance",
    owing: "you owe",
    inCredit: "in credit",
    settled: "nothing owed",
    failed: "Not available right now.",
  },

  services: {
    overview: "Overview",
    loading: "your services",
    none: "You take part in no service yet.",
    noneMatch: "No service matches these options.",
    showOptions: "Show Options",
    hideOptions: "Hide Options",
    options: "Options",
    service: "Service",
    allServices: "All services",
    which: "Show",
    openOnly: "Open Services",
    openAndClosed: "Both Open and Closed Services",
    filter: "Filter",
    showing: (shown: number, total: number) => `Showing ${shown} of ${total} services.`,
    open: "Open",
    closed: "Closed",
    openDate: "Open date",
    closeDate: "Closed on",
    leftDate: "You left on",
    attended: "Events attended",
    upcoming: "Upcoming events",
    nextEvent: "Next event",
    noNextEvent: "None scheduled",
    providers: "Providers",
    participants: "Other participants",
    noParticipants: "None",
    unnamed: "Someone at the agency",
    actions: (service: string) => `What you can do in ${service}`,
  },

  /** The per-service actions of My Services (each shown once its screen exists: see routes.ts). */
  actions: {
    startDiscussion: (provider: string) => `Start a Discussion with ${provider}`,
    requestEvent: (provider: string) => `Request an Event with ${provider}`,
    timeline: "Show in Services Timeline",
    calendar: "Show Events in your Calendar",
    inbox: "Show Discussions in your Inbox",
    invoices: "Show Invoices in your Account History",
    yourProvider: "your provider",
  },
};

export type Strings = typeof strings;
