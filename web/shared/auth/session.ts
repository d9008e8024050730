/**
 * The signed-in session: Cognito tokens kept in storage so a reload stays signed in, the ID token
 * refreshed (REFRESH_TOKEN_AUTH) shortly before it expires or when the API rejects it, and the
 * signed-out state with its reason (the user signed out, or the session could not be renewed).
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
  | { kind: "signed-out"; reason: SignOutReason };

/** Why nobody is signed in: never was, signed out, could not be renewed, or no activity for too long ("idle"). */
export type SignOutReason = "none" | "signed-out" | "expired" | "idle";

/** The part of `Storage` the session needs (tests pass a Map-backed one). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

interface Stored {
  idToken: string;
  accessToken: string;
  refreshToken: string;
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

export const STORAGE_KEY = "portal.staff.session";

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
  private stored: Stored | null;
  private current: SessionState;
  private refreshing: Promise<string> | null = null;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    private readonly cognito: CognitoAuth,
    private readonly storage: KeyValueStore,
    private readonly now: () => number = Date.now,
  ) {
    this.stored = this.read();
    this.current = this.stateOf(this.stored);
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

  /** Sign in with email and password; a user created with a temporary password must first choose one. */
  async signIn(email: string, password: string): Promise<{ newPasswordSession?: string }> {
    const result = await this.cognito.signInWithPassword(email.trim(), password);
    if (result.kind === "new-password-required") return { newPasswordSession: result.session };
    this.save(result.tokens, result.tokens.refreshToken ?? "");
    return {};
  }

  async setNewPassword(email: string, challengeSession: string, newPassword: string): Promise<void> {
    const tokens = await this.cognito.setNewPassword(email.trim(), challengeSession, newPassword);
    this.save(tokens, tokens.refreshToken ?? "");
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
    this.stored = this.read(); // another tab may have renewed or ended the session
    if (!this.stored) throw this.expire();
    if (this.stored.expiresAt - REFRESH_MARGIN_MS > this.now()) return this.stored.idToken;
    return this.renew();
  }

  /** The API rejected `rejected` (401): renew once, unless another call already did. */
  async renewAfterRejection(rejected: string): Promise<string> {
    this.stored = this.read();
    if (!this.stored) throw this.expire();
    if (this.stored.idToken !== rejected) return this.stored.idToken;
    return this.renew();
  }

  /** End the session because it cannot be renewed; returns the error to throw. */
  expire(): SessionExpired {
    this.clear("expired");
    return new SessionExpired();
  }

  /** End the session here and revoke its refresh token; `reason` is what the sign-in page then says. */
  async signOut(reason: "signed-out" | "idle" = "signed-out"): Promise<void> {
    const refreshToken = this.stored?.refreshToken;
    this.clear(reason);
    if (refreshToken) {
      // Best effort: the session is gone from this browser whether or not Cognito hears of it.
      await this.cognito.revoke(refreshToken).catch(() => undefined);
    }
  }

  /** Follow a change another tab made to the stored session (`storage` event). */
  syncFromStorage(): void {
    const stored = this.read();
    if (!stored && this.stored) {
      this.stored = null;
      this.publish({ kind: "signed-out", reason: "signed-out" });
    } else if (stored && stored.idToken !== this.stored?.idToken) {
      this.stored = stored;
      this.publish(this.stateOf(stored));
    }
  }

  private renew(): Promise<string> {
    if (!this.refreshing) {
      const refreshToken = this.stored?.refreshToken;
      this.refreshing = (async () => {
        if (!refreshToken) throw this.expire();
        try {
          const tokens = await this.cognito.refresh(refreshToken);
          this.save(tokens, tokens.refreshToken ?? refreshToken);
          return tokens.idToken;
        } catch (error) {
          // Cognito said no (revoked, expired, user disabled): the session is over. Unreachable: keep it.
          if (error instanceof CognitoError) throw this.expire();
          throw error;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private save(tokens: AuthTokens, refreshToken: string): void {
    const claims = decodeClaims(tokens.idToken);
    this.stored = {
      idToken: tokens.idToken,
      accessToken: tokens.accessToken,
      refreshToken,
      expiresAt: Number(claims.exp) * 1000,
    };
    this.storage.setItem(STORAGE_KEY, JSON.stringify(this.stored));
    const state = this.stateOf(this.stored);
    if (this.current.kind !== "signed-in" || JSON.stringify(state) !== JSON.stringify(this.current)) {
      this.publish(state);
    }
  }

  private clear(reason: "signed-out" | "expired" | "idle"): void {
    this.stored = null;
    this.storage.removeItem(STORAGE_KEY);
    if (this.current.kind === "signed-in") this.publish({ kind: "signed-out", reason });
  }

  private publish(state: SessionState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  private read(): Stored | null {
    const text = this.storage.getItem(STORAGE_KEY);
    if (!text) return null;
    try {
      const stored = JSON.parse(text) as Stored;
      return stored.idToken && typeof stored.expiresAt === "number" ? stored : null;
    } catch {
      return null;
    }
  }

  private stateOf(stored: Stored | null): SessionState {
    if (!stored) return { kind: "signed-out", reason: "none" };
    try {
      return { kind: "signed-in", user: userOf(decodeClaims(stored.idToken)) };
    } catch {
      return { kind: "signed-out", reason: "none" };
    }
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
