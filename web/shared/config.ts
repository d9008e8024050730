/** Where the API and Cognito are: read once at start from /config.json, served beside the app. */

import { followServerClock } from "./clock";

export interface PortalConfig {
  /** Base URL of the API (the four services' base paths hang under it). */
  apiBase: string;
  region: string;
  cognito: {
    /** Cognito's service endpoint: the local stack's, or `https://cognito-idp.<region>.amazonaws.com`. */
    endpoint: string;
    userPoolId: string;
    clientId: string;
  };
  /** The local stack's clock when the config was served (epoch ms); absent in AWS, where the browser's is used. */
  now?: number;
}

interface RawConfig {
  api_base?: string;
  region?: string;
  cognito?: { endpoint?: string; user_pool_id?: string; client_id?: string };
  now?: string;
}

export class ConfigError extends Error {}

/** Parse /config.json; an empty api_base means the API is at the page's own origin. */
export function parseConfig(raw: RawConfig): PortalConfig {
  const region = raw.region ?? "";
  const cognito = raw.cognito ?? {};
  if (!cognito.client_id || !(cognito.endpoint || region)) {
    throw new ConfigError("config.json names no Cognito app client or region.");
  }
  return {
    apiBase: (raw.api_base ?? "").replace(/\/+$/, ""),
    region,
    cognito: {
      endpoint: (cognito.endpoint || `https://cognito-idp.${region}.amazonaws.com`).replace(/\/+$/, ""),
      userPoolId: cognito.user_pool_id ?? "",
      clientId: cognito.client_id,
    },
    ...(raw.now && !Number.isNaN(Date.parse(raw.now)) ? { now: Date.parse(raw.now) } : {}),
  };
}

/** Read the config; `url` is relative to the page (the staff app's sits beside it, the portal's one folder up). */
export async function loadConfig(fetchFn: typeof fetch = fetch, url = "config.json"): Promise<PortalConfig> {
  let response: Response;
  try {
    // Relative: config.json sits at the app's root wherever it is deployed.
    response = await fetchFn(url, { cache: "no-store" });
  } catch {
    throw new ConfigError("Cannot reach the server to load the app's configuration.");
  }
  if (!response.ok) throw new ConfigError(`The app's configuration could not be loaded (HTTP ${response.status}).`);
  const receivedAt = Date.now();
  const config = parseConfig((await response.json()) as RawConfig);
  if (config.now !== undefined) followServerClock(config.now, receivedAt);
  return config;
}
