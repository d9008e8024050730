/** Home: a tile per part of the portal, each with its figure (help pages: "the My Services tile on your home screen"). */

import type { ComponentChildren } from "preact";
import { formatMoney } from "../../../shared/money";
import { useLoad } from "../../../shared/hooks";
import { plainMessage } from "../../../shared/errors";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { balanceState, nextEvent, openServiceCount } from "../figures";
import { hrefOf, type ScreenId } from "../routes";
import { strings } from "../strings";
import { eventTime } from "../when";
import { ScreenTitle } from "../ui";

export function Home() {
  const { api, user, inbox } = usePortal();
  const text = strings.home;
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const account = useLoad(() => portalApi.account(api), [api]);
  const next = services.data ? nextEvent(services.data.services) : null;

  return (
    <>
      <ScreenTitle title={strings.screens.home} />
      <p>{text.intro(user.name)}</p>
      <ul class="tiles">
        <Tile id="myServices" title={strings.screens.myServices} state={services}>
          {services.data && <strong class="figure">{text.myServices(openServiceCount(services.data.services))}</strong>}
        </Tile>
        <Tile id="calendar" title={strings.screens.calendar} state={services}>
          {services.data &&
            (next ? (
              <>
                <span class="figure-label">{text.nextEvent}</span>
                <strong class="figure">{eventTime(next, services.data.timezone)}</strong>
              </>
            ) : (
              <strong class="figure">{text.noEvent}</strong>
            ))}
        </Tile>
        <Tile id="inbox" title={strings.screens.inbox} state={inbox}>
          {inbox.data && <strong class="figure">{text.unread(inbox.data.unread)}</strong>}
        </Tile>
        <Tile id="accountHistory" title={strings.screens.accountHistory} state={account}>
          {account.data && (
            <>
              <span class="figure-label">{text.balance}</span>
              <strong class="figure">{formatMoney(Math.abs(account.data.balance), account.data.currency)}</strong>{" "}
              <span class="figure-label">
                {{ owing: text.owing, "in-credit": text.inCredit, settled: text.settled }[balanceState(account.data)]}
              </span>
            </>
          )}
        </Tile>
      </ul>
    </>
  );
}

/** A tile: a link to its screen once the screen exists; its figure, or that it is loading or failed (in the server's words). */
function Tile(props: {
  id: ScreenId;
  title: string;
  state: { data?: unknown; error: unknown; loading: boolean };
  children: ComponentChildren;
}) {
  const target = hrefOf(props.id);
  const { state } = props;
  const body = (
    <>
      <span class="tile-title">{props.title}</span>
      <span class="tile-body" aria-live="polite">
        {state.data !== undefined ? (
          props.children
        ) : state.error ? (
          <span class="tile-error">{plainMessage(state.error)}</span>
        ) : (
          <span class="muted">{strings.shared.states.loading(strings.home.loading)}</span>
        )}
      </span>
    </>
  );
  return (
    <li class="tile" data-tile={props.id}>
      {target ? (
        <a class="tile-inner" href={target}>
          {body}
        </a>
      ) : (
        <div class="tile-inner">{body}</div>
      )}
    </li>
  );
}
