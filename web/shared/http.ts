/**
 * The API client: every call carries the ID token, a rejected token is renewed once and the call
 * retried, and failures become `ApiError`s carrying the API's `{"error": {code, message, field}}`.
 */

import type { SessionExpired } from "./auth/session";
import { sharedStrings } from "./strings";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** No answer at all (offline, server down): status 0. */
export const NETWORK = "network_error";

export interface TokenSource {
  idToken(): Promise<string>;
  renewAfterRejection(rejected: string): Promise<string>;
  expire(): SessionExpired;
}

type Query = Record<string, string | number | undefined>;

export class Api {
  constructor(
    private readonly base: string,
    private readonly tokens: TokenSource,
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>("GET", withQuery(path, query));
  }

  post<T>(path: string, body: unknown, headers?: Record<string, string>): Promise<T> {
    return this.request<T>("POST", path, body, headers);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>("DELETE", path);
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.exchange(method, path, body, headers);
    if (response.status === 204) return undefined as T;
    const data = await readJson(response);
    if (!response.ok) throw errorOf(response.status, data);
    return data as T;
  }

  /** A reply that is not JSON (a calendar file), as text; a refusal is an `ApiError` as for any call. */
  async text(path: string): Promise<string> {
    const response = await this.exchange("GET", path, undefined, {});
    if (!response.ok) throw errorOf(response.status, await readJson(response));
    return response.text();
  }

  /** Send with the ID token; a rejected token is renewed once and the call sent again. */
  private async exchange(method: string, path: string, body: unknown, headers: Record<string, string>) {
    let token = await this.tokens.idToken();
    let response = await this.send(method, path, token, body, headers);
    if (response.status === 401) {
      token = await this.tokens.renewAfterRejection(token);
      response = await this.send(method, path, token, body, headers);
      if (response.status === 401) throw this.tokens.expire();
    }
    return response;
  }

  private async send(method: string, path: string, token: string, body: unknown, headers: Record<string, string>) {
    try {
      return await this.fetchFn(this.base + path, {
        method,
        headers: {
          Authorization: token,
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, NETWORK, sharedStrings().errors.network);
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorOf(status: number, data: any): ApiError {
  const error = data?.error;
  if (error && typeof error.code === "string") {
    return new ApiError(status, error.code, String(error.message ?? error.code), error.field ?? undefined);
  }
  return new ApiError(status, status >= 500 ? "server_error" : "http_error", sharedStrings().errors.serverAnswered(status));
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Every page of a cursor-paged list. */
export async function allPages<T>(
  fetchPage: (cursor?: string) => Promise<{ cursor?: string | null } & Record<string, unknown>>,
  key: string,
  maxPages = 50,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const result = await fetchPage(cursor);
    items.push(...((result[key] as T[]) ?? []));
    if (!result.cursor) break;
    cursor = result.cursor;
  }
  return items;
}
