/** The signed-in frame: header with who is signed in and sign-out, the navigation, the current page. */

import { useEffect, useRef } from "preact/hooks";
import type { User } from "../shared/auth/session";
import { useApp } from "./context";
import { href, matchPath, navigate, usePath } from "../shared/router";
import { homeOf, navOwner, type Route, ROUTES } from "./routes";

const ROLE_LABEL = { admin: "Admin", worker: "Worker", client: "Client" } as const;

function resolve(path: string, user: User): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path);
    if (params && route.roles.includes(user.role)) return { route, params };
  }
  return null;
}

export function Shell() {
  const { user, session } = useApp();
  const path = usePath();
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  const found = resolve(path, user);

  useEffect(() => {
    if (path === "/" || path === "/admin/settings") {
      navigate(path === "/" ? homeOf(user) : "/admin/settings/scheduling", { replace: true });
    }
  }, [path, user]);

  const title = found?.route.title ?? "Not found";
  useEffect(() => {
    document.title = `${title} · Agency portal`;
  }, [title]);

  useEffect(() => {
    // Keyboard and screen-reader users land on the new page's heading, not on the link they left.
    if (!first.current) heading.current?.focus();
    first.current = false;
  }, [path]);

  const owner = found ? navOwner(found.route) : undefined;
  const groups: { id: "work" | "admin"; label: string }[] = [
    { id: "work", label: "My work" },
    { id: "admin", label: "Agency" },
  ];

  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={(event) => (event.preventDefault(), heading.current?.focus())}>
        Skip to content
      </a>
      <header class="topbar">
        <span class="brand">Agency portal</span>
        <span class="who">
          <span class="who-name">{user.name}</span> <span class="badge muted">{ROLE_LABEL[user.role]}</span>
        </span>
        <button
          type="button"
          class="sign-out"
          onClick={() => {
            // The next person to sign in on this browser starts on their own start page.
            navigate("/", { replace: true });
            void session.signOut();
          }}
        >
          Sign out
        </button>
      </header>
      <nav class="sidebar" aria-label="Main">
        {groups.map((group) => {
          const links = ROUTES.filter((r) => r.nav?.group === group.id && r.roles.includes(user.role));
          if (links.length === 0) return null;
          return (
            <div class="nav-group" key={group.id}>
              <h2 class="nav-group-title">{group.label}</h2>
              <ul>
                {links.map((route) => (
                  <li key={route.pattern}>
                    <a
                      href={href(route.nav!.path ?? route.pattern)}
                      aria-current={route === owner ? "page" : undefined}
                    >
                      {route.title}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <main class="content" id="main">
        <h1 ref={heading} tabIndex={-1}>
          {found?.route.title ?? "Page not found"}
        </h1>
        {found ? (
          found.route.render(found.params, user)
        ) : path === "/" || path === "/admin/settings" ? null : (
          <p>
            There is no such page here. <a href={href(homeOf(user))}>Go to the start page</a>.
          </p>
        )}
      </main>
    </div>
  );
}
