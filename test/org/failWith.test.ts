/** failWith: a query or write that throws becomes the command's own error, which keeps the failure as its cause. */
import { describe, expect, it } from '@jest/globals';
import { Messages } from '@salesforce/core';
import { failWith } from '../../src/org/failWith.js';
import { projectRoot } from '../commands/harness.js';

Messages.importMessagesDirectory(projectRoot);
const messages = Messages.loadMessages('@outcomes/plugin-outcomes', 'outcomes.risk');

describe('failWith', () => {
  it('passes a result through', async () => {
    await expect(failWith(messages, 'error.QueryFailed', ['2026-01-01', '2026-05-01'])(Promise.resolve(42))).resolves.toBe(42);
  });

  it("throws the command's error with its actions, the failure's text as the last token and the failure as its cause", async () => {
    const failure = new Error('REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
    const error = await failWith(messages, 'error.QueryFailed', ['2026-01-01', '2026-05-01'])(Promise.reject(failure)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'QueryFailedError',
      message: expect.stringMatching(/2026-01-01.*2026-05-01.*REQUEST_LIMIT_EXCEEDED/s),
      actions: expect.arrayContaining([expect.any(String)]),
      cause: failure,
    });
  });
});
