/**
 * Formula fields and validation rules, evaluated with formulon on the record's values.
 *
 * formulon reads the machine clock for TODAY(); the org's date is a parameter, so TODAY() is replaced by an
 * identifier before parsing (outside string literals and comments) and bound to the server's date.
 */
import { extract, type FormulonLiteral } from 'formulon';
import type { FieldSchema } from '../schema/types.js';
import { evaluateWithFormulon } from './formulon-runtime.js';

const TODAY_IDENTIFIER = 'LocalOrg_Today__c';

export type PreparedFormula = { text: string; identifiers: string[] };

const prepared = new Map<string, PreparedFormula>();

/** Replace TODAY() calls with an identifier, leaving string literals and comments alone. */
function bindToday(formula: string): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      const end = skipString(formula, i);
      out += formula.slice(i, end);
      i = end;
    } else if (c === '/' && formula[i + 1] === '*') {
      const end = formula.indexOf('*/', i + 2);
      const stop = end < 0 ? formula.length : end + 2;
      out += formula.slice(i, stop);
      i = stop;
    } else if (formula.slice(i, i + 5).toUpperCase() === 'TODAY' && !isIdentifierChar(formula[i - 1])) {
      let j = i + 5;
      while (formula[j] === ' ') j++;
      if (formula[j] === '(') {
        j++;
        while (formula[j] === ' ') j++;
        if (formula[j] === ')') {
          out += TODAY_IDENTIFIER;
          i = j + 1;
          continue;
        }
      }
      out += c;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function skipString(text: string, start: number): number {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_.]/.test(c);
}

export function prepareFormula(formula: string): PreparedFormula {
  let entry = prepared.get(formula);
  if (!entry) {
    const text = bindToday(formula);
    entry = { text, identifiers: extract(text) };
    prepared.set(formula, entry);
  }
  return entry;
}

export const TODAY_FORMULA_IDENTIFIER = TODAY_IDENTIFIER;

const toDate = (iso: unknown): Date | null => (typeof iso === 'string' && iso ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : null);

/** A field's value as the formulon literal of its type. */
export function literalFor(field: FieldSchema | undefined, value: unknown): FormulonLiteral {
  const blank = value === undefined || value === '' ? null : value;
  switch (field?.type) {
    case 'double':
    case 'int':
    case 'currency':
      return { type: 'literal', dataType: 'number', value: blank, options: numberOptions(field) };
    case 'percent':
      // A percent field reads as a fraction in formulas (50% → 0.5).
      return { type: 'literal', dataType: 'number', value: blank === null ? null : Number(blank) / 100, options: numberOptions(field) };
    case 'date':
      return { type: 'literal', dataType: 'date', value: toDate(blank) };
    case 'datetime':
      return { type: 'literal', dataType: 'datetime', value: blank === null ? null : new Date(String(blank).replace(/\+0000$/, 'Z')) };
    case 'boolean':
      return { type: 'literal', dataType: 'checkbox', value: Boolean(blank) };
    case 'picklist':
      // A blank picklist is '' for formulon: with null, its TEXT() returns the string 'NULL'.
      return { type: 'literal', dataType: 'picklist', value: blank ?? '', options: { values: field.picklistValues?.map((p) => p.value) ?? [] } };
    default:
      return { type: 'literal', dataType: 'text', value: blank === null ? null : String(blank), options: { length: field?.length ?? 255 } };
  }
}

function numberOptions(field: FieldSchema): Record<string, unknown> {
  const scale = field.scale ?? 0;
  return { length: Math.max(1, (field.precision ?? 18) - scale), scale };
}

/**
 * Evaluates a prepared formula; `valueOf` gives the literal of each identifier (field or `Parent__r.Field`).
 * Returns the value in the record's JSON form (dates as YYYY-MM-DD), or null when the formula yields blank
 * or an error (Salesforce shows #Error! and queries return null).
 */
export function evaluateFormula(
  formula: PreparedFormula,
  today: string,
  valueOf: (identifier: string) => FormulonLiteral,
  resultType: FieldSchema['type'],
): unknown {
  const substitutions: Record<string, FormulonLiteral> = {};
  for (const identifier of formula.identifiers) {
    substitutions[identifier] =
      identifier === TODAY_IDENTIFIER ? { type: 'literal', dataType: 'date', value: toDate(today) } : valueOf(identifier);
  }
  let result;
  try {
    result = evaluateWithFormulon(formula.text, substitutions);
  } catch {
    // formulon throws on some blank inputs (ADDMONTHS of a blank date); Salesforce yields blank there.
    return null;
  }
  if (result.type !== 'literal' || result.value === null || result.value === undefined) return null;
  const value = result.value;
  // Not `instanceof Date`: formulon may run in another realm (see formulon-runtime.ts), with its own Date.
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    return resultType === 'datetime' ? date.toISOString().replace('Z', '+0000') : date.toISOString().slice(0, 10);
  }
  if (resultType === 'percent' && typeof value === 'number') return value * 100;
  if (typeof value === 'object' && value !== null && 'toNumber' in value) return (value as { toNumber(): number }).toNumber();
  return value;
}
