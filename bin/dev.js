#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
// Runs the plugin from its TypeScript sources (src/), for development.
import { Config, execute } from '@oclif/core';

// `npm run sf` runs this from the package root; npm keeps the folder the user typed the command in as INIT_CWD.
// Going back there makes --file, --output and --error-file mean what they mean to the user (and to `sf`).
if (process.env.npm_lifecycle_event === 'sf' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

/**
 * `outcomes` and `help outcomes` print the topic's commands, as `outcomes --help` does. In the sf CLI, @oclif/plugin-help
 * and sf's own hooks do this; run alone, the plugin has neither (with flexibleTaxonomy oclif looks for a command
 * called "outcomes" and finds none).
 */
async function topicHelpArgs(args, config) {
  const words = args[0] === 'help' ? args.slice(1) : args;
  const topic = words.filter((w) => !w.startsWith('-')).join(':');
  if (!topic || (args[0] !== 'help' && words.some((w) => w.startsWith('-')))) return args;
  if (config.findCommand(topic)) return args[0] === 'help' ? [...words, '--help'] : args;
  return config.findTopic(topic) ? [...words, '--help'] : args;
}

// As execute({ development: true }) does before it loads the config: commands from src/ through tsx.
process.env.NODE_ENV = 'development';
const config = await Config.load(import.meta.url);
await execute({ args: await topicHelpArgs(process.argv.slice(2), config), development: true, dir: import.meta.url, loadOptions: config });
