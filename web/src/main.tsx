/** Start: read /config.json, resume the session (its refresh token), show sign-in or the app, and follow the session. */

import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { Api } from "../shared/http";
import { Cognito } from "../shared/auth/cognito";
import { Session, type SessionState, STORAGE_KEY } from "../shared/auth/session";
import { loadConfig, type PortalConfig } from "../shared/config";
import { sharedStrings } from "../shared/strings";
import { App } from "./context";
import { SignIn } from "../shared/auth/SignIn";
import { Shell } from "./Shell";
import "../shared/ui/base.css";
import "./styles.css";

function Root(props: { config: PortalConfig }) {
  const { config } = props;
  const [session] = useState(() => new Session(new Cognito(config.cognito), window.localStorage));
  const api = useMemo(() => new Api(config.apiBase, session), [config.apiBase, session]);
  const [state, setState] = useState<SessionState>(session.state);

  useEffect(() => {
    const unsubscribe = session.subscribe(setState);
    setState(session.state);
    void session.resume(); // a reload or a new tab: only the refresh token was kept, so renew before showing the app
    return unsubscribe;
  }, [session]);
  useEffect(() => {
    // Another tab signed in or out (its refresh token stored or removed): follow it.
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY || event.key === null) session.syncFromStorage();
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [session]);

  const [leaving, setLeaving] = useState(false);
  useEffect(() => {
    // A client signed in here: the client portal is theirs. Its session lives in its page's memory only, so this
    // one is ended (nothing of theirs stays in this app's storage) and they sign in there.
    if (state.kind === "signed-in" && state.user.role === "client") {
      setLeaving(true);
      void session.signOut().finally(() => location.replace(PORTAL_PATH));
    }
  }, [state, session]);

  if (leaving) {
    return (
      <main class="sign-in" id="main">
        <p class="boot" role="status">
          Taking you to the client portal…
        </p>
      </main>
    );
  }
  if (state.kind === "resuming") {
    return (
      <main class="sign-in" id="main">
        {state.unreachable ? (
          <div class="sign-in-card card" role="alert">
            <h1>Agency portal</h1>
            <p>{sharedStrings().cognito.unreachable}</p>
            <button type="button" class="primary" onClick={() => void session.resume()}>
              Try again
            </button>
          </div>
        ) : (
          <p class="boot" role="status">
            Signing you in…
          </p>
        )}
      </main>
    );
  }
  if (state.kind === "signed-out") {
    return <SignIn session={session} reason={state.reason} appName="Agency portal" subtitle="Staff sign-in" />;
  }
  if (state.user.role === "client") return null; // leaving, from the next render on
  return (
    <App.Provider value={{ api, session, user: state.user, config: props.config }}>
      <Shell />
    </App.Provider>
  );
}

/** The client portal, beside this app (`/portal/` under the same origin and prefix). */
const PORTAL_PATH = "portal/";

function Failed(props: { message: string }) {
  return (
    <main class="sign-in" id="main">
      <div class="sign-in-card card" role="alert">
        <h1>Agency portal</h1>
        <p>{props.message}</p>
        <button type="button" class="primary" onClick={() => location.reload()}>
          Try again
        </button>
      </div>
    </main>
  );
}

const root = document.getElementById("app")!;
root.textContent = ""; // the "Loading…" shown before the script ran
loadConfig().then(
  (config) => render(<Root config={config} />, root),
  (error: Error) => render(<Failed message={error.message} />, root),
);
