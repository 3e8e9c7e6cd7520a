/**
 * Like Promise.all, but waits for every call to settle before it throws the first failure. API calls run side by side
 * must not outlive a failed sibling: one left running would go on retrying in the background and hold the command's
 * process open long after it reported the error.
 */
export async function allSettledOrThrow<T extends readonly unknown[]>(calls: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(calls as ReadonlyArray<Promise<unknown>>);
  const failure = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
