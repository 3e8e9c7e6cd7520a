// Generated from src/core/forComponents.ts by `npm run build:lwc`: edit the source, not this file.
// src/core/model.ts
var INITIATIVE_STATUSES = ["Handover", "Onboarding", "Adopting", "Realizing Value", "At Risk", "Closed"];
var OUTCOME_HEALTH_VALUES = ["On Track", "At Risk", "Off Track", "No Data"];
var PRIORITIES = ["Primary", "Secondary"];
var VALIDATION_STATUSES = ["Stated by Customer", "Assumed_Needs_Validation", "Validated"];
var QUANTITY_TYPES = ["Absolute", "Relative_Percent"];
var DIRECTIONS = ["Increase", "Decrease", "At Most", "At Least"];
var DEADLINE_TYPES = ["Date", "Months_After_Go_Live", "Immediate"];
var OUTCOME_STATUSES = ["No Data", "On Track", "At Risk", "Off Track", "Attained", "Missed"];
var MEASUREMENT_SOURCES = ["Survey", "System", "Manual", "Import"];
var COMPONENT_TYPES = ["Subscription", "Product", "Professional Services", "Support", "Training"];
var LIFECYCLES = ["Renewable", "Planned Temporary", "One_Time"];
var MILESTONE_STATUSES = ["Not Started", "In Progress", "Completed", "Blocked"];
var HANDOVER_STATUSES = ["Not Started", "Handed Over", "Incomplete"];
var PAYOUT_RULES = ["All_Or_Nothing", "Linear", "Tiered"];
var FEE_STATUSES = ["Open", "Earned", "Partly Earned", "Forfeited"];
var BETTER_DIRECTIONS = ["Higher", "Lower"];
var VALUE_CHAIN_STAGES = [
  "Inbound Logistics",
  "Operations",
  "Outbound Logistics",
  "Marketing_And_Sales",
  "Service",
  "Procurement",
  "Technology",
  "People",
  "Infrastructure"
];
var RESPONSIBLE_PARTIES = ["Customer", "Vendor", "Partner"];
var PICKLIST_LABELS = {
  Assumed_Needs_Validation: "Assumed – Needs Validation",
  Relative_Percent: "Relative %",
  Months_After_Go_Live: "Months After Go-Live",
  One_Time: "One-Time",
  // KPI library (issue 17)
  Higher: "Higher is better",
  Lower: "Lower is better",
  Marketing_And_Sales: "Marketing & Sales",
  All_Or_Nothing: "All or Nothing"
};
function picklistLabel(apiName) {
  return PICKLIST_LABELS[apiName] ?? apiName;
}
var text = (length, extra = {}) => ({ type: "Text", length, ...extra });
var externalKey = (length) => ({ type: "Text", length, externalId: true, unique: true });
var longText = (length = 32768) => ({ type: "LongTextArea", length });
var num = (precision, scale) => ({ type: "Number", precision, scale });
var money = { type: "Currency", precision: 16, scale: 2 };
var date = { type: "Date" };
var percent = { type: "Percent", precision: 5, scale: 1 };
var picklist = (values, extra = {}) => ({ type: "Picklist", values, ...extra });
var lookup = (referenceTo, childRelationship, extra = {}) => ({
  type: "Lookup",
  referenceTo,
  childRelationship,
  ...extra
});
var master = (referenceTo, childRelationship) => ({
  type: "MasterDetail",
  referenceTo,
  childRelationship,
  required: true
});
var rollup = (summary) => ({ type: "Summary", summary });
var countOutcomes = (...filters) => rollup({ childObject: "Outcome_Requirement__c", operation: "count", filters });
var Initiative = {
  apiName: "Initiative__c",
  fields: {
    Name: text(80, { required: true }),
    Account__c: lookup("Account", "Initiatives", { required: true }),
    Opportunity__c: lookup("Opportunity", "Initiatives"),
    Source_Opportunity_Id__c: externalKey(18),
    Purpose__c: longText(),
    Strategic_Alignment__c: longText(),
    Challenges__c: longText(),
    Status__c: picklist(INITIATIVE_STATUSES),
    CSM__c: lookup("User", "Managed_Initiatives"),
    Handover_Date__c: date,
    Handover_Notes__c: longText(),
    Go_Live_Date__c: date,
    Annual_Contract_Value__c: money,
    Total_Contract_Value__c: money,
    Next_Renewal_Date__c: date,
    Outcome_Health__c: picklist(OUTCOME_HEALTH_VALUES),
    Primary_Outcomes_Off_Track__c: countOutcomes(
      { field: "Priority__c", equals: "Primary" },
      { field: "Status__c", equals: "Off Track" }
    ),
    Outcome_Count__c: countOutcomes(),
    Primary_Outcome_Count__c: countOutcomes({ field: "Priority__c", equals: "Primary" }),
    Outcomes_Attained__c: countOutcomes({ field: "Status__c", equals: "Attained" }),
    Outcomes_To_Validate__c: countOutcomes({ field: "Validation_Status__c", equals: "Assumed_Needs_Validation" }),
    Renewable_Annual_Value__c: rollup({
      childObject: "Solution_Component__c",
      operation: "sum",
      field: "Annual_Value__c",
      filters: [{ field: "Lifecycle__c", equals: "Renewable" }]
    }),
    // KPI benchmark (issue 17): the program (type of initiative) results are compared within.
    Program__c: text(80)
  }
};
var OutcomeRequirement = {
  apiName: "Outcome_Requirement__c",
  fields: {
    Name: { type: "AutoNumber" },
    Initiative__c: master("Initiative__c", "Outcome_Requirements"),
    Description__c: { type: "TextArea", required: true },
    Priority__c: picklist(PRIORITIES),
    Validation_Status__c: picklist(VALIDATION_STATUSES),
    Quantity_Type__c: picklist(QUANTITY_TYPES),
    Direction__c: picklist(DIRECTIONS),
    Baseline_Value__c: num(16, 4),
    Baseline_Date__c: date,
    Target_Value__c: num(16, 4),
    Unit__c: text(40),
    Deadline_Type__c: picklist(DEADLINE_TYPES),
    Deadline_Date__c: date,
    Deadline_Offset_Months__c: num(3, 0),
    Due_Date__c: { type: "Date", formula: true },
    Measurement_Method__c: { type: "TextArea" },
    Business_Capability__c: lookup("Business_Capability__c", "Outcome_Requirements"),
    External_Id__c: externalKey(80),
    Latest_Value__c: num(16, 4),
    Latest_Measured_On__c: date,
    Attainment_Percent__c: { type: "Percent", precision: 8, scale: 1 },
    Forecast_At_Deadline__c: num(16, 4),
    Forecast_Attainment_Percent__c: { type: "Percent", precision: 8, scale: 1 },
    Status__c: picklist(OUTCOME_STATUSES),
    Measurement_Count__c: rollup({ childObject: "Measurement__c", operation: "count" }),
    // KPI library and benchmark (issue 17): the KPI this outcome measures and who is responsible for its result.
    KPI__c: lookup("KPI__c", "Outcome_Requirements"),
    Responsible_Party__c: picklist(RESPONSIBLE_PARTIES),
    Partner_Account__c: lookup("Account", "Partner_Outcome_Requirements")
  }
};
var Measurement = {
  apiName: "Measurement__c",
  fields: {
    Name: { type: "AutoNumber" },
    Outcome_Requirement__c: master("Outcome_Requirement__c", "Measurements"),
    Measured_On__c: { type: "Date", required: true },
    Value__c: { type: "Number", precision: 16, scale: 4, required: true },
    Source__c: picklist(MEASUREMENT_SOURCES),
    Notes__c: { type: "TextArea" },
    External_Id__c: externalKey(80)
  }
};
var SolutionComponent = {
  apiName: "Solution_Component__c",
  fields: {
    Name: text(80, { required: true }),
    Initiative__c: master("Initiative__c", "Solution_Components"),
    Product__c: lookup("Product2", "Solution_Components"),
    Source_Line_Item_Id__c: externalKey(18),
    Quantity__c: num(12, 2),
    Total_Price__c: money,
    Component_Type__c: picklist(COMPONENT_TYPES),
    Role_In_Solution__c: { type: "TextArea" },
    Lifecycle__c: picklist(LIFECYCLES),
    Start_Date__c: date,
    End_Date__c: date,
    Renewal_Date__c: date,
    Annual_Value__c: money
  }
};
var OutcomeComponent = {
  apiName: "Outcome_Component__c",
  fields: {
    Name: { type: "AutoNumber" },
    Outcome_Requirement__c: master("Outcome_Requirement__c", "Outcome_Components"),
    Solution_Component__c: lookup("Solution_Component__c", "Outcome_Components"),
    Contribution__c: { type: "TextArea" }
  }
};
var InitiativeMilestone = {
  apiName: "Initiative_Milestone__c",
  fields: {
    Name: text(80, { required: true }),
    Initiative__c: master("Initiative__c", "Milestones"),
    Due_Date__c: date,
    Completed_On__c: date,
    Status__c: picklist(MILESTONE_STATUSES),
    Description__c: { type: "TextArea" }
  }
};
var BusinessCapability = {
  apiName: "Business_Capability__c",
  fields: {
    Name: text(80, { required: true }),
    Account__c: lookup("Account", "Business_Capabilities", { required: true }),
    Level__c: { type: "Number", precision: 1, scale: 0, required: true },
    Parent_Capability__c: lookup("Business_Capability__c", "Child_Capabilities"),
    People_Impacted__c: num(9, 0),
    Processes_Changed__c: { type: "TextArea" },
    Tools_Changed__c: { type: "TextArea" }
  }
};
var Kpi = {
  apiName: "KPI__c",
  fields: {
    Name: text(80, { required: true }),
    KPI_Code__c: externalKey(40),
    Category__c: text(80),
    Unit__c: text(40),
    Better_Direction__c: picklist(BETTER_DIRECTIONS, { required: true }),
    Value_Chain_Stage__c: picklist(VALUE_CHAIN_STAGES),
    Measurement_Method__c: { type: "TextArea" },
    Active__c: { type: "Checkbox" }
  }
};
var OpportunityFields = {
  apiName: "Opportunity",
  standard: true,
  fields: {
    Expected_Go_Live_Date__c: date,
    Handover_Status__c: picklist(HANDOVER_STATUSES)
  }
};
var OpportunityLineItemFields = {
  apiName: "OpportunityLineItem",
  standard: true,
  fields: {
    Term_Months__c: num(3, 0),
    End_Date__c: date,
    Role_In_Solution__c: { type: "TextArea" },
    // Fee at risk: the terms sales records on the deal's line; handover turns them into a Fee_At_Risk__c.
    Fee_Outcome__c: lookup("Outcome_Requirement__c", "Fee_Line_Items"),
    Fee_At_Risk_Amount__c: money,
    Fee_Payout_Rule__c: picklist(PAYOUT_RULES),
    Fee_Floor_Percent__c: percent,
    Fee_Cap_Percent__c: percent
  }
};
var Product2Fields = {
  apiName: "Product2",
  standard: true,
  fields: {
    Component_Type__c: picklist(COMPONENT_TYPES),
    Lifecycle__c: picklist(LIFECYCLES),
    Default_Term_Months__c: num(3, 0)
  }
};
var FeeAtRisk = {
  apiName: "Fee_At_Risk__c",
  fields: {
    Name: { type: "AutoNumber" },
    Outcome_Requirement__c: master("Outcome_Requirement__c", "Fees_At_Risk"),
    Solution_Component__c: lookup("Solution_Component__c", "Fees_At_Risk"),
    Amount_At_Risk__c: { ...money, required: true },
    Payout_Rule__c: picklist(PAYOUT_RULES, { required: true }),
    Floor_Attainment_Percent__c: percent,
    Cap_Percent__c: percent,
    Source_Line_Item_Id__c: externalKey(18),
    Tier_Count__c: rollup({ childObject: "Fee_Tier__c", operation: "count" }),
    Earned_To_Date__c: money,
    Forecast_To_Earn__c: money,
    Forfeited__c: money,
    Status__c: picklist(FEE_STATUSES)
  }
};
var FeeTier = {
  apiName: "Fee_Tier__c",
  fields: {
    Name: { type: "AutoNumber" },
    Fee_At_Risk__c: master("Fee_At_Risk__c", "Fee_Tiers"),
    From_Attainment_Percent__c: { ...percent, required: true },
    Payout_Percent__c: { ...percent, required: true }
  }
};
var SYNC_COMMANDS = ["handover sync", "renewals sync", "recompute", "measurements import"];
var SYNC_SELECTIONS = ["Changes", "Full", "Named"];
var SYNC_OUTCOMES = ["Running", "Done", "Refused", "Stopped"];
var count = { type: "Number", precision: 9, scale: 0 };
var SyncRun = {
  apiName: "Sync_Run__c",
  fields: {
    Name: { type: "AutoNumber" },
    Command__c: picklist(SYNC_COMMANDS),
    Selection__c: picklist(SYNC_SELECTIONS),
    Outcome__c: picklist(SYNC_OUTCOMES),
    Stop_Reason__c: { type: "TextArea" },
    Settings__c: text(255),
    As_Of__c: date,
    High_Water_Mark__c: { type: "DateTime" },
    Records_Created__c: count,
    Records_Updated__c: count,
    Records_Skipped__c: count,
    Records_Failed__c: count,
    API_Calls__c: count
  }
};
var CUSTOM_OBJECTS = [
  Initiative,
  OutcomeRequirement,
  Measurement,
  SolutionComponent,
  OutcomeComponent,
  InitiativeMilestone,
  BusinessCapability,
  Kpi,
  FeeAtRisk,
  FeeTier,
  SyncRun
];
var STANDARD_OBJECT_EXTENSIONS = [OpportunityFields, OpportunityLineItemFields, Product2Fields];
var ALL_OBJECTS = [...CUSTOM_OBJECTS, ...STANDARD_OBJECT_EXTENSIONS];
function fieldsOf(spec) {
  return Object.fromEntries(Object.keys(spec.fields).map((name) => [name, name]));
}

