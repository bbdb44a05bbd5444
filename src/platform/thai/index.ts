// Public surface of the Thai kernel: pure, browser-safe helpers shared by the server and the web app.
export * from "./dates.js";
export * from "./fiscal-year.js";
export * from "./deadlines.js";
export * from "./segment.js";
export * from "./bahttext.js";
