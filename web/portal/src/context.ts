/** What every screen of the portal needs: the API, the session and who is signed in, the inbox's counts, the features on. */

import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Inbox } from "../../shared/api/messaging";
import type { Session, User } from "../../shared/auth/session";
import type { Loaded } from "../../shared/hooks";
import type { Api } from "../../shared/http";
import type { Features } from "./features";

export interface PortalContext {
  api: Api;
  session: Session;
  user: User;
  /** The inbox's unread counts, polled by the shell for the nav's badge and shared with the screens. */
  inbox: Loaded<Inbox>;
  /** What the agency has switched on (loaded once by the shell): see features.ts. */
  features: Loaded<Features>;
}

export const Portal = createContext<PortalContext | null>(null);

export function usePortal(): PortalContext {
  const context = useContext(Portal);
  if (!context) throw new Error("usePortal outside the signed-in portal");
  return context;
}
