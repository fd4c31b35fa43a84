import { describe, expect, it } from 'vitest';

import { dateSeparatorLabel, startsNewDay } from './dateSeparator';

const now = new Date(2026, 2, 10, 9, 30); // Tuesday, March 10, 2026, local time

describe('the date separator label', () => {
  it('says Today for a message of today, however early', () => {
    expect(dateSeparatorLabel(new Date(2026, 2, 10, 0, 1).toISOString(), now, 'en-US')).toBe('Today');
  });
  it('says Yesterday for the day before, across a month boundary too', () => {
    expect(dateSeparatorLabel(new Date(2026, 2, 9, 23, 59).toISOString(), now, 'en-US')).toBe('Yesterday');
    const april1 = new Date(2026, 3, 1, 8);
    expect(dateSeparatorLabel(new Date(2026, 2, 31, 20).toISOString(), april1, 'en-US')).toBe('Yesterday');
  });
  it('names the weekday and date within this year, and the year otherwise', () => {
    expect(dateSeparatorLabel(new Date(2026, 2, 3, 12).toISOString(), now, 'en-US')).toBe('Tuesday, March 3');
    expect(dateSeparatorLabel(new Date(2025, 11, 31, 12).toISOString(), now, 'en-US')).toBe(
      'December 31, 2025',
    );
  });
  it('starts a new day at the first message and when the calendar day changes', () => {
    const at = (d: Date) => ({ createdAt: d.toISOString() });
    expect(startsNewDay(undefined, at(now))).toBe(true);
    expect(startsNewDay(at(new Date(2026, 2, 10, 1)), at(now))).toBe(false);
    expect(startsNewDay(at(new Date(2026, 2, 9, 23, 59)), at(new Date(2026, 2, 10, 0, 0)))).toBe(true);
  });
});
