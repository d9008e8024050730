/**
 * The few Cognito user-pool calls the app makes, as plain `fetch` POSTs (the AWS JSON 1.1 protocol):
 * no SDK, so the bundle stays small. Only unauthenticated operations are used; they need no signing.
 */

import type { PortalConfig } from "../config";
import { sharedStrings } from "../strings";

export interface AuthTokens {
  idToken: string;
  accessToken: string;
  /** Absent on a refresh unless the app client rotates refresh tokens. */
  refreshToken?: string;
}

export type PasswordSignIn =
  | { kind: "signed-in"; tokens: AuthTokens }
  | { kind: "new-password-required"; session: string };

/** A refusal by Cognito, with its exception name (`NotAuthorizedException`, ...). */
export class CognitoError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = "CognitoError";
  }
}

/** Cognito could not be reached at all: no verdict on the credentials. */
export class CognitoUnreachable extends Error {
  constructor() {
    super(sharedStrings().cognito.unreachable);
    this.name = "CognitoUnreachable";
  }
}

export class Cognito {
  constructor(
    private readonly config: PortalConfig["cognito"],
    private readonly fetchFn: typeof fetch = (...args) => fetch(...args),
  ) {}

  async signInWithPassword(email: string, password: string): Promise<PasswordSignIn> {
    const result = await this.call("InitiateAuth", {
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: this.config.clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    if (result.ChallengeName === "NEW_PASSWORD_REQUIRED") {
      return { kind: "new-password-required", session: String(result.Session) };
    }
    return { kind: "signed-in", tokens: tokensOf(result) };
  }

  /** Answer the first-sign-in challenge of a user an admin created with a temporary password. */
  async setNewPassword(email: string, session: string, newPassword: string): Promise<AuthTokens> {
    const result = await this.call("RespondToAuthChallenge", {
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      ClientId: this.config.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
    });
    return tokensOf(result);
  }

  async refresh(refreshToken: string): Promise<AuthTokens> {
    const result = await this.call("InitiateAuth", {
      AuthFlow: "REFRESH_TOKEN_AUTH",
      ClientId: this.config.clientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    });
    return tokensOf(result);
  }

  /** Revoke the refresh token on sign-out, so a copy of it is worthless. */
  async revoke(refreshToken: string): Promise<void> {
    await this.call("RevokeToken", { ClientId: this.config.clientId, Token: refreshToken });
  }

  /** Forgot password: Cognito sends a code to the user's email; answers where it went ("j***@e***"), if it says. */
  async forgotPassword(email: string): Promise<string> {
    const result = await this.call("ForgotPassword", { ClientId: this.config.clientId, Username: email });
    return String(result.CodeDeliveryDetails?.Destination ?? "");
  }

  /** The code from that email and the new password: the password is changed (the user then signs in with it). */
  async confirmForgotPassword(email: string, code: string, newPassword: string): Promise<void> {
    await this.call("ConfirmForgotPassword", {
      ClientId: this.config.clientId,
      Username: email,
      ConfirmationCode: code,
      Password: newPassword,
    });
  }

  private async call(operation: string, body: object): Promise<Record<string, any>> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.config.endpoint}/`, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-amz-json-1.1",
          "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
        },
        body: JSON.stringify(body),
      });
    } catch {
      throw new CognitoUnreachable();
    }
    const text = await response.text();
    let data: Record<string, any> = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      // A proxy's HTML error page: treated below by status.
    }
    if (!response.ok) {
      const type = String(data.__type ?? response.headers.get("x-amzn-ErrorType") ?? "UnknownError")
        .split(":")[0]
        .split("#")
        .pop()!;
      if (response.status >= 500 && !data.__type) throw new CognitoUnreachable();
      throw new CognitoError(type, String(data.message ?? data.Message ?? type));
    }
    return data;
  }
}

function tokensOf(result: Record<string, any>): AuthTokens {
  const auth = result.AuthenticationResult;
  if (!auth?.IdToken) throw new CognitoError("UnexpectedResponse", "The sign-in service answered without a token.");
  return { idToken: auth.IdToken, accessToken: auth.AccessToken, refreshToken: auth.RefreshToken };
}

/** Plain words for a failed sign-in or password reset; never says whether the email exists. */
export function signInMessage(error: unknown): string {
  const text = sharedStrings().cognito;
  if (error instanceof CognitoUnreachable) return error.message;
  if (!(error instanceof CognitoError)) return text.failed;
  const detail = error.message.toLowerCase();
  switch (error.type) {
    case "NotAuthorizedException":
      if (detail.includes("attempts exceeded")) return text.tooManyFailures;
      if (detail.includes("disabled")) return text.disabled;
      return text.wrongCredentials;
    case "UserNotFoundException":
      return text.wrongCredentials;
    case "PasswordResetRequiredException":
      return text.resetRequired;
    case "UserNotConfirmedException":
      return text.notConfirmed;
    case "TooManyRequestsException":
    case "LimitExceededException":
      return text.tooManyAttempts;
    case "InvalidPasswordException":
      return text.passwordRefused(error.message.replace(/^Password does not conform to policy: /i, ""));
    case "CodeMismatchException":
      return text.wrongCode;
    case "ExpiredCodeException":
      return text.codeExpired;
    default:
      return error.message;
  }
}
