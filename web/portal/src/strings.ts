/**
 * Every word the client portal shows, in one catalog (English): a translation is a copy of this file. The labels
 * are the help pages' words (Home, My Services, "Show Options", "Start a Discussion with ..."). `shared` holds the
 * words of the parts the portal shares with the staff app (sign-in, errors, loading states); its English is the
 * shared default, replaced here as a whole by a translation.
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

  /** The Calendar screen: the client's events, upcoming and past (help pages: "Show Events in your Calendar"). */
  calendar: {
    loading: "your events",
    upcoming: "Upcoming events",
    past: "Past events",
    noUpcoming: "No upcoming events.",
    noPast: "No past events in this period.",
    earlier: "Earlier events",
    loadingEarlier: "Loading earlier events…",
    pastSince: (day: string) => `Past events since ${day}.`,
    allLoaded: "All your events of this service are shown.",
    filteredTo: (service: string) => `Showing the events of ${service}.`,
    showAll: "Show all events",
    service: "Service",
    when: "When",
    provider: "Provider",
    others: "Other attendees",
    anotherClient: "Another client",
    unnamed: "Someone at the agency",
    where: "Where",
    atSite: (site: string) => `In person at ${site}`,
    inPerson: "In person",
    video: "Video Session",
    awaitingLink: "Awaiting video session link",
    join: "Join",
    linkNotWeb: (link: string) => `Video session link: ${link}`,
    status: "Status",
    statuses: {
      scheduled: "Scheduled",
      attended: "Attended",
      no_show: "Missed (no-show)",
      cancelled: "Cancelled",
    } as Record<string, string>,
    cancelledBy: {
      client: "Cancelled by you",
      worker: "Cancelled by your provider",
      admin: "Cancelled by the agency",
      availability: "Cancelled: the time was no longer available",
    } as Record<string, string>,
    youLeft: "You left this event; the others still attend.",
    lateFeeOwed: "A late-cancellation fee applies.",
    confirmed: "You confirmed you will attend.",
    confirm: "Confirm attendance",
    confirming: "Confirming…",
    confirmedNow: (when: string) => `Attendance confirmed for ${when}.`,
    cancel: "Cancel event",
    cancelTitle: "Cancel this event?",
    policy: (hours: number) =>
      `Your agency's cancellation policy: you can cancel an event here up to ${hours} hours before it starts. ` +
      `Later than that is a late cancellation: contact your provider.`,
    feeIs: (fee: string) => `The late-cancellation fee is ${fee}.`,
    noFee: "Your agency charges no late-cancellation fee for this service.",
    feeUnknown: "The late-cancellation fee could not be read; ask your provider.",
    feeLoading: "Reading the agency's fees…",
    freeUntil: (deadline: string) => `Cancelling now is not late: no fee applies. You can cancel until ${deadline}.`,
    lateNow: (hours: number) =>
      `This event starts in less than ${hours} hours: cancelling now is a late cancellation, which can no longer ` +
      `be done here. Contact your provider to cancel.`,
    lateFee: (fee: string) => `A late-cancellation fee of ${fee} may apply.`,
    startedNow: "This event has started: it can no longer be cancelled.",
    youWillLeave: "Other clients attend this event: cancelling takes only you off it, and they keep it.",
    forEveryone: "Cancelling cancels the event for everyone invited.",
    yesCancel: "Yes, cancel event",
    yesLeave: "Yes, cancel my attendance",
    cancelling: "Cancelling…",
    keep: "Keep event",
    close: "Close",
    cancelledNow: (when: string) => `Event cancelled: ${when}.`,
    leftNow: (when: string) => `You left the event of ${when}.`,
  },
};

export type Strings = typeof strings;
