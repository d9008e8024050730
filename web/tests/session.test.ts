import { describe, expect, it } from "vitest";
import { CognitoError, CognitoUnreachable } from "../shared/auth/cognito";
import {
  LEGACY_STORAGE_KEY,
  REFRESH_MARGIN_MS,
  Session,
  type SessionState,
  SessionExpired,
  STORAGE_KEY,
} from "../shared/auth/session";
import { FakeCognito, MemoryStore } from "./fakes";

function setup() {
  let now = Date.UTC(2026, 0, 12, 9, 0);
  const clock = () => now;
  const cognito = new FakeCognito(clock);
  const storage = new MemoryStore();
  const session = new Session(cognito, storage, clock);
  const states: SessionState[] = [];
  session.subscribe((state) => states.push(state));
  /** Another tab of the same browser: the same storage, its own memory (and its own `storage` events). */
  const tab = () => {
    const other = new Session(cognito, storage, clock);
    const seen: SessionState[] = [];
    other.subscribe((state) => seen.push(state));
    return { session: other, states: seen };
  };
  return { cognito, storage, session, states, tab, advance: (ms: number) => (now += ms), clock };
}

const refreshes = (cognito: FakeCognito) => cognito.calls.filter((c) => c.startsWith("refresh"));
const refused = async (): Promise<never> => {
  throw new CognitoError("NotAuthorizedException", "Refresh Token has been revoked");
};
const unreachable = async (): Promise<never> => {
  throw new CognitoUnreachable();
};

describe("signing in", () => {
  it("names the user from the ID token's claims and stores the refresh token alone", async () => {
    const { session, storage, states } = setup();
    await session.signIn(" worker@demo.test ", "right-password");
    expect(session.user).toEqual({
      email: "worker@demo.test",
      name: "Wes Worker",
      role: "worker",
      agencyId: "demo",
      personId: "demo-worker",
    });
    expect(states.map((s) => s.kind)).toEqual(["signed-in"]);
    expect([...storage.items]).toEqual([[STORAGE_KEY, "refresh-1"]]);
  });

  it("leaves the user signed out on a wrong password", async () => {
    const { session, storage } = setup();
    await expect(session.signIn("worker@demo.test", "wrong")).rejects.toBeInstanceOf(CognitoError);
    expect(session.state).toEqual({ kind: "signed-out", reason: "none" });
    expect(storage.items.size).toBe(0);
  });

  it("takes the strongest group as the role", async () => {
    const { cognito, storage, clock } = setup();
    cognito.signInWithPassword = async () => ({
      kind: "signed-in",
      tokens: cognito.tokens(3600, { "cognito:groups": ["workers", "admins"] }),
    });
    const session = new Session(cognito, storage, clock);
    await session.signIn("admin@demo.test", "x");
    expect(session.user?.role).toBe("admin");
  });
});

describe("a reload", () => {
  it("resumes with the stored refresh token: renewed first, then signed in", async () => {
    const { session, cognito, storage, clock } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const reloaded = new Session(cognito, storage, clock);
    const states: SessionState[] = [];
    reloaded.subscribe((state) => states.push(state));
    expect(reloaded.state).toEqual({ kind: "resuming", unreachable: false });
    expect(reloaded.user).toBeNull();
    await reloaded.resume();
    expect(refreshes(cognito)).toEqual(["refresh:refresh-1"]);
    expect(reloaded.user?.personId).toBe("demo-worker");
    expect(states.map((s) => s.kind)).toEqual(["signed-in"]);
    expect(await reloaded.idToken()).toMatch(/^eyJ/);
    expect(refreshes(cognito)).toHaveLength(1); // the renewed token serves the calls that follow
  });

  it("with nothing stored, is signed out and asks Cognito nothing", async () => {
    const { session, cognito } = setup();
    await session.resume();
    expect(session.state).toEqual({ kind: "signed-out", reason: "none" });
    expect(cognito.calls).toEqual([]);
  });

  it("ends the session when Cognito refuses the refresh token, and says so", async () => {
    const { session, cognito, storage, clock } = setup();
    await session.signIn("worker@demo.test", "right-password");
    cognito.refreshAnswer = refused;
    const reloaded = new Session(cognito, storage, clock);
    await reloaded.resume();
    expect(reloaded.state).toEqual({ kind: "signed-out", reason: "expired" });
    expect(storage.items.size).toBe(0);
  });

  it("keeps the session when Cognito cannot be reached, and resumes on trying again", async () => {
    const { session, cognito, storage, clock } = setup();
    await session.signIn("worker@demo.test", "right-password");
    cognito.refreshAnswer = unreachable;
    const reloaded = new Session(cognito, storage, clock);
    await reloaded.resume();
    expect(reloaded.state).toEqual({ kind: "resuming", unreachable: true });
    expect(storage.getItem(STORAGE_KEY)).toBe("refresh-1");

    cognito.refreshAnswer = async () => cognito.tokens();
    await reloaded.resume();
    expect(reloaded.state.kind).toBe("signed-in");
  });

  it("moves the refresh token out of the former whole-session entry and drops the rest (ID token, name, email)", async () => {
    const { cognito, storage, clock } = setup();
    const old = cognito.tokens();
    storage.setItem(LEGACY_STORAGE_KEY, JSON.stringify({ ...old, refreshToken: "refresh-old", expiresAt: clock() + 3600_000 }));
    const session = new Session(cognito, storage, clock);
    expect([...storage.items]).toEqual([[STORAGE_KEY, "refresh-old"]]);
    await session.resume();
    expect(refreshes(cognito)).toEqual(["refresh:refresh-old"]);
    expect(session.state.kind).toBe("signed-in");
  });
});

