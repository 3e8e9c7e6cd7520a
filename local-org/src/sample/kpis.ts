/**
 * The starter KPI library the package ships: 20 KPIs across Porter's value chain, each with the direction that is
 * better and how it is measured. `data/sample/KPI__c.json` is written from it and loads into any org on its own:
 *
 *   sf data import tree --files data/sample/KPI__c.json --target-org <alias>
 *
 * The sample book points each outcome to the KPI its template measures (KPI_OF_TEMPLATE); two KPIs (supplier
 * on-time delivery, inventory turns) are in the library but no sample outcome uses them yet.
 */
import type { BetterDirection, ValueChainStage } from './picklists.js';

export type KpiDefinition = {
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly unit: string;
  readonly better: BetterDirection;
  readonly stage: ValueChainStage;
  readonly method: string;
};

export const KPI_LIBRARY: readonly KpiDefinition[] = [
  { code: 'SVC-CSAT', name: 'Customer satisfaction (CSAT)', category: 'Customer Experience', unit: 'score 0-100', better: 'Higher', stage: 'Service', method: 'Customer survey after purchase or service, same questions each wave' },
  { code: 'OPS-RAW-WASTE', name: 'Raw-material waste', category: 'Quality', unit: '% of raw material', better: 'Lower', stage: 'Operations', method: 'Materials scrapped / materials used, monthly from the MES or ERP' },
  { code: 'TEC-RELEASE-INTERVAL', name: 'Time between releases', category: 'Speed', unit: 'months', better: 'Lower', stage: 'Technology', method: 'Months between consecutive production releases' },
  { code: 'SVC-FCR', name: 'First-contact resolution', category: 'Customer Experience', unit: '% of cases', better: 'Higher', stage: 'Service', method: 'Cases closed on first contact / all closed cases, monthly' },
  { code: 'SVC-AHT', name: 'Average handling time', category: 'Efficiency', unit: 'minutes', better: 'Lower', stage: 'Service', method: 'Agent working time per closed case, monthly average' },
  { code: 'SVC-SELF-SERVICE', name: 'Self-service resolution rate', category: 'Efficiency', unit: '% of requests', better: 'Higher', stage: 'Service', method: 'Requests closed without an agent / all requests, monthly' },
  { code: 'OPS-DOWNTIME', name: 'Unplanned downtime', category: 'Reliability', unit: 'hours per month', better: 'Lower', stage: 'Operations', method: 'Stopped hours outside the maintenance plan, from machine logs' },
  { code: 'OUT-ON-TIME', name: 'On-time delivery', category: 'Reliability', unit: '% of orders', better: 'Higher', stage: 'Outbound Logistics', method: 'Orders delivered by the promised date / all orders, monthly' },
  { code: 'OUT-ORDER-CYCLE', name: 'Order cycle time', category: 'Speed', unit: 'days', better: 'Lower', stage: 'Outbound Logistics', method: 'Order date to cash received, monthly median' },
  { code: 'MKT-QUOTE-TIME', name: 'Quote turnaround time', category: 'Speed', unit: 'business days', better: 'Lower', stage: 'Marketing_And_Sales', method: 'Quote request to quote sent, monthly median' },
  { code: 'INF-DSO', name: 'Days sales outstanding', category: 'Cash', unit: 'days', better: 'Lower', stage: 'Infrastructure', method: 'Receivables / revenue × days in period, month-end' },
  { code: 'SVC-FIRST-TIME-FIX', name: 'First-time fix rate', category: 'Quality', unit: '% of work orders', better: 'Higher', stage: 'Service', method: 'Work orders closed without a follow-up visit / all work orders' },
  { code: 'OPS-CLAIM-COST', name: 'Cost per claim', category: 'Cost', unit: 'currency per claim', better: 'Lower', stage: 'Operations', method: 'Claims-operations cost / claims closed, quarterly' },
  { code: 'OPS-CLAIM-CYCLE', name: 'Claim cycle time', category: 'Speed', unit: 'days', better: 'Lower', stage: 'Operations', method: 'First notice of loss to payment, monthly median' },
  { code: 'SVC-APPOINTMENT-WAIT', name: 'Wait for first appointment', category: 'Access', unit: 'days', better: 'Lower', stage: 'Service', method: 'Request to first available slot, monthly median' },
  { code: 'SVC-NO-SHOW', name: 'Missed appointments', category: 'Efficiency', unit: '% of appointments', better: 'Lower', stage: 'Service', method: 'No-shows / booked appointments, monthly' },
  { code: 'PPL-TIME-TO-PRODUCTIVITY', name: 'Time to productivity of new hires', category: 'People', unit: 'days', better: 'Lower', stage: 'People', method: 'Start date to the manager confirming full productivity, quarterly survey' },
  { code: 'TEC-LEAD-TIME', name: 'Lead time for changes', category: 'Speed', unit: 'days', better: 'Lower', stage: 'Technology', method: 'Code commit to running in production, monthly median' },
  { code: 'INB-SUPPLIER-ON-TIME', name: 'Supplier on-time delivery', category: 'Reliability', unit: '% of receipts', better: 'Higher', stage: 'Inbound Logistics', method: 'Receipts on or before the confirmed date / all receipts, monthly' },
  { code: 'PRC-INVENTORY-TURNS', name: 'Inventory turns', category: 'Cash', unit: 'turns per year', better: 'Higher', stage: 'Procurement', method: 'Cost of goods sold / average inventory, rolling 12 months' },
];

/** The KPI each outcome template of initiatives.ts measures, by KPI code. */
export const KPI_OF_TEMPLATE: Readonly<Record<string, string>> = {
  'service-quality': 'SVC-CSAT',
  'material-wastage': 'OPS-RAW-WASTE',
  'release-interval': 'TEC-RELEASE-INTERVAL',
  'first-contact': 'SVC-FCR',
  'handle-time': 'SVC-AHT',
  'self-service': 'SVC-SELF-SERVICE',
  downtime: 'OPS-DOWNTIME',
  'on-time-delivery': 'OUT-ON-TIME',
  'order-to-cash': 'OUT-ORDER-CYCLE',
  'quote-turnaround': 'MKT-QUOTE-TIME',
  dso: 'INF-DSO',
  'first-time-fix': 'SVC-FIRST-TIME-FIX',
  'claim-cost': 'OPS-CLAIM-COST',
  'claim-cycle': 'OPS-CLAIM-CYCLE',
  'appointment-wait': 'SVC-APPOINTMENT-WAIT',
  'no-show': 'SVC-NO-SHOW',
  'onboarding-time': 'PPL-TIME-TO-PRODUCTIVITY',
  'lead-time': 'TEC-LEAD-TIME',
};
