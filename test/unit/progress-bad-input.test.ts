// Refresh dashboard on the inputs a real program has: a new program with empty logs, a student taken off
// the roster who still has history, past sessions nobody marked; and applying a re-match the matcher no
// longer suggests.
import { sampleProgram } from '../../src/core/sample-program';
import { addDays } from '../../src/core/time';
import { addSampleHistory } from '../../src/sheets/forms/sample-history';
import { writeProgram } from '../../src/sheets/program/program-writer';
import { refreshProgress } from '../../src/sheets/progress/refresh';
import { applyRematch } from '../../src/sheets/progress/rematch';
import { setUpProgram } from '../../src/sheets/program/setup';
import { MemoryTableStore } from '../fakes/memory-store';

const TODAY = '2027-03-15';

function program(weeks: number): MemoryTableStore {
  const store = new MemoryTableStore({}, { timeZone: 'America/Chicago' });
  writeProgram(store, sampleProgram(50, 11, addDays(TODAY, 28 - 7 * Math.max(weeks, 1))));
  setUpProgram(store);
  if (weeks > 0) addSampleHistory(store, 11, addDays(TODAY, -7 * weeks), TODAY, new Date());
  return store;
}

const dashboardText = (store: MemoryTableStore) => store.readTab('Dashboard')!.map((row) => row.join('\t')).join('\n');

describe('Refresh dashboard on awkward programs', () => {
  it('a new program (no pairs, no logs): every table is there, empty, and nothing is claimed', () => {
    const store = program(0);
    const report = refreshProgress(store, TODAY);
    expect(report.dashboard.totals).toMatchObject({ sessionsHeld: 0, attendancePercent: null, averageGain: null });
    expect(report.dashboard.weeks).toEqual([]);
    const text = dashboardText(store);
    expect(text).toMatch(/Generated on 2027-03-15 by Refresh dashboard; edits here are overwritten\./);
    expect(text).toMatch(/Too few students with exit-ticket gains to say anything yet \(0;/);
    // The charts' ranges are the tables' header rows alone.
    const weeksRow = store.readTab('Dashboard')!.findIndex((row) => row[0] === 'Week of') + 1;
    expect(report.charts[0].ranges).toEqual([`A${weeksRow}:A${weeksRow}`, `D${weeksRow}:D${weeksRow}`]);
  });

  it('a student removed from the roster who has history: their sessions still count and nothing stops', () => {
    const store = program(4);
    const before = refreshProgress(store, TODAY).dashboard.totals;
    const pairs = store.readTab('Pairs')!;
    const tuteeId = String(pairs[1][pairs[0].indexOf('Tutee ID')]);
    const students = store.readTab('Students')!;
    store.writeTab('Students', students.filter((row) => String(row[0]) !== tuteeId));
    const after = refreshProgress(store, TODAY);
    expect(after.dashboard.totals.sessionsHeld).toBe(before.sessionsHeld);
    expect(after.openAlerts.every((alert) => alert.name !== '')).toBe(true);
  });

  it('past sessions nobody marked count neither as held nor missed, and raise no Missed sessions alert', () => {
    const store = program(4);
    const sessions = store.readTab('Sessions')!;
    const [header] = sessions;
    const status = header.indexOf('Status');
    const blanked = sessions.map((row, i) => (i === 0 ? row : row.map((cell, j) => (j === status ? 'Scheduled' : header[j] === 'Tutor present' || header[j] === 'Tutee present' ? '' : cell))));
    store.writeTab('Sessions', blanked);
    const report = refreshProgress(store, TODAY);
    expect(report.dashboard.totals).toMatchObject({ sessionsHeld: 0, sessionsMissed: 0, attendancePercent: null });
    expect(report.openAlerts.filter((alert) => alert.kind === 'Missed sessions')).toEqual([]);
    expect(report.dashboard.impact.dosage.every((band) => band.tutees === 0)).toBe(true);
  });
});

describe('applying a re-match', () => {
  it('refuses a tutor the matcher no longer suggests, and a pair that is not meeting; writes nothing then', () => {
    const store = program(3);
    const pairs = store.readTab('Pairs')!;
    const pairId = String(pairs[1][0]);
    const unchanged = JSON.stringify(store.readTab('Pairs'));
    expect(applyRematch(store, pairId, 'S-NOBODY', TODAY, new Date())).toMatchObject({ applied: false, message: expect.stringMatching(/refresh the dashboard/) });
    expect(applyRematch(store, 'P-9999', 'S-0001', TODAY, new Date())).toMatchObject({ applied: false, message: expect.stringMatching(/no longer meeting/) });
    expect(JSON.stringify(store.readTab('Pairs'))).toBe(unchanged);
  });
});
