import { describe, expect, it } from "vitest";
import { CognitoError, CognitoUnreachable } from "../shared/auth/cognito";
import { REFRESH_MARGIN_MS, Session, type SessionState, SessionExpired, STORAGE_KEY } from "../shared/auth/session";
import { FakeCognito, MemoryStore } from "./fakes";

function setup() {
  let now = Date.UTC(2026, 0, 12, 9, 0);
  const clock = () => now;
  const cognito = new FakeCognito(clock);
  const storage = new MemoryStore();
  const session = new Session(cognito, storage, clock);
  const states: SessionState[] = [];
  session.subscribe((state) => states.push(state));
  return { cognito, storage, session, states, advance: (ms: number) => (now += ms), clock };
}

describe("signing in", () => {
  it("stores the tokens and names the user from the ID token's claims", async () => {
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
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).refreshToken).toBe("refresh-1");
  });

  it("leaves the user signed out on a wrong password", async () => {
    const { session, storage } = setup();
    await expect(session.signIn("worker@demo.test", "wrong")).rejects.toBeInstanceOf(CognitoError);
    expect(session.state).toEqual({ kind: "signed-out", reason: "none" });
    expect(storage.items.size).toBe(0);
  });

  it("survives a reload: a new session on the same storage is signed in", async () => {
    const { session, cognito, storage, clock } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const reloaded = new Session(cognito, storage, clock);
    expect(reloaded.user?.personId).toBe("demo-worker");
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

describe("renewing the ID token", () => {
  it("uses the stored token while it is fresh", async () => {
    const { session, cognito, storage, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(3600 * 1000 - REFRESH_MARGIN_MS - 1000);
    expect(await session.idToken()).toBe(JSON.parse(storage.getItem(STORAGE_KEY)!).idToken);
    expect(cognito.calls.filter((c) => c.startsWith("refresh"))).toEqual([]);
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
    expect(cognito.calls.filter((c) => c.startsWith("refresh"))).toEqual(["refresh:refresh-1"]);
    expect(session.state.kind).toBe("signed-in");
  });

  it("keeps the refresh token when the answer carries none, and a rotated one when it does", async () => {
    const { session, cognito, storage, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(3600 * 1000);
    cognito.refreshAnswer = async () => ({ ...cognito.tokens(), refreshToken: undefined });
    await session.idToken();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).refreshToken).toBe("refresh-1");
    advance(3600 * 1000);
    cognito.refreshAnswer = async () => ({ ...cognito.tokens(), refreshToken: "refresh-2" });
    await session.idToken();
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).refreshToken).toBe("refresh-2");
  });

  it("renews after the API rejected the token, unless another call already did", async () => {
    const { session, cognito } = setup();
    await session.signIn("worker@demo.test", "right-password");
    const rejected = await session.idToken();
    const renewed = cognito.tokens(3000);
    cognito.refreshAnswer = async () => renewed;
    expect(await session.renewAfterRejection(rejected)).toBe(renewed.idToken);
    expect(await session.renewAfterRejection(rejected)).toBe(renewed.idToken);
    expect(cognito.calls.filter((c) => c.startsWith("refresh"))).toHaveLength(1);
  });

  it("ends the session when Cognito refuses the refresh token", async () => {
    const { session, cognito, storage, states, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(2 * 3600 * 1000);
    cognito.refreshAnswer = async () => {
      throw new CognitoError("NotAuthorizedException", "Refresh Token has been revoked");
    };
    await expect(session.idToken()).rejects.toBeInstanceOf(SessionExpired);
    expect(session.state).toEqual({ kind: "signed-out", reason: "expired" });
    expect(states.at(-1)).toEqual({ kind: "signed-out", reason: "expired" });
    expect(storage.items.size).toBe(0);
  });

  it("keeps the session when Cognito cannot be reached", async () => {
    const { session, cognito, advance } = setup();
    await session.signIn("worker@demo.test", "right-password");
    advance(2 * 3600 * 1000);
    cognito.refreshAnswer = async () => {
      throw new CognitoUnreachable();
    };
    await expect(session.idToken()).rejects.toBeInstanceOf(CognitoUnreachable);
    expect(session.state.kind).toBe("signed-in");
  });

  it("follows another tab that signed out", async () => {
    const { session, storage, states } = setup();
    await session.signIn("worker@demo.test", "right-password");
    storage.removeItem(STORAGE_KEY);
    session.syncFromStorage();
    expect(states.at(-1)).toEqual({ kind: "signed-out", reason: "signed-out" });
    await expect(session.idToken()).rejects.toBeInstanceOf(SessionExpired);
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
