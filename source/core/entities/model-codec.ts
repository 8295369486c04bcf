/**
 * Compact encoding of the tagger's sparse weights: the non-zero entries only, as
 * [count: uint32][index gaps: LEB128 varints][values: int16 little-endian], base64-encoded.
 * Values are the float weights times `scale`, rounded; argmax decoding is scale-invariant.
 */
export function encodeWeights(weights: ArrayLike<number>, scale: number): string {
  const idx: number[] = [];
  const val: number[] = [];
  for (let i = 0; i < weights.length; i++) {
    const v = Math.max(-32767, Math.min(32767, Math.round(weights[i]! * scale)));
    if (v !== 0) {
      idx.push(i);
      val.push(v);
    }
  }
  const gaps: number[] = [];
  let last = -1;
  for (const i of idx) {
    let gap = i - last - 1;
    last = i;
    do {
      let b = gap & 0x7f;
      gap >>>= 7;
      if (gap > 0) b |= 0x80;
      gaps.push(b);
    } while (gap > 0);
  }
  const buf = Buffer.alloc(4 + gaps.length + 2 * val.length);
  buf.writeUInt32LE(idx.length, 0);
  Buffer.from(gaps).copy(buf, 4);
  let o = 4 + gaps.length;
  for (const v of val) {
    buf.writeInt16LE(v, o);
    o += 2;
  }
  return buf.toString('base64');
}

export function decodeWeights(base64: string, size: number): Int16Array {
  const buf = Buffer.from(base64, 'base64');
  const count = buf.readUInt32LE(0);
  const out = new Int16Array(size);
  const indices = new Int32Array(count);
  let o = 4;
  let last = -1;
  for (let k = 0; k < count; k++) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = buf[o++]!;
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    last = last + gap + 1;
    indices[k] = last;
  }
  // The values in one copy (little-endian, as written), then scattered.
  const values = new Int16Array(count);
  new Uint8Array(values.buffer).set(buf.subarray(o, o + 2 * count));
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) for (let k = 0; k < count; k++) values[k] = buf.readInt16LE(o + 2 * k);
  for (let k = 0; k < count; k++) {
    const i = indices[k]!;
    if (i >= 0 && i < size) out[i] = values[k]!;
  }
  return out;
}