// src/core/dates.ts
var MIN_YEAR = 1700;
var MAX_YEAR = 4e3;
var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
var MS_PER_DAY = 864e5;
function isLeapYear(year) {
  return year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
}
function daysInMonth(year, month) {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
function dateProblem(text2) {
  if (typeof text2 !== "string") return `expected a date as YYYY-MM-DD, got ${describe(text2)}`;
  const match = ISO_DATE.exec(text2);
  if (!match) return `expected a date as YYYY-MM-DD, got "${text2}"`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return `"${text2}" is outside Salesforce's dates (${MIN_YEAR} to ${MAX_YEAR})`;
  if (month < 1 || month > 12) return `"${text2}" has no month ${match[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `"${text2}" is not a day of ${year}-${match[2]}`;
  return null;
}
function parseIsoDate(text2) {
  const problem = dateProblem(text2);
  if (problem) throw new RangeError(`Invalid date: ${problem}`);
  const [year, month, day] = text2.split("-").map(Number);
  return { year, month, day };
}
function formatIsoDate({ year, month, day }) {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
function toDayNumber(date2) {
  const { year, month, day } = parseIsoDate(date2);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}
function fromDayNumber(dayNumber) {
  if (!Number.isInteger(dayNumber)) throw new RangeError(`Invalid day number: ${dayNumber} is not a whole day`);
  const utc = new Date(dayNumber * MS_PER_DAY);
  return formatIsoDate({ year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() });
}
function addDays(date2, days) {
  return fromDayNumber(toDayNumber(date2) + days);
}
function addMonths(date2, months) {
  if (!Number.isInteger(months)) throw new RangeError(`Invalid month count: ${months} is not a whole number of months`);
  const { year, month, day } = parseIsoDate(date2);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetLength = daysInMonth(targetYear, targetMonth);
  const wasLastDay = day === daysInMonth(year, month);
  return formatIsoDate({ year: targetYear, month: targetMonth, day: wasLastDay ? targetLength : Math.min(day, targetLength) });
}
function daysBetween(from, to) {
  return toDayNumber(to) - toDayNumber(from);
}
function compareDates(a, b) {
  return Math.sign(daysBetween(b, a));
}
function isBefore(a, b) {
  return compareDates(a, b) < 0;
}
function isAfter(a, b) {
  return compareDates(a, b) > 0;
}
function describe(value) {
  if (value === void 0) return "nothing";
  if (value === null) return "null";
  return typeof value === "string" ? `"${value}"` : `${typeof value} ${String(value)}`;
}

// src/core/deadline.ts
var F = fieldsOf(OutcomeRequirement);
var I = fieldsOf(Initiative);
function dueDateOf(outcome, { goLiveDate, handoverDate }) {
  switch (outcome.Deadline_Type__c) {
    case "Date":
      return outcome.Deadline_Date__c ?? null;
    case "Months_After_Go_Live":
      if (goLiveDate == null || outcome.Deadline_Offset_Months__c == null) return null;
      return addMonths(goLiveDate, outcome.Deadline_Offset_Months__c);
    case "Immediate":
      return goLiveDate ?? handoverDate ?? null;
    default:
      return null;
  }
}
function missingDueDateReason(outcome, anchors) {
  if (dueDateOf(outcome, anchors) !== null) return null;
  switch (outcome.Deadline_Type__c) {
    case "Date":
      return `no ${F.Deadline_Date__c}: enter the date the outcome is due`;
    case "Months_After_Go_Live":
      return outcome.Deadline_Offset_Months__c == null ? `no ${F.Deadline_Offset_Months__c}: enter how many months after go-live it is due` : `due ${outcome.Deadline_Offset_Months__c} months after go-live, and the initiative has no ${I.Go_Live_Date__c} yet`;
    case "Immediate":
      return `due immediately, and the initiative has neither ${I.Go_Live_Date__c} nor ${I.Handover_Date__c}`;
    default:
      return `no ${F.Deadline_Type__c}: choose Date, Months After Go-Live or Immediate`;
  }
}
function missingDeadlineFields(outcome) {
  switch (outcome.Deadline_Type__c) {
    case "Date":
      return outcome.Deadline_Date__c == null ? [F.Deadline_Date__c] : [];
    case "Months_After_Go_Live":
      return outcome.Deadline_Offset_Months__c == null ? [F.Deadline_Offset_Months__c] : [];
    case "Immediate":
      return [];
    default:
      return [F.Deadline_Type__c];
  }
}

// src/core/numbers.ts
function withoutFloatNoise(value) {
  return Number(value.toPrecision(15));
}
function roundTo(value, decimals) {
  const factor = 10 ** decimals;
  const scaled = withoutFloatNoise(value * factor);
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled)) / factor;
  return rounded === 0 ? 0 : rounded;
}

// src/core/quantity.ts
var F2 = fieldsOf(OutcomeRequirement);
function isProgressDirection(direction) {
  return direction === "Increase" || direction === "Decrease";
}
function missingQuantityFields(outcome) {
  const missing = [];
  if (outcome.Quantity_Type__c == null) missing.push(F2.Quantity_Type__c);
  if (outcome.Direction__c == null) missing.push(F2.Direction__c);
  const needsBaseline = outcome.Quantity_Type__c === "Relative_Percent" || isProgressDirection(outcome.Direction__c);
  if (needsBaseline && outcome.Baseline_Value__c == null) missing.push(F2.Baseline_Value__c);
  if (outcome.Target_Value__c == null) missing.push(F2.Target_Value__c);
  return missing;
}
function resolvedTarget(outcome) {
  return quantityProblem(outcome) === null ? targetOf(outcome) : null;
}
function quantityProblem(outcome) {
  const missing = missingQuantityFields(outcome);
  if (missing.length > 0) return `the quantity is incomplete: set ${missing.join(", ")}`;
  if (outcome.Quantity_Type__c === "Relative_Percent" && !isProgressDirection(outcome.Direction__c)) {
    return `a Relative % quantity needs ${F2.Direction__c} Increase or Decrease, not ${String(outcome.Direction__c)}`;
  }
  if (isProgressDirection(outcome.Direction__c) && targetOf(outcome) === outcome.Baseline_Value__c) {
    return `the target equals the baseline (${outcome.Baseline_Value__c}): set ${F2.Target_Value__c} so there is progress to make`;
  }
  return null;
}
function attainmentOf(outcome, value) {
  const target = resolvedTarget(outcome);
  if (target === null) return null;
  if (!isProgressDirection(outcome.Direction__c)) return meetsTarget(outcome, value) ? 100 : 0;
  const baseline = outcome.Baseline_Value__c;
  return (value - baseline) / (target - baseline) * 100;
}
function meetsTarget(outcome, value) {
  const target = resolvedTarget(outcome);
  if (target === null) return false;
  switch (outcome.Direction__c) {
    case "Increase":
    case "At Least":
      return value >= target;
    case "Decrease":
    case "At Most":
      return value <= target;
    default:
      return false;
  }
}
function targetOf(outcome) {
  const target = outcome.Target_Value__c;
  if (outcome.Quantity_Type__c !== "Relative_Percent") return target;
  const baseline = outcome.Baseline_Value__c;
  const change = Math.abs(baseline) * target / 100;
  return withoutFloatNoise(outcome.Direction__c === "Decrease" ? baseline - change : baseline + change);
}

// src/core/trajectory.ts
var F3 = fieldsOf(OutcomeRequirement);
var DEFAULT_AT_RISK_THRESHOLD_PERCENT = 80;
var FORECAST_WINDOW_MONTHS = 12;
function assessOutcome(outcome, measurements, { today, dueDate, atRiskThresholdPercent = DEFAULT_AT_RISK_THRESHOLD_PERCENT }) {
  const baselineDate = outcome.Baseline_Date__c ?? null;
  const counted = baselineDate ? measurements.filter((m) => !isBefore(m.Measured_On__c, baselineDate)) : [...measurements];
  const ignoredBeforeBaseline = measurements.length - counted.length;
  const targetValue = resolvedTarget(outcome);
  const blank = {
    latestValue: null,
    latestMeasuredOn: null,
    attainmentPercent: null,
    forecastValue: null,
    forecastAttainmentPercent: null,
    measurementCount: counted.length,
    ignoredBeforeBaseline,
    targetValue,
    dueDate
  };
  const latest = latestOf(counted);
  if (!latest) {
    const history = ignoredBeforeBaseline > 0 ? ` on or after the baseline date ${String(baselineDate)} (${ignoredBeforeBaseline} earlier ignored as history)` : "";
    return { ...blank, status: "No Data", reason: `No measurements${history}: log one to judge this outcome` };
  }
  const latestValues = { latestValue: latest.Value__c, latestMeasuredOn: latest.Measured_On__c };
  const problem = quantityProblem(outcome);
  if (targetValue === null || problem !== null) {
    return { ...blank, ...latestValues, status: "No Data", reason: `Cannot judge the measurements: ${problem ?? "no target"}` };
  }
  const attainmentPercent = roundTo(attainmentOf(outcome, latest.Value__c), 1);
  const forecastValue = dueDate === null ? null : forecastValueAt(counted, dueDate);
  const forecastAttainmentPercent = forecastValue === null ? null : roundTo(attainmentOf(outcome, forecastValue), 1);
  const numbers = { ...blank, ...latestValues, attainmentPercent, forecastValue, forecastAttainmentPercent };
  const latestText = `latest value ${latest.Value__c} (${latest.Measured_On__c})`;
  const targetText = `the target ${targetValue}`;
  if (meetsTarget(outcome, latest.Value__c)) {
    return { ...numbers, status: "Attained", reason: `Attained: ${latestText} meets ${targetText} (${attainmentPercent}% attainment)` };
  }
  if (dueDate !== null && isAfter(today, dueDate)) {
    return { ...numbers, status: "Missed", reason: `Missed: due ${dueDate} and not met; ${latestText} against ${targetText} (${attainmentPercent}% attainment)` };
  }
  if (forecastValue !== null && forecastAttainmentPercent !== null) {
    const forecastText = `the forecast ${forecastValue} at the due date ${String(dueDate)}`;
    if (meetsTarget(outcome, forecastValue)) {
      return { ...numbers, status: "On Track", reason: `On Track: ${forecastText} meets ${targetText}` };
    }
    const level2 = forecastAttainmentPercent >= atRiskThresholdPercent ? "At Risk" : "Off Track";
    return {
      ...numbers,
      status: level2,
      reason: `${level2}: ${forecastText} ${progressText(outcome, forecastAttainmentPercent, targetValue, atRiskThresholdPercent)}`
    };
  }
  const why = dueDate === null ? "no due date" : `fewer than two measurement dates in the ${FORECAST_WINDOW_MONTHS} months up to the latest`;
  const level = attainmentPercent >= atRiskThresholdPercent ? "At Risk" : "Off Track";
  return {
    ...numbers,
    status: level,
    reason: `${level}: no forecast (${why}), so judged as if the ${latestText} stayed flat: it ${progressText(outcome, attainmentPercent, targetValue, atRiskThresholdPercent)}`
  };
}
function progressText(outcome, percent2, target, threshold) {
  if (!isProgressDirection(outcome.Direction__c)) return `does not meet the limit ${target} (${String(outcome.Direction__c)})`;
  const side = percent2 >= threshold ? "at or above" : "below";
  return `is ${percent2}% of the way from the baseline ${String(outcome.Baseline_Value__c)} to the target ${target}, ${side} the ${threshold}% threshold`;
}
function latestOf(measurements) {
  let latest = null;
  for (const measurement of measurements) {
    if (latest === null || compareDates(measurement.Measured_On__c, latest.Measured_On__c) >= 0) latest = measurement;
  }
  return latest;
}
function forecastValueAt(measurements, date2) {
  const latest = latestOf(measurements);
  if (!latest) return null;
  const windowStart = addMonths(latest.Measured_On__c, -FORECAST_WINDOW_MONTHS);
  const points = measurements.filter((m) => !isBefore(m.Measured_On__c, windowStart)).map((m) => ({ x: toDayNumber(m.Measured_On__c), y: m.Value__c }));
  if (new Set(points.map((p) => p.x)).size < 2) return null;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const covariance = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const variance = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const slopePerDay = covariance / variance;
  return roundTo(meanY + slopePerDay * (toDayNumber(date2) - meanX), 4);
}
function assessmentFields(assessment) {
  return {
    [F3.Latest_Value__c]: assessment.latestValue,
    [F3.Latest_Measured_On__c]: assessment.latestMeasuredOn,
    [F3.Attainment_Percent__c]: assessment.attainmentPercent,
    [F3.Forecast_At_Deadline__c]: assessment.forecastValue,
    [F3.Forecast_Attainment_Percent__c]: assessment.forecastAttainmentPercent,
    [F3.Status__c]: assessment.status
  };
}

// src/core/words.ts
function quantitySummary(outcome) {
  const problem = quantityProblem(outcome);
  if (problem !== null) return `Not quantified: ${problem}`;
  const unit = outcome.Unit__c ? ` ${outcome.Unit__c}` : "";
  const target = resolvedTarget(outcome);
  const direction = outcome.Direction__c;
  if (!isProgressDirection(direction)) return `${direction} ${target}${unit}`;
  const from = `${direction} from ${String(outcome.Baseline_Value__c)}${unit} to ${target}${unit}`;
  if (outcome.Quantity_Type__c !== "Relative_Percent") return from;
  return `${from} (${String(outcome.Target_Value__c)}% ${direction === "Increase" ? "uplift" : "reduction"})`;
}
function deadlineSummary(outcome, dueDate, anchors) {
  if (dueDate === null) return `No due date: ${missingDueDateReason(outcome, anchors) ?? "no deadline"}`;
  switch (outcome.Deadline_Type__c) {
    case "Months_After_Go_Live":
      return `${String(outcome.Deadline_Offset_Months__c)} months after go-live: ${dueDate}`;
    case "Immediate":
      return `Immediate: from ${anchors.goLiveDate ? "go-live" : "handover"}, ${dueDate}`;
    default:
      return `By ${dueDate}`;
  }
}

// src/core/handover.ts
var I2 = fieldsOf(Initiative);
var O = fieldsOf(OutcomeRequirement);
var S = fieldsOf(SolutionComponent);
var LINE = fieldsOf(OpportunityLineItemFields);
var HANDOVER_GAP_CODES = [
  "PURPOSE_MISSING",
  "NO_PRIMARY_OUTCOME",
  "OUTCOME_QUANTITY_MISSING",
  "OUTCOME_DEADLINE_MISSING",
  "OUTCOME_MEASUREMENT_METHOD_MISSING",
  "NO_COMPONENTS",
  "COMPONENT_TYPE_MISSING",
  "COMPONENT_LIFECYCLE_MISSING",
  "RENEWAL_DATE_MISSING",
  "CSM_MISSING"
];
function handoverGaps({ initiative, outcomes, components }) {
  const gaps = [];
  const initiativeName = label("Initiative", initiative.Name, initiative.Id);
  const add = (code, message, recordId) => void gaps.push(recordId ? { code, message, recordId } : { code, message });
  if (isBlank(initiative.Purpose__c)) {
    add("PURPOSE_MISSING", `${initiativeName} has no purpose: fill in ${I2.Purpose__c}`, initiative.Id);
  }
  const primaries = outcomes.filter((outcome) => outcome.Priority__c === "Primary");
  if (primaries.length === 0) {
    add(
      "NO_PRIMARY_OUTCOME",
      `${initiativeName} has no primary outcome: add an outcome requirement with ${O.Priority__c} = Primary`,
      initiative.Id
    );
  }
  for (const outcome of primaries) {
    const name = label("Primary outcome", outcome.Description__c, outcome.Id);
    const quantity = quantityProblem(outcome);
    if (quantity) add("OUTCOME_QUANTITY_MISSING", `${name}: ${quantity}`, outcome.Id);
    const deadline = missingDeadlineFields(outcome);
    if (deadline.length > 0) add("OUTCOME_DEADLINE_MISSING", `${name} has no deadline: set ${deadline.join(", ")}`, outcome.Id);
    if (isBlank(outcome.Measurement_Method__c)) {
      add("OUTCOME_MEASUREMENT_METHOD_MISSING", `${name} says nothing of how it is measured: fill in ${O.Measurement_Method__c}`, outcome.Id);
    }
  }
  if (components.length === 0) {
    add(
      "NO_COMPONENTS",
      `${initiativeName} has no solution components: add the products sold to its opportunity (Opportunity Products), then run the handover again`,
      initiative.Id
    );
  }
  for (const component of components) {
    const name = label("Line", component.Name, component.Id);
    if (!component.Component_Type__c) add("COMPONENT_TYPE_MISSING", `${name} has no type: set ${S.Component_Type__c}`, component.Id);
    if (!component.Lifecycle__c) add("COMPONENT_LIFECYCLE_MISSING", `${name} has no lifecycle: set ${S.Lifecycle__c}`, component.Id);
    if (component.Lifecycle__c === "Renewable" && !component.Renewal_Date__c) {
      add(
        "RENEWAL_DATE_MISSING",
        `${name} is Renewable but has no renewal date: set ${S.Renewal_Date__c}, or ${LINE.End_Date__c} / ${LINE.Term_Months__c} on its line item so the sync can derive it`,
        component.Id
      );
    }
  }
  if (isBlank(initiative.CSM__c)) add("CSM_MISSING", `${initiativeName} has no CSM: assign one in ${I2.CSM__c}`, initiative.Id);
  return gaps;
}
function isBlank(text2) {
  return text2 == null || text2.trim() === "";
}
function label(kind, name, id) {
  const shortName = name && name.length > 60 ? `${name.slice(0, 57)}...` : name;
  if (shortName && id) return `${kind} "${shortName}" (${id})`;
  if (shortName) return `${kind} "${shortName}"`;
  return id ? `${kind} ${id}` : kind;
}

// src/core/risk.ts
var DEFAULT_RENEWAL_WINDOW_DAYS = 120;
var RISKY_STATUSES = ["Off Track", "At Risk", "Missed", "No Data"];
function renewalRisk({ initiative, outcomes, today, withinDays = DEFAULT_RENEWAL_WINDOW_DAYS }) {
  const renewalDate = initiative.Next_Renewal_Date__c;
  if (!renewalDate) return null;
  const daysToRenewal = daysBetween(today, renewalDate);
  if (daysToRenewal < 0 || daysToRenewal > withinDays) return null;
  const reasons = outcomes.filter((outcome) => outcome.Priority__c === "Primary").map((outcome) => ({ outcome, status: outcome.Status__c ?? "No Data" })).filter(({ status }) => RISKY_STATUSES.includes(status)).map(({ outcome, status }) => ({ outcomeId: outcome.Id ?? null, description: outcome.Description__c ?? "", status }));
  if (reasons.length === 0) return null;
  return {
    initiativeId: initiative.Id ?? null,
    initiativeName: initiative.Name ?? null,
    renewalDate,
    daysToRenewal,
    valueAtStake: valueAtStake(initiative),
    reasons
  };
}
function valueAtStake(initiative) {
  const renewable = initiative.Renewable_Annual_Value__c ?? 0;
  if (renewable > 0) return renewable;
  return initiative.Annual_Contract_Value__c ?? 0;
}
function sortRisks(risks) {
  return [...risks].sort((a, b) => daysBetween(b.renewalDate, a.renewalDate) || b.valueAtStake - a.valueAtStake);
}

// src/core/renewal.ts
var LINE2 = fieldsOf(OpportunityLineItemFields);
var PRODUCT = fieldsOf(Product2Fields);
function renewalDateOfLine(line) {
  if (line.endDate) return { date: line.endDate, basis: "line end date" };
  if (line.contractEndDate) return { date: line.contractEndDate, basis: "contract end date" };
  const start = line.serviceDate ?? line.closeDate ?? null;
  const term = line.termMonths ?? line.productDefaultTermMonths ?? null;
  const missing = [];
  if (start === null) missing.push("start (ServiceDate on the line or CloseDate on the Opportunity)");
  if (term === null) missing.push(`term (${LINE2.Term_Months__c} on the line or ${PRODUCT.Default_Term_Months__c} on the product)`);
  if (start === null || term === null) {
    return {
      date: null,
      reason: `No renewal date: the line has no ${LINE2.End_Date__c}, no Contract end date, and no ${missing.join(" and no ")}: set an end date or a term on the line`
    };
  }
  if (!Number.isInteger(term) || term <= 0) {
    return { date: null, reason: `No renewal date: the term of ${term} months is not a whole number of months above 0; correct ${LINE2.Term_Months__c} or ${PRODUCT.Default_Term_Months__c}` };
  }
  return { date: addDays(addMonths(start, term), -1), basis: "term" };
}

// src/core/health.ts
function outcomeHealth(outcomes) {
  const statuses = outcomes.filter((o) => o.Priority__c === "Primary").map((o) => o.Status__c ?? "No Data");
  if (statuses.some((s) => s === "Off Track" || s === "Missed")) return "Off Track";
  if (statuses.includes("At Risk")) return "At Risk";
  if (statuses.length === 0 || statuses.includes("No Data")) return "No Data";
  return "On Track";
}
export {
  BusinessCapability,
  DEADLINE_TYPES,
  DEFAULT_AT_RISK_THRESHOLD_PERCENT,
  DEFAULT_RENEWAL_WINDOW_DAYS,
  DIRECTIONS,
  HANDOVER_GAP_CODES,
  Initiative,
  MEASUREMENT_SOURCES,
  Measurement,
  OUTCOME_STATUSES,
  OpportunityFields,
  OutcomeComponent,
  OutcomeRequirement,
  PRIORITIES,
  QUANTITY_TYPES,
  RISKY_STATUSES,
  SolutionComponent,
  VALIDATION_STATUSES,
  addDays,
  assessOutcome,
  assessmentFields,
  compareDates,
  dateProblem,
  daysBetween,
  deadlineSummary,
  dueDateOf,
  fieldsOf,
  fromDayNumber,
  handoverGaps,
  isAfter,
  outcomeHealth,
  picklistLabel,
  quantitySummary,
  renewalDateOfLine,
  renewalRisk,
  resolvedTarget,
  sortRisks,
  toDayNumber,
  valueAtStake
};
