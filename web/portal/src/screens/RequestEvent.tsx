/**
 * Request an Event (help pages: "Request an Event with your Service Provider"), opened from My Services with
 * `?service=<id>&worker=<id>`: the service (a choice only when several open ones have this provider), additional
 * attendees, Video Session (if the agency offers it), the Preferred Time on a month calendar whose days with
 * availability carry a green circle, the day's Available Appts, a message (if the agency takes one), and Send. After
 * Send the client's event requests show where it stands.
 */

import { useEffect, useId, useState } from "preact/hooks";
import type { Slot } from "../../../shared/api/availability";
import type { MyService } from "../../../shared/api/requests";
import { now } from "../../../shared/clock";
import { useLoad } from "../../../shared/hooks";
import { useKeyKeeper } from "../../../shared/idempotency";
import { navigate } from "../../../shared/router";
import { browserZone, dateIn, formatDate, formatTimes, zoneDiffers, zoneName } from "../../../shared/time";
import {
  CheckboxField,
  CheckboxGroup,
  FormAlert,
  SelectField,
  SubmitButton,
  TextAreaField,
  useAction,
} from "../../../shared/ui/forms";
import { Empty, LoadError, Loading, Pending } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { MonthCalendar } from "../MonthCalendar";
import { addMonths, firstOf, lastOf, type Month, monthGrid, monthOf, windowOf } from "../month";
import { hrefOf, type ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

export function RequestEvent(props: ScreenProps) {
  const { api } = usePortal();
  const text = strings.requestEvent;
  const workerId = props.query.worker ?? "";
  const loaded = useLoad(() => portalApi.myServices(api), [api]);
  const services = (loaded.data?.services ?? []).filter(
    (s) => s.status === "open" && s.providers.some((p) => p.worker_id === workerId),
  );
  const requests = hrefOf("eventRequests");

  return (
    <>
      <ScreenTitle title={strings.screens.requestEvent} />
      {loaded.data === undefined ? (
        <Pending state={loaded} what={text.loading} />
      ) : services.length === 0 ? (
        <Empty>{text.noService}</Empty>
      ) : (
        <RequestForm
          key={workerId}
          services={services}
          workerId={workerId}
          initialService={props.query.service}
          zone={loaded.data.timezone}
        />
      )}
      {requests && (
        <p>
          <a href={requests}>{text.yourRequests}</a>
        </p>
      )}
    </>
  );
}

function providerName(service: MyService, workerId: string): string {
  return service.providers.find((p) => p.worker_id === workerId)?.name ?? strings.actions.yourProvider;
}

/** The API's fields, named as the form shows them. */
const FIELDS = {
  service_id: { control: "service", label: strings.requestEvent.service },
  attendee_ids: { control: "attendees", label: strings.requestEvent.attendees },
  video_session: { control: "video", label: strings.requestEvent.videoSession },
  start: { control: "start", label: strings.requestEvent.availableAppts },
  message: { control: "message", label: strings.requestEvent.message },
};

function RequestForm(props: { services: MyService[]; workerId: string; initialService?: string; zone: string | null }) {
  const { api, features } = usePortal();
  const text = strings.requestEvent;
  const { workerId } = props;
  const [serviceId, setServiceId] = useState(
    props.services.find((s) => s.service_id === props.initialService)?.service_id ?? props.services[0].service_id,
  );
  const service = props.services.find((s) => s.service_id === serviceId) ?? props.services[0];
  const [attendees, setAttendees] = useState<string[]>([]);
  const [video, setVideo] = useState(false);
  const [message, setMessage] = useState("");
  const [day, setDay] = useState<string | null>(null);
  const [slot, setSlot] = useState<Slot | null>(null);
  const action = useAction(FIELDS);
  const keeper = useKeyKeeper();
  const legend = useId();
  const slotsId = useId();

  // The calendar's month, on the agency's clock (the stack's clock, when it says what time it is).
  const [month, setMonth] = useState<Month>(() => monthOf(dateIn(props.zone ?? browserZone(), now())));
  const days = useLoad(
    () => portalApi.workerDays(api, workerId, firstOf(month), lastOf(month)),
    [api, workerId, month],
  );
  const zone = days.data?.timezone ?? props.zone ?? browserZone();
  const today = dateIn(zone, now());
  const requestable = days.data ? windowOf(days.data) : null;
  const weeks = monthGrid(month, days.data?.days ?? [], requestable);
  const [opened, setOpened] = useState(false);
  const firstRequestable = requestable?.first;
  useEffect(() => {
    // The first answer tells the requestable window: open on its first month when that is later than today's.
    if (opened || !firstRequestable) return;
    setOpened(true);
    if (monthOf(firstRequestable) > month) setMonth(monthOf(firstRequestable));
  }, [firstRequestable, opened, month]);

  const slots = useLoad(
    () => (day ? portalApi.workerSlots(api, workerId, day) : Promise.resolve(null)),
    [api, workerId, day],
  );
  const provider = providerName(service, workerId);

  const send = (event: Event) => {
    event.preventDefault();
    if (action.busy) return;
    if (!slot) {
      action.setErrors({ fields: { start: text.chooseTime } });
      return;
    }
    const body = {
      service_id: service.service_id,
      worker_id: workerId,
      start: slot.start,
      attendee_ids: attendees,
      ...(features.data?.videoSessions ? { video_session: video } : {}),
      ...(features.data?.requestMessages && message.trim() ? { message: message.trim() } : {}),
    };
    void action.run(async () => {
      const sent = await portalApi.requestEvent(api, body, keeper.keyFor(body));
      keeper.done();
      navigate(`/requests?sent=${encodeURIComponent(sent.request_id)}`);
    });
  };

  const others = service.participants.map((p) => ({ value: p.client_id, label: p.name ?? strings.services.unnamed }));
  return (
    <form ref={action.form} class="request-form" onSubmit={send} aria-labelledby="screen-title" noValidate>
      <p>{text.intro(provider)}</p>
      <FormAlert errors={action.errors} formRef={action.form} />
      {props.services.length > 1 ? (
        <SelectField
          label={text.service}
          name="service"
          value={serviceId}
          error={action.errors.fields.service}
          onValue={(value) => {
            setServiceId(value);
            setAttendees([]);
          }}
          options={props.services.map((s) => ({ value: s.service_id, label: s.name }))}
        />
      ) : (
        <dl class="facts">
          <div>
            <dt>{text.service}</dt>
            <dd>{service.name}</dd>
          </div>
        </dl>
      )}
      {others.length > 0 && (
        <CheckboxGroup
          legend={text.attendees}
          name="attendees"
          options={others}
          values={attendees}
          onValues={setAttendees}
          hint={text.attendeesHint}
          error={action.errors.fields.attendees}
        />
      )}
      {features.data?.videoSessions && (
        <div class="video">
          <CheckboxField label={text.videoSession} name="video" checked={video} onValue={setVideo} />
          <p class="hint">{text.videoHint}</p>
          {action.errors.fields.video && <p class="field-error">{action.errors.fields.video}</p>}
        </div>
      )}

      <fieldset class="field preferred-time">
        <legend id={legend}>{text.preferredTime}</legend>
        <p class="hint">{text.calendarHint}</p>
        {days.error && !days.loading ? (
          <LoadError error={days.error} retry={days.reload} />
        ) : (
          <MonthCalendar
            month={month}
            weeks={weeks}
            selected={day}
            labelledBy={legend}
            canPrevious={month > monthOf(today)}
            canNext={requestable !== null && month < monthOf(requestable.last)}
            onMonth={(step) => setMonth(addMonths(month, step))}
            onSelect={(date) => {
              setDay(date);
              setSlot(null);
            }}
          />
        )}
        {days.loading && <Loading what={text.loadingDays} />}
      </fieldset>

      <fieldset
        class="field slots"
        id={slotsId}
        tabIndex={action.errors.fields.start ? -1 : undefined}
        aria-invalid={action.errors.fields.start ? "true" : undefined}
        aria-describedby={action.errors.fields.start ? `${slotsId}-error` : undefined}
      >
        <legend>
          {text.availableAppts}
          {day && `: ${formatDate(day, { year: true })}`}
        </legend>
        {zoneDiffers(zone) && <p class="hint">{text.zoneNote(zoneName(now(), zone))}</p>}
        {!day ? (
          <p class="hint">{text.pickDay}</p>
        ) : slots.error && !slots.loading ? (
          <LoadError error={slots.error} retry={slots.reload} />
        ) : slots.loading || !slots.data ? (
          <Loading what={text.loadingSlots} />
        ) : slots.data.slots.length === 0 ? (
          <p role="status">{text.noSlots}</p>
        ) : (
          <ul class="slot-list">
            {slots.data.slots.map((s) => (
              <li key={s.start}>
                <label class="choice slot">
                  <input
                    type="radio"
                    name="slot"
                    value={s.start}
                    checked={slot?.start === s.start}
                    onChange={() => setSlot(s)}
                  />
                  {formatTimes(s.start, s.end, zone)}
                </label>
              </li>
            ))}
          </ul>
        )}
        {action.errors.fields.start && (
          <p class="field-error" id={`${slotsId}-error`}>
            {action.errors.fields.start}
          </p>
        )}
      </fieldset>

      {features.data?.requestMessages && (
        <TextAreaField
          label={features.data.requestMessagesRequired ? text.message : text.messageOptional}
          name="message"
          value={message}
          onValue={setMessage}
          maxLength={2000}
          aria-required={features.data.requestMessagesRequired ? "true" : undefined}
          hint={features.data.requestMessagesRequired ? text.messageRequired : undefined}
          error={action.errors.fields.message}
        />
      )}
      <p class="notice">{text.note}</p>
      <SubmitButton busy={action.busy} label={text.send} busyLabel={text.sending} />
    </form>
  );
}
