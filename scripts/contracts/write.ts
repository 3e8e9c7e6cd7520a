/**
 * `npm run contracts`: writes command-snapshot.json, schemas/<command>.json and the flag tables of docs/commands from
 * the commands' flags, messages and result types. test/commands/contracts.test.ts fails when either is out of date, so a change to a flag or to a result
 * shows up in review as a change to these files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commandFiles, commandSnapshot, loadCommand, projectRoot } from './commands.js';
import { docsPage, flagTable, withFlagTable } from './docs.js';
import { resultSchemas, schemaFileName } from './resultSchema.js';

const snapshot = await commandSnapshot();
writeFileSync(path.join(projectRoot, 'command-snapshot.json'), `${JSON.stringify(snapshot, null, 2)}\n`);
mkdirSync(path.join(projectRoot, 'schemas'), { recursive: true });
for (const [id, schema] of resultSchemas()) {
  writeFileSync(path.join(projectRoot, 'schemas', schemaFileName(id)), `${JSON.stringify(schema, null, 2)}\n`);
}
for (const { id, file } of commandFiles()) {
  const page = docsPage(id);
  // eslint-disable-next-line no-await-in-loop -- one command module at a time, each page written as it loads
  writeFileSync(page, withFlagTable(readFileSync(page, 'utf8'), flagTable(await loadCommand(file))));
}
console.log(`command-snapshot.json, ${snapshot.length} schemas and the flag tables of docs/commands written.`);
