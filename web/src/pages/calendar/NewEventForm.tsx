/** A new event with clients of a service the worker provides: in the future, or one that took place this week. */

import { useEffect, useState } from "preact/hooks";
import { useApp } from "../../context";
import type { Directory } from "../../directory";
import type { FieldMap } from "../../../shared/errors";
import type { Site } from "../../../shared/api/availability";
import { requests } from "../../services/requests";
import type { Settings as RequestSettings, StaffEvent } from "../../../shared/api/requests";
import { addDays, dateIn, zonedToUtc } from "../../../shared/time";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField, SubmitButton, TextField, useAction } from "../../../shared/ui/forms";

const EVENT_FIELDS: FieldMap = {
  service_id: { control: "service_id", label: "Service" },
  client_ids: { control: "client_ids", label: "Clients" },
  start: { control: "date", label: "Start" },
  end: { control: "duration", label: "Length" },
  video_session: { control: "video_session", label: "Video session" },
  video_link: { control: "video_link", label: "Video link" },
  site_id: { control: "site_id", label: "Site" },
};

/** Staff may record an event that began up to this many days ago (a walk-in, a call). */
export const RECORD_PAST_DAYS = 7;
export const LENGTHS = [15, 30, 45, 50, 60, 75, 90, 120, 180, 240, 300, 360, 420, 480];

export interface Prefill {
  date: string;
  time: string;
  minutes?: number;
}

export function NewEventForm(props: {
  workerId: string;
  directory: Directory;
  sites: Site[];
  /** The agency's settings: no video option while video sessions are off. */
  settings: RequestSettings | undefined;
  prefill: Prefill;
  onCreated: (event: StaffEvent) => void;
  onCancel: () => void;
}) {
  const { api } = useApp();
  const { directory } = props;
  const zone = directory.timeZone;
  const services = directory.servicesOf(props.workerId, true);
  const [serviceId, setServiceId] = useState(services.length === 1 ? services[0].service_id : "");
  const service = services.find((s) => s.service_id === serviceId);
  // A service with one participant: that is who the event is with.
  const participantsOf = (id: string) => {
    const chosen = services.find((s) => s.service_id === id);
    return chosen && chosen.participant_ids.length === 1 ? [...chosen.participant_ids] : [];
  };
  const [clientIds, setClientIds] = useState<string[]>(() => participantsOf(serviceId));
  const chooseService = (id: string) => {
    setServiceId(id);
    setClientIds(participantsOf(id));
  };
  const [date, setDate] = useState(props.prefill.date);
  const [time, setTime] = useState(props.prefill.time);
  const [minutes, setMinutes] = useState(String(props.prefill.minutes ?? 60));
  const [video, setVideo] = useState(false);
  const [link, setLink] = useState("");
  const [siteId, setSiteId] = useState(props.sites.length === 1 ? props.sites[0].site_id : "");
  const { errors, setErrors, busy, form, run } = useAction(EVENT_FIELDS);

  useEffect(() => {
    setDate(props.prefill.date);
    setTime(props.prefill.time);
    if (props.prefill.minutes) setMinutes(String(props.prefill.minutes));
  }, [props.prefill]);

  const videoOffered = props.settings?.video_sessions_enabled !== false;
  const lengths = LENGTHS.includes(Number(minutes)) ? LENGTHS : [...LENGTHS, Number(minutes)].sort((a, b) => a - b);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!serviceId) return setErrors({ fields: { service_id: "Choose the service." } });
    if (clientIds.length === 0) return setErrors({ fields: { client_ids: "Choose at least one client." } });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
      return setErrors({ fields: { date: "Enter the date and the start time." } });
    }
    const start = zonedToUtc(`${date}T${time}`, zone);
    const end = new Date(Date.parse(start) + Number(minutes) * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    await run(async () => {
      const created = await requests.createEvent(api, {
        service_id: serviceId,
        worker_id: props.workerId,
        client_ids: clientIds,
        start,
        end,
        video_session: videoOffered && video,
        ...(videoOffered && video && link.trim() ? { video_link: link.trim() } : {}),
        ...(siteId ? { site_id: siteId } : {}),
      });
      props.onCreated(created);
    });
  };

  const today = dateIn(zone);
  return (
    <section class="panel new-event" aria-labelledby="new-event-title">
      <form ref={form} onSubmit={submit} noValidate aria-labelledby="new-event-title">
        <div class="panel-head">
          <h2 id="new-event-title">New event</h2>
          <button type="button" class="small" onClick={props.onCancel}>
            Close<span class="visually-hidden"> the new event form</span>
          </button>
        </div>
        <FormAlert errors={errors} formRef={form} />
        {services.length === 0 && (
          <p class="warning" role="note">
            {directory.people.get(props.workerId)?.name ?? "This worker"} provides no open service yet: open one in
            Services first.
          </p>
        )}
        <SelectField
          label="Service"
          name="service_id"
          value={serviceId}
          onValue={chooseService}
          placeholder="Choose a service"
          options={services.map((s) => ({ value: s.service_id, label: s.name }))}
          error={errors.fields.service_id}
        />
        <CheckboxGroup
          legend="Clients"
          name="client_ids"
          options={(service?.participant_ids ?? []).map((id) => ({ value: id, label: directory.name(id) }))}
          values={clientIds}
          onValues={setClientIds}
          error={errors.fields.client_ids}
          empty={service ? "The service has no participants." : "Choose a service first."}
        />
        <div class="row">
          <TextField
            label="Date"
            name="date"
            type="date"
            min={addDays(today, -RECORD_PAST_DAYS)}
            value={date}
            onValue={setDate}
            error={errors.fields.date}
          />
          <TextField label="Start time" name="time" type="time" step={300} value={time} onValue={setTime} />
        </div>
        <p class="hint">
          In the agency's time zone ({zone}). To record a session that already took place, choose a time up to{" "}
          {RECORD_PAST_DAYS} days ago.
        </p>
        <SelectField
          label="Length"
          name="duration"
          value={minutes}
          onValue={setMinutes}
          options={lengths.map((m) => ({ value: String(m), label: m < 60 || m % 60 ? `${m} minutes` : `${m / 60} h` }))}
          error={errors.fields.duration}
        />
        {props.sites.length > 0 && (
          <SelectField
            label="Site"
            name="site_id"
            value={siteId}
            onValue={setSiteId}
            placeholder="No site"
            options={props.sites.map((s) => ({ value: s.site_id, label: s.name }))}
            error={errors.fields.site_id}
          />
        )}
        {videoOffered && (
          <CheckboxField label="Video session" name="video_session" checked={video} onValue={setVideo} />
        )}
        {videoOffered && video && (
          <TextField
            label="Video link (optional)"
            name="video_link"
            type="url"
            inputMode="url"
            placeholder="https://"
            value={link}
            onValue={setLink}
            error={errors.fields.video_link}
            hint="Without one, the event shows as awaiting its link."
          />
        )}
        <SubmitButton busy={busy} label="Create event" busyLabel="Creating…" />
      </form>
    </section>
  );
}
