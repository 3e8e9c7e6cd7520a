#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
// Runs the plugin from its TypeScript sources (src/), for development.
import { Config, execute } from '@oclif/core';
import { topicHelpArgs } from './topicHelp.js';

// `npm run sf` runs this from the package root; npm keeps the folder the user typed the command in as INIT_CWD.
// Going back there makes --file, --output and --error-file mean what they mean to the user (and to `sf`).
if (process.env.npm_lifecycle_event === 'sf' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

// As execute({ development: true }) does before it loads the config: the commands come from src/, through tsx.
process.env.NODE_ENV = 'development';
const config = await Config.load(import.meta.url);
await execute({ args: topicHelpArgs(process.argv.slice(2), config), development: true, dir: import.meta.url, loadOptions: config });
