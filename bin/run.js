#!/usr/bin/env node
// Runs the compiled plugin (lib/). Use it through npm scripts so Node 22 from node_modules/.bin is on the PATH.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
