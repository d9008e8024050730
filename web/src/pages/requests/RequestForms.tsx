/** Declining a request with a reason, and proposing another of the worker's open slots. */

import { useState } from "preact/hooks";
import { useApp } from "../../context";
import type { FieldMap } from "../../../shared/errors";
import { useLoad } from "../../../shared/hooks";
import { availability } from "../../services/availability";
import { requests } from "../../services/requests";
import type { StaffEventRequest } from "../../../shared/api/requests";
import { addDays, dateIn, formatDate } from "../../../shared/time";
import { FormActions, FormAlert, TextAreaField, TextField, useAction } from "../../../shared/ui/forms";
import { Empty, LoadError, Loading } from "../../../shared/ui/states";
import { groupByLocalDate } from "../availability/SlotPreview";

const DECLINE_FIELDS: FieldMap = { reason: { control: "reason", label: "Reason" } };
const PROPOSE_FIELDS: FieldMap = { start: { control: "start", label: "The time" } };
/** How many days of open slots the proposal form lists at once. */
export const PROPOSE_DAYS = 7;

export function DeclineForm(props: {
  request: StaffEventRequest;
  client: string;
  onCancel: () => void;
  onDone: (reason: string) => void;
}) {
  const { api } = useApp();
  const [reason, setReason] = useState("");
  const { errors, setErrors, busy, form, send } = useAction(DECLINE_FIELDS);
  const titleId = `decline-${props.request.request_id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) return setErrors({ fields: { reason: "Give the client a reason: they read it." } });
    await send(async () => {
      await requests.decline(api, props.request.request_id, text);
      props.onDone(text);
    });
  };

  return (
    <form ref={form} class="inline-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>Decline the request from {props.client}</h3>
      <FormAlert errors={errors} formRef={form} />
      <TextAreaField
        label="Reason"
        name="reason"
        value={reason}
        onValue={setReason}
        maxLength={1000}
        error={errors.fields.reason}
        hint="The client sees it."
      />
      <FormActions
        busy={busy}
        label="Decline request"
        busyLabel="Declining…"
        class="danger"
        cancel={{ label: "Keep it", onClick: props.onCancel }}
      />
    </form>
  );
}

export function ProposeForm(props: {
  request: StaffEventRequest;
  client: string;
  timeZone: string;
  onCancel: () => void;
  onDone: (label: string) => void;
}) {
  const { api } = useApp();
  const { request } = props;
  const today = dateIn(props.timeZone);
  const asked = request.local_start ? request.local_start.slice(0, 10) : dateIn(props.timeZone, Date.parse(request.start));
  const [from, setFrom] = useState(asked < today ? today : asked);
  const [chosen, setChosen] = useState("");
  const { errors, setErrors, busy, form, send } = useAction(PROPOSE_FIELDS);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from);
  const slots = useLoad(
    () => (valid ? availability.slots(api, request.worker_id, from, addDays(from, PROPOSE_DAYS - 1)) : Promise.resolve([])),
    [from],
  );
  const days = groupByLocalDate(slots.data ?? []);
  const titleId = `propose-${request.request_id}`;
  const labelOf = (start: string) => {
    const slot = slots.data?.find((s) => s.start === start);
    return slot ? `${formatDate(slot.local_start.slice(0, 10), { short: true })} ${slot.local_start.slice(11, 16)}` : start;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!chosen) return setErrors({ fields: { start: "Choose one of the open times." } });
    await send(async () => {
      await requests.propose(api, request.request_id, chosen);
      props.onDone(labelOf(chosen));
    });
  };

  return (
    <form ref={form} class="inline-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>Propose another time to {props.client}</h3>
      <FormAlert errors={errors} formRef={form} />
      <TextField
        label="Show open times from"
        name="from"
        type="date"
        min={today}
        value={from}
        onValue={(value) => {
          setFrom(value);
          setChosen("");
        }}
        hint={`Your open slots for ${PROPOSE_DAYS} days, as clients see them.`}
      />
      <fieldset
        class="field slot-choice"
        tabIndex={errors.fields.start ? -1 : undefined}
        aria-invalid={errors.fields.start ? "true" : undefined}
        aria-describedby={errors.fields.start ? `${titleId}-error` : undefined}
      >
        <legend>Open times</legend>
        {slots.loading && <Loading what="open times" />}
        {slots.error && !slots.loading && <LoadError error={slots.error} retry={slots.reload} />}
        {!slots.loading && !slots.error && days.length === 0 && (
          <Empty>No open times in these {PROPOSE_DAYS} days. Choose a later date.</Empty>
        )}
        {!slots.loading &&
          days.map(([date, daySlots]) => (
            <div class="slot-day" role="group" aria-label={formatDate(date)} key={date}>
              <p class="slot-day-title">{formatDate(date)}</p>
              <div class="slot-options">
                {daySlots.map((slot) => (
                  <label class="slot-option" key={slot.start}>
                    <input
                      type="radio"
                      name={`slot-${request.request_id}`}
                      value={slot.start}
                      checked={chosen === slot.start}
                      onChange={() => setChosen(slot.start)}
                    />
                    <span>{slot.local_start.slice(11, 16)}</span>
                  </label>
                ))}
              </div>
            </div>
          ))}
        {errors.fields.start && (
          <p class="field-error" id={`${titleId}-error`}>
            {errors.fields.start}
          </p>
        )}
      </fieldset>
      <FormActions
        busy={busy}
        label="Propose this time"
        busyLabel="Proposing…"
        cancel={{ label: "Cancel", onClick: props.onCancel }}
      />
    </form>
  );
}
