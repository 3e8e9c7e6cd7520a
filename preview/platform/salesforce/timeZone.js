// @salesforce/i18n/timeZone in the preview: the browser's zone stands in for the user's Salesforce setting.
export default Intl.DateTimeFormat().resolvedOptions().timeZone;
