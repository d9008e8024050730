/**
 * The Inbox: the client's discussions with their providers and the agency's notifications, newest activity first,
 * unread ones marked in words; "More" pages on. `?service=<id>` (My Services' "Show Discussions in your Inbox") shows
 * one service's, with a link back to all. A discussion opens on its own screen; a notification opens in place, and
 * opening either marks it read (the nav's badge and Home's count follow).
 */

import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { InboxItem } from "../../../shared/api/messaging";
import { plainMessage } from "../../../shared/errors";
import { useLoad, usePaged } from "../../../shared/hooks";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import {
  discussionHref,
  fromOf,
  inboxHref,
  isUnread,
  joinPages,
  ofService,
  onAgencyClock,
  serviceFilterOf,
  serviceName,
  unreadMark,
} from "../inbox";
import type { ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

const PAGE = 20;

export function Inbox(props: ScreenProps) {
  const { api, inbox } = usePortal();
  const text = strings.inbox;
  const serviceId = serviceFilterOf(props.query);
  const services = useLoad(() => portalApi.myServices(api), [api]);
  const page = usePaged(
    (cursor) => portalApi.inbox(api, { serviceId, cursor, limit: PAGE }).then((p) => ({ items: p.items, cursor: p.cursor })),
    [api, serviceId],
  );
  const [readHere, setReadHere] = useState<ReadonlySet<string>>(new Set());
  const reloadCounts = inbox.reload;
  useEffect(() => void reloadCounts(), [reloadCounts]); // opening the Inbox brings the nav's count up to date with the list
  const [notice, setNotice] = useState("");
  const items = ofService(joinPages(page.items), serviceId);
  const zone = services.data?.timezone;
  const filteredName = serviceId ? (serviceName(services.data?.services, serviceId) ?? text.aService) : null;
  const unread = serviceId ? (inbox.data?.unread_by_service[serviceId] ?? 0) : inbox.data?.unread;

  const markRead = async (item: InboxItem) => {
    if (!isUnread(item, readHere)) return;
    try {
      await portalApi.markRead(api, item.item_id);
      setReadHere((previous) => new Set([...previous, item.item_id]));
      setNotice(text.markedRead);
      inbox.reload();
    } catch (error) {
      setNotice(plainMessage(error));
    }
  };

  return (
    <>
      <ScreenTitle title={strings.screens.inbox} />
      {filteredName && (
        <p class="inbox-filter">
          {text.showingService(filteredName)} <a href={inboxHref()}>{text.showAll}</a>
        </p>
      )}
      {unread !== undefined && (
        <p class="muted" role="status">
          {text.unreadCount(unread)}
        </p>
      )}
      {page.items.length === 0 && page.loading ? (
        <Loading what={text.loading} />
      ) : page.items.length === 0 && page.error ? (
        <LoadError error={page.error} retry={page.reload} />
      ) : items.length === 0 ? (
        <Empty>{filteredName ? text.noneInService(filteredName) : text.none}</Empty>
      ) : (
        <>
          <ul class="inbox-items" aria-label={text.list}>
            {items.map((item) => (
              <Entry
                key={item.item_id}
                item={item}
                readHere={readHere}
                zone={zone}
                service={filteredName ? null : serviceName(services.data?.services, item.service_id)}
                onOpen={() => void markRead(item)}
              />
            ))}
          </ul>
          {page.error && <LoadError error={page.error} retry={page.loadMore} />}
          {page.more && (
            <button type="button" class="inbox-more" onClick={page.loadMore} disabled={page.loading} aria-busy={page.loading}>
              {text.more}
            </button>
          )}
        </>
      )}
      <p class="visually-hidden" role="status">
        {notice}
      </p>
    </>
  );
}

function Entry(props: {
  item: InboxItem;
  readHere: ReadonlySet<string>;
  zone: string | null | undefined;
  service: string | null;
  onOpen: () => void;
}) {
  const { item } = props;
  const text = strings.inbox;
  const [open, setOpen] = useState(false);
  const body = useId();
  const opener = useRef<HTMLButtonElement>(null);
  const mark = unreadMark(item, props.readHere);
  const unread = mark !== null;
  const kind = item.type === "discussion" ? text.discussion : (text.kinds[item.kind] ?? text.notification);

  const toggle = () => {
    if (!open) props.onOpen();
    setOpen(!open);
  };

  return (
    <li class={`inbox-item card ${unread ? "is-unread" : ""}`} data-item={item.item_id}>
      <p class="inbox-top">
        <span class="badge muted">{kind}</span>
        {mark && <span class="badge unread">{mark}</span>}
      </p>
      <h2 class="inbox-subject">
        {item.type === "discussion" && item.discussion_id ? (
          <a href={discussionHref(item.discussion_id)}>{item.subject}</a>
        ) : (
          <button ref={opener} type="button" class="link" aria-expanded={open} aria-controls={body} onClick={toggle}>
            {item.subject}
          </button>
        )}
      </h2>
      <dl class="inbox-facts">
        <div>
          <dt>{text.from}</dt>
          <dd>{fromOf(item)}</dd>
        </div>
        <div>
          <dt>{text.when}</dt>
          <dd>
            <time dateTime={item.at}>{onAgencyClock(item.at, props.zone)}</time>
          </dd>
        </div>
        {props.service && (
          <div>
            <dt>{text.service}</dt>
            <dd>{props.service}</dd>
          </div>
        )}
      </dl>
      {item.type === "discussion"
        ? item.body && <p class="inbox-preview">{item.body}</p>
        : (
            <div id={body} class="inbox-body" hidden={!open}>
              <p>{item.body || text.noBody}</p>
              <button type="button" onClick={() => (toggle(), opener.current?.focus())}>
                {text.hide}
              </button>
            </div>
          )}
    </li>
  );
}
