/** Agency settings, one section per service that owns them; each section saves on its own. */

import type { ComponentChild } from "preact";
import { href } from "../../../shared/router";
import { SchedulingSettings } from "./SchedulingSettings";
import { BillingSettingsSection, MessagingSettingsSection, RequestSettingsSection } from "./ServiceSettings";

interface Section {
  id: string;
  label: string;
  render: () => ComponentChild;
}

export const SETTINGS_SECTIONS: Section[] = [
  { id: "scheduling", label: "Scheduling", render: () => <SchedulingSettings /> },
  { id: "requests", label: "Requests and events", render: () => <RequestSettingsSection /> },
  { id: "messaging", label: "Messages", render: () => <MessagingSettingsSection /> },
  { id: "billing", label: "Payments and fees", render: () => <BillingSettingsSection /> },
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
