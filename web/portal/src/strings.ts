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
    eventRequests: "Your Event Requests",
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

  /** Request an Event (help pages: "Request an Event with your Service Provider"). */
  requestEvent: {
    loading: "your services",
    intro: (provider: string) => `Request an event (appointment) with ${provider}.`,
    noService: "You take part in no open service with this provider, so you cannot request an event with them.",
    service: "Service",
    chooseService: "Choose a service",
    attendees: "Attendees",
    attendeesHint: "Other participants of the service you would like to come too.",
    videoSession: "Video Session",
    videoHint: "Once requested, Awaiting video session link will appear until your Service Provider has added a link.",
    preferredTime: "Preferred Time",
    calendarHint: "Days with availability are marked with a green circle.",
    loadingDays: "the days with availability",
    previousMonth: "Previous month",
    nextMonth: "Next month",
    dayLabel: (date: string, available: boolean) => `${date}, ${available ? "available" : "no availability"}`,
    availableAppts: "Available Appts",
    pickDay: "Choose a day on the calendar to see its Available Appts.",
    loadingSlots: "the Available Appts",
    noSlots: "No Available Appts on this day. Choose another day.",
    zoneNote: (zone: string) => `Times are on your agency's clock (${zone}).`,
    message: "Message",
    messageOptional: "Message (optional)",
    messageRequired: "Your Service Provider asks for a message with each request.",
    note:
      "Please note that indicating a preferred date or time does not guarantee your appointment time. " +
      "Your Service Provider will respond back to confirm the exact date and time of your appointment.",
    send: "Send",
    sending: "Sending…",
    chooseTime: "Choose one of the Available Appts first.",
    switchedOffHere: "Your agency does not take event requests at the moment.",
    yourRequests: "Your Event Requests",
  },

  /** The client's event requests and where each stands (the API's status names in plain words). */
  eventRequests: {
    loading: "your event requests",
    none: "You have not requested any events.",
    sent: "Your request is sent. This page shows where it stands.",
    requestAnother: "Request an Event",
    status: {
      pending: "Sent",
      awaiting_response: "Held for your provider",
      proposed: "Another time proposed",
      confirmed: "Confirmed",
      declined: "Declined",
      withdrawn: "Withdrawn",
      expired: "Expired",
    },
    explain: {
      pending: "Your request is sent; the time is being held for you.",
      awaiting_response: "The time is held for you while your provider responds.",
      proposed: "Your provider proposed another time. Accept it or decline it.",
      confirmed: "Your event is confirmed and in your calendar.",
      declined: "Your request was declined.",
      withdrawn: "You withdrew this request.",
      expired: "The time was held for as long as the agency allows and your provider did not respond.",
    },
    declinedBy: {
      availability: "The time could not be held",
      worker: "Your provider declined",
      client: "You declined the proposed time",
    },
    reason: "Reason",
    with: "With",
    service: "Service",
    time: "Time",
    requestedTime: "You asked for",
    proposedTime: "Proposed time",
    videoSession: "Video Session",
    awaitingVideo: "Awaiting video session link",
    joinVideo: "Join the video session",
    message: "Your message",
    accept: "Accept",
    decline: "Decline",
    withdraw: "Withdraw",
    withdrawQuestion: "Withdraw this request? Your provider will no longer be asked.",
    withdrawConfirm: "Yes, withdraw it",
    keep: "No, keep it",
    declineQuestion: "Decline the proposed time? The request ends.",
    declineReason: "Reason (optional)",
    declineConfirm: "Yes, decline it",
    working: "Sending…",
    accepted: "You accepted the proposed time.",
    declined: "You declined the proposed time.",
    withdrawn: "Your request is withdrawn.",
    showMore: "Show more",
    request: (time: string) => `Request for ${time}`,
  },

  /** Links a screen shows below its own content, to a related screen (see routes.ts: RELATED_LINKS). */
  related: {
    label: "See also",
    eventRequests: "Your Event Requests",
  },
};

export type Strings = typeof strings;
