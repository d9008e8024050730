/**
 * Start of the client portal: read the stack's config.json, sign in (tokens in this page's memory only), end the
 * session after IDLE_MINUTES without activity, and show the signed-in portal to clients.
 */

import { render } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import { Cognito } from "../../shared/auth/cognito";
import { IdleTimer } from "../../shared/auth/idle";
import { MemoryStore, Session, type SessionState } from "../../shared/auth/session";
import { SignIn } from "../../shared/auth/SignIn";
import { loadConfig, type PortalConfig } from "../../shared/config";
import { Api } from "../../shared/http";
import { setSharedStrings } from "../../shared/strings";
import "../../shared/ui/base.css";
import { Shell } from "./Shell";
import { IDLE_MINUTES, strings } from "./strings";
import "./portal.css";

setSharedStrings(strings.shared);

/**
 * Tokens live in a `MemoryStore`: nothing of the session reaches localStorage, sessionStorage or the URL. A reload
 * or a new tab asks to sign in again; while the tab lives, the refresh token renews the ID token.
 */
function Root(props: { config: PortalConfig }) {
  const { config } = props;
  const [session] = useState(() => new Session(new Cognito(config.cognito), new MemoryStore()));
  const api = useMemo(() => new Api(config.apiBase, session), [config.apiBase, session]);
  const [state, setState] = useState<SessionState>(session.state);

  useEffect(() => session.subscribe(setState), [session]);
  useEffect(() => {
    // Counted from the moment the session starts (its state change, not a render after it), stopped when it ends.
    const idle = new IdleTimer(IDLE_MINUTES * 60_000, () => void session.signOut("idle"));
    const follow = (next: SessionState) => {
      if (next.kind !== "signed-in") idle.stop();
      else if (!idle.running) idle.start();
    };
    follow(session.state);
    const unsubscribe = session.subscribe(follow);
    return () => {
      unsubscribe();
      idle.stop();
    };
  }, [session]);

  if (state.kind !== "signed-in") {
    // Never "resuming" here: a MemoryStore starts empty, so there is no stored session to resume.
    return (
      <SignIn
        session={session}
        reason={state.kind === "signed-out" ? state.reason : "none"}
        appName={strings.appName}
        subtitle={strings.signInSubtitle}
        idleMinutes={IDLE_MINUTES}
      />
    );
  }
  if (state.user.role !== "client") {
    return (
      <main class="sign-in" id="main">
        <div class="sign-in-card card">
          <h1>{strings.appName}</h1>
          <p role="alert">{strings.notForStaff}</p>
          <p>
            <a href="../">{strings.toStaffApp}</a>
          </p>
          <button type="button" class="primary" onClick={() => void session.signOut()}>
            {strings.signOut}
          </button>
        </div>
      </main>
    );
  }
  return <Shell api={api} session={session} user={state.user} />;
}

function Failed(props: { message: string }) {
  return (
    <main class="sign-in" id="main">
      <div class="sign-in-card card" role="alert">
        <h1>{strings.appName}</h1>
        <p>{strings.bootFailed}</p>
        <p>{props.message}</p>
        <button type="button" class="primary" onClick={() => location.reload()}>
          {strings.shared.states.tryAgain}
        </button>
      </div>
    </main>
  );
}

const root = document.getElementById("app")!;
root.textContent = ""; // the "Loading…" shown before the script ran
// config.json sits at the site's root, beside the staff app's index.html (one file for both apps).
loadConfig(fetch, "../config.json").then(
  (config) => render(<Root config={config} />, root),
  (error: Error) => render(<Failed message={error.message} />, root),
);
