#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
// Runs the plugin from its TypeScript sources (src/), for development.
import { execute } from '@oclif/core';

// `npm run sf` runs this from the package root; npm keeps the folder the user typed the command in as INIT_CWD.
// Going back there makes --file, --output and --error-file mean what they mean to the user (and to `sf`).
if (process.env.npm_lifecycle_event === 'sf' && process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);

await execute({ development: true, dir: import.meta.url });
