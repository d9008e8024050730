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
    discussion: "Discussion",
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

  /** The Inbox: discussions with providers and notifications from the agency. */
  inbox: {
    loading: "your inbox",
    list: "Discussions and notifications",
    none: "Nothing in your inbox yet.",
    noneInService: (service: string) => `Nothing in your inbox about ${service} yet.`,
    showingService: (service: string) => `Showing discussions and notifications about ${service}.`,
    aService: "this service",
    showAll: "Show all of your Inbox",
    unreadCount: (count: number) =>
      count === 0 ? "No unread messages." : count === 1 ? "1 unread message." : `${count} unread messages.`,
    discussion: "Discussion",
    notification: "Notification",
    unread: "Unread",
    newMessages: (count: number) => (count === 1 ? "1 new message" : `${count} new messages`),
    from: "From",
    when: "When",
    service: "Service",
    yourAgency: "Your agency",
    someone: "Someone at the agency",
    read: (subject: string) => `Read: ${subject}`,
    hide: "Hide",
    noBody: "There is nothing more to this notification.",
    markedRead: "Marked as read.",
    more: "More",
    /** Kinds of notification, as a client reads them (every kind messaging has). */
    kinds: {
      message: "Message",
      event_requested: "Event requested",
      request_awaiting_response: "Request received",
      request_declined: "Request declined",
      request_confirmed: "Request confirmed",
      time_proposed: "Another time proposed",
      proposal_failed: "Proposed time not available",
      request_expired: "Request expired",
      request_withdrawn: "Request withdrawn",
      event_scheduled: "Event scheduled",
      video_link: "Video link added",
      event_rescheduled: "Event rescheduled",
      event_cancelled: "Event cancelled",
      attendee_left: "Attendee cancelled",
      invoice_issued: "Invoice issued",
      payment_received: "Payment received",
      payment_failed: "Payment failed",
      service_approved: "New service approved",
      service_declined: "New service declined",
    } as Record<string, string>,
  },

  /** One discussion: its messages, oldest first, and the reply. */
  discussion: {
    loading: "the discussion",
    back: "Back to your Inbox",
    service: "Service",
    started: "Started",
    messages: "Messages",
    you: "You",
    yourProvider: "Your provider",
    reply: "Reply",
    message: "Message",
    send: "Send",
    sending: "Sending…",
    sent: "Message sent.",
    missing: "Write your message first.",
    left: (count: number) =>
      count === 1
        ? "You can send 1 more message before your provider replies."
        : `You can send ${count} more messages before your provider replies.`,
    cannotPost: "You cannot send a message in this discussion now.",
    /** Used only when the API gives no words of its own for why the client cannot post. */
    reasons: {
      message_limit_reached:
        "You have sent 3 messages without a reply. Please wait for your provider to reply before you send another.",
      discussions_disabled: "Your agency has turned discussions off: you can read your discussions but not write in them.",
      service_closed: "This service is closed: its discussions can be read but not added to.",
    } as Record<string, string>,
  },

  /** Start a Discussion with a provider of one of the client's services. */
  newDiscussion: {
    title: (provider: string) => `Start a Discussion with ${provider}`,
    loading: "your services",
    service: "Service",
    subject: "Subject",
    message: "Message",
    send: "Send",
    sending: "Sending…",
    note: "You can send a maximum of 3 messages to your Service Provider prior to receiving a response back from them.",
    missingSubject: "Enter a subject.",
    missingMessage: "Enter a message.",
    noService: "This is not one of your open services: choose a provider in My Services.",
    toMyServices: "Go to My Services",
  },
};

export type Strings = typeof strings;
