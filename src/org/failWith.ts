/**
 * "Run this or fail with a message": a query or write that throws becomes the command's own error, with the
 * original failure as its cause (and its text as the last token). SfCommand.catch stops the spinner.
 */
import type { Messages, SfError } from '@salesforce/core';

type Tokens = Array<string | number | boolean>;

export function failWith<K extends string>(messages: Messages<K>, key: K, tokens: Tokens = []): <T>(pending: Promise<T>) => Promise<T> {
  return async <T>(pending: Promise<T>): Promise<T> => {
    try {
      return await pending;
    } catch (error) {
      throw stoppedBy(messages, key, tokens, error);
    }
  };
}

function stoppedBy<K extends string>(messages: Messages<K>, key: K, tokens: Tokens, error: unknown): SfError {
  const cause = error instanceof Error ? error : new Error(String(error));
  return messages.createError(key, [...tokens, cause.message], [], cause);
}
