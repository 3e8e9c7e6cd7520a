/**
 * Planning the renewal-date refresh (docs/design.md, "Rules of the domain": Renewal date). Pure: the command reads the
 * initiatives with their renewable components and the line items those came from, asks here what changed, then
 * writes only that.
 *
 * A renewable component is dated from its source line item (line end date → contract end date → start + term − 1
 * day). A component whose line is gone, or that was entered by hand, falls back to its own End_Date__c. One that
 * cannot be dated keeps whatever date it has and is reported, never guessed. An initiative's Next_Renewal_Date__c
 * is the earliest renewal on or after today among its renewable components; with none, its value is left alone.
 */
import type { IsoDate } from '../dates.js';
import { fieldsOf, Initiative, SolutionComponent, type Lifecycle } from '../model.js';
import { nextRenewalDate, renewalDateOfLine, type RenewalInputs } from '../renewal.js';
import { idKey } from './handover.js';

const I = fieldsOf(Initiative);
const S = fieldsOf(SolutionComponent);

export type RenewalComponent = {
  readonly Id: string;
  readonly Name: string | null;
  readonly Lifecycle__c: Lifecycle | null;
  readonly Source_Line_Item_Id__c: string | null;
  readonly End_Date__c: IsoDate | null;
  readonly Renewal_Date__c: IsoDate | null;
};

export type RenewalInitiative = {
  readonly Id: string;
  readonly Name: string;
  readonly Next_Renewal_Date__c: IsoDate | null;
  /** Its Renewable components (others never renew and are not read). */
  readonly components: readonly RenewalComponent[];
};

export type RenewalsPlanInput = {
  readonly initiatives: readonly RenewalInitiative[];
  /** Line item Id → what dates it: its end date, its contract's end, its start and term. */
  readonly lines: ReadonlyMap<string, RenewalInputs>;
  readonly today: IsoDate;
};

export type RenewalDateChange = {
  readonly object: 'Solution_Component__c' | 'Initiative__c';
  readonly recordId: string;
  readonly name: string;
  /** The initiative a component belongs to (for an initiative: itself). */
  readonly initiativeId: string;
  readonly initiativeName: string;
  readonly field: string;
  readonly from: IsoDate | null;
  readonly to: IsoDate;
  readonly reason: string;
};

export type UndatedComponent = {
  readonly componentId: string;
  readonly name: string;
  readonly initiativeId: string;
  readonly initiativeName: string;
  /** The date it keeps, if a person or an earlier sync set one. */
  readonly kept: IsoDate | null;
  readonly reason: string;
};

export type RenewalsPlan = {
  readonly changes: readonly RenewalDateChange[];
  readonly undated: readonly UndatedComponent[];
  /** Renewable components and initiatives looked at whose dates are already right. */
  readonly unchanged: { readonly components: number; readonly initiatives: number };
};

type Dating = { date: IsoDate; why: string } | { date: null; reason: string };

export function planRenewals({ initiatives, lines, today }: RenewalsPlanInput): RenewalsPlan {
  const linesByKey = new Map([...lines].map(([id, line]) => [idKey(id), line]));
  const changes: RenewalDateChange[] = [];
  const undated: UndatedComponent[] = [];
  const unchanged = { components: 0, initiatives: 0 };

  for (const initiative of initiatives) {
    const after: Array<{ Lifecycle__c: Lifecycle | null; Renewal_Date__c: IsoDate | null }> = [];
    for (const component of initiative.components) {
      if (component.Lifecycle__c !== 'Renewable') continue;
      const name = component.Name ?? component.Id;
      const dating = dateComponent(component, linesByKey);
      if (dating.date === null) {
        undated.push({
          componentId: component.Id,
          name,
          initiativeId: initiative.Id,
          initiativeName: initiative.Name,
          kept: component.Renewal_Date__c,
          reason: component.Renewal_Date__c ? `${dating.reason}; keeps ${component.Renewal_Date__c}` : dating.reason,
        });
        after.push(component);
        continue;
      }
      after.push({ Lifecycle__c: component.Lifecycle__c, Renewal_Date__c: dating.date });
      if (dating.date === component.Renewal_Date__c) {
        unchanged.components += 1;
        continue;
      }
      changes.push({
        object: 'Solution_Component__c',
        recordId: component.Id,
        name,
        initiativeId: initiative.Id,
        initiativeName: initiative.Name,
        field: S.Renewal_Date__c,
        from: component.Renewal_Date__c,
        to: dating.date,
        reason: dating.why,
      });
    }

    const next = nextRenewalDate(after, today);
    if (next === null || next === initiative.Next_Renewal_Date__c) {
      unchanged.initiatives += 1;
      continue;
    }
    changes.push({
      object: 'Initiative__c',
      recordId: initiative.Id,
      name: initiative.Name,
      initiativeId: initiative.Id,
      initiativeName: initiative.Name,
      field: I.Next_Renewal_Date__c,
      from: initiative.Next_Renewal_Date__c,
      to: next,
      reason: `Earliest renewal on or after ${today} among its renewable components`,
    });
  }
  return { changes, undated, unchanged };
}

function dateComponent(component: RenewalComponent, lines: ReadonlyMap<string, RenewalInputs>): Dating {
  const sourceId = component.Source_Line_Item_Id__c;
  const line = sourceId ? lines.get(idKey(sourceId)) : undefined;
  if (line) {
    const renewal = renewalDateOfLine(line);
    return renewal.date === null ? { date: null, reason: renewal.reason } : { date: renewal.date, why: `From the ${String(renewal.basis)} of line item ${String(sourceId)}` };
  }
  if (component.End_Date__c) {
    const origin = sourceId ? `its line item ${sourceId} no longer exists` : 'it was not created from a line item';
    return { date: component.End_Date__c, why: `From the component's own ${S.End_Date__c}: ${origin}` };
  }
  return {
    date: null,
    reason: sourceId
      ? `Its line item ${sourceId} no longer exists and the component has no ${S.End_Date__c}: set ${S.End_Date__c} or ${S.Renewal_Date__c}`
      : `Not created from a line item and has no ${S.End_Date__c}: set ${S.End_Date__c} or ${S.Renewal_Date__c}`,
  };
}
