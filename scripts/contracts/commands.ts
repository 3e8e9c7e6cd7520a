/**
 * The commands of the plugin as oclif finds them: one file per command under src/commands, its id from its path
 * (src/commands/outcomes/handover/sync.ts → outcomes:handover:sync).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const commandsDir = path.join(projectRoot, 'src', 'commands');

export type CommandFile = { id: string; file: string };

export function commandFiles(): CommandFile[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(dir, entry.name)) : [path.join(dir, entry.name)]));
  return walk(commandsDir)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => ({ id: path.relative(commandsDir, file).replace(/\.ts$/, '').split(path.sep).join(':'), file }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

type FlagLike = { char?: string; aliases?: string[]; charAliases?: string[] };
export type CommandClass = {
  flags?: Record<string, FlagLike>;
  baseFlags?: Record<string, FlagLike>;
  enableJsonFlag?: boolean;
  aliases?: string[];
  summary?: string;
  description?: string;
};

export async function loadCommand(file: string): Promise<CommandClass> {
  const module = (await import(pathToFileURL(file).href)) as { default: CommandClass };
  return module.default;
}

/** One entry of command-snapshot.json, as plugin-template-sf's snapshot lists it. */
export type SnapshotEntry = { alias: string[]; command: string; flagAliases: string[]; flagChars: string[]; flags: string[]; plugin: string };

export const PLUGIN = '@outcomes/plugin-outcomes';

/** The contract people and scripts rely on: ids, aliases, flag names and short flags (SfCommand's own --json and --flags-dir included). */
export async function commandSnapshot(): Promise<SnapshotEntry[]> {
  const entries: SnapshotEntry[] = [];
  for (const { id, file } of commandFiles()) {
    // eslint-disable-next-line no-await-in-loop -- one command module at a time, in a stable order
    const command = await loadCommand(file);
    const flags: Record<string, FlagLike> = { ...(command.baseFlags ?? {}), ...(command.flags ?? {}), ...(command.enableJsonFlag ? { json: {} } : {}) };
    entries.push({
      alias: [...(command.aliases ?? [])].sort(),
      command: id,
      flagAliases: Object.values(flags).flatMap((f) => [...(f.aliases ?? []), ...(f.charAliases ?? [])]).sort(),
      flagChars: Object.values(flags).flatMap((f) => (f.char ? [f.char] : [])).sort(),
      flags: Object.keys(flags).sort(),
      plugin: PLUGIN,
    });
  }
  return entries;
}
