/**
 * My Services (Overview): each service with its open date, events attended and upcoming, the next event's date and
 * time, the other participants and the providers, and the actions on it; "Show Options" filters the list (a
 * service; open services; open and closed services). The filter lives in the route (`#/services?service=..&show=all`)
 * so other screens can link to one service.
 */

import { useEffect, useId, useRef, useState } from "preact/hooks";
import type { MyService } from "../../../shared/api/requests";
import { useLoad } from "../../../shared/hooks";
import { navigate } from "../../../shared/router";
import { formatDay } from "../../../shared/time";
import { Empty, Pending } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import { filterOf, filterServices, queryOf, type ServiceFilter } from "../figures";
import { MY_SERVICES_LINKS, type ScreenProps, screenLinks, serviceActions } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";
import { eventTime } from "../when";

export function MyServices(props: ScreenProps) {
  const { api, features } = usePortal();
  const text = strings.services;
  const loaded = useLoad(() => portalApi.myServices(api), [api]);
  const links = screenLinks(MY_SERVICES_LINKS, features.data);
  const filter = filterOf(props.query);
  const all = loaded.data?.services ?? [];
  const shown = filterServices(all, filter);

  return (
    <>
      <ScreenTitle title={strings.screens.myServices} />
      {links.map((link) => (
        <a key={link.key} class="button-link" href={link.href}>
          {link.label}
        </a>
      ))}
      <h2 class="tab-title">{text.overview}</h2>
      {loaded.data === undefined ? (
        <Pending state={loaded} what={text.loading} />
      ) : all.length === 0 ? (
        <Empty>{text.none}</Empty>
      ) : (
        <>
          <Options services={all} filter={filter} />
          <p class="muted" role="status">
            {text.showing(shown.length, all.length)}
          </p>
          {shown.length === 0 ? (
            <Empty>{text.noneMatch}</Empty>
          ) : (
            <ul class="service-list">
              {shown.map((service) => (
                <ServiceCard key={service.service_id} service={service} zone={loaded.data!.timezone} />
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}

/** "Show Options": the filters, applied with "Filter" (help pages: "Choose the filters you want ... Click Filter."). */
function Options(props: { services: MyService[]; filter: ServiceFilter }) {
  const text = strings.services;
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ServiceFilter>(props.filter);
  const panel = useId();
  const select = useId();
  const first = useRef<HTMLSelectElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  const applied = props.filter;
  useEffect(() => setDraft({ serviceId: applied.serviceId, scope: applied.scope }), [applied.serviceId, applied.scope]);
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);

  const apply = (event: Event) => {
    event.preventDefault();
    const query = new URLSearchParams(queryOf(draft)).toString();
    navigate(query ? `/services?${query}` : "/services");
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div class="options">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen(!open)}
      >
        {open ? text.hideOptions : text.showOptions}
      </button>
      <form id={panel} hidden={!open} class="options-panel card" aria-label={text.options} onSubmit={apply}>
        <div class="field">
          <label for={select}>{text.service}</label>
          <select
            ref={first}
            id={select}
            value={draft.serviceId ?? ""}
            onChange={(e) => setDraft({ ...draft, serviceId: (e.target as HTMLSelectElement).value || null })}
          >
            <option value="">{text.allServices}</option>
            {props.services.map((s) => (
              <option key={s.service_id} value={s.service_id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="choices">
          <legend>{text.which}</legend>
          {(["open", "all"] as const).map((scope) => (
            <label key={scope} class="choice">
              <input
                type="radio"
                name="scope"
                value={scope}
                checked={draft.scope === scope}
                onChange={() => setDraft({ ...draft, scope })}
              />
              {scope === "open" ? text.openOnly : text.openAndClosed}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary">
          {text.filter}
        </button>
      </form>
    </div>
  );
}

function ServiceCard(props: { service: MyService; zone: string | null }) {
  const { service } = props;
  const text = strings.services;
  const heading = useId();
  const { features } = usePortal();
  const actions = serviceActions(service, features.data);
  const names = (people: { name: string | null }[]) => people.map((p) => p.name ?? text.unnamed).join(", ");
  return (
    <li class="service card">
      <article aria-labelledby={heading}>
      <h2 id={heading} class="service-name">
        {service.name}{" "}
        <span class={`badge ${service.status === "open" ? "" : "muted"}`}>
          {service.status === "open" ? text.open : text.closed}
        </span>
      </h2>
      <dl class="facts">
        <div>
          <dt>{text.openDate}</dt>
          <dd>{formatDay(service.open_date)}</dd>
        </div>
        {service.close_date && (
          <div>
            <dt>{text.closeDate}</dt>
            <dd>{formatDay(service.close_date)}</dd>
          </div>
        )}
        {service.left_date && (
          <div>
            <dt>{text.leftDate}</dt>
            <dd>{formatDay(service.left_date)}</dd>
          </div>
        )}
        <div>
          <dt>{text.attended}</dt>
          <dd>{service.events_attended}</dd>
        </div>
        <div>
          <dt>{text.upcoming}</dt>
          <dd>{service.events_upcoming}</dd>
        </div>
        <div>
          <dt>{text.nextEvent}</dt>
          <dd>{service.next_event ? eventTime(service.next_event, props.zone) : text.noNextEvent}</dd>
        </div>
        <div>
          <dt>{text.providers}</dt>
          <dd>{names(service.providers)}</dd>
        </div>
        <div>
          <dt>{text.participants}</dt>
          <dd>{service.participants.length ? names(service.participants) : text.noParticipants}</dd>
        </div>
      </dl>
      {actions.length > 0 && (
        <nav aria-label={text.actions(service.name)}>
          <ul class="service-actions">
            {actions.map((action) => (
              <li key={action.key}>
                <a href={action.href}>{action.label}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      </article>
    </li>
  );
}
