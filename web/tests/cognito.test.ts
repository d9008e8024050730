import { describe, expect, it } from "vitest";
import { Cognito, CognitoError, CognitoUnreachable, signInMessage } from "../shared/auth/cognito";

const config = { endpoint: "http://cognito.test", userPoolId: "pool", clientId: "client-1" };

describe("Cognito over fetch", () => {
  it("signs in with USER_PASSWORD_AUTH as an AWS JSON call", async () => {
    const seen: RequestInit[] = [];
    const fetchFn = (async (_url: string, init: RequestInit) => {
      seen.push(init);
      return new Response(JSON.stringify({ AuthenticationResult: { IdToken: "id", AccessToken: "a", RefreshToken: "r" } }));
    }) as unknown as typeof fetch;
    const result = await new Cognito(config, fetchFn).signInWithPassword("w@demo.test", "pw");
    expect(result).toEqual({ kind: "signed-in", tokens: { idToken: "id", accessToken: "a", refreshToken: "r" } });
    expect(seen[0].headers).toMatchObject({
      "Content-Type": "application/x-amz-json-1.1",
      "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
    });
    expect(JSON.parse(String(seen[0].body))).toEqual({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: "client-1",
      AuthParameters: { USERNAME: "w@demo.test", PASSWORD: "pw" },
    });
  });

  it("reports Cognito's exception by name", async () => {
    const fetchFn = (async () =>
      new Response(JSON.stringify({ __type: "NotAuthorizedException", message: "Incorrect username or password." }), {
        status: 400,
      })) as unknown as typeof fetch;
    const error = await new Cognito(config, fetchFn).refresh("r").catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error.type).toBe("NotAuthorizedException");
  });

  it("tells an unreachable service from a refusal", async () => {
    const fetchFn = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    await expect(new Cognito(config, fetchFn).refresh("r")).rejects.toBeInstanceOf(CognitoUnreachable);
  });

  it("asks for a new password when the user has a temporary one", async () => {
    const fetchFn = (async () =>
      new Response(JSON.stringify({ ChallengeName: "NEW_PASSWORD_REQUIRED", Session: "s-1" }))) as unknown as typeof fetch;
    expect(await new Cognito(config, fetchFn).signInWithPassword("w", "temp")).toEqual({
      kind: "new-password-required",
      session: "s-1",
    });
  });
});

describe("sign-in messages", () => {
  it("does not tell a wrong password from an unknown email", () => {
    expect(signInMessage(new CognitoError("NotAuthorizedException", "Incorrect username or password."))).toBe(
      "Wrong email or password.",
    );
    expect(signInMessage(new CognitoError("UserNotFoundException", "User does not exist."))).toBe(
      "Wrong email or password.",
    );
  });

  it("says when there were too many attempts", () => {
    expect(signInMessage(new CognitoError("NotAuthorizedException", "Password attempts exceeded"))).toMatch(
      /Too many failed attempts/,
    );
  });
});
