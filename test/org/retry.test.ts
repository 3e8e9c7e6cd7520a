import { attemptsMade, isConnectionRefused, isDailyCapError, isTransientError, REFUSED_CONNECTION_ATTEMPTS, withRetry } from '../../src/org/retry.js';

const sfError = (errorCode: string, message = ''): Error & { errorCode: string } => Object.assign(new Error(message), { errorCode });

describe('isTransientError', () => {
  it.each([
    [sfError('SERVER_UNAVAILABLE'), true],
    [sfError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'), true],
    [sfError('UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record'), true],
    [Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }), true],
    [sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'), false],
    [sfError('INVALID_FIELD', "No such column 'Foo__c'"), false],
    [sfError('FIELD_CUSTOM_VALIDATION_EXCEPTION'), false],
    // jsforce's Bulk API 2.0 client keeps the org's JSON error body as the message.
    [sfError('ERROR_HTTP_403', '[{"message":"ConcurrentPerOrgLongTxn Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]'), true],
    [sfError('ERROR_HTTP_403', '[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]'), false],
  ])('%s → %s', (error, expected) => {
    expect(isTransientError(error)).toBe(expected);
  });

  it('recognises the daily cap, which no retry can get past today', () => {
    expect(isDailyCapError(sfError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))).toBe(true);
  });
});

describe('withRetry', () => {
  it('retries transient failures and returns the first success', async () => {
    let calls = 0;
    const retried: number[] = [];
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw sfError('SERVER_UNAVAILABLE');
        return 'ok';
      },
      { baseDelayMs: 1, onRetry: (_e, attempt) => retried.push(attempt) },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(retried).toEqual([1, 2]);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw sfError('INVALID_FIELD');
      }, { baseDelayMs: 1 }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });

  it('gives up after the allowed attempts', async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw sfError('SERVER_UNAVAILABLE');
      }, { attempts: 4, baseDelayMs: 1 }),
    ).rejects.toThrow();
    expect(calls).toBe(4);
  });
});

describe('a refused connection', () => {
  const refused = (): Error => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6060'), { code: 'ECONNREFUSED' }) });

  it(`is tried ${REFUSED_CONNECTION_ATTEMPTS} times, not the 6 of other transient failures, and the error says how many`, async () => {
    let calls = 0;
    const failure = await withRetry(async () => {
      calls++;
      throw refused();
    }, { baseDelayMs: 1 }).catch((error: unknown) => error);
    expect(isConnectionRefused(failure)).toBe(true);
    expect(calls).toBe(REFUSED_CONNECTION_ATTEMPTS);
    expect(REFUSED_CONNECTION_ATTEMPTS).toBeLessThan(6);
    expect(attemptsMade(failure)).toBe(REFUSED_CONNECTION_ATTEMPTS);
  });

  it('succeeds when the org answers again within those attempts (a restart)', async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      if (calls < REFUSED_CONNECTION_ATTEMPTS) throw refused();
      return 'answered';
    }, { baseDelayMs: 1 });
    expect(result).toBe('answered');
  });
});
