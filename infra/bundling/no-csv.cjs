// fast-csv as the functions are bundled with it (an esbuild alias, see `bundling` in infra/app-function.ts):
// nothing. exceljs's workbook requires it for its CSV import and export, which the report's spreadsheet never
// uses; left in, it and its lodash helpers would add some 15 KB zipped to the report function.
module.exports = {};
