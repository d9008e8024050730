/** What every page needs: the API client, the session and who is signed in, the app's configuration. */

import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Api } from "../shared/http";
import type { Session, User } from "../shared/auth/session";
import type { PortalConfig } from "../shared/config";

export interface AppContext {
  api: Api;
  session: Session;
  user: User;
  config: PortalConfig;
}

export const App = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const context = useContext(App);
  if (!context) throw new Error("useApp outside the signed-in app");
  return context;
}
