/**
 * Writes the sample book of business in `sf data tree` format (and measurements.csv):
 *
 *   tsx local-org/src/sample/cli.ts --seed 42 --opportunities 60 --out data/sample [--today 2026-11-23]
 *   tsx local-org/src/sample/cli.ts --opportunities 500 --measurements 1000000 --measurements-out /tmp/m.csv
 *
 * `today` defaults to a fixed date, never the clock, so the same command always writes the same bytes.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_TODAY, generateSampleData, writeBulkMeasurements, writeSampleTree } from './generate.js';

const USAGE = `Usage: tsx local-org/src/sample/cli.ts [--seed 42] [--opportunities 60] [--today ${DEFAULT_TODAY}]
         [--out data/sample] [--measurements N --measurements-out FILE]`;

function wholeNumber(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new Error(`--${flag} must be a whole number, got "${text}"\n${USAGE}`);
  return Number(text);
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string', default: '42' },
      opportunities: { type: 'string', default: '60' },
      today: { type: 'string', default: DEFAULT_TODAY },
      out: { type: 'string' },
      measurements: { type: 'string' },
      'measurements-out': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if ((values.measurements === undefined) !== (values['measurements-out'] === undefined)) {
    throw new Error(`--measurements and --measurements-out go together: give both or neither\n${USAGE}`);
  }
  if (values.out === undefined && values.measurements === undefined) {
    throw new Error(`Nothing to write: give --out FOLDER and/or --measurements N --measurements-out FILE\n${USAGE}`);
  }
  const seed = wholeNumber('seed', values.seed);
  const today = values.today;
  const started = performance.now();
  const data = generateSampleData({ seed, opportunities: wholeNumber('opportunities', values.opportunities), today });
  if (values.out !== undefined) {
    const { files } = writeSampleTree(values.out, data);
    const counts = Object.entries(data.records)
      .map(([sobject, records]) => `${sobject} ${records.length}`)
      .join(', ');
    console.log(`Wrote ${files.length} files to ${values.out}: ${counts}; ${data.measurements.length} measurement rows`);
  }
  if (values.measurements !== undefined && values['measurements-out'] !== undefined) {
    const count = wholeNumber('measurements', values.measurements);
    writeBulkMeasurements(values['measurements-out'], data.outcomeProfiles, { count, today, seed });
    console.log(`Wrote ${count} measurement rows for ${data.outcomeProfiles.length} outcomes to ${values['measurements-out']}`);
  }
  console.log(`Done in ${Math.round(performance.now() - started)} ms`);
}

try {
  main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
