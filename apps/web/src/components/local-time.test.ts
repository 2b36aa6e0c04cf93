// The server render of a date is the same text in every time zone (the browser's first render
// repeats it, so hydration matches); the reader's local time only follows after hydration.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalTime, RelativeTime, relativeWords, ShortWhen, subscribeTick, TICK_MS, tickSnapshot } from "./local-time";

// 23:30 UTC on Dec 1 is still Dec 1 in Los Angeles but already Dec 2 in Tokyo.
const moment = new Date("2026-12-01T23:30:00.000Z");
const iso = moment.toISOString();

describe("dates before hydration", () => {
  it("LocalTime renders the date and time in UTC, saying so", () => {
    expect(renderToStaticMarkup(createElement(LocalTime, { value: moment }))).toBe(
      `<time dateTime="${iso}">Dec 1, 2026, 11:30 PM UTC</time>`,
    );
  });

  it("LocalTime with a date-only format renders the UTC date without a zone label", () => {
    expect(renderToStaticMarkup(createElement(LocalTime, { value: moment, options: { dateStyle: "medium" } }))).toBe(
      `<time dateTime="${iso}">Dec 1, 2026</time>`,
    );
  });

  it("RelativeTime renders the UTC date instead of words that depend on the clock", () => {
    expect(renderToStaticMarkup(createElement(RelativeTime, { value: moment }))).toBe(
      `<time dateTime="${iso}">Dec 1, 2026</time>`,
    );
  });

  it("ShortWhen renders the UTC day instead of a time that depends on today", () => {
    expect(renderToStaticMarkup(createElement(ShortWhen, { value: moment }))).toBe(
      `<time dateTime="${iso}">Dec 1</time>`,
    );
  });
});

describe("the clock RelativeTime reads", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-01T09:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("'submitted just now' reads '5 minutes ago' five ticks later", () => {
    const submitted = new Date("2026-12-01T09:00:00Z");
    const stop = subscribeTick(() => {});
    expect(relativeWords(submitted, tickSnapshot())).toBe("just now");
    vi.advanceTimersByTime(5 * TICK_MS);
    expect(relativeWords(submitted, tickSnapshot())).toBe("5 minutes ago");
    stop();
  });

  it("every subscriber is told on each minute by one shared timer", () => {
    const first = vi.fn();
    const second = vi.fn();
    const stopFirst = subscribeTick(first);
    const stopSecond = subscribeTick(second);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(2 * TICK_MS);
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(2);
    stopFirst();
    stopSecond();
  });

  it("the timer stops when the last subscriber leaves", () => {
    const listener = vi.fn();
    const stop = subscribeTick(listener);
    stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(3 * TICK_MS);
    expect(listener).not.toHaveBeenCalled();
  });
});
