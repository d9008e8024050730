/**
 * The signed-in session: the ID and access tokens in this page's memory only, the refresh token in `storage` (the
 * staff app's localStorage, so a reload and the other tabs resume it; the portal's MemoryStore, so nothing persists).
 * The ID token is renewed (REFRESH_TOKEN_AUTH) shortly before it expires or when the API rejects it; a refusal ends
 * the session with its reason (the user signed out, or it could not be renewed), an unreachable Cognito keeps it.
 */

import { sharedStrings } from "../strings";
import { type AuthTokens, type Cognito, CognitoError } from "./cognito";

export type Role = "admin" | "worker" | "client";

export interface User {
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  personId: string;
}

export type SessionState =
  | { kind: "signed-in"; user: User }
  | { kind: "signed-out"; reason: SignOutReason }
  /** A stored refresh token, no tokens yet (a reload, a new tab): renewing; `unreachable` when Cognito did not answer. */
  | { kind: "resuming"; unreachable: boolean };

/** Why nobody is signed in: never was, signed out, could not be renewed, or no activity for too long ("idle"). */
export type SignOutReason = "none" | "signed-out" | "expired" | "idle";

/** The part of `Storage` the session needs (tests pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the page holds in memory and never writes to storage: the ID token names the user (name, email). */
interface Tokens {
  idToken: string;
  accessToken: string;
  /** When the ID token expires, epoch milliseconds (its `exp` claim). */
  expiresAt: number;
}

/** The session has ended and cannot be renewed: the user must sign in again. */
export class SessionExpired extends Error {
  constructor() {
    super(sharedStrings().errors.sessionEnded);
    this.name = "SessionExpired";
  }
}

/** The one thing stored: the refresh token, opaque to the browser (Cognito encrypts it), with nothing personal in it. */
export const STORAGE_KEY = "portal.staff.refreshToken";
/** Where the staff app once kept the whole session (ID token included): its refresh token moves over, the rest goes. */
export const LEGACY_STORAGE_KEY = "portal.staff.session";

/** A store that lives as long as the page: the portal keeps its tokens here, never in the browser's storage. */
export class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}
/** Renew the ID token when less than this is left, so a call never leaves with a token about to expire. */
export const REFRESH_MARGIN_MS = 2 * 60 * 1000;

type CognitoAuth = Pick<
  Cognito,
  "signInWithPassword" | "setNewPassword" | "refresh" | "revoke" | "forgotPassword" | "confirmForgotPassword"
>;

export class Session {
  private tokens: Tokens | null = null;
  /** The refresh token as this page last saw it in storage (a change is another tab's doing). */
  private refreshToken: string | null;
  private current: SessionState;
  private refreshing: Promise<string> | null = null;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    private readonly cognito: CognitoAuth,
    private readonly storage: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {
    forgetLegacySession(storage);
    this.refreshToken = storage.getItem(STORAGE_KEY);
    this.current = this.refreshToken ? { kind: "resuming", unreachable: false } : { kind: "signed-out", reason: "none" };
  }

  get state(): SessionState {
    return this.current;
  }

