#!/usr/bin/env -S node --import tsx --no-warnings=ExperimentalWarning
// Runs the plugin from its TypeScript sources (src/), for development.
import { execute } from '@oclif/core';

await execute({ development: true, dir: import.meta.url });
