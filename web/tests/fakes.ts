import type { AuthTokens } from "../shared/auth/cognito";
import { CognitoError } from "../shared/auth/cognito";
import type { KeyValueStore } from "../shared/auth/session";

/** An unsigned JWT with the given claims (the app never verifies signatures; the API does). */
export function jwt(claims: Record<string, unknown>): string {
  const encode = (value: object) =>
    btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  return `${encode({ alg: "RS256", kid: "test" })}.${encode(claims)}.signature`;
}

export function idToken(expSeconds: number, extra: Record<string, unknown> = {}): string {
  return jwt({
    exp: expSeconds,
    email: "worker@demo.test",
    name: "Wes Worker",
    "cognito:groups": ["workers"],
    "custom:agency_id": "demo",
    "custom:person_id": "demo-worker",
    token_use: "id",
    ...extra,
  });
}

export class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  /** Every value ever written, by key: what reached the browser's storage at any moment. */
  readonly writes: [string, string][] = [];
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.writes.push([key, value]);
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** Cognito as the session sees it: scripted answers, calls recorded. */
export class FakeCognito {
  calls: string[] = [];
  /** Cognito's answer to REFRESH_TOKEN_AUTH: new ID and access tokens, no new refresh token (no rotation). */
  refreshAnswer: () => Promise<AuthTokens> = async () => ({ ...this.tokens(), refreshToken: undefined });
  revoked: string[] = [];

  constructor(private readonly clock: () => number) {}

  tokens(lifetimeSeconds = 3600, extra: Record<string, unknown> = {}): AuthTokens {
    const exp = Math.floor(this.clock() / 1000) + lifetimeSeconds;
    return { idToken: idToken(exp, extra), accessToken: `access-${exp}`, refreshToken: "refresh-1" };
  }

  async signInWithPassword(email: string, password: string) {
    this.calls.push(`password:${email}`);
    if (password !== "right-password") throw new CognitoError("NotAuthorizedException", "Incorrect username or password.");
    return { kind: "signed-in" as const, tokens: this.tokens() };
  }

  async setNewPassword(): Promise<AuthTokens> {
    return this.tokens();
  }

  async refresh(refreshToken: string): Promise<AuthTokens> {
    this.calls.push(`refresh:${refreshToken}`);
    return this.refreshAnswer();
  }

  async revoke(refreshToken: string) {
    this.revoked.push(refreshToken);
  }

  async forgotPassword(email: string): Promise<string> {
    this.calls.push(`forgot:${email}`);
    return "c***@d***";
  }

  async confirmForgotPassword(email: string, code: string): Promise<void> {
    this.calls.push(`reset:${email}:${code}`);
  }
}
