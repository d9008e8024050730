import { describe, expect, it } from "vitest";
import type { Preferences } from "../../shared/api/messaging";
import type { ServiceRequest } from "../../shared/api/requests";
import { agencyKeepsShort, changeOf, draftOf, emailBlocked } from "../../shared/preferences";
import { HEADER_LINKS, hrefOf, MY_SERVICES_LINKS, matchScreen, screenLinks, screenOf } from "../src/routes";
import { draftProblem, MAX_MESSAGE, MAX_NAME, requestBody, stateOf } from "../src/serviceRequests";
import { ALL_ON as FEATURES } from "./features";


function request(extra: Partial<ServiceRequest>): ServiceRequest {
  return {
    service_request_id: "sr1",
    client_id: "c1",
    name: "Housing support",
    message: null,
    created_at: "2026-03-08T15:00:00Z",
    status: "pending",
    service_id: null,
    reason: null,
    decided_by: null,
    updated_at: null,
    version: 1,
    ...extra,
  };
}

function preferences(extra: Partial<Preferences> = {}): Preferences {
  return {
    email_address: "c1@a.test",
    email_consent: true,
    agency_allows_email: true,
    email: { message: true, invoice_issued: true },
    delivered_by_email: { message: true, invoice_issued: true },
    email_detail: "full",
    delivered_detail: { message: "subject_only", invoice_issued: "full" },
    reminders_enabled: true,
    reminder_hours: [48, 2],
    ...extra,
  };
}

describe("Request a New Service", () => {
  it("sends the name trimmed and no message when none is written", () => {
    expect(requestBody({ name: "  Housing support ", message: "  " })).toEqual({ name: "Housing support", message: null });
    expect(requestBody({ name: "Housing", message: " Soon, please. " })).toEqual({ name: "Housing", message: "Soon, please." });
  });

  it("names the field that is wrong before sending", () => {
    expect(draftProblem({ name: "   ", message: "" })).toBe("name");
    expect(draftProblem({ name: "x".repeat(MAX_NAME + 1), message: "" })).toBe("name");
    expect(draftProblem({ name: "Housing", message: "x".repeat(MAX_MESSAGE + 1) })).toBe("message");
    expect(draftProblem({ name: "Housing", message: "" })).toBeNull();
  });

  it("reads each request's state: pending, approved with the opened service, declined with the reason", () => {
    expect(stateOf(request({}))).toEqual({ state: "pending" });
    expect(stateOf(request({ status: "approved", service_id: "s9" }))).toEqual({ state: "approved", serviceId: "s9" });
    expect(stateOf(request({ status: "declined", reason: "Not offered here." }))).toEqual({
      state: "declined",
      reason: "Not offered here.",
    });
  });

  it("is a screen of the service requests feature, linked from My Services only while the agency takes them", () => {
    expect(screenOf("newService")?.feature).toBe("serviceRequests");
    expect(matchScreen("/new-service")?.screen.id).toBe("newService");
    expect(screenLinks(MY_SERVICES_LINKS, FEATURES)).toEqual([
      { key: "newService", label: "Request a New Service", href: "#/new-service" },
    ]);
    expect(screenLinks(MY_SERVICES_LINKS, { ...FEATURES, serviceRequests: false })).toEqual([]);
    expect(screenLinks(MY_SERVICES_LINKS, undefined)).toEqual([]); // settings not known yet: not offered
  });
});

describe("Preferences", () => {
  it("is linked from the header whatever the agency switched off", () => {
    expect(hrefOf("preferences")).toBe("#/preferences");
    expect(screenLinks(HEADER_LINKS, undefined).map((l) => l.href)).toEqual(["#/preferences"]);
  });

  it("sends only what changed, and nothing when nothing did", () => {
    const saved = preferences();
    const draft = draftOf(saved);
    expect(changeOf(saved, draft)).toBeNull();
    expect(changeOf(saved, { ...draft, email: { ...draft.email, invoice_issued: false } })).toEqual({
      email: { invoice_issued: false },
    });
    expect(changeOf(saved, { ...draft, detail: "subject_only" })).toEqual({ email_detail: "subject_only" });
    draft.email.message = false; // the draft is a copy: the saved choices stay as loaded
    expect(saved.email.message).toBe(true);
  });

  it("says why no email reaches the client, the first reason that holds", () => {
    expect(emailBlocked(preferences())).toBeNull();
    expect(emailBlocked(preferences({ email_address: null, email_consent: false }))).toBe("noAddress");
    expect(emailBlocked(preferences({ email_consent: false, agency_allows_email: false }))).toBe("noConsent");
    expect(emailBlocked(preferences({ agency_allows_email: false }))).toBe("agencyOff");
  });

  it("notes the kinds the agency keeps to a notice while the client asks for full details", () => {
    expect(agencyKeepsShort(preferences())).toEqual(["message"]);
    expect(
      agencyKeepsShort(preferences({ email_detail: "subject_only", delivered_detail: { message: "subject_only" } })),
    ).toEqual([]);
  });
});
