/**
 * The words of the parts both web apps share (sign-in, errors, loading and failed states), in English, and the
 * locale both apps write dates and amounts in.
 *
 * The staff app uses them as they are. The client portal keeps every string of its own in one catalog
 * (web/portal/src/strings.ts) and hands that catalog's `shared` part to `setSharedStrings` at start, so a
 * translation of the portal is that one file.
 */

export interface SharedStrings {
  /** The BCP 47 locale dates and amounts are written in (shared/time.ts, shared/money.ts): the catalog's language. */
  locale: string;
  signIn: {
    title: string;
    email: string;
    password: string;
    submit: string;
    submitting: string;
    missingEmail: string;
    missingPassword: string;
    expired: string;
    idle: (minutes: number) => string;
    signedOut: string;
    firstPassword: (email: string) => string;
    chooseTitle: string;
    newPassword: string;
    newPasswordHint: string;
    repeatPassword: string;
    setPassword: string;
    tooShort: string;
    differ: string;
    forgot: string;
    forgotTitle: string;
    forgotIntro: string;
    sendCode: string;
    sendingCode: string;
    codeSent: (destination: string) => string;
    code: string;
    missingCode: string;
    resetSubmit: string;
    resetting: string;
    resetDone: string;
    backToSignIn: string;
  };
  cognito: {
    unreachable: string;
    failed: string;
    wrongCredentials: string;
    tooManyFailures: string;
    disabled: string;
    resetRequired: string;
    notConfirmed: string;
    tooManyAttempts: string;
    passwordRefused: (detail: string) => string;
    wrongCode: string;
    codeExpired: string;
  };
  errors: {
    sessionEnded: string;
    network: string;
    serverAnswered: (status: number) => string;
    pageFailed: string;
    serverFailed: string;
    notAllowed: string;
    notAccepted: (detail: string) => string;
  };
  states: {
    loading: (what: string) => string;
    tryAgain: string;
    saving: string;
    nothingToChoose: string;
  };
  /** Subscribing to your events from a calendar app (shared/ui/CalendarFeed.tsx). */
  calendarFeed: {
    title: string;
    intro: string;
    privacyClient: string;
    privacyStaff: string;
    loading: string;
    notShared: string;
    getLink: string;
    gettingLink: string;
    sharedSince: (when: string) => string;
    lastFetched: (when: string) => string;
    neverFetched: string;
    linkLabel: string;
    shownOnce: string;
    notShownAgain: string;
    howTo: string;
    copy: string;
    copied: string;
    copyFailed: string;
    open: string;
    newLink: string;
    newLinkAsk: string;
    yesNewLink: string;
    stop: string;
    stopAsk: string;
    yesStop: string;
    keep: string;
    made: string;
    stopped: string;
  };
  /** One event as a calendar file (shared/ui/AddToCalendar.tsx). */
  addToCalendar: {
    label: string;
    busy: string;
    done: string;
    failed: (detail: string) => string;
  };
}

