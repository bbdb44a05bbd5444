/** Tests run at a fixed instant (a mock of the outside world's clock): 22 Nov 2026, 10:00 Bangkok. */
export const FIXED_NOW = new Date("2026-11-22T03:00:00Z");
