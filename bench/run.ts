// `npm run bench`: runs every benchmark section in turn (or only those named on the command line,
// e.g. `node dist/bench.mjs matching`). A section is an exported async function, loaded lazily so a
// section that fails to load does not stop the others; add yours below.
const SECTIONS: Record<string, () => Promise<void>> = {
  matching: async () => (await import('./matching')).benchMatching(),
  stability: async () => (await import('./stability')).benchStability(),
  progress: async () => (await import('./progress')).benchProgress(),
  mastery: async () => (await import('./mastery')).benchMastery(),
  scheduling: async () => (await import('./scheduling')).benchScheduling(),
  'spreadsheet-calls': async () => (await import('./spreadsheet-calls')).benchSpreadsheetCalls(),
  forms: async () => (await import('./forms')).benchForms(),
};

async function main() {
  // A child process of the matching section: one large run, its result as JSON on the last line.
  if (process.argv[2] === '--large') {
    const { largeRun } = await import('./matching');
    console.log(JSON.stringify(largeRun(Number(process.argv[3]), Number(process.argv[4]))));
    return;
  }
  const wanted = process.argv.slice(2);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    try {
      await run();
    } catch (error) {
      console.error(`Section ${name} failed:`, error);
      process.exitCode = 1;
    }
  }
}

void main();
