/** Agency settings, one section per service that owns them; each section saves on its own. */

import type { ComponentChild } from "preact";
import { href } from "../../router";
import { Placeholder } from "../Placeholder";
import { SchedulingSettings } from "./SchedulingSettings";

interface Section {
  id: string;
  label: string;
  render: () => ComponentChild;
}

export const SETTINGS_SECTIONS: Section[] = [
  { id: "scheduling", label: "Scheduling", render: () => <SchedulingSettings /> },
  {
    id: "requests",
    label: "Requests and events",
    render: () => (
      <Placeholder title="Requests and events">
        Whether clients may request events, send a message with a request, and ask for new services; video
        sessions; the cancellation window and the most open requests a client may have.
      </Placeholder>
    ),
  },
  {
    id: "messaging",
    label: "Messages",
    render: () => (
      <Placeholder title="Messages">
        Whether clients may start discussions, how notifications reach clients, and how much detail emails carry.
      </Placeholder>
    ),
  },
  {
    id: "billing",
    label: "Payments",
    render: () => (
      <Placeholder title="Payments">Whether clients may pay online, and the payment provider.</Placeholder>
    ),
  },
];

export function SettingsPage(props: { section: string }) {
  const section = SETTINGS_SECTIONS.find((s) => s.id === props.section) ?? SETTINGS_SECTIONS[0];
  return (
    <div class="settings-page">
      <nav class="subnav" aria-label="Settings sections">
        <ul>
          {SETTINGS_SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={href(`/admin/settings/${s.id}`)} aria-current={s.id === section.id ? "page" : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {section.render()}
    </div>
  );
}
