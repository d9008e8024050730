/** The calendar page's "Subscribe to your calendar": the signed-in worker's (or admin's) own events for a calendar app. */

import { useApp } from "../../context";
import { requests } from "../../services/requests";
import { formatInstant } from "../../../shared/time";
import { CalendarFeed, type FeedActions } from "../../../shared/ui/CalendarFeed";

export function CalendarSubscription(props: { timeZone: string }) {
  const { api } = useApp();
  const actions: FeedActions = {
    status: () => requests.calendarFeed(api),
    newLink: () => requests.newCalendarFeed(api),
    stop: () => requests.stopCalendarFeed(api),
  };
  return <CalendarFeed actions={actions} audience="staff" when={(instant) => formatInstant(instant, props.timeZone)} />;
}
