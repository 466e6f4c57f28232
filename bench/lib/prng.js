// mulberry32: a small seeded generator of floats in [0, 1), for the fuzz benchmark and for tests whose
// random cases must be the same on every run (a failing seed can be run again exactly).
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
