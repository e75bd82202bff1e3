/**
 * `servicecraft/vitest/setup`: list it in vitest's `setupFiles` and every test file gets the
 * matchers `toAccept`, `toReject`, `toBeInState` and `toConformTo`. Importing it registers them
 * on vitest's `expect`; that registration is its only effect. For their types in files that do
 * not import `servicecraft/vitest`, add `"types": ["servicecraft/vitest"]` to the tests' tsconfig.
 *
 * @module servicecraft/vitest/setup
 */
import { expect } from 'vitest';
import { installMatchers } from './index.js';

installMatchers(expect);

export type { ServicecraftMatchers } from './index.js';
