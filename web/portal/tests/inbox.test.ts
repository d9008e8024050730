import { describe, expect, it } from "vitest";
import type { Discussion, InboxItem } from "../../shared/api/messaging";
import type { MyService } from "../../shared/api/requests";
import type { Features } from "../src/features";
import {
  discussionHref,
  fromOf,
  inboxHref,
  isUnread,
  joinPages,
  ofService,
  onAgencyClock,
  postingOf,
  serviceFilterOf,
  serviceName,
  unreadMark,
} from "../src/inbox";
import { hrefOf, matchScreen, serviceActions } from "../src/routes";

function item(id: string, extra: Partial<InboxItem> = {}): InboxItem {
  return {
    item_id: id,
    type: "discussion",
    kind: "message",
    service_id: "s1",
    discussion_id: id,
    subject: `Subject ${id}`,
    body: "Hello",
    from_name: "Wes Worker",
    refs: {},
    reason: null,
    at: "2026-03-09T14:00:00Z",
    unread: 0,
    read: true,
    ...extra,
  };
}

function discussion(extra: Partial<Discussion> = {}): Discussion {
  return {
    discussion_id: "d1",
    service_id: "s1",
    service_name: "Counselling",
    client_id: "c1",
    subject: "Forms",
    started_by: "c1",
    started_by_role: "client",
    started_at: "2026-03-09T14:00:00Z",
    messages: [],
    cursor: null,
    discussions_enabled: true,
    can_post: true,
    cannot_post_reason: null,
    cannot_post_message: null,
    messages_left: 2,
    ...extra,
  };
}

describe("how many messages the client may still send", () => {
  it("says how many are left before the provider replies", () => {
    expect(postingOf(discussion({ messages_left: 2 }))).toEqual({
      canPost: true,
      note: "You can send 2 more messages before your provider replies.",
    });
    expect(postingOf(discussion({ messages_left: 1 })).note).toBe(
      "You can send 1 more message before your provider replies.",
    );
    expect(postingOf(discussion({ messages_left: 3 })).note).toBe(
      "You can send 3 more messages before your provider replies.",
    );
  });

  it("when none, says why in the API's words", () => {
    const limit = "You have sent 3 messages about Counselling without a reply. Please wait for your provider to reply.";
    expect(
      postingOf(
        discussion({
          can_post: false,
          messages_left: 0,
          cannot_post_reason: "message_limit_reached",
          cannot_post_message: limit,
        }),
      ),
    ).toEqual({ canPost: false, note: limit });
  });

  it("falls back to the portal's words for a reason the API did not word, and to a general one", () => {
    const off = postingOf(
      discussion({ can_post: false, cannot_post_reason: "discussions_disabled", cannot_post_message: null, messages_left: 2 }),
    );
    expect(off.canPost).toBe(false);
    expect(off.note).toMatch(/turned discussions off/);
    expect(postingOf(discussion({ can_post: false, cannot_post_reason: "something_new" })).note).toBe(
      "You cannot send a message in this discussion now.",
    );
  });

  it("says nothing of a count the API does not give", () => {
    expect(postingOf(discussion({ messages_left: null }))).toEqual({ canPost: true, note: null });
  });
});

describe("read and unread items", () => {
  it("marks unread items in words: new messages for a discussion, Unread for a notification", () => {
    expect(unreadMark(item("d1", { unread: 2, read: false }))).toBe("2 new messages");
    expect(unreadMark(item("d1", { unread: 1, read: false }))).toBe("1 new message");
    expect(unreadMark(item("n1", { type: "notification", kind: "invoice_issued", unread: 1, read: false }))).toBe("Unread");
    expect(unreadMark(item("d2"))).toBeNull();
  });

  it("counts an item read once it was opened here, before the list is loaded again", () => {
    const unread = item("n1", { type: "notification", unread: 1, read: false });
    expect(isUnread(unread)).toBe(true);
    expect(isUnread(unread, new Set(["n1"]))).toBe(false);
    expect(unreadMark(unread, new Set(["n1"]))).toBeNull();
    expect(isUnread(unread, new Set(["other"]))).toBe(true);
  });

  it("says who an item is from: the author, else the agency", () => {
    expect(fromOf(item("d1"))).toBe("Wes Worker");
    expect(fromOf(item("n1", { type: "notification", from_name: null }))).toBe("Your agency");
    expect(fromOf(item("d1", { from_name: null }))).toBe("Someone at the agency");
  });

  it("keeps each item once when pages overlap, where it was first seen", () => {
    const pages = [item("a"), item("b"), item("b", { unread: 3 }), item("c")];
    expect(joinPages(pages).map((i) => [i.item_id, i.unread])).toEqual([
      ["a", 0],
      ["b", 0],
      ["c", 0],
    ]);
  });
});

