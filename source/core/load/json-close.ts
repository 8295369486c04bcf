const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** What the innermost open container expects next. */
const enum Expect {
  /** After `{` or a comma in an object. */
  Key,
  /** After a key. */
  Colon,
  /** After `[`, a comma in an array, a colon, or at the very start. */
  Value,
  /** After a complete value. */
  Comma,
}

const IN_OBJECT = 1;
const IN_ARRAY = 2;

/**
 * The first bytes of a JSON value cut at a size cap, closed into valid JSON, so a record longer
 * than the cap still gives its article (up to the cap): an open string is ended (without a split
 * escape or a split UTF-8 character), a dangling key gets `null`, a dangling value is dropped for
 * `null`, open arrays and objects are closed. Undefined when nothing of a value was read.
 * The result may still fail to parse if the bytes were not JSON to begin with.
 */
export function closeCutJson(bytes: Uint8Array): Uint8Array | undefined {
  const stack = new ContainerStack();
  let expect: Expect = Expect.Value;
  let inString = false;
  let escapeAt = -1;
  let unicodeDigits = 0;
  let literalAt = -1;
  const endValue = () => {
    expect = Expect.Comma;
    literalAt = -1;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (unicodeDigits > 0) {
        unicodeDigits--;
        if (unicodeDigits === 0) escapeAt = -1;
      } else if (escapeAt >= 0) {
        if (b === 0x75) unicodeDigits = 4; // \uXXXX
        else escapeAt = -1;
      } else if (b === BACKSLASH) {
        escapeAt = i;
      } else if (b === QUOTE) {
        inString = false;
        expect = expect === Expect.Key ? Expect.Colon : Expect.Comma;
      }
      continue;
    }
    switch (b) {
      case 0x20:
      case 0x0a:
      case 0x0d:
      case 0x09:
        if (literalAt >= 0) endValue();
        break;
      case QUOTE:
        inString = true;
        break;
      case OPEN_BRACE:
        stack.push(IN_OBJECT);
        expect = Expect.Key;
        break;
      case OPEN_BRACKET:
        stack.push(IN_ARRAY);
        expect = Expect.Value;
        break;
      case CLOSE_BRACE:
      case CLOSE_BRACKET:
        stack.pop();
        endValue();
        break;
      case COLON:
        expect = Expect.Value;
        literalAt = -1;
        break;
      case COMMA:
        expect = stack.top() === IN_OBJECT ? Expect.Key : Expect.Value;
        literalAt = -1;
        break;
      default:
        if (literalAt < 0) literalAt = i;
    }
  }

  let cut = bytes.length;
  let suffix = '';
  if (inString) {
    if (escapeAt >= 0) cut = escapeAt;
    cut = withoutSplitCharacter(bytes, cut);
    suffix = '"';
    expect = expect === Expect.Key ? Expect.Colon : Expect.Comma;
  } else if (literalAt >= 0) {
    // A number or literal cut anywhere may be wrong (`tru`, `12` of `125`): drop it.
    cut = literalAt;
  }
  if (expect === Expect.Key) suffix += '"":null';
  else if (expect === Expect.Colon) suffix += ':null';
  else if (expect === Expect.Value) {
    if (stack.depth === 0) return undefined;
    suffix += 'null';
  }
  suffix += stack.closers();
  const closed = new Uint8Array(cut + suffix.length);
  closed.set(bytes.subarray(0, cut));
  for (let i = 0; i < suffix.length; i++) closed[cut + i] = suffix.charCodeAt(i);
  return closed;
}

/** `cut`, moved back before a UTF-8 sequence that the cut split (which would fail strict decoding). */
function withoutSplitCharacter(bytes: Uint8Array, cut: number): number {
  let lead = cut - 1;
  while (lead >= 0 && lead > cut - 4 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return cut;
  const b = bytes[lead]!;
  const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
  return lead + length > cut ? lead : cut;
}

/** Open containers, innermost last; as deep as the input (JSON.parse itself copes with 100,000 levels). */
class ContainerStack {
  private kinds = new Uint8Array(64);
  depth = 0;

  push(kind: number): void {
    if (this.depth === this.kinds.length) {
      const grown = new Uint8Array(this.kinds.length * 2);
      grown.set(this.kinds);
      this.kinds = grown;
    }
    this.kinds[this.depth++] = kind;
  }

  pop(): void {
    if (this.depth > 0) this.depth--;
  }

  top(): number {
    return this.depth > 0 ? this.kinds[this.depth - 1]! : 0;
  }

  /** The brackets that close every open container, innermost first. */
  closers(): string {
    let out = '';
    for (let i = this.depth - 1; i >= 0; i--) out += this.kinds[i] === IN_OBJECT ? '}' : ']';
    return out;
  }
}
