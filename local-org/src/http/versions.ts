/** API versions the local org answers, as `GET /services/data/` lists them; retired versions (below 31.0) are left out as Salesforce does since Summer '25. */
export const LATEST_API_VERSION = 66;
const OLDEST_LISTED_VERSION = 31;

/** Release name of an API version: v45.0 was Spring '19, and there are three releases a year. */
function releaseLabel(major: number): string {
  const step = major - 45;
  const season = (['Spring', 'Summer', 'Winter'] as const)[((step % 3) + 3) % 3];
  const year = 19 + Math.floor(step / 3) + (season === 'Winter' ? 1 : 0);
  return `${season} '${String(year).padStart(2, '0')}`;
}

export function apiVersions(): Array<{ label: string; url: string; version: string }> {
  const list = [];
  for (let major = OLDEST_LISTED_VERSION; major <= LATEST_API_VERSION; major++) {
    list.push({ label: releaseLabel(major), url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return list;
}

/** A version `GET /services/data` lists (`64.0`); any other answers 404 NOT_FOUND. */
export function isServedVersion(version: string): boolean {
  const match = /^(\d+)\.0$/.exec(version);
  return match !== null && Number(match[1]) >= OLDEST_LISTED_VERSION && Number(match[1]) <= LATEST_API_VERSION;
}

/** `GET /services/data/vXX.X/`: the resources of this version that the local org serves; `identity` is an absolute URL, as on Salesforce. */
export function versionResources(version: string, identityUrl: string): Record<string, string> {
  const base = `/services/data/v${version}`;
  return {
    identity: identityUrl,
    tooling: `${base}/tooling`,
    jobs: `${base}/jobs`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    sobjects: `${base}/sobjects`,
    composite: `${base}/composite`,
    limits: `${base}/limits`,
  };
}
