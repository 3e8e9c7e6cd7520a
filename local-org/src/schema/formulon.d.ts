// formulon ships no types; this is the part of its API the local org uses (see TOOLING-NOTES).
declare module 'formulon' {
  export type FormulonDataType = 'text' | 'number' | 'date' | 'datetime' | 'checkbox' | 'picklist' | 'multipicklist' | 'time' | 'geolocation' | 'null';
  export type FormulonLiteral = { type: 'literal'; dataType: FormulonDataType; value: unknown; options?: Record<string, unknown> };
  export type FormulonError = { type: 'error'; errorType: string; message: string; identifier?: string };
  export function parse(formula: string, substitutions?: Record<string, FormulonLiteral>): FormulonLiteral | FormulonError;
  export function extract(formula: string): string[];
  export function ast(formula: string): unknown;
}