export const english: SharedStrings = {
  locale: "en-GB",
  signIn: {
    title: "Sign in",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    submitting: "Signing in…",
    missingEmail: "Enter your email address.",
    missingPassword: "Enter your password.",
    expired: "Your session has ended. Sign in again to continue.",
    idle: (minutes) => `You were signed out after ${minutes} minutes without activity. Sign in again to continue.`,
    signedOut: "You are signed out.",
    firstPassword: (email) => `Welcome. Choose your own password to finish signing in as ${email}.`,
    chooseTitle: "Choose a new password",
    newPassword: "New password",
    newPasswordHint: "At least 12 characters; a few words make a good one.",
    repeatPassword: "Repeat the new password",
    setPassword: "Set password and sign in",
    tooShort: "Use at least 12 characters.",
    differ: "The two passwords differ.",
    forgot: "Forgot your password?",
    forgotTitle: "Reset your password",
    forgotIntro: "Enter your email address and we will send you a code to choose a new password.",
    sendCode: "Send the code",
    sendingCode: "Sending…",
    codeSent: (destination) => `A code is on its way${destination ? ` to ${destination}` : ""}. Enter it with a new password.`,
    code: "Code",
    missingCode: "Enter the code you received.",
    resetSubmit: "Set the new password",
    resetting: "Saving…",
    resetDone: "Your password is changed. Sign in with it.",
    backToSignIn: "Back to sign in",
  },
  cognito: {
    unreachable: "Cannot reach the sign-in service. Check your connection and try again.",
    failed: "Signing in failed. Try again.",
    wrongCredentials: "Wrong email or password.",
    tooManyFailures: "Too many failed attempts. Wait a few minutes and try again.",
    disabled: "This account is disabled. Ask your agency's admin.",
    resetRequired: "Your password has to be reset: use “Forgot your password?”.",
    notConfirmed: "This account is not confirmed yet. Ask your agency's admin.",
    tooManyAttempts: "Too many attempts. Wait a moment and try again.",
    passwordRefused: (detail) => `The new password is not accepted: ${detail}`,
    wrongCode: "That code is not right. Check it and try again.",
    codeExpired: "That code has expired. Ask for a new one.",
  },
  errors: {
    sessionEnded: "Your session has ended. Sign in again to continue.",
    network: "Cannot reach the server. Check your connection and try again.",
    serverAnswered: (status) => `The server answered ${status}.`,
    pageFailed: "Something went wrong in this page. Reload it and try again.",
    serverFailed: "Something went wrong on our side. Try again in a moment.",
    notAllowed: "You are not allowed to do this.",
    notAccepted: (detail) => `The server did not accept what this page sent (${detail}). Reload the page and try again.`,
  },
  states: {
    loading: (what) => `Loading ${what}…`,
    tryAgain: "Try again",
    saving: "Saving…",
    nothingToChoose: "Nothing to choose from.",
  },
  calendarFeed: {
    title: "Subscribe to your calendar",
    intro:
      "See your appointments in the calendar app you already use (Google, Apple or Outlook): it fetches them from a " +
      "private link and keeps them up to date, from 30 days back to as far ahead as appointments are booked.",
    privacyClient:
      "Each entry gives the time and says “Appointment” with your agency's name, nothing more. Anyone who has the " +
      "link sees these times: keep it to yourself.",
    privacyStaff:
      "Each entry gives the time and says “Appointment” with the agency's name; it names the clients only if the " +
      "agency allows it. Anyone who has the link sees these appointments: keep it to yourself.",
    loading: "your calendar link",
    notShared: "You do not share your calendar with a calendar app.",
    getLink: "Get a link",
    gettingLink: "Getting a link…",
    sharedSince: (when) => `You share your calendar through a private link made ${when}.`,
    lastFetched: (when) => `A calendar app last fetched it ${when}.`,
    neverFetched: "No calendar app has fetched it yet.",
    linkLabel: "Your private calendar link",
    shownOnce:
      "This link is shown only now. Copy it or open it in your calendar app; to see it again later, get a new link.",
    notShownAgain:
      "The link is not shown again: only a fingerprint of it is kept. To add your calendar to another app, get a new " +
      "link (the current one then stops working).",
    howTo:
      "On a phone or a Mac, “Open in calendar app” subscribes. In Google Calendar on the web, choose “Other " +
      "calendars”, then “From URL”, and paste the link.",
    copy: "Copy link",
    copied: "Link copied.",
    copyFailed: "Copying did not work: select the link and copy it.",
    open: "Open in calendar app",
    newLink: "Get a new link",
    newLinkAsk: "Get a new link? The current link stops working at once, and calendars subscribed to it stop updating.",
    yesNewLink: "Yes, get a new link",
    stop: "Stop sharing",
    stopAsk: "Stop sharing your calendar? The link stops working at once, and calendars subscribed to it stop updating.",
    yesStop: "Yes, stop sharing",
    keep: "Keep the link",
    made: "Your new calendar link is ready.",
    stopped: "You no longer share your calendar: its link no longer works.",
  },
  addToCalendar: {
    label: "Add to calendar",
    busy: "Preparing…",
    done: "Calendar file saved: open it to add the appointment to your calendar.",
    failed: (detail) => `The calendar file could not be made: ${detail}`,
  },
};

let current: SharedStrings = english;

/** The shared parts' words from now on (the portal passes its catalog's at start). */
export function setSharedStrings(strings: SharedStrings): void {
  current = strings;
}

/** The shared parts' words: English unless an app handed others. */
export function sharedStrings(): SharedStrings {
  return current;
}
