/**
 * The day's readers as 64-bit fingerprints in one typed array (open addressing, linear probing):
 * about 16 bytes a reader, where a string in a `Set` costs about 80, and no garbage for the
 * collector to walk. A fingerprint is two 32-bit halves of a salted SHA-256, so the low half
 * is already uniformly spread and serves as the slot index.
 */
export class FingerprintSet {
  /** Pairs (lo, hi); (0, 0) marks an empty slot, so a real (0, 0) is stored as (1, 0). */
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 1 << 14) {
    let n = 1 << 10;
    while (n < capacity * 2) n *= 2;
    this.slots = new Uint32Array(n * 2);
    this.mask = n - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds a fingerprint; false when it was already there. */
  add(lo: number, hi: number): boolean {
    if (lo === 0 && hi === 0) lo = 1;
    const { slots, mask } = this;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const a = slots[i * 2]!;
      const b = slots[i * 2 + 1]!;
      if (a === 0 && b === 0) {
        slots[i * 2] = lo;
        slots[i * 2 + 1] = hi;
        // Grow at 70% full: probe runs stay short.
        if (++this.count * 10 > (mask + 1) * 7) this.grow();
        return true;
      }
      if (a === lo && b === hi) return false;
    }
  }

  has(lo: number, hi: number): boolean {
    if (lo === 0 && hi === 0) lo = 1;
    const { slots, mask } = this;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      const a = slots[i * 2]!;
      const b = slots[i * 2 + 1]!;
      if (a === 0 && b === 0) return false;
      if (a === lo && b === hi) return true;
    }
  }

  /** Adds every fingerprint of a block written by `encodeFingerprints`. */
  addBlock(block: Uint8Array): void {
    const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
    for (let off = 0; off + 8 <= block.byteLength; off += 8) this.add(view.getUint32(off, true), view.getUint32(off + 4, true));
  }

  clear(): void {
    this.slots = new Uint32Array(1 << 11);
    this.mask = (1 << 10) - 1;
    this.count = 0;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = old.length - 1;
    this.count = 0;
    for (let i = 0; i < old.length; i += 2) {
      const a = old[i]!;
      const b = old[i + 1]!;
      if (a !== 0 || b !== 0) this.add(a, b);
    }
  }
}

/** Fingerprints as stored: 8 bytes each, little-endian halves, one block per flush and day. */
export function encodeFingerprints(items: readonly { lo: number; hi: number }[]): Buffer {
  const out = Buffer.allocUnsafe(items.length * 8);
  for (let i = 0; i < items.length; i++) {
    out.writeUInt32LE(items[i]!.lo, i * 8);
    out.writeUInt32LE(items[i]!.hi, i * 8 + 4);
  }
  return out;
}
