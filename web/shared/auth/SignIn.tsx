/**
 * Sign in with email and password, for both web apps: a first sign-in with a temporary password chooses a new
 * one, and "Forgot your password?" resets it with the code Cognito emails (ForgotPassword, ConfirmForgotPassword).
 */

import { useEffect, useRef, useState } from "preact/hooks";
import type { FormErrors } from "../errors";
import { NO_ERRORS } from "../errors";
import { sharedStrings } from "../strings";
import { FormAlert, SubmitButton, TextField } from "../ui/forms";
import { signInMessage } from "./cognito";
import type { Session, SignOutReason } from "./session";

type Step = "sign-in" | "new-password" | "forgot" | "reset";

export function SignIn(props: {
  session: Session;
  reason: SignOutReason;
  /** The app's name, the page's heading. */
  appName: string;
  subtitle: string;
  /** Minutes without activity after which the app signs out (said when that is why). */
  idleMinutes?: number;
}) {
  const { session } = props;
  const text = sharedStrings().signIn;
  const [step, setStep] = useState<Step>("sign-in");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // Focus the first field on arrival and whenever the step changes, so keyboard and screen-reader users follow.
    if (first.current) {
      first.current = false;
      form.current?.querySelector<HTMLInputElement>("input")?.focus();
      return;
    }
    form.current?.querySelector<HTMLInputElement>("input:not([type=hidden])")?.focus();
  }, [step]);

  const go = (next: Step, message: string | null = null) => {
    setErrors(NO_ERRORS);
    setNotice(message);
    setNewPassword("");
    setRepeat("");
    setCode("");
    setStep(next);
  };

  const run = async (work: () => Promise<void>) => {
    setErrors(NO_ERRORS);
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setErrors({ form: signInMessage(error), fields: {} });
    } finally {
      setBusy(false);
    }
  };

  const newPasswordErrors = (): Record<string, string> | null => {
    if (newPassword.length < 12) return { new_password: text.tooShort };
    if (newPassword !== repeat) return { repeat: text.differ };
    return null;
  };

  const signIn = async (event: Event) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!email.trim()) missing.email = text.missingEmail;
    if (!password) missing.password = text.missingPassword;
    if (Object.keys(missing).length) return setErrors({ fields: missing });
    await run(async () => {
      try {
        const result = await session.signIn(email, password);
        if (result.newPasswordSession) {
          setChallenge(result.newPasswordSession);
          go("new-password");
        }
      } finally {
        setPassword("");
      }
    });
  };

  const choosePassword = async (event: Event) => {
    event.preventDefault();
    const invalid = newPasswordErrors();
    if (invalid) return setErrors({ fields: invalid });
    await run(() => session.setNewPassword(email, challenge!, newPassword));
  };

  const sendCode = async (event: Event) => {
    event.preventDefault();
    if (!email.trim()) return setErrors({ fields: { email: text.missingEmail } });
    await run(async () => go("reset", text.codeSent(await session.forgotPassword(email))));
  };

  const reset = async (event: Event) => {
    event.preventDefault();
    if (!code.trim()) return setErrors({ fields: { code: text.missingCode } });
    const invalid = newPasswordErrors();
    if (invalid) return setErrors({ fields: invalid });
    await run(async () => {
      await session.confirmForgotPassword(email, code, newPassword);
      go("sign-in", text.resetDone);
    });
  };

  const why =
    props.reason === "expired"
      ? text.expired
      : props.reason === "idle" && props.idleMinutes
        ? text.idle(props.idleMinutes)
        : props.reason === "signed-out"
          ? text.signedOut
          : null;
  const said = notice ?? (step === "sign-in" ? why : null);

  const emailField = (
    <TextField
      label={text.email}
      name="email"
      type="email"
      autoComplete="username"
      value={email}
      onValue={setEmail}
      error={errors.fields.email}
    />
  );
  const newPasswordFields = (
    <>
      <TextField
        label={text.newPassword}
        name="new_password"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onValue={setNewPassword}
        error={errors.fields.new_password}
        hint={text.newPasswordHint}
      />
      <TextField
        label={text.repeatPassword}
        name="repeat"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onValue={setRepeat}
        error={errors.fields.repeat}
      />
    </>
  );
  const back = (
    <p class="sign-in-links">
      <button type="button" class="link" onClick={() => go("sign-in")}>
        {text.backToSignIn}
      </button>
    </p>
  );

  return (
    <main class="sign-in" id="main">
      <div class="sign-in-card card">
        <h1>{props.appName}</h1>
        <p class="subtitle">{props.subtitle}</p>
        {said && (
          <p class="notice" role="status">
            {said}
          </p>
        )}
        {step === "sign-in" && (
          <form ref={form} onSubmit={signIn} noValidate aria-label={text.title}>
            <FormAlert errors={errors} formRef={form} />
            {emailField}
            <TextField
              label={text.password}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onValue={setPassword}
              error={errors.fields.password}
            />
            <SubmitButton busy={busy} label={text.submit} busyLabel={text.submitting} class="primary wide" />
            <p class="sign-in-links">
              <button type="button" class="link" onClick={() => go("forgot")}>
                {text.forgot}
              </button>
            </p>
          </form>
        )}
        {step === "new-password" && (
          <form ref={form} onSubmit={choosePassword} noValidate aria-label={text.chooseTitle}>
            <p>{text.firstPassword(email)}</p>
            <FormAlert errors={errors} formRef={form} />
            {newPasswordFields}
            <SubmitButton busy={busy} label={text.setPassword} busyLabel={text.submitting} class="primary wide" />
          </form>
        )}
        {step === "forgot" && (
          <form ref={form} onSubmit={sendCode} noValidate aria-label={text.forgotTitle}>
            <h2>{text.forgotTitle}</h2>
            <p>{text.forgotIntro}</p>
            <FormAlert errors={errors} formRef={form} />
            {emailField}
            <SubmitButton busy={busy} label={text.sendCode} busyLabel={text.sendingCode} class="primary wide" />
            {back}
          </form>
        )}
        {step === "reset" && (
          <form ref={form} onSubmit={reset} noValidate aria-label={text.forgotTitle}>
            <h2>{text.forgotTitle}</h2>
            <FormAlert errors={errors} formRef={form} />
            <TextField
              label={text.code}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onValue={setCode}
              error={errors.fields.code}
            />
            {newPasswordFields}
            <SubmitButton busy={busy} label={text.resetSubmit} busyLabel={text.resetting} class="primary wide" />
            {back}
          </form>
        )}
      </div>
    </main>
  );
}
