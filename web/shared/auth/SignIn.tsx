/** Sign in with email and password; a first sign-in with a temporary password chooses a new one. */

import { useEffect, useRef, useState } from "preact/hooks";
import { signInMessage } from "./cognito";
import type { Session } from "./session";
import type { FormErrors } from "../errors";
import { NO_ERRORS } from "../errors";
import { FormAlert, SubmitButton, TextField } from "../ui/forms";

export function SignIn(props: { session: Session; expired: boolean }) {
  const { session } = props;
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [challenge, setChallenge] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>("input")?.focus();
  }, [challenge]);

  const signIn = async (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = "Enter your email address.";
    if (!password) missing.password = "Enter your password.";
    if (Object.keys(missing).length) return setErrors({ fields: missing });
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      const result = await session.signIn(email, password);
      if (result.newPasswordSession) {
        setChallenge(result.newPasswordSession);
        setPassword("");
      }
    } catch (error) {
      setPassword("");
      setErrors({ form: signInMessage(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  const choosePassword = async (event: Event) => {
    event.preventDefault();
    if (newPassword.length < 12) return setErrors({ fields: { new_password: "Use at least 12 characters." } });
    if (newPassword !== repeat) return setErrors({ fields: { repeat: "The two passwords differ." } });
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      await session.setNewPassword(email, challenge!, newPassword);
    } catch (error) {
      setErrors({ form: signInMessage(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" id="main">
      <div class="sign-in-card card">
        <h1>Agency portal</h1>
        <p class="subtitle">Staff sign-in</p>
        {props.expired && !challenge && (
          <p class="notice" role="status">
            Your session has ended. Sign in again to continue.
          </p>
        )}
        {challenge === null ? (
          <form ref={form} onSubmit={signIn} noValidate aria-label="Sign in">
            <FormAlert errors={errors} formRef={form} />
            <TextField
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              value={email}
              onValue={setEmail}
              error={errors.fields.email}
            />
            <TextField
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onValue={setPassword}
              error={errors.fields.password}
            />
            <SubmitButton busy={busy} label="Sign in" busyLabel="Signing in…" class="primary wide" />
          </form>
        ) : (
          <form ref={form} onSubmit={choosePassword} noValidate aria-label="Choose a new password">
            <p>Welcome. Choose your own password to finish signing in as {email}.</p>
            <FormAlert errors={errors} formRef={form} />
            <TextField
              label="New password"
              name="new_password"
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onValue={setNewPassword}
              error={errors.fields.new_password}
              hint="At least 12 characters; a few words make a good one."
            />
            <TextField
              label="Repeat the new password"
              name="repeat"
              type="password"
              autoComplete="new-password"
              value={repeat}
              onValue={setRepeat}
              error={errors.fields.repeat}
            />
            <SubmitButton busy={busy} label="Set password and sign in" busyLabel="Signing in…" class="primary wide" />
          </form>
        )}
      </div>
    </main>
  );
}
