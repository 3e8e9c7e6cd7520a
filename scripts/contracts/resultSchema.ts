/**
 * JSON schemas of the commands' --json results, generated from the TypeScript result types (the type argument of
 * each command's SfCommand<Result>) with the compiler's own type checker, so a schema cannot drift from the code.
 * Handles what the result types use: primitives, literals and their unions, null, arrays, tuples, objects and
 * records (index signatures). Doc comments become descriptions.
 */
import path from 'node:path';
import ts from 'typescript';
import { commandFiles, projectRoot } from './commands.js';

export type JsonSchema = { [key: string]: unknown };

export function resultSchemas(): Map<string, JsonSchema> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(projectRoot, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const files = commandFiles();
  const program = ts.createProgram(
    files.map((f) => f.file),
    { ...(config?.options ?? {}), noEmit: true },
  );
  const checker = program.getTypeChecker();
  const schemas = new Map<string, JsonSchema>();
  for (const { id, file } of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    const resultType = commandResultType(checker, source);
    schemas.set(id, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: `${id.split(':').join(' ')} --json result`,
      ...toSchema(checker, resultType, new Set()),
    });
  }
  return schemas;
}

/** The Result of `run(): Promise<Result>` on the file's default export. */
function commandResultType(checker: ts.TypeChecker, source: ts.SourceFile): ts.Type {
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exported = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((s) => s.name === 'default');
  if (!exported) throw new Error(`${source.fileName} has no default export`);
  const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const classType = checker.getDeclaredTypeOfSymbol(target);
  const run = classType.getProperty('run');
  if (!run) throw new Error(`${source.fileName}: the command has no run()`);
  const [signature] = checker.getTypeOfSymbol(run).getCallSignatures();
  const promised = checker.getAwaitedType(signature.getReturnType());
  if (!promised) throw new Error(`${source.fileName}: run() does not return a promise`);
  return promised;
}

function toSchema(checker: ts.TypeChecker, type: ts.Type, seen: Set<ts.Type>): JsonSchema {
  const { flags } = type;
  if (flags & ts.TypeFlags.String) return { type: 'string' };
  if (flags & ts.TypeFlags.Number) return { type: 'number' };
  if (flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
  if (flags & ts.TypeFlags.Null) return { type: 'null' };
  if (type.isStringLiteral()) return { type: 'string', const: type.value };
  if (type.isNumberLiteral()) return { type: 'number', const: type.value };
  if (flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean', const: checker.typeToString(type) === 'true' };
  if (type.isUnion()) return unionSchema(checker, type, seen);
  if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
  if (seen.has(type)) throw new Error(`A result type refers to itself: ${checker.typeToString(type)}`);
  const inner = new Set(seen).add(type);
  if (checker.isTupleType(type)) {
    const items = checker.getTypeArguments(type as ts.TypeReference).map((t) => toSchema(checker, t, inner));
    return { type: 'array', items, minItems: items.length, maxItems: items.length };
  }
  if (checker.isArrayType(type)) {
    const [item] = checker.getTypeArguments(type as ts.TypeReference);
    return { type: 'array', items: toSchema(checker, item, inner) };
  }
  if (flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) return objectSchema(checker, type, inner);
  throw new Error(`No JSON schema for the type ${checker.typeToString(type)}`);
}

function unionSchema(checker: ts.TypeChecker, type: ts.UnionType, seen: Set<ts.Type>): JsonSchema {
  // Optional properties add undefined, which JSON never carries; true | false is boolean.
  const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
  const booleans = members.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
  const others = members.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
  const schemas = [...(booleans.length === 2 ? [{ type: 'boolean' }] : booleans.map((t) => toSchema(checker, t, seen))), ...others.map((t) => toSchema(checker, t, seen))];
  if (schemas.length === 1) return schemas[0];
  // string | null and the like: one list of types.
  if (schemas.every((schema) => Object.keys(schema).length === 1 && typeof schema.type === 'string')) {
    return { type: [...new Set(schemas.map((schema) => schema.type as string))] };
  }
  // A union of string literals (and null) reads best as an enum.
  if (others.every((t) => t.isStringLiteral() || t.flags & ts.TypeFlags.Null) && booleans.length === 0) {
    const values = others.map((t) => (t.isStringLiteral() ? t.value : null));
    return { type: values.includes(null) ? ['string', 'null'] : 'string', enum: values };
  }
  return { anyOf: schemas };
}

function objectSchema(checker: ts.TypeChecker, type: ts.Type, seen: Set<ts.Type>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getTypeOfSymbol(property);
    if (propertyType.getCallSignatures().length > 0) continue;
    const description = ts.displayPartsToString(property.getDocumentationComment(checker)).trim();
    properties[property.name] = { ...(description ? { description } : {}), ...toSchema(checker, propertyType, seen) };
    if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
  }
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  return {
    type: 'object',
    properties,
    required,
    additionalProperties: index ? toSchema(checker, index.type, seen) : false,
  };
}

/** outcomes:handover:sync → outcomes-handover-sync.json, as plugin-template-sf names its schema files. */
export function schemaFileName(commandId: string): string {
  return `${commandId.split(':').join('-')}.json`;
}
