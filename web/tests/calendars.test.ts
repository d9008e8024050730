import { describe, expect, it } from "vitest";
import { deleteQuestion } from "../src/pages/availability/Calendars";
import type { ListedCalendar } from "../shared/api/availability";

const calendar = (name: string, start_date: string, status: ListedCalendar["status"], block_count = 3) => ({
  calendar_id: name,
  name,
  start_date,
  status,
  in_effect: status === "in_effect",
  version: 0,
  block_count,
});

describe("deleting a calendar", () => {
  const standard = calendar("Standard", "2026-11-01", "replaced");
  const winter = calendar("Winter", "2026-12-07", "in_effect", 1);
  const spring = calendar("Spring", "2027-03-01", "upcoming", 0);

  it("says which calendar replaced the one deleted", () => {
    expect(deleteQuestion(standard, [standard, winter, spring])).toBe(
      "Delete the calendar Standard and its 3 blocks? Winter replaced it on Mon, 7 Dec 2026, so it no longer decides " +
        "any day from today on.",
    );
  });

  it("says an upcoming one has not started, and that the calendar in effect goes on", () => {
    expect(deleteQuestion(spring, [standard, winter, spring])).toBe(
      "Delete the calendar Spring? It has not started yet (it would from Mon, 1 Mar 2027); the calendar in effect " +
        "until then keeps deciding those days.",
    );
    expect(deleteQuestion({ ...spring, block_count: 1 }, [])).toMatch(/^Delete the calendar Spring and its 1 block\?/);
  });
});
