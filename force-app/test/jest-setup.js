// Runs after the test framework is set up in every component suite: @sa11y/jest's toBeAccessible() matcher.
import { setup } from '@sa11y/jest';

setup();