describe("the Inbox of one service", () => {
  it("reads the service from the route and links back to all", () => {
    expect(serviceFilterOf({ service: "s2" })).toBe("s2");
    expect(serviceFilterOf({})).toBeNull();
    expect(serviceFilterOf({ service: "" })).toBeNull();
    expect(inboxHref("s 2")).toBe("#/inbox?service=s%202");
    expect(inboxHref()).toBe("#/inbox");
  });

  it("shows only that service's items", () => {
    const items = [item("a", { service_id: "s1" }), item("b", { service_id: "s2" }), item("c", { service_id: null })];
    expect(ofService(items, "s2").map((i) => i.item_id)).toEqual(["b"]);
    expect(ofService(items, null).map((i) => i.item_id)).toEqual(["a", "b", "c"]);
  });

  it("names the service from My Services", () => {
    const services = [{ service_id: "s1", name: "Counselling" }] as MyService[];
    expect(serviceName(services, "s1")).toBe("Counselling");
    expect(serviceName(services, "s9")).toBeNull();
    expect(serviceName(undefined, "s1")).toBeNull();
    expect(serviceName(services, null)).toBeNull();
  });
});

describe("the Inbox's routes", () => {
  it("is linked to from Home and My Services, and a discussion's link is built by hand", () => {
    expect(hrefOf("inbox", { service: "s1" })).toBe("#/inbox?service=s1");
    expect(hrefOf("discussion")).toBeNull(); // a parameter in its path
    expect(discussionHref("d/1")).toBe("#/inbox/discussion/d%2F1");
    expect(matchScreen("/inbox/discussion/d%2F1")).toMatchObject({ screen: { id: "discussion" }, params: { id: "d/1" } });
    expect(matchScreen("/inbox/new")?.screen.id).toBe("newDiscussion");
    expect(matchScreen("/inbox")?.screen.id).toBe("inbox");
  });

  it("offers Start a Discussion per provider only while the agency has discussions on", () => {
    const service = {
      service_id: "s1",
      name: "Counselling",
      providers: [{ worker_id: "w1", name: "Wes Worker" }],
    } as MyService;
    const on = { discussions: true } as Features;
    const keys = (features: Features | undefined) => serviceActions(service, features).map((a) => a.key);
    const start = serviceActions(service, on).find((a) => a.key === "newDiscussion:w1");
    expect(start).toMatchObject({ label: "Start a Discussion with Wes Worker", href: "#/inbox/new?service=s1&worker=w1" });
    expect(keys({ discussions: false } as Features)).not.toContain("newDiscussion:w1");
    expect(keys(undefined)).not.toContain("newDiscussion:w1");
    expect(keys({ discussions: false } as Features)).toContain("inbox"); // reading stays
  });
});

describe("times in the Inbox", () => {
  it("are on the agency's clock, the zone named when not the browser's; the browser's while unknown", () => {
    expect(onAgencyClock("2026-03-09T14:00:00Z", "America/New_York", "Europe/London")).toMatch(
      /^Mon,? 9 Mar 2026, 10:00 EDT$/,
    );
    expect(onAgencyClock("2026-03-09T14:00:00Z", "America/New_York", "America/New_York")).toMatch(
      /^Mon,? 9 Mar 2026, 10:00$/,
    );
    expect(onAgencyClock("2026-03-09T14:00:00Z", null, "Europe/London")).toMatch(/^Mon,? 9 Mar 2026, 14:00$/);
  });
});
