/**
 * Errors from Lightning Data Service reduced to messages people can read, as lwc-recipes' `reduceErrors` does:
 * wire and function errors (UI API bodies: an array, `{ message }`, or `{ output: { errors, fieldErrors } }`),
 * GraphQL errors (`[{ message }]`), and plain JavaScript errors.
 */
type ErrorLike = {
  body?: unknown;
  message?: unknown;
  statusText?: unknown;
};

type UiApiBody = {
  message?: string;
  pageErrors?: Array<{ message: string }>;
  fieldErrors?: Record<string, Array<{ message: string }>>;
  output?: { errors?: Array<{ message: string }>; fieldErrors?: Record<string, Array<{ message: string }>> };
};

function messagesOfBody(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap(messagesOfBody);
  if (body === null || typeof body !== 'object') return typeof body === 'string' ? [body] : [];
  const { message, pageErrors = [], fieldErrors = {}, output } = body as UiApiBody;
  const fromFields = (errors: Record<string, Array<{ message: string }>> = {}) => Object.values(errors).flat().map((e) => e.message);
  const detailed = [
    ...pageErrors.map((e) => e.message),
    ...fromFields(fieldErrors),
    ...(output?.errors ?? []).map((e) => e.message),
    ...fromFields(output?.fieldErrors),
  ];
  // The UI API's top-level message is a summary ("An error occurred while trying to update the record"): the details say why.
  return detailed.length ? detailed : typeof message === 'string' ? [message] : [];
}

function messagesOf(error: unknown): string[] {
  if (error === null || error === undefined) return [];
  if (typeof error === 'string') return [error];
  if (Array.isArray(error)) return error.flatMap(messagesOf);
  const { body, message, statusText } = error as ErrorLike;
  const fromBody = messagesOfBody(body);
  if (fromBody.length) return fromBody;
  if (typeof message === 'string' && message) return [message];
  if (typeof statusText === 'string' && statusText) return [statusText];
  return [];
}

/** Distinct, non-empty messages of one error or a list of them; a generic sentence when none says anything. */
export function reduceErrors(errors: unknown): string[] {
  const messages = [...new Set(messagesOf(errors).map((m) => m.trim()).filter(Boolean))];
  return messages.length ? messages : ['Something went wrong, and the server did not say what.'];
}

/** One sentence for a toast or an inline error. */
export function errorText(errors: unknown): string {
  return reduceErrors(errors).join(' ');
}
