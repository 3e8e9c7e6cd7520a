/**
 * "Today" is the org user's day: the user's time zone from userinfo decides it, whatever the machine's clock says.
 * Against the local org, whose running user's TimeZoneSidKey an admin can change as in Salesforce.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dateInTimeZone } from '../../src/core/dates.js';
import { ApiUsage } from '../../src/org/apiUsage.js';
import type { OrgConnection } from '../../src/org/connection.js';
import { fetchUserToday } from '../../src/org/userToday.js';
import HandoverSync, { type HandoverSyncResult } from '../../src/commands/outcomes/handover/sync.js';
import MeasurementsImport, { type MeasurementsImportResult } from '../../src/commands/outcomes/measurements/import.js';
import { runCommand, startTestOrg, type TestOrg } from '../commands/harness.js';

describe('dateInTimeZone', () => {
  it("gives the user's calendar date on both sides of midnight UTC", () => {
    const lateUtc = new Date('2026-11-30T22:30:00Z');
    expect(dateInTimeZone(lateUtc, 'GMT')).toBe('2026-11-30');
    expect(dateInTimeZone(lateUtc, 'Australia/Sydney')).toBe('2026-12-01');
    expect(dateInTimeZone(new Date('2026-03-01T02:00:00Z'), 'America/Los_Angeles')).toBe('2026-02-28');
    expect(dateInTimeZone(new Date('2028-03-01T05:00:00Z'), 'America/New_York')).toBe('2028-03-01');
    expect(dateInTimeZone(new Date('2028-03-01T04:00:00Z'), 'America/New_York')).toBe('2028-02-29');
  });
});

describe('fetchUserToday', () => {
  let env: TestOrg;

  beforeAll(async () => {
    env = await startTestOrg();
  }, 60_000);

  afterAll(async () => {
    await env?.stop();
  });

  it("takes the running user's time zone, in one call", async () => {
    const now = new Date();
    // Whatever the hour, one of these two is on another calendar day than UTC.
    const zone = dateInTimeZone(now, 'Pacific/Kiritimati') !== dateInTimeZone(now, 'GMT') ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    expect(dateInTimeZone(now, zone)).not.toBe(dateInTimeZone(now, 'GMT'));
    const identity = await env.conn.identity();
    await env.conn.sobject('User').update({ Id: identity.user_id, TimeZoneSidKey: zone });
    const usage = new ApiUsage();
    const today = await fetchUserToday(env.conn as unknown as OrgConnection, usage, now);
    expect(today).toEqual({ timeZone: zone, today: dateInTimeZone(now, zone) });
    expect(usage.snapshot().total).toBe(1);
  });

  it("dates a sync and checks an import by the user's day when the machine's clock is on the other side of midnight", async () => {
    const now = new Date();
    // A zone ahead of UTC that is already tomorrow, else one behind that is still yesterday.
    const ahead = dateInTimeZone(now, 'Pacific/Kiritimati') !== dateInTimeZone(now, 'GMT');
    const zone = ahead ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
    const identity = await env.conn.identity();
    await env.conn.sobject('User').update({ Id: identity.user_id, TimeZoneSidKey: zone });
    const userToday = dateInTimeZone(new Date(), zone);
    const machineToday = dateInTimeZone(new Date(), 'GMT');

    const handover = (await runCommand(HandoverSync, ['--target-org', env.alias, '--dry-run'])) as HandoverSyncResult;
    expect(handover.today).toBe(userToday);

    // A reading dated the machine's today and one dated the user's: the later of the two is "in the future".
    const dir = await mkdtemp(path.join(os.tmpdir(), 'user-today-'));
    const file = path.join(dir, 'readings.csv');
    await writeFile(file, `outcome,measured_on,value,external_id\nOUT-000001,${machineToday},1,TZ-MACHINE\nOUT-000001,${userToday},2,TZ-USER\n`);
    const imported = (await runCommand(MeasurementsImport, ['--target-org', env.alias, '--file', file])) as MeasurementsImportResult;
    const refused = imported.failures.map((f) => f.externalId);
    expect(refused).toEqual([ahead ? null : 'TZ-MACHINE'].filter(Boolean));
    expect(imported.created).toBe(ahead ? 2 : 1);
  }, 60_000);
});
