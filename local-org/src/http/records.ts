import type { SfRecord } from '../engine/types.js';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A copy of a record whose `attributes.url` (and those of nested parents and child subquery results)
 * carry the API version of the request, as Salesforce's do: `/services/data/v64.0/sobjects/Account/001…`.
 * Copies, so the engine's own objects are never changed by a response.
 */
export function withVersionedUrls(record: SfRecord, version: string): SfRecord {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes' && isPlainObject(value)) {
      const type = String(value.type);
      const id = typeof record.Id === 'string' ? record.Id : undefined;
      const attributes: Record<string, unknown> = { type };
      if (id) attributes.url = `/services/data/v${version}/sobjects/${type}/${id}`;
      else if (typeof value.url === 'string') attributes.url = value.url.replace(/\/services\/data\/v[\d.]+\//, `/services/data/v${version}/`);
      copy.attributes = attributes;
    } else if (isPlainObject(value) && Array.isArray(value.records)) {
      copy[key] = { ...value, records: (value.records as SfRecord[]).map((r) => withVersionedUrls(r, version)) };
    } else if (isPlainObject(value) && isPlainObject(value.attributes)) {
      copy[key] = withVersionedUrls(value as SfRecord, version);
    } else {
      copy[key] = value;
    }
  }
  return copy as SfRecord;
}
