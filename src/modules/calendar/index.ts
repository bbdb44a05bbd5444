export { calendarModule } from "./module.js";
export { holidaySet } from "./list-holidays.js";
