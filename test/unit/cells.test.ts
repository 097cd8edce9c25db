// The cell parsers on what teachers type: 24-hour and US (AM/PM) times, ISO and US (m/d/yyyy) dates,
// blank cells said to be empty, and cells longer than a Google Sheets cell.
import { parseDate, parseGrade, parseTime, tooLongMessage } from '../../src/sheets/store/cells';

const time = (text: string) => parseTime(text, 'UTC');
const date = (text: string) => parseDate(text, 'UTC');

describe('times', () => {
  it.each([
    ['15:30', '15:30'],
    ['9:05', '09:05'],
    ['3:45 PM', '15:45'],
    ['3:45pm', '15:45'],
    ['3:45 p.m.', '15:45'],
    ['12:10 AM', '00:10'],
    ['12:10 PM', '12:10'],
    ['11:59 pm', '23:59'],
  ])('%s is %s', (text, expected) => expect(time(text)).toEqual({ ok: true, value: expected }));

  it.each(['24:00', '13:00 PM', '0:30 AM', '3 PM', '3:60 PM', '15.30'])('%s is not a time', (text) =>
    expect(time(text)).toEqual({ ok: false, message: `"${text}" is not a time like 15:30 or 3:30 PM` }),
  );
});

describe('dates', () => {
  it.each([
    ['2027-05-28', '2027-05-28'],
    ['5/28/2027', '2027-05-28'],
    ['05/06/2027', '2027-05-06'],
    ['2/29/2028', '2028-02-29'],
  ])('%s is %s', (text, expected) => expect(date(text)).toEqual({ ok: true, value: expected }));

  it.each(['28/5/2027', '2/29/2027', '5/28/27', '2027/05/28'])('%s is not a date', (text) =>
    expect(date(text)).toEqual({ ok: false, message: `"${text}" is not a date (use a date cell, 2026-09-01 or 9/1/2026)` }),
  );
});

it('says a blank cell is empty instead of quoting ""', () => {
  expect(parseGrade('  ')).toEqual({ ok: false, message: 'is empty: fill in a grade from K to 12' });
  expect(time('')).toEqual({ ok: false, message: 'is empty: fill in a time like 15:30 or 3:30 PM' });
});

it('finds a cell longer than Google Sheets holds', () => {
  expect(tooLongMessage('x'.repeat(50_000))).toBeNull();
  expect(tooLongMessage('x'.repeat(50_001))).toBe('holds 50,001 characters, more than the 50,000 a Google Sheets cell holds: shorten it');
});
