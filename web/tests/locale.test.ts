import { afterEach, describe, expect, it } from "vitest";
import { formatMoney } from "../shared/money";
import { english, setSharedStrings, sharedStrings, type SharedStrings } from "../shared/strings";
import { formatDate, formatDay, formatInstant, formatLocalStart } from "../shared/time";
import { strings as portal } from "../portal/src/strings";

/** A second catalog: English words, German dates and amounts (a translation changes only its catalog). */
const german: SharedStrings = { ...english, locale: "de-DE" };

afterEach(() => setSharedStrings(english));

describe("dates and amounts in the catalog's locale", () => {
  it("are written en-GB from the English catalog, as before", () => {
    expect(sharedStrings().locale).toBe("en-GB");
    expect(portal.shared.locale).toBe("en-GB");
    expect(formatDay("2026-12-02")).toBe("2 Dec 2026");
    expect(formatDate("2026-12-02")).toBe("Wednesday 2 December");
    expect(formatInstant("2026-12-02T14:00:00Z", "America/New_York", "America/New_York")).toMatch(
      /^Wed,? 2 Dec 2026, 09:00$/,
    );
    expect(formatMoney(123450, "EUR")).toBe("€1,234.50");
  });

  it("follow a second catalog's locale, the cached formats not kept from the first", () => {
    formatDay("2026-12-02");
    formatMoney(123450, "EUR");
    setSharedStrings(german);
    expect(formatDay("2026-12-02")).toBe("2. Dez. 2026");
    expect(formatDate("2026-12-02")).toBe("Mittwoch, 2. Dezember");
    expect(formatInstant("2026-12-02T14:00:00Z", "America/New_York", "America/New_York")).toMatch(/^Mi\.?, 2\. Dez\. 2026, 09:00$/);
    expect(formatLocalStart("2026-12-02T09:00:00", null)).toMatch(/^Mi\.?, 2\. Dez\. 2026, 09:00$/);
    expect(formatMoney(123450, "EUR")).toBe("1.234,50\u00a0€");
    setSharedStrings(english);
    expect(formatMoney(123450, "EUR")).toBe("€1,234.50");
  });
});