  get user(): User | null {
    return this.current.kind === "signed-in" ? this.current.user : null;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resume the stored session (a reload, a new tab): renew with the refresh token, then signed in. A refusal ends the
   * session ("expired"); an unreachable Cognito leaves it resuming with `unreachable`, to try again.
   */
  async resume(): Promise<void> {
    if (this.current.kind !== "resuming") return;
    if (this.current.unreachable) this.publish({ kind: "resuming", unreachable: false });
    try {
      await this.renew();
    } catch (error) {
      if (error instanceof SessionExpired) return; // signed out, and the sign-in page says why
      if (this.current.kind === "resuming") this.publish({ kind: "resuming", unreachable: true });
    }
  }

  /** Sign in with email and password; a user created with a temporary password must first choose one. */
  async signIn(email: string, password: string): Promise<{ newPasswordSession?: string }> {
    const result = await this.cognito.signInWithPassword(email.trim(), password);
    if (result.kind === "new-password-required") return { newPasswordSession: result.session };
    this.save(result.tokens, result.tokens.refreshToken ?? null);
    return {};
  }

  async setNewPassword(email: string, challengeSession: string, newPassword: string): Promise<void> {
    const tokens = await this.cognito.setNewPassword(email.trim(), challengeSession, newPassword);
    this.save(tokens, tokens.refreshToken ?? null);
  }

  /** Forgot password: Cognito emails a code; answers where it went, as Cognito masks it. */
  forgotPassword(email: string): Promise<string> {
    return this.cognito.forgotPassword(email.trim());
  }

  /** The emailed code and a new password; the user then signs in with it. */
  confirmForgotPassword(email: string, code: string, newPassword: string): Promise<void> {
    return this.cognito.confirmForgotPassword(email.trim(), code.trim(), newPassword);
  }

  /** A valid ID token for the `Authorization` header, renewed first if it is about to expire. */
  async idToken(): Promise<string> {
    this.syncFromStorage(); // another tab may have ended the session before its `storage` event arrived
    if (this.tokens && this.tokens.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.tokens.idToken;
    return this.renew();
  }

  /** The API rejected `rejected` (401): renew once, unless another call already did. */
  async renewAfterRejection(rejected: string): Promise<string> {
    this.syncFromStorage();
    if (this.tokens && this.tokens.idToken !== rejected) return this.tokens.idToken;
    return this.renew();
  }

  /** End the session because it cannot be renewed; returns the error to throw. */
  expire(): SessionExpired {
    this.clear("expired");
    return new SessionExpired();
  }

  /** End the session here and revoke its refresh token; `reason` is what the sign-in page then says. */
  async signOut(reason: "signed-out" | "idle" = "signed-out"): Promise<void> {
    const refreshToken = this.storage.getItem(STORAGE_KEY) ?? this.refreshToken;
    this.clear(reason);
    if (refreshToken) {
      // Best effort: the session is gone from this browser whether or not Cognito hears of it.
      await this.cognito.revoke(refreshToken).catch(() => undefined);
    }
  }

  /**
   * Follow a change another tab made to the stored refresh token (`storage` event): removed, it signed out; a new
   * one where this page is not signed in, it signed in, and this page resumes with it. Signed in here, a new one is
   * kept for the next renewal (another tab renewed and Cognito rotated it): renewing at once could rotate it back.
   */
  syncFromStorage(): void {
    const stored = this.storage.getItem(STORAGE_KEY);
    if (stored === this.refreshToken) return;
    this.refreshToken = stored;
    if (!stored) {
      this.tokens = null;
      if (this.current.kind !== "signed-out") this.publish({ kind: "signed-out", reason: "signed-out" });
    } else if (this.current.kind !== "signed-in") {
      this.tokens = null;
      this.publish({ kind: "resuming", unreachable: false });
      void this.resume();
    }
  }

  private renew(): Promise<string> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        const refreshToken = this.storage.getItem(STORAGE_KEY);
        if (!refreshToken) throw this.expire();
        let tokens: AuthTokens;
        try {
          tokens = await this.cognito.refresh(refreshToken);
        } catch (error) {
          // Cognito said no (revoked, expired, user disabled): the session is over. Unreachable: keep it.
          if (error instanceof CognitoError) throw this.expire();
          throw error;
        }
        const stored = this.storage.getItem(STORAGE_KEY);
        if (!stored) {
          // Signed out in another tab meanwhile: follow it, and never write the refresh token back.
          this.clear("signed-out");
          throw new SessionExpired();
        }
        // Another tab replaced it meanwhile (it renewed too): keep its token, use these.
        this.save(tokens, stored === refreshToken ? (tokens.refreshToken ?? refreshToken) : stored);
        return tokens.idToken;
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private save(tokens: AuthTokens, refreshToken: string | null): void {
    const claims = decodeClaims(tokens.idToken);
    this.tokens = { idToken: tokens.idToken, accessToken: tokens.accessToken, expiresAt: Number(claims.exp) * 1000 };
    this.refreshToken = refreshToken;
    if (!refreshToken) this.storage.removeItem(STORAGE_KEY);
    else if (this.storage.getItem(STORAGE_KEY) !== refreshToken) this.storage.setItem(STORAGE_KEY, refreshToken);
    const state: SessionState = { kind: "signed-in", user: userOf(claims) };
    if (JSON.stringify(state) !== JSON.stringify(this.current)) this.publish(state);
  }

  private clear(reason: "signed-out" | "expired" | "idle"): void {
    this.tokens = null;
    this.refreshToken = null;
    this.storage.removeItem(STORAGE_KEY);
    if (this.current.kind !== "signed-out") this.publish({ kind: "signed-out", reason });
  }

  private publish(state: SessionState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}

/** The staff app's former whole-session entry (ID token, name, email): keep only its refresh token, drop the rest. */
function forgetLegacySession(storage: KeyValueStore): void {
  const text = storage.getItem(LEGACY_STORAGE_KEY);
  if (text === null) return;
  storage.removeItem(LEGACY_STORAGE_KEY);
  try {
    const refreshToken = (JSON.parse(text) as { refreshToken?: unknown }).refreshToken;
    if (typeof refreshToken === "string" && refreshToken && !storage.getItem(STORAGE_KEY)) {
      storage.setItem(STORAGE_KEY, refreshToken);
    }
  } catch {
    // Not ours to read: gone all the same.
  }
}

/** The payload of a JWT, unverified: the API verifies every token; the app only reads who is signed in. */
export function decodeClaims(token: string): Record<string, any> {
  const part = token.split(".")[1];
  if (!part) throw new Error("not a JWT");
  const base64 = part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const ROLE_OF_GROUP: [string, Role][] = [
  ["admins", "admin"],
  ["workers", "worker"],
  ["clients", "client"],
];

/** Who the claims name; the role is the strongest group, as the API decides it. */
export function userOf(claims: Record<string, any>): User {
  const raw = claims["cognito:groups"] ?? [];
  const groups: string[] = Array.isArray(raw) ? raw : String(raw).split(",");
  const role = ROLE_OF_GROUP.find(([group]) => groups.includes(group))?.[1] ?? "client";
  return {
    email: String(claims.email ?? ""),
    name: String(claims.name ?? claims.email ?? ""),
    role,
    agencyId: String(claims["custom:agency_id"] ?? ""),
    personId: String(claims["custom:person_id"] ?? ""),
  };
}
