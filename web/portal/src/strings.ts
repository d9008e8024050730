/**
 * Every word the client portal shows, in one catalog (English): a translation is a copy of this file. The labels
 * are the help pages' words (Home, My Services, "Show Options", "Start a Discussion with ..."). `shared` holds the
 * words of the parts the portal shares with the staff app (sign-in, errors, loading states) and the locale its dates
 * and amounts are written in (`shared.locale`); its English is the shared default, replaced here as a whole by a
 * translation.
 */

import type { NotificationKind } from "../../shared/api/messaging";
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

  /** Request a New Service (help pages: "If this option is available a Request a New Service button will appear"). */
  newService: {
    title: "Request a New Service",
    link: "Request a New Service",
    intro: "Ask your agency for a service you do not have yet. Please contact your Service Provider if you have any questions.",
    name: "Service you would like",
    nameHint: "For example: family counselling, or help with housing.",
    missingName: "Enter the service you would like.",
    tooLong: (most: number) => `Use at most ${most} characters.`,
    message: "Message (optional)",
    messageHint: "Anything your agency should know to answer.",
    send: "Send",
    sending: "Sending…",
    sent: (name: string) => `Your request for ${name} is sent. Your agency will answer it here.`,
    yours: "Your requests for a new service",
    loading: "your requests",
    none: "You have not requested a new service yet.",
    sentOn: (date: string) => `Sent ${date}`,
    pending: "Pending",
    pendingNote: "Waiting for your agency's answer.",
    approved: "Approved",
    approvedNote: "Your new service is open.",
    showService: (name: string) => `Show ${name} in My Services`,
    declined: "Declined",
    reason: "Reason",
    noReason: "No reason was given.",
    more: "Show more",
  },

  /** Preferences: which notifications also come by email, and how much those emails say. */
  preferences: {
    title: "Preferences",
    link: "Preferences",
    loading: "your preferences",
    emailSection: "Email notifications",
    address: "Email address",
    noneOnFile: "None on file",
    noAddress: "Your agency has no email address for you, so notifications stay in your Inbox. Ask your agency to add one.",
    noConsent: "You have not agreed to receive email from your agency, so notifications stay in your Inbox. Ask your agency to change this.",
    agencyOff: "Your agency does not send notifications by email; you find them in your Inbox. Your choices below are kept for when it does.",
    alsoEmail: "Also send me an email when",
    inboxAlways: "Every notification is in your Inbox; these also come by email.",
    detailSection: "Detail level",
    detailLegend: "What your emails say",
    full: "Full details (as much as your agency allows)",
    subjectOnly: "Just a notice to sign in (the subject only)",
    detailHint: "Choose the notice if someone else can read your email.",
    agencyShort: "Your agency sends some notifications as a notice only, whatever you choose.",
    save: "Save",
    saving: "Saving…",
    saved: "Your preferences are saved.",
    unchanged: "Nothing to save: you have not changed anything.",
    kinds: {
      message: "a provider writes to you in a discussion",
      request_awaiting_response: "your event request reaches your provider",
      request_declined: "your event request is declined",
      request_confirmed: "your event is confirmed",
      time_proposed: "your provider proposes another time",
      request_expired: "your event request expires",
      event_scheduled: "you are added to an event",
      video_link: "a video session link is added",
      event_rescheduled: "an event is moved",
      event_cancelled: "an event is cancelled",
      attendee_left: "someone will not attend an event",
      invoice_issued: "an invoice is issued",
      payment_received: "a payment is received",
      payment_failed: "a payment does not go through",
      service_approved: "your request for a new service is approved",
      service_declined: "your request for a new service is declined",
      event_requested: "a client requests an event",
      proposal_failed: "a time you proposed could not be held",
      request_withdrawn: "a client withdraws a request",
    } satisfies Record<NotificationKind, string>,
  },
};

export type Strings = typeof strings;
