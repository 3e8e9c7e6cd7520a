/**
 * SOQL errors in Salesforce's shape: the query, a caret under the offending token, its row and column, then
 * the message (as the REST API returns them for INVALID_FIELD and INVALID_TYPE).
 */
import { OrgApiError } from '../engine/types.js';

function position(soql: string, token: string): { row: number; column: number; line: string } | null {
  const index = soql.toLowerCase().indexOf(token.toLowerCase());
  if (index < 0) return null;
  const before = soql.slice(0, index);
  const row = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = soql.indexOf('\n', index);
  return { row, column: index - lineStart + 1, line: soql.slice(lineStart, lineEnd < 0 ? undefined : lineEnd) };
}

export function queryError(errorCode: string, soql: string, token: string, message: string): OrgApiError {
  const at = position(soql, token);
  const located = at ? `\n${at.line}\n${' '.repeat(at.column - 1)}^\nERROR at Row:${at.row}:Column:${at.column}\n${message}` : message;
  return new OrgApiError(400, errorCode, located);
}

export function noSuchColumn(soql: string, field: string, entity: string): OrgApiError {
  return queryError(
    'INVALID_FIELD',
    soql,
    field,
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unknownRelationship(soql: string, name: string, where: 'field path' | 'FROM part of query call'): OrgApiError {
  return queryError(
    where === 'field path' ? 'INVALID_FIELD' : 'INVALID_TYPE',
    soql,
    name,
    `Didn't understand relationship '${name}' in ${where}. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unsupportedObject(soql: string, name: string): OrgApiError {
  return queryError(
    'INVALID_TYPE',
    soql,
    name,
    `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function malformed(message: string): OrgApiError {
  return new OrgApiError(400, 'MALFORMED_QUERY', message);
}

/** A compound field (BillingAddress) used where only its components can be: `can not be filtered / sorted / grouped`. */
export function compoundMisuse(soql: string, field: string, use: 'filtered' | 'sorted' | 'grouped' | 'aggregated'): OrgApiError {
  return queryError('INVALID_FIELD', soql, field, `field '${field}' can not be ${use} in a query call`);
}
