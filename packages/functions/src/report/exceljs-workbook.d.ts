// The workbook class alone (see workbook.ts for why not the package's entry); its types are the package's own.
declare module "exceljs/lib/doc/workbook.js" {
  import type { Workbook } from "exceljs";
  const WorkbookClass: typeof Workbook;
  export default WorkbookClass;
}
