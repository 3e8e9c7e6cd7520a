#!/usr/bin/env node
// Runs the compiled plugin (lib/). Use it through npm scripts so Node 22 from node_modules/.bin is on the PATH.
import { Config, execute } from '@oclif/core';
import { topicHelpArgs } from './topicHelp.js';

const config = await Config.load(import.meta.url);
await execute({ args: topicHelpArgs(process.argv.slice(2), config), dir: import.meta.url, loadOptions: config });
