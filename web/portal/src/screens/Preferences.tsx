/** Preferences: the client's email choices (the form is shared with the staff app: shared/ui/EmailPreferences). */

import { useLoad } from "../../../shared/hooks";
import { EmailPreferencesForm } from "../../../shared/ui/EmailPreferences";
import { Pending } from "../../../shared/ui/states";
import { portalApi } from "../api";
import { usePortal } from "../context";
import type { ScreenProps } from "../routes";
import { strings } from "../strings";
import { ScreenTitle } from "../ui";

const text = strings.preferences;

export function Preferences(_props: ScreenProps) {
  const { api } = usePortal();
  const loaded = useLoad(() => portalApi.preferences(api), [api]);
  return (
    <>
      <ScreenTitle title={text.title} />
      {loaded.data === undefined ? (
        <Pending state={loaded} what={text.loading} />
      ) : (
        <EmailPreferencesForm saved={loaded.data} words={text} save={(change) => portalApi.savePreferences(api, change)} />
      )}
    </>
  );
}
