/** The signed-in portal: a skip link, the header (who, sign out), the nav with the unread badge, and the screen. */

import { useEffect, useRef, useState } from "preact/hooks";
import type { ComponentType } from "preact";
import { useLoad, usePoll } from "../../shared/hooks";
import { currentQuery, href, usePath } from "../../shared/router";
import { LoadError, Loading, Pending } from "../../shared/ui/states";
import { portalApi } from "./api";
import { Portal, type PortalContext, usePortal } from "./context";
import { featuresOf, isOn } from "./features";
import { HEADER_LINKS, matchScreen, relatedLinks, type Screen, screenLinks, type ScreenProps, SCREENS } from "./routes";
import { strings } from "./strings";
import { ScreenTitle, TITLE_ID } from "./ui";

/** How often the nav's unread count is asked for while the page is visible. */
const INBOX_POLL_MS = 60_000;

export function Shell(props: Omit<PortalContext, "inbox" | "features">) {
  const inbox = usePoll(() => portalApi.inboxCounts(props.api), INBOX_POLL_MS, [props.api]);
  const features = useLoad(
    () =>
      Promise.all([portalApi.requestSettings(props.api), portalApi.messagingSettings(props.api)]).then(
        ([requests, messaging]) => featuresOf(requests, messaging),
      ),
    [props.api],
  );
  return (
    <Portal.Provider value={{ ...props, inbox, features }}>
      <Frame />
    </Portal.Provider>
  );
}

function Frame() {
  const { session, user, inbox, features } = usePortal();
  const path = usePath();
  const route = path.split("?")[0];
  const found = matchScreen(route);
  const main = useRef<HTMLElement>(null);
  const arrived = useRef(false);

  useEffect(() => {
    // A new screen: move focus to its title so a screen reader reads where the user is (not on first load; not
    // when only the query changed, like a filter applied on the same screen, which keeps focus where it was).
    if (!arrived.current) {
      arrived.current = true;
      return;
    }
    const title = document.getElementById(TITLE_ID);
    (title ?? main.current)?.focus();
    window.scrollTo(0, 0);
  }, [route]);

  const unread = inbox.data?.unread ?? 0;
  const badgeScreen = SCREENS.find((s) => s.nav && s.badge === "unread");
  const badge = unread > 0 && (
    // The count in words for screen readers (aria-label is not allowed on a span): "Inbox 2 unread messages".
    <span class="badge unread">
      <span aria-hidden="true">{unread}</span>
      <span class="visually-hidden">{strings.unread(unread)}</span>
    </span>
  );

  return (
    <div class="portal">
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), main.current?.focus())}>
        {strings.skipToContent}
      </a>
      <header class="topbar">
        <span class="brand">{strings.appName}</span>
        <span class="who visually-hidden-narrow">{strings.signedInAs(user.name)}</span>
        {screenLinks(HEADER_LINKS, features.data).map((link) => (
          <a key={link.key} class="topbar-link" href={link.href} aria-current={found?.screen.id === link.key ? "page" : undefined}>
            {link.label}
          </a>
        ))}
        <button type="button" class="sign-out" onClick={() => void session.signOut()}>
          {strings.signOut}
        </button>
      </header>
      <nav class="portal-nav" aria-label={strings.nav}>
        <ul>
          {SCREENS.filter((s) => s.nav && isOn(features.data, s.feature)).map((screen) => (
            <li key={screen.id}>
              <a href={href(screen.path)} aria-current={found?.screen.id === screen.id ? "page" : undefined}>
                {screen.title(strings)}
                {screen === badgeScreen && badge}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} class="portal-main">
        {found && found.screen.feature && !features.data ? (
          <Pending state={features} what={found.screen.title(strings)} />
        ) : found && !isOn(features.data, found.screen.feature) ? (
          <>
            <ScreenTitle title={found.screen.title(strings)} />
            <p>{strings.switchedOff}</p>
            <a href={href("/")}>{strings.backHome}</a>
          </>
        ) : found ? (
          <ScreenView screen={found.screen} params={found.params} path={path} />
        ) : (
          <>
            <ScreenTitle title={strings.screens.notFound} />
            <p>{strings.notFound}</p>
            <a href={href("/")}>{strings.backHome}</a>
          </>
        )}
      </main>
    </div>
  );
}

function ScreenView(props: { screen: Screen; params: Record<string, string>; path: string }) {
  const { screen } = props;
  const [loaded, setLoaded] = useState<{ id: string; component?: ComponentType<ScreenProps>; error?: unknown }>({
    id: "",
  });
  useEffect(() => {
    if (screen.component || !screen.load) return;
    let live = true;
    screen.load().then(
      (component) => live && setLoaded({ id: screen.id, component }),
      (error) => live && setLoaded({ id: screen.id, error }),
    );
    return () => {
      live = false;
    };
  }, [screen]);
  const Component = screen.component ?? (loaded.id === screen.id ? loaded.component : undefined);
  if (Component) {
    return (
      <>
        <Component query={currentQuery()} params={props.params} />
        <Related screen={screen} />
      </>
    );
  }
  if (loaded.id === screen.id && loaded.error) return <LoadError error={loaded.error} retry={() => location.reload()} />;
  return <Loading what={screen.title(strings)} />;
}

/** "See also": links from this screen to related ones (routes.ts: RELATED_LINKS), e.g. Calendar to the event requests. */
function Related(props: { screen: Screen }) {
  const { features } = usePortal();
  const links = relatedLinks(props.screen.id, features.data);
  if (links.length === 0) return null;
  return (
    <nav class="related" aria-label={strings.related.label}>
      <h2>{strings.related.label}</h2>
      <ul>
        {links.map((link) => (
          <li key={link.key}>
            <a href={link.href}>{link.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
