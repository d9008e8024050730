import { describe, expect, it } from "vitest";
import { ApiError, NETWORK } from "../shared/http";
import { CognitoUnreachable } from "../shared/auth/cognito";
import { SessionExpired } from "../shared/auth/session";
import { type FieldMap, formErrors, plainMessage } from "../shared/errors";

const SETTINGS: FieldMap = {
  slot_minutes: { control: "slot_minutes", label: "Slot length (minutes)" },
  client_facing_type_id: { control: "client_facing_type_id", label: "Client-facing type" },
};
const BLOCK: FieldMap = {
  from: { control: "from", label: "From" },
  to: { control: "to", label: "To" },
  type_id: { control: "type", label: "Type" },
};

describe("form errors", () => {
  it("puts an error beside the control its field maps to, in the control's words", () => {
    const error = new ApiError(400, "invalid_field", "slot_minutes must be a multiple of 5 from 5 to 480.", "slot_minutes");
    expect(formErrors(error, SETTINGS)).toEqual({
      fields: { slot_minutes: "Slot length (minutes) must be a multiple of 5 from 5 to 480." },
    });
  });

  it("maps a field to a control of another name", () => {
    const error = new ApiError(400, "invalid_field", "No availability type t9.", "type_id");
    expect(formErrors(error, BLOCK)).toEqual({ fields: { type: "No availability type t9." } });
  });

  it("names plain-word fields only where the message starts with them", () => {
    const error = new ApiError(400, "block_overlap", "from overlaps another block from 09:00 to 12:00.", "from");
    expect(formErrors(error, BLOCK).fields.from).toBe("From overlaps another block from 09:00 to 12:00.");
  });

  it("replaces snake_case names anywhere in the message", () => {
    const error = new ApiError(400, "invalid_field", "No availability type x for client_facing_type_id.", "client_facing_type_id");
    expect(formErrors(error, SETTINGS).fields.client_facing_type_id).toBe("No availability type x for client-facing type.");
  });

  it("shows an error for a field the form does not have, or none, for the whole form", () => {
    const other = new ApiError(400, "invalid_field", "copy_from is not valid.", "copy_from");
    expect(formErrors(other, SETTINGS)).toEqual({ form: "Copy from is not valid.", fields: {} });
    const conflict = new ApiError(409, "version_conflict", "The settings changed meanwhile; reload and try again.");
    expect(formErrors(conflict, SETTINGS)).toEqual({
      form: "The settings changed meanwhile; reload and try again.",
      fields: {},
    });
  });
});

describe("plain messages", () => {
  it("hides server failures behind a sentence a person can act on", () => {
    expect(plainMessage(new ApiError(500, "internal", "KeyError: 'x'"))).toBe(
      "Something went wrong on our side. Try again in a moment.",
    );
  });

  it("says when the server cannot be reached", () => {
    expect(plainMessage(new ApiError(0, NETWORK, "Cannot reach the server. Check your connection and try again."))).toMatch(
      /Cannot reach the server/,
    );
  });

  it("says when the sign-in service cannot renew the session for want of a connection", () => {
    expect(plainMessage(new CognitoUnreachable())).toMatch(/Cannot reach the sign-in service/);
  });

  it("says the session ended", () => {
    expect(plainMessage(new SessionExpired())).toBe("Your session has ended. Sign in again to continue.");
  });

  it("explains a request the page built wrongly without blaming the user", () => {
    const error = new ApiError(400, "unknown_field", "block_id is not a known field.", "block_id");
    expect(plainMessage(error)).toMatch(/^The server did not accept what this page sent/);
  });
});
