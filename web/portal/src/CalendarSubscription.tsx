/** The Calendar screen's "Subscribe to your calendar": the shared panel, with the portal's calls and clock. */

import { browserZone, formatInstant } from "../../shared/time";
import { CalendarFeed, type FeedActions } from "../../shared/ui/CalendarFeed";
import { portalApi } from "./api";
import { usePortal } from "./context";

export function CalendarSubscription(props: { zone: string | null }) {
  const { api } = usePortal();
  const actions: FeedActions = {
    status: () => portalApi.calendarFeed(api),
    newLink: () => portalApi.newCalendarFeed(api),
    stop: () => portalApi.stopCalendarFeed(api),
  };
  const when = (instant: string) => formatInstant(instant, props.zone ?? browserZone());
  return <CalendarFeed actions={actions} audience="client" when={when} />;
}
