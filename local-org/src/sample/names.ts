/** Word lists for people and companies: plausible, clearly fictional, and enough of them to stay unique at 10,000+ deals. */
import type { Industry } from './picklists.js';

export const FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Daniel', 'Sofia', 'Liam', 'Priya', 'Noah', 'Elena', 'Mateo',
  'Hannah', 'Omar', 'Chloe', 'Lucas', 'Yuki', 'Ethan', 'Amara', 'Jonas', 'Grace', 'Ravi',
  'Isabel', 'Tomás', 'Nadia', 'Samuel', 'Freya', 'Kwame', 'Laura', 'Felix', 'Mei', 'Diego',
  'Olivia', 'Arjun', 'Zoe', 'Henrik', 'Leila', 'Marco', 'Ingrid', 'Caleb', 'Fatima', 'Jakob',
] as const;

export const LAST_NAMES = [
  'Lopez', 'Chen', 'Okafor', 'Schmidt', 'Rossi', 'Nguyen', 'Patel', 'Johansson', 'Murphy', 'Kowalski',
  'Haddad', 'Tanaka', 'Silva', 'Fischer', 'Brennan', 'Dubois', 'Mensah', 'Novak', 'García', 'Lindqvist',
  'Ahmed', 'Moreau', 'Kim', 'Rahman', 'Costa', 'Bauer', 'Walsh', 'Ivanova', 'Santos', 'Berg',
  'Reyes', 'Adeyemi', 'Larsen', 'Petrov', 'Sato', 'Hughes', 'Varga', 'Mendes', 'Byrne', 'Wagner',
] as const;

export const COMPANY_PREFIXES = [
  'Northwind', 'Bluepeak', 'Harborview', 'Ironbridge', 'Silverline', 'Redwood', 'Clearwater', 'Summit',
  'Lakeshore', 'Granite', 'Brightfield', 'Oakridge', 'Westgate', 'Evergreen', 'Stonebrook', 'Falcon',
  'Meridian', 'Crescent', 'Highland', 'Riverside', 'Sterling', 'Pinecrest', 'Coastal', 'Aurora',
  'Keystone', 'Maplewood', 'Cobalt', 'Larkspur', 'Copperfield', 'Whitestone', 'Bayside', 'Foxglove',
  'Northstar', 'Elmhurst', 'Sunridge', 'Blackwater', 'Greystone', 'Fairhaven', 'Windmere', 'Kingsley',
] as const;

/** Industry-flavoured middle words and legal-form endings: "Ironbridge Precision Components". */
export const COMPANY_WORDS: Readonly<Record<Industry, { readonly cores: readonly string[]; readonly endings: readonly string[] }>> = {
  Banking: { cores: ['Savings', 'Capital', 'Trust', 'Commercial', 'Mutual', 'Federal'], endings: ['Bank', 'Bancorp', 'Financial', 'Credit Union'] },
  Healthcare: { cores: ['Health', 'Medical', 'Care', 'Clinical', 'Family', 'Regional'], endings: ['Partners', 'Network', 'Hospitals', 'Clinics'] },
  Manufacturing: { cores: ['Precision', 'Industrial', 'Metalworks', 'Plastics', 'Tooling', 'Components'], endings: ['Manufacturing', 'Industries', 'GmbH', 'Inc.'] },
  Retail: { cores: ['Outfitters', 'Home', 'Market', 'Grocers', 'Fashion', 'Goods'], endings: ['Stores', 'Retail Group', 'Co.', 'Brands'] },
  Technology: { cores: ['Software', 'Data', 'Cloud', 'Systems', 'Logic', 'Digital'], endings: ['Labs', 'Technologies', 'Inc.', 'Solutions'] },
  Telecommunications: { cores: ['Telecom', 'Fiber', 'Mobile', 'Networks', 'Broadband', 'Wireless'], endings: ['Communications', 'Telecom', 'Group', 'Ltd.'] },
  Energy: { cores: ['Power', 'Renewables', 'Grid', 'Solar', 'Wind', 'Utilities'], endings: ['Energy', 'Power Co.', 'Group', 'AG'] },
  Insurance: { cores: ['Mutual', 'Assurance', 'Life', 'Casualty', 'General', 'Indemnity'], endings: ['Insurance', 'Insurance Group', 'Underwriters', 'plc'] },
  Transportation: { cores: ['Freight', 'Logistics', 'Rail', 'Shipping', 'Transit', 'Cargo'], endings: ['Lines', 'Logistics', 'Transport', 'Carriers'] },
  Education: { cores: ['State', 'Community', 'Technical', 'Learning', 'Academy', 'Polytechnic'], endings: ['University', 'College', 'Institute', 'Schools'] },
};

export const COUNTRIES = [
  ['United States', 40],
  ['United Kingdom', 12],
  ['Germany', 12],
  ['Canada', 8],
  ['France', 7],
  ['Netherlands', 5],
  ['Australia', 5],
  ['Japan', 4],
  ['Sweden', 4],
  ['Brazil', 3],
] as const;

/** Employee bands with a revenue-per-employee range, so AnnualRevenue fits NumberOfEmployees. */
export const COMPANY_SIZES = [
  { employees: [80, 500], weight: 30 },
  { employees: [500, 5_000], weight: 45 },
  { employees: [5_000, 60_000], weight: 25 },
] as const;
