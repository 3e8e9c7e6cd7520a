/**
 * Registers a running local org as an `sf` target org, so `Org.create({ aliasOrUsername })` and
 * `--target-org <alias>` reach it like any other org.
 */
import { AuthInfo, StateAggregator } from '@salesforce/core';

export type LocalOrgAuth = { instanceUrl: string; accessToken: string; username: string; alias: string };

export async function registerLocalOrg({ instanceUrl, accessToken, username, alias }: LocalOrgAuth): Promise<AuthInfo> {
  // Every start of the local org issues a new token; AuthInfo refuses to overwrite an auth file, so the
  // previous registration of this username goes first.
  const state = await StateAggregator.getInstance();
  if (await state.orgs.hasFile(username)) {
    await state.orgs.read(username, false, false); // remove() only knows auth files that were read
    await state.orgs.remove(username);
  }
  // The access-token flow checks the token against the org's userinfo and User endpoints, which the local org answers.
  const authInfo = await AuthInfo.create({ username, accessTokenOptions: { accessToken, instanceUrl, loginUrl: instanceUrl } });
  await authInfo.save();
  await authInfo.setAlias(alias);
  // Org.create reads aliases through a cached aggregator: drop it so the new alias is seen at once.
  StateAggregator.clearInstance();
  return authInfo;
}
