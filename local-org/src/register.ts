/**
 * Registers a running local org as an `sf` target org, so `Org.create({ aliasOrUsername })` and
 * `--target-org <alias>` reach it like any other org.
 *
 * Every started local org has a username and org id of its own, so registering one never touches another's
 * auth file. An alias is only moved when it names nothing, this org, or a local org that has stopped (the
 * restart case, said out loud on stderr); an alias naming a running org, or any org that is not local, is
 * refused with an error: re-pointing it silently would send one org's commands to another.
 */
import { request } from 'node:http';
import { AuthInfo, Lifecycle, StateAggregator } from '@salesforce/core';

export type LocalOrgAuth = { instanceUrl: string; accessToken: string; username: string; alias: string };

export class AliasInUseError extends Error {
  public override readonly name = 'AliasInUseError';
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function isLoopback(instanceUrl: string | undefined): boolean {
  try {
    return instanceUrl !== undefined && new URL(instanceUrl).protocol === 'http:' && LOOPBACK.has(new URL(instanceUrl).hostname);
  } catch {
    return false;
  }
}

/** Whether the org at `instanceUrl` still accepts `accessToken` (its userinfo answers 200). Node's http: undici breaks in jest's realm. */
function answers(instanceUrl: string, accessToken: string): Promise<boolean> {
  return new Promise((done) => {
    const req = request(`${instanceUrl}/services/oauth2/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` }, timeout: 2000 }, (res) => {
      res.resume();
      done(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => done(false));
    req.end();
  });
}

/** What the alias names now, and whether it may be moved to `username`. */
async function checkAlias(alias: string, username: string): Promise<{ staleUsername?: string }> {
  const state = await StateAggregator.getInstance();
  const current = state.aliases.getUsername(alias);
  if (!current || current === username) return {};
  let fields: { instanceUrl?: string; accessToken?: string } = {};
  try {
    fields = (await AuthInfo.create({ username: current })).getFields(true);
  } catch {
    // The alias names a username without an auth file: nothing to protect.
    return {};
  }
  if (!isLoopback(fields.instanceUrl)) {
    throw new AliasInUseError(`The alias "${alias}" names ${current} at ${fields.instanceUrl ?? 'an unknown instance'}, which is not a local org: not re-pointing it at ${username}. Choose another alias, or run "sf alias unset ${alias}" first.`);
  }
  if (fields.accessToken && (await answers(fields.instanceUrl as string, fields.accessToken))) {
    throw new AliasInUseError(`The alias "${alias}" names ${current}, a local org still running at ${fields.instanceUrl}: not re-pointing it at ${username}. Choose another alias, or stop that org first.`);
  }
  return { staleUsername: current };
}

export async function registerLocalOrg(
  { instanceUrl, accessToken, username, alias }: LocalOrgAuth,
  notify: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): Promise<AuthInfo> {
  const { staleUsername } = await checkAlias(alias, username);
  const state = await StateAggregator.getInstance();
  // AuthInfo refuses to overwrite an auth file: a previous registration of this username (an org restarted
  // with the username passed in) goes first, and so does the stopped local org the alias is moving away from.
  /* eslint-disable no-await-in-loop -- one auth file at a time: each is read, then removed, through the same state */
  for (const old of [username, staleUsername]) {
    if (old && (await state.orgs.hasFile(old))) {
      await state.orgs.read(old, false, false); // remove() only knows auth files that were read
      await state.orgs.remove(old);
    }
  }
  /* eslint-enable no-await-in-loop */
  // The access-token flow checks the token against the org's userinfo and User endpoints, which the local org answers.
  const authInfo = await withoutLoopbackHttpWarning(notify, () =>
    AuthInfo.create({ username, accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } }),
  );
  await authInfo.save();
  await authInfo.setAlias(alias);
  if (staleUsername) notify(`Alias "${alias}" moved from ${staleUsername} (a local org that has stopped) to ${username}.`);
  // Org.create reads aliases through a cached aggregator: drop it so the new alias is seen at once.
  StateAggregator.clearInstance();
  return authInfo;
}

/**
 * The local org is served over http on the loopback address on purpose. @salesforce/core warns about http for any org
 * URL and, where nobody listens for its warnings, prints them as a Node process warning that a newcomer running
 * `npm start` would wonder about. That one warning is dropped for loopback addresses; any other still reaches `notify`.
 * A process that already listens (sf itself) keeps its own handling.
 */
async function withoutLoopbackHttpWarning<T>(notify: (message: string) => void, work: () => Promise<T>): Promise<T> {
  const lifecycle = Lifecycle.getInstance();
  if (lifecycle.getListeners(Lifecycle.warningEventName).length > 0) return work();
  const loopbackHttp = /^Using insecure protocol: http: on url: http:\/\/(127\.0\.0\.1|localhost)[:/]/;
  lifecycle.onWarning((warning) => {
    if (!loopbackHttp.test(warning)) notify(`Warning: ${warning}`);
    return Promise.resolve();
  });
  try {
    return await work();
  } finally {
    lifecycle.removeAllListeners(Lifecycle.warningEventName);
  }
}
