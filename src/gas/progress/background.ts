// The dashboard in the background, through the document's one hourly dispatcher (pending-work.ts):
// - Refresh dashboard after matching, scheduling and filed responses, debounced: those only mark the
//   dashboard out of date and register it as work, and the next run of the dispatcher (within the
//   hour; at once while the sidebar is open) refreshes once. No trigger of its own.
// - The optional daily alerts email (Settings: Daily alerts email = Yes): while on, the job stays
//   registered, so the hourly trigger comes back; the first run of each day (program timezone)
//   refreshes and emails the teacher one message listing the open alerts no email has told them about
//   yet — nothing when there is nothing new. MailApp counts recipients per day: with no quota left the
//   email waits for a later run (the day is not marked done). The Alerts tab's Emailed column records
//   what was told, so each alert is emailed once.
import { markEmailed, type AlertRow } from '../../sheets/progress/alerts-tab';
import type { ProgressReport } from '../../sheets/progress/refresh';
import { refreshAll, type HostEnvironment } from '../../sheets/sidebar-api';
import { programToday } from '../../sheets/program/settings';
import type { PendingWork } from '../pending-work';

type Properties = Pick<GoogleAppsScript.Properties.Properties, 'getProperty' | 'setProperty'>;

export interface DigestServices {
  mailApp: Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>;
  /** The teacher's address: their default calendar's ID (no extra scope needed). */
  recipient(): string;
  properties: Properties;
  spreadsheetUrl(): string;
  work: PendingWork;
}

const LAST_DAY = 'ptHub.dailyAlerts.lastDay';
/** Lines in one email; the rest are counted and wait in the Alerts tab. */
const LISTED = 40;

export type DigestOutcome = 'off' | 'done today' | 'nothing new' | 'sent' | 'no quota' | 'not sent';

/** After any refresh: the daily job registered while Settings ask for it, forgotten when they stop. */
export function keepDailyAlerts(report: ProgressReport, work: PendingWork): void {
  if (report.dailyAlertsEmail && !work.has('dailyAlerts')) work.add('dailyAlerts');
  if (!report.dailyAlertsEmail && work.has('dailyAlerts')) work.finish('dailyAlerts');
  work.dashboardRefreshed();
}

/** The dispatcher's debounced refresh, when something marked the dashboard out of date (the lock is held). */
export function refreshIfStale(host: HostEnvironment, work: PendingWork): boolean {
  if (!work.dashboardStale()) return false;
  refreshAll(host, programToday(host.store, host.now())); // afterRefresh clears the mark
  return true;
}

/** The dispatcher's daily run (the lock is held). */
export function runDailyAlerts(host: HostEnvironment, services: DigestServices): DigestOutcome {
  const today = programToday(host.store, host.now());
  if (services.properties.getProperty(LAST_DAY) === today) return 'done today';
  const report = refreshAll(host, today);
  if (!report.dailyAlertsEmail) return 'off'; // afterRefresh has forgotten the job
  const fresh = report.openAlerts.filter((alert) => alert.emailed === null);
  if (fresh.length === 0) {
    services.properties.setProperty(LAST_DAY, today);
    return 'nothing new';
  }
  const to = services.recipient();
  if (!to) return 'not sent';
  if (services.mailApp.getRemainingDailyQuota() < 1) return 'no quota';
  try {
    services.mailApp.sendEmail(to, ...digestOf(fresh, report, services.spreadsheetUrl(), today));
  } catch {
    return 'not sent'; // quota spent meanwhile by another script: a later run tries again
  }
  markEmailed(host.store, today);
  services.properties.setProperty(LAST_DAY, today);
  return 'sent';
}

function digestOf(fresh: AlertRow[], report: ProgressReport, url: string, today: string): [string, string] {
  const byKind = new Map<string, number>();
  for (const alert of fresh) byKind.set(alert.kind, (byKind.get(alert.kind) ?? 0) + 1);
  const counts = [...byKind.entries()].map(([kind, n]) => `${kind}: ${n}`).join(', ');
  const lines = fresh.slice(0, LISTED).map((alert) => `- ${alert.kind}: ${alert.detail}. Suggested: ${alert.action}.`);
  const more = fresh.length > LISTED ? [`…and ${fresh.length - LISTED} more in the Alerts tab.`] : [];
  const subject = `Peer tutoring: ${fresh.length} new alert${fresh.length === 1 ? '' : 's'} (${today})`;
  const body = [
    `${fresh.length} new alert${fresh.length === 1 ? '' : 's'} since the last email (${counts}); ${report.openAlerts.length} open in all.`,
    '',
    ...lines,
    ...more,
    '',
    `Open the program to act on them and mark them Done in the Alerts tab: ${url}`,
    'You get this email because Settings say Daily alerts email = Yes; set it to No to stop it.',
  ].join('\n');
  return [subject, body];
}
