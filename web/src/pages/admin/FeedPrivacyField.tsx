/** Requests and events settings: whether workers' calendar feeds and files name the clients of each appointment. */

import { CheckboxField } from "../../../shared/ui/forms";

export function FeedPrivacyField(props: { checked: boolean; onValue: (value: boolean) => void }) {
  return (
    <fieldset class="toggles">
      <legend>Calendar feeds</legend>
      <CheckboxField
        label="Name the clients in workers' calendar feeds and files"
        name="feed_client_names"
        checked={props.checked}
        onValue={props.onValue}
      />
      <p class="hint">
        Off, an entry says only “Appointment” with the agency's name and the time. Clients' own calendars never name
        other clients.
      </p>
    </fieldset>
  );
}