describe("what reaches storage", () => {
  it("is never anything but the refresh token: not the ID or access token, the name or the email", async () => {
    const { session, cognito, storage, advance, clock } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(3600 * 1000);
    await session.idToken(); // renewed, no new refresh token
    advance(3600 * 1000);
    cognito.refreshAnswer = async () => ({ ...cognito.tokens(), refreshToken: "refresh-2" });
    await session.idToken(); // renewed, the refresh token rotated
    await session.renewAfterRejection(await session.idToken());
    const reloaded = new Session(cognito, storage, clock);
    await reloaded.resume();
    await reloaded.signOut();

    expect(storage.writes.map(([key]) => key)).toEqual([STORAGE_KEY, STORAGE_KEY]);
    expect(storage.writes.map(([, value]) => value)).toEqual(["refresh-1", "refresh-2"]);
    expect(storage.items.size).toBe(0);
  });
});

describe("renewing the ID token", () => {
  it("uses the token in memory while it is fresh", async () => {
    const { session, cognito, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const first = await session.idToken();
    advance(3600 * 1000 - REFRESH_MARGIN_MS - 1000);
    expect(await session.idToken()).toBe(first);
    expect(refreshes(cognito)).toEqual([]);
  });

  it("refreshes once for concurrent calls shortly before expiry", async () => {
    const { session, cognito, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const old = await session.idToken();
    advance(3600 * 1000 - REFRESH_MARGIN_MS + 1);
    const renewed = cognito.tokens();
    cognito.refreshAnswer = async () => ({ idToken: renewed.idToken, accessToken: renewed.accessToken });
    const tokens = await Promise.all([session.idToken(), session.idToken(), session.idToken()]);
    expect(new Set(tokens)).toEqual(new Set([renewed.idToken]));
    expect(tokens[0]).not.toBe(old);
    expect(refreshes(cognito)).toEqual(["refresh:refresh-1"]);
    expect(session.state.kind).toBe("signed-in");
  });

  it("keeps the refresh token when the answer carries none, and a rotated one when it does", async () => {
    const { session, cognito, storage, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(3600 * 1000);
    await session.idToken();
    expect(storage.getItem(STORAGE_KEY)).toBe("refresh-1");
    advance(3600 * 1000);
    cognito.refreshAnswer = async () => ({ ...cognito.tokens(), refreshToken: "refresh-2" });
    await session.idToken();
    expect(storage.getItem(STORAGE_KEY)).toBe("refresh-2");
    advance(3600 * 1000);
    await session.idToken();
    expect(refreshes(cognito).at(-1)).toBe("refresh:refresh-2");
  });

  it("renews after the API rejected the token, unless another call already did", async () => {
    const { session, cognito } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const rejected = await session.idToken();
    const renewed = cognito.tokens(3000);
    cognito.refreshAnswer = async () => renewed;
    expect(await session.renewAfterRejection(rejected)).toBe(renewed.idToken);
    expect(await session.renewAfterRejection(rejected)).toBe(renewed.idToken);
    expect(refreshes(cognito)).toHaveLength(1);
  });

  it("ends the session when Cognito refuses the refresh token", async () => {
    const { session, cognito, storage, states, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(2 * 3600 * 1000);
    cognito.refreshAnswer = refused;
    await expect(session.idToken()).rejects.toBeInstanceOf(SessionExpired);
    expect(session.state).toEqual({ kind: "signed-out", reason: "expired" });
    expect(states.at(-1)).toEqual({ kind: "signed-out", reason: "expired" });
    expect(storage.items.size).toBe(0);
  });

  it("keeps the session when Cognito cannot be reached", async () => {
    const { session, cognito, storage, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(2 * 3600 * 1000);
    cognito.refreshAnswer = unreachable;
    await expect(session.idToken()).rejects.toBeInstanceOf(CognitoUnreachable);
    expect(session.state.kind).toBe("signed-in");
    expect(storage.getItem(STORAGE_KEY)).toBe("refresh-1");
  });
});

describe("tabs", () => {
  it("follow another tab that signed out", async () => {
    const { session, tab } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const other = tab();
    await other.session.resume();
    expect(other.session.state.kind).toBe("signed-in");

    await session.signOut();
    other.session.syncFromStorage(); // its `storage` event
    expect(other.states.at(-1)).toEqual({ kind: "signed-out", reason: "signed-out" });
    await expect(other.session.idToken()).rejects.toBeInstanceOf(SessionExpired);
  });

  it("follow another tab that signed out before its `storage` event arrived", async () => {
    const { session, tab } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const other = tab();
    await other.session.resume();
    await session.signOut();
    await expect(other.session.idToken()).rejects.toBeInstanceOf(SessionExpired);
    expect(other.session.state.kind).toBe("signed-out");
  });

  it("follow another tab that signed in: renewed with its refresh token, then signed in", async () => {
    const { session, cognito, tab } = setup();
    const other = tab();
    await session.signIn("worker@demo.test", "right-password");
    other.session.syncFromStorage();
    expect(other.session.state).toEqual({ kind: "resuming", unreachable: false });
    await other.session.idToken();
    expect(other.session.user?.email).toBe("worker@demo.test");
    expect(refreshes(cognito)).toEqual(["refresh:refresh-1"]);
  });

  it("signed in, keep a refresh token another tab's renewal rotated for their own next renewal", async () => {
    const { session, cognito, storage, tab, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const other = tab();
    await other.session.resume();
    const before = await other.session.idToken();

    advance(3600 * 1000);
    cognito.refreshAnswer = async () => ({ ...cognito.tokens(), refreshToken: "refresh-2" });
    await session.idToken();
    expect(storage.getItem(STORAGE_KEY)).toBe("refresh-2");
    other.session.syncFromStorage();
    expect(other.session.state.kind).toBe("signed-in");
    expect(refreshes(cognito)).toEqual(["refresh:refresh-1", "refresh:refresh-1"]); // no refresh back and forth

    cognito.refreshAnswer = async () => ({ ...cognito.tokens(), refreshToken: undefined });
    expect(await other.session.idToken()).not.toBe(before);
    expect(refreshes(cognito).at(-1)).toBe("refresh:refresh-2");
  });

  it("never write back a refresh token another tab removed while a renewal was under way", async () => {
    const { session, cognito, storage, states, tab, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(3600 * 1000);
    let answer: () => void = () => undefined;
    cognito.refreshAnswer = () => new Promise((resolve) => (answer = () => resolve(cognito.tokens())));
    const renewing = session.idToken();
    await tab().session.signOut();
    answer();
    await expect(renewing).rejects.toBeInstanceOf(SessionExpired);
    expect(storage.items.size).toBe(0);
    expect(states.at(-1)).toEqual({ kind: "signed-out", reason: "signed-out" });
  });
});

describe("signing out", () => {
  it("forgets the tokens and revokes the refresh token", async () => {
    const { session, cognito, storage } = setup();
    await session.signIn("worker@demo.test", "right-password");
    await session.signOut();
    expect(session.state).toEqual({ kind: "signed-out", reason: "signed-out" });
    expect(storage.items.size).toBe(0);
    expect(cognito.revoked).toEqual(["refresh-1"]);
  });
});
