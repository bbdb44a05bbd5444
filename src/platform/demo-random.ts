/**
 * The demo data's random numbers: a fixed-seed PRNG, so every start produces the same demo panel.
 * mulberry32 (a 32-bit state, period 2³²) seeded by FNV-1a of a text key; normal variates by Box–Muller.
 * Pure and dependency-free; not for anything that needs real randomness.
 */

/** FNV-1a 32-bit hash of a text: one independent stream per key (programme × outcome). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded stream with uniform and standard-normal draws. */
export function demoRandom(key: string): { uniform: () => number; normal: () => number } {
  const u = mulberry32(fnv1a(key));
  return {
    uniform: u,
    // Box–Muller; 1 − u() keeps the logarithm's argument in (0, 1]
    normal: () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u()),
  };
}
