/** A worker's availability: calendars, the weekly blocks of one, time off, and the slots clients will see. */

import { useEffect, useState } from "preact/hooks";
import { useApp } from "../../context";
import { plainMessage } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import type { ListedCalendar } from "../../../shared/api/availability";
import { dateIn, formatDate } from "../../../shared/time";
import { StatusLine } from "../../../shared/ui/forms";
import { LoadError, Loading } from "../../../shared/ui/states";
import { CalendarList, deleteQuestion, NewCalendarForm } from "./Calendars";
import { SlotPreview } from "./SlotPreview";
import { TimeOffPanel } from "./TimeOffPanel";
import { WeekEditor } from "./WeekEditor";

const SUBTITLES = { in_effect: "in effect since", upcoming: "starts", replaced: "replaced; started" };

export function AvailabilityPage(props: { workerId: string; workerName?: string }) {
  const { api, user } = useApp();
  const { workerId } = props;
  const agency = useLoad(
    () => Promise.all([availability.settings(api), availability.types(api), availability.sites(api)]),
    [],
  );
  const calendars = useLoad(() => availability.calendars(api, workerId), [workerId]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [changes, setChanges] = useState(0);
  const [notice, setNotice] = useState("");
  const changed = () => setChanges((n) => n + 1);

  // Show the calendar in effect (else the first) until the user picks another.
  useEffect(() => {
    const list = calendars.data;
    if (!list) return;
    setSelectedId((selected) =>
      selected && list.some((c) => c.calendar_id === selected)
        ? selected
        : ((list.find((c) => c.in_effect) ?? list[0])?.calendar_id ?? null),
    );
  }, [calendars.data]);

  useEffect(() => setSelectedId(null), [workerId]);

  if (agency.error && !agency.data) return <LoadError error={agency.error} retry={agency.reload} />;
  if (!agency.data) return <Loading what="the agency's availability settings" />;
  const [settings, types, sites] = agency.data;
  const today = dateIn(settings.timezone);
  const selected = calendars.data?.find((c) => c.calendar_id === selectedId) ?? null;
  const isSelf = workerId === user.personId;

  const afterCalendarChange = (select?: string) => {
    if (select) setSelectedId(select);
    calendars.reload();
    changed();
  };

  const remove = async (calendar: ListedCalendar) => {
    if (!window.confirm(deleteQuestion(calendar, calendars.data ?? []))) return;
    try {
      await availability.deleteCalendar(api, workerId, calendar.calendar_id);
      setNotice(`Calendar ${calendar.name} deleted.`);
      if (calendar.calendar_id === selectedId) setSelectedId(null);
      afterCalendarChange();
    } catch (error) {
      setNotice(plainMessage(error));
    }
  };

  return (
    <div class="availability">
      {settings.client_facing_type_id === null && (
        <p class="warning" role="note">
          No availability type is client-facing yet, so clients see no slots.{" "}
          {user.role === "admin" ? "Choose one in Agency settings." : "Ask an admin to choose one."}
        </p>
      )}
      {sites.length === 0 && (
        <p class="warning" role="note">
          The agency has no sites yet; blocks need one. {user.role === "admin" ? "Add one in Types and sites." : ""}
        </p>
      )}
      <div class="availability-layout">
        <section class="panel calendars-panel" aria-labelledby="calendars-title">
          <h2 id="calendars-title">{isSelf ? "Your calendars" : "Calendars"}</h2>
          {calendars.loading && !calendars.data && <Loading what="calendars" />}
          {calendars.error && !calendars.data && <LoadError error={calendars.error} retry={calendars.reload} />}
          {calendars.data && (
            <CalendarList
              workerId={workerId}
              calendars={calendars.data}
              selectedId={selectedId}
              today={today}
              onSelect={setSelectedId}
              onDelete={(c) => void remove(c)}
              onChanged={(c) => {
                setNotice(`Calendar ${c.name} saved.`);
                afterCalendarChange();
              }}
            />
          )}
          {notice && <StatusLine text={notice} />}
          {calendars.data && (
            <NewCalendarForm
              workerId={workerId}
              calendars={calendars.data}
              today={today}
              onAdded={(c) => {
                setNotice("");
                afterCalendarChange(c.calendar_id);
              }}
            />
          )}
        </section>

        <section class="panel week-panel" aria-labelledby="week-title">
          <h2 id="week-title">
            {selected ? (
              <>
                Weekly blocks: {selected.name}{" "}
                <span class="subtitle">
                  {SUBTITLES[selected.status]} {formatDate(selected.start_date, { year: true, short: true })}
                </span>
              </>
            ) : (
              "Weekly blocks"
            )}
          </h2>
          {selected ? (
            <WeekEditor
              key={selected.calendar_id}
              workerId={workerId}
              calendar={selected}
              types={types}
              sites={sites}
              clientFacingTypeId={settings.client_facing_type_id}
              onChanged={() => {
                calendars.reload();
                changed();
              }}
            />
          ) : (
            calendars.data && <p class="empty">Add a calendar to set weekly blocks.</p>
          )}
        </section>

        <section class="panel preview-panel" aria-labelledby="preview-title">
          <h2 id="preview-title">What clients see</h2>
          <SlotPreview
            workerId={workerId}
            settings={settings}
            types={types}
            sites={sites}
            today={today}
            version={changes}
          />
        </section>

        <section class="panel time-off-panel" aria-labelledby="time-off-panel-title">
          <h2 id="time-off-panel-title">Time off</h2>
          <TimeOffPanel workerId={workerId} timeZone={settings.timezone} today={today} onChanged={changed} />
        </section>
      </div>
    </div>
  );
}
